import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newsgroupsPaperHierarchy } from '../hierarchy/builtInHierarchies';
import {
  accuracy,
  argmaxRows,
  confusionMatrix,
  impliedCoarseAccuracy,
  macroF1,
  perClassF1,
  perClassScores,
} from './classification';
import { referenceValues } from './fixtures/referenceValues';

function assertClose(actual: number, expected: number, tolerance = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
}

describe('classification metrics', () => {
  // Hand example, 3 classes: true   0 0 0 1 1 2 2 2
  //                          pred   0 0 1 1 2 2 2 0
  const trueLabels = [0, 0, 0, 1, 1, 2, 2, 2];
  const predicted = [0, 0, 1, 1, 2, 2, 2, 0];

  it('accuracy and confusion matrix by hand', () => {
    assert.equal(accuracy(trueLabels, predicted), 5 / 8);
    assert.deepEqual(confusionMatrix(trueLabels, predicted, 3), [
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 2],
    ]);
    assert.equal(accuracy(Int32Array.from([1, 2]), Float32Array.from([1, 2])), 1);
  });

  it('per-class precision / recall / F1 by hand', () => {
    // class 0: P = 2/3, R = 2/3, F1 = 2/3; class 1: P = 1/2, R = 1/2, F1 = 1/2; class 2: P = 2/3, R = 2/3
    const scores = perClassScores(trueLabels, predicted, 3);
    assert.deepEqual(
      scores.map((score) => score.support),
      [3, 2, 3],
    );
    assertClose(scores[1].precision, 0.5);
    [2 / 3, 1 / 2, 2 / 3].forEach((expected, classId) =>
      assertClose(perClassF1(trueLabels, predicted, 3)[classId], expected),
    );
    assertClose(macroF1(trueLabels, predicted, 3), (2 / 3 + 1 / 2 + 2 / 3) / 3);
  });

  it('F1 is 0 for a class never predicted or never present, and macro-F1 still averages over every class', () => {
    // class 3 never occurs at all; class 2 is never predicted.
    const scores = perClassF1([0, 1, 2], [0, 1, 1], 4);
    assert.deepEqual(
      scores.map((score) => score.toFixed(6)),
      ['1.000000', '0.666667', '0.000000', '0.000000'],
    );
    assertClose(macroF1([0, 1, 2], [0, 1, 1], 4), (1 + 2 / 3) / 4);
  });

  it('matches scikit-learn on 80 labels over 6 classes (fixture from makeReferenceValues.py)', () => {
    const reference = referenceValues.classification;
    const truth = [...reference.trueLabels];
    const guess = [...reference.predictedLabels];
    assertClose(accuracy(truth, guess), reference.accuracy);
    assert.deepEqual(confusionMatrix(truth, guess, reference.classCount), reference.confusionMatrix);
    perClassF1(truth, guess, reference.classCount).forEach((score, classId) =>
      assertClose(score, reference.perClassF1[classId]),
    );
    assertClose(macroF1(truth, guess, reference.classCount), reference.macroF1);
  });

  it('implied coarse accuracy with the paper hierarchy', () => {
    // true: graphics(1), autos(7), hockey(10), space(14), guns(16), atheism(0)
    // pred: windows.x(5) same group A ✓, motorcycles(8) B ✓, baseball(9) C ✓, med(13) D ✓, christian(15) F ✗, christian(15) F ✓
    const truth = [1, 7, 10, 14, 16, 0];
    const guess = [5, 8, 9, 13, 15, 15];
    assert.equal(accuracy(truth, guess), 0);
    assertClose(impliedCoarseAccuracy(truth, guess, newsgroupsPaperHierarchy.fineToCoarse), 5 / 6);
    assert.throws(
      () => impliedCoarseAccuracy([20], [0], newsgroupsPaperHierarchy.fineToCoarse),
      /true fine label 20 at position 0 is outside 0..19/,
    );
  });

  it('argmaxRows picks the first maximum of each row', () => {
    const data = Float32Array.from([0.1, 0.7, 0.2, /**/ 3, 3, 1, /**/ -5, -4, -6, /**/ 0, 0, 0]);
    assert.deepEqual(Array.from(argmaxRows(data, 4, 3)), [1, 0, 1, 0]);
    assert.deepEqual(Array.from(argmaxRows([1, 2, 2, 1], 2, 2)), [1, 0]);
    assert.equal(argmaxRows([], 0, 5).length, 0);
    assert.throws(() => argmaxRows([1, 2, 3], 2, 2), /3 values cannot be 2 rows of 2/);
    assert.throws(() => argmaxRows([1, Number.NaN], 1, 2), /row 0, column 1 is NaN/);
  });

  it('rejects mismatched, empty and out-of-range labels', () => {
    assert.throws(() => accuracy([0, 1], [0]), /accuracy: 2 true labels but 1 predicted labels/);
    assert.throws(() => accuracy([], []), /no labels to score/);
    assert.throws(() => confusionMatrix([0, 3], [0, 1], 3), /true label 3 at position 1 is outside 0..2/);
    assert.throws(() => macroF1([0, 1], [0, -1], 2), /predicted label -1 at position 1/);
    assert.throws(() => confusionMatrix([0.5], [0], 2), /true label 0.5/);
  });
});
