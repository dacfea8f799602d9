/**
 * Seconds of one member's epoch in a stacked group, as a function of the group's size and of
 * the share of the training rows it trains on. A group of k members trains as one model; each
 * epoch's time is split evenly over its members, so a member's share of a part that does not
 * grow with the members (the batches' dispatch) is that part / k. Training scales with the rows
 * (the number of batches is proportional to them); scoring the validation split every epoch
 * does not, which matters on few labels (a run on 10 % of Fashion-MNIST's rows trains on 5,400
 * images and still scores 6,000):
 *
 *   member-epoch seconds = rowShare x (perMember + perGroup / k) + fixedPerMember + fixedPerGroup / k
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

/**
 * A member's seconds per epoch (see the formula above): perMember + perGroup / k on every
 * training row, and the parts that do not scale with the rows (absent: 0).
 */
export interface StackedEpochCost {
  perMember: number;
  perGroup: number;
  fixedPerMember?: number;
  fixedPerGroup?: number;
}

/** A member's seconds per epoch on a share `rowShare` of the rows in a group of `groupSize`. */
export function memberEpochSeconds(cost: StackedEpochCost, groupSize: number, rowShare = 1): number {
  return (
    rowShare * (cost.perMember + cost.perGroup / groupSize) +
    (cost.fixedPerMember ?? 0) +
    (cost.fixedPerGroup ?? 0) / groupSize
  );
}

/** The four parts in the order a tie between equally good fits prefers them. */
const parts = ['perMember', 'perGroup', 'fixedPerMember', 'fixedPerGroup'] as const;

/** The four parts' regressors for a member-epoch of a run on `share` of the rows in a group of `size`. */
function regressors(share: number, size: number): number[] {
  return [share, share / size, 1, 1 / size];
}

/** Solves the symmetric system `a x = b` by Gaussian elimination with pivoting; undefined when (near) singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, index) => [...row, b[index]]);
  const scale = Math.max(1e-300, ...a.map((row, index) => Math.abs(row[index])));
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) if (Math.abs(m[row][column]) > Math.abs(m[pivot][column])) pivot = row;
    if (Math.abs(m[pivot][column]) < 1e-10 * scale) return undefined;
    [m[column], m[pivot]] = [m[pivot], m[column]];
    for (let row = 0; row < n; row++) {
      if (row === column) continue;
      const ratio = m[row][column] / m[column][column];
      for (let k = column; k <= n; k++) m[row][k] -= ratio * m[column][k];
    }
  }
  return m.map((row, index) => row[n] / row[index]);
}

/**
 * Fits {@link StackedEpochCost} to finished runs by non-negative weighted least squares of
 * each run's seconds per epoch (trainingSeconds / epochsRun) on the four regressors, each run
 * weighted by its epochs: every subset of the parts is fitted by plain least squares, and the
 * best fit whose parts are all >= 0 wins (which is the non-negative least-squares optimum);
 * among fits within 1e-9 of it, the one with the fewest parts, then the earlier parts
 * (perMember, perGroup, fixedPerMember, fixedPerGroup). So runs that do not tell the parts
 * apart give the old answers: one row share, perMember + perGroup / k; one group size too,
 * the plain seconds per row-epoch; a per-group part below 0 (bigger groups slower per member,
 * a busy machine), perMember alone. NaN parts without any epoch.
 */
export function fitStackedEpochCost(samples: StackedEpochSample[]): StackedEpochCost {
  const points = samples
    .filter((sample) => sample.epochsRun > 0 && (sample.rowShare ?? 1) > 0)
    .map((sample) => ({
      x: regressors(sample.rowShare ?? 1, Math.max(1, sample.groupSize)),
      weight: sample.epochsRun,
      y: (Number.isFinite(sample.trainingSeconds) ? sample.trainingSeconds : 0) / sample.epochsRun,
    }));
  if (points.length === 0) return { perMember: Number.NaN, perGroup: Number.NaN };
  const total = points.reduce((sum, point) => sum + point.weight * point.y * point.y, 0);
  let best: { used: number[]; values: number[]; error: number } | undefined;
  for (let mask = 1; mask < 1 << parts.length; mask++) {
    const used = parts.map((_, index) => index).filter((index) => mask & (1 << index));
    const gram = used.map((i) => used.map((j) => points.reduce((sum, p) => sum + p.weight * p.x[i] * p.x[j], 0)));
    const moment = used.map((i) => points.reduce((sum, p) => sum + p.weight * p.x[i] * p.y, 0));
    const values = solve(gram, moment);
    if (!values || values.some((value) => value < 0)) continue;
    const error = points.reduce((sum, p) => {
      const fitted = used.reduce((acc, index, position) => acc + values[position] * p.x[index], 0);
      return sum + p.weight * (p.y - fitted) ** 2;
    }, 0);
    const tolerance = 1e-9 * Math.max(total, 1e-300);
    const better =
      !best ||
      error < best.error - tolerance ||
      (Math.abs(error - best.error) <= tolerance &&
        (used.length < best.used.length || (used.length === best.used.length && mask < maskOf(best.used))));
    if (better) best = { used, values, error };
  }
  if (!best) return { perMember: Number.NaN, perGroup: Number.NaN };
  const { used, values } = best;
  const fit: StackedEpochCost = { perMember: 0, perGroup: 0 };
  used.forEach((index, position) => {
    if (index < 2 || values[position] > 0) fit[parts[index]] = values[position];
  });
  return fit;
}

function maskOf(used: number[]): number {
  return used.reduce((mask, index) => mask | (1 << index), 0);
}
