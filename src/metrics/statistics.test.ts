import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logGamma, normalUpperTail, regularizedIncompleteBeta, studentTCdf } from './distributions';
import { referenceValues } from './fixtures/referenceValues';
import { formatMeanStd, mean, pairedTTest, standardDeviation, wilcoxonSignedRank } from './statistics';

function assertRelativelyClose(actual: number, expected: number, tolerance = 1e-10, message = ''): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(scale, 1e-3),
    `${message} expected ${expected}, got ${actual}`,
  );
}

describe('descriptive statistics', () => {
  it('mean and sample standard deviation by hand', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32, sample variance 32/7
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    assert.equal(mean(values), 5);
    assertRelativelyClose(standardDeviation(values), Math.sqrt(32 / 7), 1e-15);
    assert.throws(() => mean([]), /mean: needs at least 1 value/);
    assert.throws(() => standardDeviation([1]), /standardDeviation: needs at least 2 value/);
  });

  it('formatMeanStd', () => {
    assert.equal(formatMeanStd([0.5819, 0.5903]), '0.5861 ± 0.0059');
    assert.equal(formatMeanStd([0.5, 0.7], 2), '0.60 ± 0.14');
    assert.equal(formatMeanStd([0.58614]), '0.5861 (n = 1)');
  });
});

describe('special functions', () => {
  it('log-gamma at known points', () => {
    assertRelativelyClose(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13);
    assertRelativelyClose(logGamma(10), Math.log(362880), 1e-13);
    assertRelativelyClose(logGamma(1), 0, 1e-13);
    assertRelativelyClose(logGamma(100.5), 361.4355404677776, 1e-13); // Python math.lgamma(100.5)
  });

  it('incomplete beta closed forms: I_x(1, 1) = x, I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b', () => {
    assertRelativelyClose(regularizedIncompleteBeta(0.3, 1, 1), 0.3, 1e-13);
    assertRelativelyClose(regularizedIncompleteBeta(0.6, 3, 1), 0.6 ** 3, 1e-13);
    assertRelativelyClose(regularizedIncompleteBeta(0.2, 1, 4), 1 - 0.8 ** 4, 1e-13);
    assertRelativelyClose(regularizedIncompleteBeta(0.5, 7.5, 7.5), 0.5, 1e-13);
    assert.throws(() => regularizedIncompleteBeta(1.5, 1, 1), /x must be in \[0, 1\]/);
  });

  it('Student t CDF: closed forms for 1 and 2 degrees of freedom', () => {
    // ν = 1 is Cauchy: 1/2 + atan(t)/π; ν = 2: 1/2 + t / (2 √(2 + t²))
    for (const t of [-3, -0.4, 0, 1, 2.5, 30]) {
      assertRelativelyClose(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-12, `ν=1, t=${t}`);
      assertRelativelyClose(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-12, `ν=2, t=${t}`);
    }
  });

  it('Student t CDF matches scipy.stats.t.cdf', () => {
    for (const { t, degreesOfFreedom, cdf } of referenceValues.studentTCdf) {
      assertRelativelyClose(studentTCdf(t, degreesOfFreedom), cdf, 1e-9, `t=${t}, ν=${degreesOfFreedom}`);
    }
  });

  it('normal upper tail at known points', () => {
    assertRelativelyClose(normalUpperTail(0), 0.5, 1e-14);
    assertRelativelyClose(normalUpperTail(1.959963984540054), 0.025, 1e-12);
    assertRelativelyClose(normalUpperTail(-1), 0.8413447460685429, 1e-12);
    assertRelativelyClose(normalUpperTail(6), 9.865876450376946e-10, 1e-9);
  });
});

describe('paired tests', () => {
  it('paired t-test by hand: differences 1, 2, 3', () => {
    // mean 2, sd 1, t = 2 / (1/√3) = 2√3, ν = 2; two-sided p = 1 - 2√3 / √(2 + 12) (ν = 2 closed form)
    const result = pairedTTest([3, 5, 7], [2, 3, 4]);
    assert.equal(result.meanDifference, 2);
    assert.equal(result.standardDeviation, 1);
    assertRelativelyClose(result.t, 2 * Math.sqrt(3), 1e-14);
    assert.equal(result.degreesOfFreedom, 2);
    assertRelativelyClose(result.pValue, 1 - (2 * Math.sqrt(3)) / Math.sqrt(14), 1e-12);
  });

  it('paired t-test matches scipy.stats.ttest_rel', () => {
    for (const [index, reference] of referenceValues.tTests.entries()) {
      const result = pairedTTest([...reference.a], [...reference.b]);
      assertRelativelyClose(result.t, reference.t, 1e-9, `case ${index} t`);
      assertRelativelyClose(result.pValue, reference.pValue, 1e-9, `case ${index} p`);
      assertRelativelyClose(result.meanDifference, reference.meanDifference, 1e-9, `case ${index} mean`);
      assertRelativelyClose(result.standardDeviation, reference.standardDeviation, 1e-9, `case ${index} sd`);
    }
  });

  it('paired t-test edge cases follow SciPy and reject bad input', () => {
    const constant = pairedTTest([2, 3, 4], [1, 2, 3]);
    assert.equal(constant.t, Infinity);
    assert.equal(constant.pValue, 0);
    const identical = pairedTTest([1, 2], [1, 2]);
    assert.ok(Number.isNaN(identical.t) && Number.isNaN(identical.pValue));
    assert.throws(() => pairedTTest([1, 2], [1]), /paired lists of equal length, got 2 and 1/);
    assert.throws(() => pairedTTest([1], [2]), /at least 2 pairs/);
    assert.throws(() => pairedTTest([1, Number.NaN], [1, 2]), /pair 1 \(NaN, 2\) is not finite/);
  });

  it('Wilcoxon signed-rank by hand: differences 2, -1, 6, 4, 5, -3, 9, 7, -0.5', () => {
    // ranks of |d|: 0.5→1, 1→2, 2→3, 3→4, ...; W- = 1 + 2 + 4 = 7; 19 of 512 sign patterns have W <= 7
    const reference = referenceValues.wilcoxon[0];
    const result = wilcoxonSignedRank([...reference.a], [...reference.b]);
    assert.equal(result.method, 'exact');
    assert.equal(result.statistic, 7);
    assert.equal(result.positiveRankSum, 45 - 7);
    assert.equal(result.pValue, (2 * 19) / 512);
    assert.equal(result.pValue, reference.pValue);
  });

  it('Wilcoxon signed-rank with ties and zeros matches SciPy (asymptotic, zero_method=wilcox, no continuity correction)', () => {
    const reference = referenceValues.wilcoxon[1];
    const result = wilcoxonSignedRank([...reference.a], [...reference.b]);
    assert.equal(result.method, 'normal');
    assert.equal(result.statistic, reference.statistic);
    assertRelativelyClose(result.pValue, reference.pValue, 1e-9);
    assert.equal(result.pairCount, 14, 'two zero differences dropped');
    assert.throws(() => wilcoxonSignedRank([1, 2], [1, 2]), /every difference is zero/);
  });
});
