/**
 * Pairing runs by seed: the one place where "A − C over seeds" is computed and written.
 * Tables of the pipeline, the report and the study all format paired differences through
 * here, so they agree to the digit.
 */
import { pairedTTest, type PairedTTestResult } from './statistics';

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

/**
 * A paired difference cell: "+0.0065 (p 0.004, n 5)"; '' below 2 shared seeds, or with
 * `singlePair` the one difference as "+0.0065 (n 1)".
 */
export function pairedDifferenceCell<Run extends Seeded>(
  first: Run[],
  second: Run[],
  score: (run: Run) => number,
  { singlePair = false }: { singlePair?: boolean } = {},
): string {
  const test = pairedBySeedTest(first, second, score);
  if (test) return `${formatSignedDifference(test.meanDifference)} (p ${formatPValue(test.pValue)}, n ${test.pairs})`;
  if (!singlePair) return '';
  const pairs = pairBySeed(first, second, score);
  return pairs.seeds.length === 1 ? `${formatSignedDifference(pairs.differences[0])} (n 1)` : '';
}
