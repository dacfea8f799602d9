import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  combineLossValues,
  crossEntropy,
  distillationLossValue,
  entropy,
  klDivergence,
  logSoftmax,
  smoothedTarget,
  softCrossEntropy,
  softmax,
} from './numericLosses';
import { paperWorkedExample as paperExample } from './workedExample';

function assertClose(actual: number, expected: number, tolerance = 1e-12, message?: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${message ?? ''} expected ${expected}, got ${actual} (tolerance ${tolerance})`,
  );
}

describe('numeric losses', () => {
  it("reproduces paper 1's worked example (reconstructed vectors)", () => {
    const distillation = klDivergence(
      [...paperExample.teacherProbabilities],
      [...paperExample.studentDistillationProbabilities],
    );
    const student = crossEntropy([...paperExample.studentPredictionProbabilities], paperExample.trueFineIndex);
    const total = combineLossValues(student, distillation, paperExample.studentLossWeight);
    // The vectors are reconstructed (see workedExample.ts); the printed values are the paper's.
    assert.equal(distillation.toFixed(4), paperExample.reported.distillationLoss.toFixed(4));
    assert.equal(student.toFixed(4), paperExample.reported.studentLoss.toFixed(4));
    assert.equal(total.toFixed(4), paperExample.reported.totalLoss.toFixed(4));
    assert.equal(total.toFixed(4), '0.1277');
    assertClose(total, 0.9 * distillation + 0.1 * student);
    // Same numbers from logits: log-probabilities are valid logits, and T = 1.
    const fromLogits = distillationLossValue(
      paperExample.teacherProbabilities.map(Math.log),
      paperExample.studentDistillationProbabilities.map(Math.log),
      1,
    );
    assertClose(fromLogits, distillation, 1e-12);
  });

  it('KL divergence by hand: [0.5, 0.5] vs [0.9, 0.1] and back', () => {
    // 0.5 ln(0.5/0.9) + 0.5 ln(0.5/0.1) = 0.5 ln(25/9) = ln(5/3)
    assertClose(klDivergence([0.5, 0.5], [0.9, 0.1]), Math.log(5 / 3));
    // 0.9 ln 1.8 + 0.1 ln 0.2 = 0.3680642 (KL is not symmetric)
    assertClose(klDivergence([0.9, 0.1], [0.5, 0.5]), 0.9 * Math.log(1.8) + 0.1 * Math.log(0.2));
    assertClose(klDivergence([0.9, 0.1], [0.5, 0.5]), 0.3680642071684971, 1e-15);
    assert.equal(klDivergence([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), 0);
    assert.equal(klDivergence([1, 0], [0.5, 0.5]), Math.log(2));
    assert.equal(klDivergence([0.5, 0.5], [1, 0]), Infinity);
  });

  it('cross-entropy = entropy + KL', () => {
    const p = [0.7, 0.2, 0.1];
    const q = [0.5, 0.3, 0.2];
    assertClose(softCrossEntropy(p, q), entropy(p) + klDivergence(p, q));
    assertClose(entropy([0.5, 0.5]), Math.log(2));
    assertClose(softCrossEntropy([0, 1, 0], q), crossEntropy(q, 1));
  });

  it('softmax and log-softmax with temperature', () => {
    // z = [2 ln 3, 0] at T = 2 is [ln 3, 0] -> [3/4, 1/4]
    const probabilities = softmax([2 * Math.log(3), 0], 2);
    assertClose(probabilities[0], 0.75);
    assertClose(probabilities[1], 0.25);
    // Stable for logits whose exp overflows.
    const large = softmax([1000, 1000 + Math.log(3)]);
    assertClose(large[0], 0.25);
    assert.deepEqual(
      logSoftmax([0, 0]).map((value) => value.toFixed(12)),
      [(-Math.log(2)).toFixed(12), (-Math.log(2)).toFixed(12)],
    );
    assert.throws(() => softmax([1, 2], 0), /temperature must be a finite number > 0, got 0/);
  });

  it('distillation loss at T = 2: KL([3/4, 1/4] || [1/2, 1/2]) and its T² factor', () => {
    // 0.75 ln 1.5 + 0.25 ln 0.5 = 0.1308120
    const teacher = [2 * Math.log(3), 0];
    const student = [0, 0];
    const divergence = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5);
    assertClose(distillationLossValue(teacher, student, 2, false), divergence);
    assertClose(distillationLossValue(teacher, student, 2), 4 * divergence);
    assertClose(distillationLossValue(teacher, student, 2), 0.5232481437645479, 1e-14);
  });

  it('validates its inputs', () => {
    assert.throws(() => klDivergence([0.5, 0.6], [0.5, 0.5]), /p sums to 1.1/);
    assert.throws(() => klDivergence([0.5, 0.5], [1]), /p has 2 entries, q has 1/);
    assert.throws(() => klDivergence([1.5, -0.5], [0.5, 0.5]), /p\[0\] = 1.5 is not a probability/);
    assert.throws(() => crossEntropy([0.5, 0.5], 2), /trueIndex 2 is outside 0..1/);
    assert.throws(() => combineLossValues(1, 1, 1.5), /studentLossWeight must be in \[0, 1\], got 1.5/);
  });

  it('smoothed targets: (1 - ε) onehot + ε / K', () => {
    const target = smoothedTarget(2, 4, 0.1);
    [0.025, 0.025, 0.925, 0.025].forEach((expected, index) => assertClose(target[index], expected, 1e-15));
    assert.deepEqual(smoothedTarget(0, 2, 0), [1, 0]);
    assert.deepEqual(smoothedTarget(1, 4, 1), [0.25, 0.25, 0.25, 0.25]);
  });
});
