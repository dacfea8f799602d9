/**
 * What a paired comparison over seeds can say: the confidence interval of the mean
 * difference, one-sided tests against an effect size (is the difference below the paper's
 * effect?), multiple-comparison adjustments (Holm, Benjamini-Hochberg) and the minimal
 * detectable effect of the paired t-test at the number of seeds run.
 */
import { studentTCdf, studentTInverseCdf } from './distributions';
import { mean, standardDeviation } from './statistics';

/** The mean of paired differences with its two-sided confidence interval. */
export interface PairedInterval {
  meanDifference: number;
  /** sample standard deviation of the differences */
  standardDeviation: number;
  pairs: number;
  low: number;
  high: number;
  /** the interval's level, e.g. 0.95 */
  level: number;
}

function requireDifferences(differences: number[], functionName: string): void {
  if (!Array.isArray(differences) || differences.length < 2)
    throw new Error(`${functionName}: needs at least 2 paired differences, got ${differences?.length}`);
  differences.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new Error(`${functionName}: difference ${index} is not finite (${value})`);
  });
}

/**
 * The `level` (default 95 %) t confidence interval of the mean paired difference:
 * mean(d) ± t_{(1+level)/2, n-1} · sd(d) / √n, n the number of pairs (Student 1908; the
 * interval of SciPy's `ttest_rel(...).confidence_interval()`). The paired t-test at
 * 1 - level rejects "no difference" exactly when this interval excludes 0.
 */
export function pairedConfidenceInterval(differences: number[], level = 0.95): PairedInterval {
  requireDifferences(differences, 'pairedConfidenceInterval');
  if (!(level > 0 && level < 1)) throw new Error(`pairedConfidenceInterval: level must be in (0, 1), got ${level}`);
  const pairs = differences.length;
  const meanDifference = mean(differences);
  const deviation = standardDeviation(differences);
  const halfWidth = studentTInverseCdf((1 + level) / 2, pairs - 1) * (deviation / Math.sqrt(pairs));
  return {
    meanDifference,
    standardDeviation: deviation,
    pairs,
    low: meanDifference - halfWidth,
    high: meanDifference + halfWidth,
    level,
  };
}

/**
 * One-sided paired t-test of the mean difference against `bound` (an effect size):
 * t = (mean(d) - bound) / (sd(d) / √n) on n - 1 degrees of freedom;
 * `alternative` 'less' tests H1: mean < bound, p = P(T <= t); 'greater' tests
 * H1: mean > bound, p = P(T >= t) (SciPy `ttest_1samp(d, bound, alternative=...)`).
 * One side of a TOST (two one-sided tests) equivalence procedure: a small p for 'less'
 * against a paper's positive effect says our difference is significantly below it.
 * Zero spread gives p = 0 or 1 by the side of the bound the mean lies on (NaN on it).
 */
export function oneSidedPairedTest(
  differences: number[],
  bound: number,
  alternative: 'less' | 'greater',
): { t: number; degreesOfFreedom: number; pValue: number } {
  requireDifferences(differences, 'oneSidedPairedTest');
  if (!Number.isFinite(bound)) throw new Error(`oneSidedPairedTest: bound must be finite, got ${bound}`);
  const degreesOfFreedom = differences.length - 1;
  const t = (mean(differences) - bound) / (standardDeviation(differences) / Math.sqrt(differences.length));
  if (Number.isNaN(t)) return { t, degreesOfFreedom, pValue: Number.NaN };
  const below = Number.isFinite(t) ? studentTCdf(t, degreesOfFreedom) : t > 0 ? 1 : 0;
  return { t, degreesOfFreedom, pValue: alternative === 'less' ? below : 1 - below };
}

/** Indices of the finite p-values in ascending order of p (ties keep their order); checks the range. */
function ascendingOrder(pValues: number[], functionName: string): number[] {
  pValues.forEach((value, index) => {
    if (!Number.isNaN(value) && !(value >= 0 && value <= 1))
      throw new Error(`${functionName}: p-value ${index} is ${value}, outside [0, 1]`);
  });
  return pValues
    .map((value, index) => ({ value, index }))
    .filter(({ value }) => !Number.isNaN(value))
    .sort((a, b) => a.value - b.value || a.index - b.index)
    .map(({ index }) => index);
}

/**
 * Holm's step-down adjusted p-values (Holm 1979), in the input order: with the m finite
 * p-values sorted p_(1) <= ... <= p_(m), adjusted p_(i) = min(1, max_{j <= i} (m - j + 1) p_(j)).
 * Rejecting where adjusted p < alpha controls the family-wise error rate at alpha.
 * NaN p-values (tests that could not be made) stay NaN and do not count in m.
 * As R's `p.adjust(p, "holm")` and statsmodels' `multipletests(p, method='holm')`.
 */
export function holmAdjust(pValues: number[]): number[] {
  const order = ascendingOrder(pValues, 'holmAdjust');
  const adjusted = pValues.map(() => Number.NaN);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (order.length - rank) * pValues[index]));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini-Hochberg adjusted p-values (Benjamini & Hochberg 1995), in the input order:
 * adjusted p_(i) = min(1, min_{j >= i} m p_(j) / j) over the m finite p-values sorted
 * ascending; rejecting where adjusted p < q controls the false discovery rate at q.
 * NaN p-values stay NaN and do not count in m. As R's `p.adjust(p, "BH")` and SciPy's
 * `false_discovery_control(p)`.
 */
export function benjaminiHochbergAdjust(pValues: number[]): number[] {
  const order = ascendingOrder(pValues, 'benjaminiHochbergAdjust');
  const adjusted = pValues.map(() => Number.NaN);
  let running = 1;
  for (let rank = order.length - 1; rank >= 0; rank--) {
    const index = order[rank];
    running = Math.min(running, (order.length * pValues[index]) / (rank + 1));
    adjusted[index] = running;
  }
  return adjusted;
}

/**
 * The minimal detectable effect of a two-sided paired t-test with n pairs:
 * MDE = (t_{1-alpha/2, n-1} + t_{power, n-1}) · sd / √n, sd the standard deviation of the
 * differences; a true mean difference smaller than this is found significant (at alpha,
 * two-sided) less often than `power` of the time (the usual t approximation of the power
 * of the test, e.g. Cohen 1988). Defaults: alpha 0.05, power 0.8.
 */
export function minimalDetectableEffect(
  standardDeviationOfDifferences: number,
  pairs: number,
  { alpha = 0.05, power = 0.8 }: { alpha?: number; power?: number } = {},
): number {
  if (!(standardDeviationOfDifferences >= 0))
    throw new Error(`minimalDetectableEffect: the SD must be >= 0, got ${standardDeviationOfDifferences}`);
  if (!(Number.isInteger(pairs) && pairs >= 2))
    throw new Error(`minimalDetectableEffect: needs an integer number of pairs >= 2, got ${pairs}`);
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1))
    throw new Error(`minimalDetectableEffect: alpha and power must be in (0, 1), got ${alpha} and ${power}`);
  const degreesOfFreedom = pairs - 1;
  return (
    ((studentTInverseCdf(1 - alpha / 2, degreesOfFreedom) + studentTInverseCdf(power, degreesOfFreedom)) *
      standardDeviationOfDifferences) /
    Math.sqrt(pairs)
  );
}
