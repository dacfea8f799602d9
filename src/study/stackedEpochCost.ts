/**
 * Seconds of one member's epoch in a stacked group, as a function of the group's size.
 * A group of k members trains as one model; each epoch's time is split evenly over its
 * members, so a member's share is (perGroup + perMember x k) / k = perMember + perGroup / k:
 * a part that does not grow with the members (the batches' dispatch, the evaluation calls)
 * and a part that does. Both scale with the share of the rows the group trains on (the
 * number of batches is proportional to the rows).
 */

/** What the fit reads of a finished run. */
export interface StackedEpochSample {
  epochsRun: number;
  trainingSeconds: number;
  /** Members of its stacked group (1 when alone). */
  groupSize: number;
  /** Share of the training split it trained on (default 1). */
  rowShare?: number;
}

/** A member's seconds per epoch on every training row in a group of k: perMember + perGroup / k. */
export interface StackedEpochCost {
  perMember: number;
  perGroup: number;
}

/** A member's seconds per epoch on a share `rowShare` of the rows in a group of `groupSize`. */
export function memberEpochSeconds(cost: StackedEpochCost, groupSize: number, rowShare = 1): number {
  return rowShare * (cost.perMember + cost.perGroup / groupSize);
}

/**
 * Fits {@link StackedEpochCost} to finished runs by weighted least squares of each run's
 * seconds per row-epoch, trainingSeconds / (epochsRun x rowShare), on 1 / groupSize, each
 * run weighted by its row-epochs. When the runs do not tell the two parts apart (one group
 * size, or a fit below 0 in either part) the per-group part is 0 and the per-member part is
 * the plain ratio sum(seconds) / sum(row-epochs). NaN parts without any row-epoch.
 */
export function fitStackedEpochCost(samples: StackedEpochSample[]): StackedEpochCost {
  const points = samples
    .map((sample) => ({
      x: 1 / Math.max(1, sample.groupSize),
      weight: sample.epochsRun * (sample.rowShare ?? 1),
      seconds: Number.isFinite(sample.trainingSeconds) ? sample.trainingSeconds : 0,
    }))
    .filter((point) => point.weight > 0);
  const weight = points.reduce((sum, point) => sum + point.weight, 0);
  if (weight === 0) return { perMember: Number.NaN, perGroup: Number.NaN };
  const mean = points.reduce((sum, point) => sum + point.seconds, 0) / weight;
  const meanX = points.reduce((sum, point) => sum + point.weight * point.x, 0) / weight;
  const spread = points.reduce((sum, point) => sum + point.weight * (point.x - meanX) ** 2, 0);
  const flat = { perMember: mean, perGroup: 0 };
  if (spread < 1e-12 * weight) return flat;
  // y = seconds / weight per point; sum of w (x - meanX)(y - mean) = sum of (x - meanX) x seconds.
  const covariance = points.reduce((sum, point) => sum + (point.x - meanX) * point.seconds, 0);
  const perGroup = covariance / spread;
  const perMember = mean - perGroup * meanX;
  return perGroup >= 0 && perMember >= 0 ? { perMember, perGroup } : flat;
}
