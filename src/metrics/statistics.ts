import { normalUpperTail, studentTTwoSidedPValue } from './distributions';

function requireValues(values: number[], minimum: number, functionName: string): void {
  if (!Array.isArray(values) || values.length < minimum) {
    throw new Error(
      `${functionName}: needs at least ${minimum} value(s), got ${Array.isArray(values) ? values.length : typeof values}`,
    );
  }
}

/** Arithmetic mean; throws on an empty list. */
export function mean(values: number[]): number {
  requireValues(values, 1, 'mean');
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Sample standard deviation (divides by n - 1); throws with fewer than two values. */
export function standardDeviation(values: number[]): number {
  requireValues(values, 2, 'standardDeviation');
  const center = mean(values);
  const squares = values.reduce((sum, value) => sum + (value - center) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

/** `mean ± sample standard deviation` with `digits` decimals, e.g. `0.5861 ± 0.0042`; one value gives `0.5861 (n = 1)`. */
export function formatMeanStd(values: number[], digits = 4): string {
  requireValues(values, 1, 'formatMeanStd');
  if (values.length === 1) return `${values[0].toFixed(digits)} (n = 1)`;
  return `${mean(values).toFixed(digits)} ± ${standardDeviation(values).toFixed(digits)}`;
}

/** Result of {@link pairedTTest}. */
export interface PairedTTestResult {
  /** mean of a[i] - b[i] */
  meanDifference: number;
  /** sample standard deviation of the differences */
  standardDeviation: number;
  /** meanDifference / (standardDeviation / √n) */
  t: number;
  /** n - 1 */
  degreesOfFreedom: number;
  /** two-sided p-value from Student's t distribution */
  pValue: number;
}

function requirePairs(a: number[], b: number[], minimum: number, functionName: string): number[] {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
    throw new Error(`${functionName}: a and b must be paired lists of equal length, got ${a?.length} and ${b?.length}`);
  }
  if (a.length < minimum) throw new Error(`${functionName}: needs at least ${minimum} pairs, got ${a.length}`);
  return a.map((value, index) => {
    const difference = value - b[index];
    if (!Number.isFinite(difference))
      throw new Error(`${functionName}: pair ${index} (${value}, ${b[index]}) is not finite`);
    return difference;
  });
}

/**
 * Two-sided paired t-test of a against b (e.g. the same seeds under two methods), as
 * SciPy's `ttest_rel`: d = a - b, t = mean(d) / (sd(d) / √n), n - 1 degrees of freedom,
 * p = I_{ν/(ν+t²)}(ν/2, 1/2). All differences equal and nonzero gives t = ±Infinity and
 * p = 0; all differences zero gives t = NaN and p = NaN (SciPy does the same).
 */
export function pairedTTest(a: number[], b: number[]): PairedTTestResult {
  const differences = requirePairs(a, b, 2, 'pairedTTest');
  const meanDifference = mean(differences);
  const deviation = standardDeviation(differences);
  const degreesOfFreedom = differences.length - 1;
  const t = meanDifference / (deviation / Math.sqrt(differences.length));
  return {
    meanDifference,
    standardDeviation: deviation,
    t,
    degreesOfFreedom,
    pValue: studentTTwoSidedPValue(t, degreesOfFreedom),
  };
}

/** Result of {@link wilcoxonSignedRank}. */
export interface WilcoxonResult {
  /** min(W+, W-): the smaller rank sum (SciPy's two-sided statistic) */
  statistic: number;
  /** rank sum of positive differences a - b */
  positiveRankSum: number;
  /** pairs left after dropping zero differences */
  pairCount: number;
  /** two-sided p-value */
  pValue: number;
  /** exact null distribution (no ties, n <= 50) or normal approximation with tie correction */
  method: 'exact' | 'normal';
}

/**
 * Two-sided Wilcoxon signed-rank test of a against b. Zero differences are dropped (SciPy's
 * `zero_method='wilcox'`); absolute differences are ranked with average ranks for ties.
 * Without ties and with at most 50 pairs the p-value comes from the exact null distribution
 * (p = min(1, 2·P(W <= statistic))); otherwise from the normal approximation with the tie
 * correction and no continuity correction (SciPy `method='asymptotic', correction=False`).
 */
export function wilcoxonSignedRank(a: number[], b: number[]): WilcoxonResult {
  const differences = requirePairs(a, b, 1, 'wilcoxonSignedRank').filter((difference) => difference !== 0);
  const n = differences.length;
  if (n === 0) throw new Error('wilcoxonSignedRank: every difference is zero; the test is undefined');
  const order = differences
    .map((_, index) => index)
    .sort((left, right) => Math.abs(differences[left]) - Math.abs(differences[right]));
  const ranks = new Array<number>(n);
  const tieSizes: number[] = [];
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && Math.abs(differences[order[end + 1]]) === Math.abs(differences[order[start]])) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position++) ranks[order[position]] = averageRank;
    if (end > start) tieSizes.push(end - start + 1);
    start = end + 1;
  }
  const positiveRankSum = differences.reduce(
    (sum, difference, index) => (difference > 0 ? sum + ranks[index] : sum),
    0,
  );
  const total = (n * (n + 1)) / 2;
  const statistic = Math.min(positiveRankSum, total - positiveRankSum);
  if (tieSizes.length === 0 && n <= 50) {
    return {
      statistic,
      positiveRankSum,
      pairCount: n,
      pValue: Math.min(1, 2 * exactSignedRankCdf(statistic, n)),
      method: 'exact',
    };
  }
  const expected = total / 2;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieSizes.reduce((sum, size) => sum + size ** 3 - size, 0) / 48;
  const z = (statistic - expected) / Math.sqrt(variance);
  return {
    statistic,
    positiveRankSum,
    pairCount: n,
    pValue: Math.min(1, 2 * normalUpperTail(Math.abs(z))),
    method: 'normal',
  };
}

/** P(W <= w) for the signed-rank statistic of n untied pairs: count subsets of 1..n by sum. */
function exactSignedRankCdf(w: number, n: number): number {
  const maximum = (n * (n + 1)) / 2;
  const counts = new Float64Array(maximum + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let sum = maximum; sum >= rank; sum--) counts[sum] += counts[sum - rank];
  }
  let below = 0;
  for (let sum = 0; sum <= Math.floor(w); sum++) below += counts[sum];
  return below / 2 ** n;
}
