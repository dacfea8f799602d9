/**
 * Pairing runs by seed: the one place where "A − C over seeds" is computed and written.
 * Tables of the pipeline, the report and the study all format paired differences through
 * here, so they agree to the digit.
 */
import { holmAdjust, minimalDetectableEffect, pairedConfidenceInterval, type PairedInterval } from './pairedInference';
import { mean, pairedTTest, type PairedTTestResult } from './statistics';

/** Anything with a seed (a pipeline run summary, a report run, a study run). */
export interface Seeded {
  seed: number;
}

/** The runs of `first` and `second` that share a seed, in ascending seed order, with their score differences. */
export interface SeedPairs {
  seeds: number[];
  /** score(first) − score(second), one per shared seed. */
  differences: number[];
  firstScores: number[];
  secondScores: number[];
}

/** Pair `first` with `second` by seed (runs without a partner are left out) and take `score(first) − score(second)`. */
export function pairBySeed<Run extends Seeded>(first: Run[], second: Run[], score: (run: Run) => number): SeedPairs {
  const bySeed = new Map(second.map((run) => [run.seed, run]));
  const shared = first.filter((run) => bySeed.has(run.seed)).sort((a, b) => a.seed - b.seed);
  const firstScores = shared.map(score);
  const secondScores = shared.map((run) => score(bySeed.get(run.seed)!));
  return {
    seeds: shared.map((run) => run.seed),
    differences: firstScores.map((value, index) => value - secondScores[index]),
    firstScores,
    secondScores,
  };
}

/** The paired two-sided t-test of `score(first)` against `score(second)` over shared seeds; undefined below 2 pairs. */
export function pairedBySeedTest<Run extends Seeded>(
  first: Run[],
  second: Run[],
  score: (run: Run) => number,
): (PairedTTestResult & { pairs: number }) | undefined {
  const pairs = pairBySeed(first, second, score);
  if (pairs.seeds.length < 2) return undefined;
  return { ...pairedTTest(pairs.firstScores, pairs.secondScores), pairs: pairs.seeds.length };
}

/** A p-value as the tables print it: three decimals, '<0.001' below, 'n/a' when undefined. */
export function formatPValue(pValue: number, { spaced = false }: { spaced?: boolean } = {}): string {
  if (Number.isNaN(pValue)) return 'n/a';
  return pValue < 0.001 ? (spaced ? '< 0.001' : '<0.001') : pValue.toFixed(3);
}

/** A signed difference, 4 decimals by default ('+0.0123', '−' as '-'). */
export function formatSignedDifference(value: number, digits = 4): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

/** A paired comparison over seeds: the mean difference, its 95 % interval and the two-sided paired t-test. */
export interface PairedDifference extends PairedInterval {
  t: number;
  /** two-sided p-value of "no difference" */
  pValue: number;
}

/** The mean difference, 95 % t interval and two-sided paired t-test of `differences` (2 or more). */
export function pairedDifference(differences: number[]): PairedDifference {
  const interval = pairedConfidenceInterval(differences);
  const test = pairedTTest(
    differences,
    differences.map(() => 0),
  );
  return { ...interval, t: test.t, pValue: test.pValue };
}

/** {@link pairedDifference} of `score(first) − score(second)` over shared seeds; undefined below 2 pairs. */
export function pairedBySeedDifference<Run extends Seeded>(
  first: Run[],
  second: Run[],
  score: (run: Run) => number,
): PairedDifference | undefined {
  const pairs = pairBySeed(first, second, score);
  return pairs.seeds.length < 2 ? undefined : pairedDifference(pairs.differences);
}

/**
 * A paired difference as every table writes it: "+0.0020 [+0.0006, +0.0035] p 0.017, n 5"
 * (mean, 95 % interval, two-sided p, pairs); with `holmPValue` (the comparison is one of a
 * family) the Holm-adjusted p beside the raw one: "p 0.017 (Holm 0.051)".
 */
export function formatPairedDifference(
  difference: PairedDifference,
  { holmPValue, digits = 4 }: { holmPValue?: number; digits?: number } = {},
): string {
  const signed = (value: number) => formatSignedDifference(value, digits);
  const holm = holmPValue === undefined ? '' : ` (Holm ${formatPValue(holmPValue)})`;
  return `${signed(difference.meanDifference)} [${signed(difference.low)}, ${signed(difference.high)}] p ${formatPValue(difference.pValue)}${holm}, n ${difference.pairs}`;
}

/**
 * The cells of one family of paired comparisons (a table): each formatted with its
 * Holm-adjusted p over the family's comparisons ('' where a comparison could not be made;
 * a family of one prints no Holm p, it would equal the raw one).
 */
export function pairedFamilyCells(differences: Array<PairedDifference | undefined>, digits = 4): string[] {
  const made = differences.filter((difference): difference is PairedDifference => difference !== undefined);
  const adjusted = holmAdjust(made.map((difference) => difference.pValue));
  const holmOf = new Map(made.map((difference, index) => [difference, adjusted[index]]));
  return differences.map((difference) =>
    difference === undefined
      ? ''
      : formatPairedDifference(difference, {
          holmPValue: made.length > 1 ? holmOf.get(difference) : undefined,
          digits,
        }),
  );
}

/**
 * The line printed under a family of paired comparisons: the minimal detectable effect
 * ({@link minimalDetectableEffect}, alpha 0.05 two-sided, power 0.8) at the family's
 * smallest number of pairs, from the SD of the differences pooled over its comparisons
 * (root mean variance). `points`: the scores are fractions (accuracy), also said in points.
 * Undefined for an empty family.
 */
export function minimalDetectableEffectLine(
  differences: Array<PairedDifference | undefined>,
  { points = true, digits = 4 }: { points?: boolean; digits?: number } = {},
): string | undefined {
  const made = differences.filter((difference): difference is PairedDifference => difference !== undefined);
  if (made.length === 0) return undefined;
  const pairs = Math.min(...made.map((difference) => difference.pairs));
  const pooled = Math.sqrt(mean(made.map((difference) => difference.standardDeviation ** 2)));
  const effect = minimalDetectableEffect(pooled, pairs);
  const inPoints = points ? ` (${(effect * 100).toFixed(2)} points)` : '';
  const over = made.length > 1 ? `, pooled over ${made.length} comparisons` : '';
  return (
    `With ${pairs} seeds, a difference smaller than about ${effect.toFixed(digits)}${inPoints} cannot be told from 0 ` +
    `(80 % power, alpha 0.05 two-sided), from the observed SD of the differences (${pooled.toFixed(digits)}${over}).`
  );
}

/**
 * A paired difference cell: "+0.0065 [+0.0021, +0.0109] p 0.004, n 5"; '' below 2 shared
 * seeds, or with `singlePair` the one difference as "+0.0065 (n 1)".
 */
export function pairedDifferenceCell<Run extends Seeded>(
  first: Run[],
  second: Run[],
  score: (run: Run) => number,
  { singlePair = false }: { singlePair?: boolean } = {},
): string {
  const difference = pairedBySeedDifference(first, second, score);
  if (difference) return formatPairedDifference(difference);
  if (!singlePair) return '';
  const pairs = pairBySeed(first, second, score);
  return pairs.seeds.length === 1 ? `${formatSignedDifference(pairs.differences[0])} (n 1)` : '';
}
