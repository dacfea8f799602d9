import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedCalibrationError, fitTemperature, negativeLogLikelihood } from './calibration';
import { calibrationReference } from './fixtures/calibrationReferenceValues';

/** Two-class logits whose softmax gives class 0 probability p (the prediction, p > 0.5). */
function twoClass(confidences: number[]): { data: number[]; rows: number; columns: number } {
  return {
    data: confidences.flatMap((p) => [Math.log(p), Math.log(1 - p)]),
    rows: confidences.length,
    columns: 2,
  };
}

describe('expectedCalibrationError', () => {
  it('matches a hand-computed 6-sample case with 15 bins', () => {
    // Confidences and whether the prediction (class 0) is right (label 0) or wrong (label 1).
    const logits = twoClass([0.95, 0.95, 0.98, 0.7, 0.55, 0.62]);
    const labels = [0, 1, 0, 0, 1, 0];
    // Bins ((m-1)/15, m/15]: 0.95, 0.95, 0.98 -> bin 15 (index 14): conf 0.96, acc 2/3, 3 * |2/3 - 0.96| = 0.88;
    // 0.7 -> index 10: |1 - 0.7| = 0.3; 0.55 -> index 8: |0 - 0.55| = 0.55; 0.62 -> index 9: |1 - 0.62| = 0.38.
    // ECE = (0.88 + 0.3 + 0.55 + 0.38) / 6 = 2.11 / 6.
    const result = expectedCalibrationError(logits, labels);
    assert.ok(Math.abs(result.expectedCalibrationError - 2.11 / 6) < 1e-12, String(result.expectedCalibrationError));
    assert.equal(result.bins.length, 15);
    assert.deepEqual(
      result.bins.map((bin) => bin.count),
      [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 3],
    );
    assert.ok(Math.abs(result.bins[14].confidence - 0.96) < 1e-12);
    assert.ok(Math.abs(result.bins[14].accuracy - 2 / 3) < 1e-12);
    assert.ok(Number.isNaN(result.bins[0].confidence) && Number.isNaN(result.bins[0].accuracy));
    // Logits doubled and temperature 2 give the same probabilities, hence the same ECE.
    const doubled = { ...logits, data: logits.data.map((value) => 2 * value) };
    const scaled = expectedCalibrationError(doubled, labels, { temperature: 2 });
    assert.ok(Math.abs(scaled.expectedCalibrationError - 2.11 / 6) < 1e-12);
  });

  it('is 0 for a perfectly calibrated bin and 1 for confident, always-wrong predictions', () => {
    // Confidence 0.75 four times, three right: acc = conf in one bin.
    assert.ok(
      expectedCalibrationError(twoClass([0.75, 0.75, 0.75, 0.75]), [0, 0, 0, 1]).expectedCalibrationError < 1e-12,
    );
    const wrong = { data: [100, 0, 100, 0], rows: 2, columns: 2 };
    assert.ok(Math.abs(expectedCalibrationError(wrong, [1, 1]).expectedCalibrationError - 1) < 1e-12);
  });

  it("agrees with the NumPy reference (Guo et al.'s binning) on 60 random rows", () => {
    const logits = { data: calibrationReference.logits, rows: 60, columns: calibrationReference.columns };
    const result = expectedCalibrationError(logits, calibrationReference.labels);
    assert.ok(Math.abs(result.expectedCalibrationError - calibrationReference.ece) < 1e-9);
  });

  it('rejects a label outside the classes and a bad bin count, naming them', () => {
    assert.throws(() => expectedCalibrationError(twoClass([0.9]), [2]), /label 2 at position 0 is outside 0\.\.1/);
    assert.throws(() => expectedCalibrationError(twoClass([0.9]), [0], { binCount: 0 }), /binCount/);
    assert.throws(() => expectedCalibrationError(twoClass([0.9, 0.8]), [0]), /1 labels for 2 rows/);
  });
});

describe('negativeLogLikelihood', () => {
  it('is the mean of -log softmax of the label (hand-computed) and survives huge logits', () => {
    const logits = twoClass([0.8, 0.6]);
    assert.ok(Math.abs(negativeLogLikelihood(logits, [0, 1]) - -(Math.log(0.8) + Math.log(0.4)) / 2) < 1e-12);
    assert.ok(Math.abs(negativeLogLikelihood({ data: [1000, 0], rows: 1, columns: 2 }, [1]) - 1000) < 1e-9);
    assert.ok(Math.abs(negativeLogLikelihood({ data: [1000, 0], rows: 1, columns: 2 }, [1], 10) - 100) < 1e-9);
  });
});

describe('fitTemperature', () => {
  const logits = { data: calibrationReference.logits, rows: 60, columns: calibrationReference.columns };
  const labels = calibrationReference.labels;

  it('finds the minimum of a brute-force grid over T', () => {
    const fitted = fitTemperature(logits, labels);
    let best = { temperature: Number.NaN, loss: Number.POSITIVE_INFINITY };
    for (let step = 0; step <= 4000; step++) {
      const temperature = Math.exp(Math.log(0.1) + (step / 4000) * (Math.log(10) - Math.log(0.1)));
      const loss = negativeLogLikelihood(logits, labels, temperature);
      if (loss < best.loss) best = { temperature, loss };
    }
    assert.ok(negativeLogLikelihood(logits, labels, fitted) <= best.loss + 1e-12);
    // Grid spacing in log T is 4.6 / 4000: the fitted T lies within one step of the grid's best.
    assert.ok(Math.abs(Math.log(fitted) - Math.log(best.temperature)) < 0.0012, `${fitted} vs ${best.temperature}`);
    assert.ok(fitted > 1, 'these logits are overconfident');
  });

  it("agrees with SciPy's bounded minimiser, and the scaled NLL and ECE with NumPy", () => {
    const fitted = fitTemperature(logits, labels);
    assert.ok(Math.abs(fitted - calibrationReference.temperature) < 1e-5, `${fitted}`);
    assert.ok(Math.abs(negativeLogLikelihood(logits, labels) - calibrationReference.nll) < 1e-9);
    assert.ok(Math.abs(negativeLogLikelihood(logits, labels, fitted) - calibrationReference.scaledNll) < 1e-9);
    const scaledEce = expectedCalibrationError(logits, labels, { temperature: fitted }).expectedCalibrationError;
    assert.ok(Math.abs(scaledEce - calibrationReference.scaledEce) < 1e-6);
  });

  it('gives the same T twice, T = 1 on already calibrated logits, and a bound when every row is right', () => {
    assert.equal(fitTemperature(logits, labels), fitTemperature(logits, labels));
    // log(0.75) vs log(0.25) with 3 of 4 right: softmax already gives the empirical 0.75.
    const calibrated = twoClass([0.75, 0.75, 0.75, 0.75]);
    assert.ok(Math.abs(fitTemperature(calibrated, [0, 0, 0, 1]) - 1) < 1e-5);
    // Separable: NLL keeps falling as T -> 0, so the search ends on its lower bound 1/100.
    assert.ok(Math.abs(fitTemperature(twoClass([0.9, 0.6]), [0, 0]) - 0.01) < 1e-9);
  });
});
