import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { studentTInverseCdf } from './distributions';
import {
  benjaminiHochbergAdjust,
  holmAdjust,
  minimalDetectableEffect,
  oneSidedPairedTest,
  pairedConfidenceInterval,
} from './pairedInference';
import {
  formatPairedDifference,
  minimalDetectableEffectLine,
  pairedDifference,
  pairedFamilyCells,
} from './seedPairing';

const close = (actual: number, expected: number, tolerance: number, message = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message} expected ${expected}, got ${actual}`);

describe('Student t quantiles (SciPy 1.17 stats.t.ppf)', () => {
  it('inverts the CDF at table and SciPy values, both tails', () => {
    const cases: Array<[number, number, number]> = [
      [0.975, 4, 2.7764451051977934],
      [0.975, 9, 2.262157162798205],
      [0.8, 4, 0.9409645772351816],
      [0.8, 9, 0.8834038596855346],
      [0.995, 1, 63.656741162871526],
      [0.9, 30, 1.3104150253913955],
      [0.025, 4, -2.7764451051977943],
    ];
    for (const [probability, degrees, expected] of cases)
      close(
        studentTInverseCdf(probability, degrees),
        expected,
        1e-9 * Math.abs(expected),
        `t_{${probability}, ${degrees}}`,
      );
    assert.equal(studentTInverseCdf(0.5, 3), 0);
    assert.throws(() => studentTInverseCdf(1, 3), /strictly between 0 and 1, got 1/);
    assert.throws(() => studentTInverseCdf(0.9, 0), /degreesOfFreedom must be > 0, got 0/);
  });
});

describe('paired interval and one-sided tests (SciPy ttest_1samp)', () => {
  const differences = [0.002, 0.001, 0.0035, 0.0018, 0.0017];

  it('95 % interval of the mean difference', () => {
    const interval = pairedConfidenceInterval(differences);
    close(interval.meanDifference, 0.002, 1e-15);
    close(interval.standardDeviation, 0.0009192388155425118, 1e-15);
    close(interval.low, 0.0008586142569893924, 1e-12);
    close(interval.high, 0.003141385743010608, 1e-12);
    assert.equal(interval.pairs, 5);
    // 0.05, 0.06, 0.05, 0.06: SciPy's interval [0.045813, 0.064187].
    const other = pairedConfidenceInterval([0.05, 0.06, 0.05, 0.06]);
    close(other.low, 0.04581306884481461, 1e-12);
    close(other.high, 0.0641869311551854, 1e-12);
    assert.throws(() => pairedConfidenceInterval([0.1]), /needs at least 2 paired differences, got 1/);
    assert.throws(() => pairedConfidenceInterval([0.1, Number.NaN]), /difference 1 is not finite/);
  });

  it("one-sided test against an effect size: significantly below the paper's 0.008", () => {
    const below = oneSidedPairedTest(differences, 0.008, 'less');
    close(below.t, -14.595127662315596, 1e-9);
    close(below.pValue, 6.409419051860262e-5, 1e-12);
    const other = oneSidedPairedTest([0.05, 0.06, 0.05, 0.06], 0.07, 'less');
    close(other.pValue, 0.006923416494429503, 1e-12);
    // The other side is its complement.
    close(oneSidedPairedTest(differences, 0.008, 'greater').pValue, 1 - 6.409419051860262e-5, 1e-12);
    // No spread: the side of the bound decides.
    assert.equal(oneSidedPairedTest([0.01, 0.01], 0.02, 'less').pValue, 0);
    assert.equal(oneSidedPairedTest([0.03, 0.03], 0.02, 'less').pValue, 1);
  });
});

describe('multiple comparisons', () => {
  const pValues = [0.01, 0.04, 0.03, 0.005, 0.2];

  it('Holm by hand: sorted 0.005·5, 0.01·4, 0.03·3, max(0.04·2, 0.09), 0.2·1', () => {
    const adjusted = holmAdjust(pValues);
    [0.04, 0.09, 0.09, 0.025, 0.2].forEach((expected, index) => close(adjusted[index], expected, 1e-15));
    // Capped at 1; NaN stays NaN and does not count in m (m = 2 here).
    const capped = holmAdjust([0.6, Number.NaN, 0.4]);
    close(capped[0], 0.8, 1e-15);
    assert.ok(Number.isNaN(capped[1]));
    close(capped[2], 0.8, 1e-15);
    assert.throws(() => holmAdjust([0.5, 1.5]), /p-value 1 is 1.5, outside \[0, 1\]/);
  });

  it('Benjamini-Hochberg as SciPy false_discovery_control', () => {
    const adjusted = benjaminiHochbergAdjust(pValues);
    [0.025, 0.05, 0.05, 0.025, 0.2].forEach((expected, index) => close(adjusted[index], expected, 1e-15));
  });
});

describe('minimal detectable effect', () => {
  it('(t_{0.975, 4} + t_{0.8, 4}) · sd / √5', () => {
    close(minimalDetectableEffect(0.004, 5), 0.006649904600108831, 1e-12);
    close(minimalDetectableEffect(0.004, 5), ((2.7764451051977934 + 0.9409645772351816) * 0.004) / Math.sqrt(5), 1e-12);
    assert.throws(() => minimalDetectableEffect(0.004, 1), /integer number of pairs >= 2, got 1/);
  });

  it('the family line pools the variances at the smallest number of pairs', () => {
    const first = pairedDifference([0.001, 0.004, 0.002, 0.006, 0.002]);
    const second = pairedDifference([0.003, 0.001, 0.005, 0.002, 0.004]);
    const pooled = Math.sqrt((first.standardDeviation ** 2 + second.standardDeviation ** 2) / 2);
    const effect = minimalDetectableEffect(pooled, 5);
    assert.equal(
      minimalDetectableEffectLine([first, undefined, second]),
      `With 5 seeds, a difference smaller than about ${effect.toFixed(4)} (${(effect * 100).toFixed(2)} points) cannot be told from 0 ` +
        `(80 % power, alpha 0.05 two-sided), from the observed SD of the differences (${pooled.toFixed(4)}, pooled over 2 comparisons).`,
    );
    assert.equal(minimalDetectableEffectLine([undefined]), undefined);
  });
});

describe('paired difference cells', () => {
  it('mean, interval, p and n; the Holm p beside the raw one in a family', () => {
    const difference = pairedDifference([0.002, 0.001, 0.0035, 0.0018, 0.0017]);
    assert.equal(formatPairedDifference(difference), '+0.0020 [+0.0009, +0.0031] p 0.008, n 5');
    const other = pairedDifference([0.05, 0.06, 0.05, 0.06]);
    // Raw p 0.0082 and 0.00032: Holm 2 · 0.00032 = 0.0006 and max(0.0006, 0.0082) = 0.0082.
    assert.deepEqual(pairedFamilyCells([difference, undefined, other]), [
      '+0.0020 [+0.0009, +0.0031] p 0.008 (Holm 0.008), n 5',
      '',
      '+0.0550 [+0.0458, +0.0642] p <0.001 (Holm <0.001), n 4',
    ]);
    assert.deepEqual(pairedFamilyCells([difference]), ['+0.0020 [+0.0009, +0.0031] p 0.008, n 5']);
  });
});
