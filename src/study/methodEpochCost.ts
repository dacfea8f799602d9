/**
 * Seconds of a member's epoch by method: methods differ in what a step computes (a professor
 * or a composed teacher runs extra forward passes, DKD splits its logits), so one price per
 * role over-prices cheap methods and under-prices costly ones. The model is multiplicative:
 *
 *   seconds of a member-epoch of method m in a group of k = factor(m) x (perMember + perGroup / k)
 *
 * with the group-size part from fitStackedEpochCost. Members of a stacked group share its
 * time evenly, so a method only ever trained in one mix gets that mix's mean factor, which
 * prices that mix right.
 */
import {
  fitStackedEpochCost,
  memberEpochSeconds,
  type StackedEpochCost,
  type StackedEpochSample,
} from './stackedEpochCost';

/** A finished run as the fit reads it: its method beside its epochs, seconds and group. */
export interface MethodEpochSample extends StackedEpochSample {
  method: string;
}

/** The group-size fit and each method's factor on it (the row-epoch weighted mean factor is 1). */
export interface MethodEpochCost {
  cost: StackedEpochCost;
  factors: Map<string, number>;
}

const rowEpochs = (sample: StackedEpochSample) => sample.epochsRun * (sample.rowShare ?? 1);
const secondsOf = (sample: StackedEpochSample) =>
  Number.isFinite(sample.trainingSeconds) ? sample.trainingSeconds : 0;

/**
 * Fits {@link MethodEpochCost} by alternating, `rounds` times: the group-size fit on each
 * run's seconds divided by its method's factor, then each method's factor as the
 * {@link quietQuantile} of its runs' ratios of measured seconds to what the fit prices them at
 * (weighted by row-epochs); the factors are then scaled to a row-epoch weighted mean of 1 and
 * every part of the fit by the inverse, so that a run's price, factor x fit, is unchanged.
 * NaN cost and no factors without any row-epoch.
 */
export function fitMethodEpochCost(samples: MethodEpochSample[], rounds = 5): MethodEpochCost {
  const used = samples.filter((sample) => rowEpochs(sample) > 0);
  let factors = new Map<string, number>(used.map((sample) => [sample.method, 1]));
  let cost = fitStackedEpochCost(used);
  if (!Number.isFinite(cost.perMember)) return { cost, factors: new Map() };
  for (let round = 0; round < rounds; round++) {
    cost = fitStackedEpochCost(
      used.map((sample) => ({ ...sample, trainingSeconds: secondsOf(sample) / factors.get(sample.method)! })),
    );
    const ratios = new Map<string, Array<{ ratio: number; weight: number }>>();
    for (const sample of used) {
      const priced = sample.epochsRun * memberEpochSeconds(cost, Math.max(1, sample.groupSize), sample.rowShare);
      if (!(priced > 0)) continue;
      ratios.set(sample.method, [
        ...(ratios.get(sample.method) ?? []),
        { ratio: secondsOf(sample) / priced, weight: rowEpochs(sample) },
      ]);
    }
    // A method whose runs the fit prices at nothing keeps the factor 1.
    factors = new Map([...factors.keys()].map((method) => [method, 1]));
    for (const [method, values] of ratios) factors.set(method, weightedQuantile(values, quietQuantile) ?? 1);
  }
  const weight = used.reduce((sum, sample) => sum + rowEpochs(sample), 0);
  const mean = used.reduce((sum, sample) => sum + rowEpochs(sample) * factors.get(sample.method)!, 0) / weight;
  const scaled = Object.fromEntries(
    Object.entries(cost).map(([part, seconds]) => [part, (seconds as number) * mean]),
  ) as unknown as StackedEpochCost;
  return { cost: scaled, factors: new Map([...factors].map(([method, factor]) => [method, factor / mean])) };
}

/** The mean factor of some runs' methods weighted by their epochs (a method not fitted counts 1). */
export function groupFactor(
  runs: Array<{ method: string; epochs: number }>,
  factors: ReadonlyMap<string, number>,
): number {
  const epochs = runs.reduce((sum, run) => sum + run.epochs, 0);
  if (epochs <= 0) return 1;
  return runs.reduce((sum, run) => sum + run.epochs * (factors.get(run.method) ?? 1), 0) / epochs;
}

/**
 * The quantile of a method's runs' ratios (measured / priced by the group-size fit) that
 * makes its factor: the lower quartile. Other jobs on the machine only ever slow a run down,
 * so the spread above the quiet cost is one-sided (on this 2-core machine the same A and B
 * groups took from 0.21 to 0.40 s per member-epoch over a day); like a benchmark taking the
 * fastest repetitions, the lower quartile estimates the quiet machine, the mean the average
 * load. A study on a busy machine takes longer than predicted.
 */
export const quietQuantile = 0.25;

/** The weighted `quantile` of some values (the first whose cumulative weight reaches it); undefined when empty. */
export function weightedQuantile(
  values: Array<{ ratio: number; weight: number }>,
  quantile: number,
): number | undefined {
  const sorted = values.filter((value) => value.weight > 0).sort((a, b) => a.ratio - b.ratio);
  const total = sorted.reduce((sum, value) => sum + value.weight, 0);
  let seen = 0;
  for (const value of sorted) {
    seen += value.weight;
    if (seen >= total * quantile) return value.ratio;
  }
  return undefined;
}
