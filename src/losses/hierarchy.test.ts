import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { crossEntropyLoss } from './crossEntropy';
import {
  checkFineToCoarse,
  hierarchicalCrossEntropyLoss,
  hierarchyDistances,
  hierarchyPathLogProbabilities,
  hierarchySoftTargets,
} from './hierarchy';
import { virtualTeacherLogits } from './virtualTeacher';

/** Four fine classes in three groups: {0}, {1, 2}, {3}. */
const fineToCoarse = [0, 1, 1, 2];

function assertAllClose(actual: number[], expected: number[], tolerance = 1e-6, what = ''): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((value, index) =>
    assert.ok(
      Math.abs(value - expected[index]) <= tolerance * Math.max(1, Math.abs(expected[index])),
      `${what}[${index}]: expected ${expected[index]}, got ${value}`,
    ),
  );
}

describe('hierarchy losses (soft labels, HXE) and the virtual teacher', () => {
  before(async () => {
    await initializeBackend();
  });

  it('tree distances: 0 same class, 1 same group, 2 across groups', () => {
    tf.tidy(() => {
      const distances = hierarchyDistances(tf.tensor1d([1, 3], 'int32'), tf.tensor1d(fineToCoarse, 'int32'));
      assert.deepEqual(distances.arraySync(), [
        [2, 0, 1, 2],
        [2, 2, 2, 0],
      ]);
    });
  });

  it('soft labels by hand: beta = ln 2 on label 1 gives [1/8, 1/2, 1/4, 1/8]; beta = 0 the uniform row; one beta per model', () => {
    tf.tidy(() => {
      const hierarchy = tf.tensor1d(fineToCoarse, 'int32');
      const row = hierarchySoftTargets(tf.tensor1d([1], 'int32'), hierarchy, Math.LN2).arraySync() as number[][];
      assertAllClose(row[0], [1 / 8, 1 / 2, 1 / 4, 1 / 8], 1e-6, 'beta ln 2');
      const uniform = hierarchySoftTargets(tf.tensor1d([0], 'int32'), hierarchy, 0).arraySync() as number[][];
      assertAllClose(uniform[0], [0.25, 0.25, 0.25, 0.25], 1e-6, 'beta 0');
      // Two stacked models, label 2 in both: beta ln 2 -> weights [1/4, 1/2, 1, 1/4] / 2; beta 0 -> uniform.
      const stacked = hierarchySoftTargets(
        tf.tensor2d([[2], [2]], undefined, 'int32'),
        hierarchy,
        tf.tensor1d([Math.LN2, 0]),
      ).arraySync() as number[][][];
      assertAllClose(stacked[0][0], [1 / 8, 1 / 4, 1 / 2, 1 / 8], 1e-6, 'model 0');
      assertAllClose(stacked[1][0], [0.25, 0.25, 0.25, 0.25], 1e-6, 'model 1');
    });
    assert.throws(
      () => hierarchySoftTargets(tf.tensor1d([0], 'int32'), tf.tensor1d(fineToCoarse, 'int32'), -1),
      /beta must be a finite number >= 0, got -1/,
    );
  });

  it('HXE by hand: equal logits, label 1 in group {1, 2}: ln 2 + exp(-alpha) ln 2; alpha = 0 is the cross-entropy', () => {
    tf.tidy(() => {
      const hierarchy = tf.tensor1d(fineToCoarse, 'int32');
      const labels = tf.tensor1d([1], 'int32');
      const logits = tf.zeros([1, 4]);
      const loss = hierarchicalCrossEntropyLoss(labels, logits, hierarchy, Math.LN2).dataSync()[0];
      assertAllClose([loss], [Math.LN2 + 0.5 * Math.LN2], 1e-6, 'alpha ln 2');
      // Arbitrary logits: alpha = 0 -> -log p(y|g) - log p(g) = -log p(y).
      const random = tf.tensor2d([
        [1.5, -2, 0.3, 4],
        [0, 3, -1, 2],
        [-3, 0.5, 2.5, 1],
      ]);
      const rowLabels = tf.tensor1d([3, 2, 0], 'int32');
      assertAllClose(
        [hierarchicalCrossEntropyLoss(rowLabels, random, hierarchy, 0).dataSync()[0]],
        [crossEntropyLoss(rowLabels as tf.Tensor1D, random as tf.Tensor2D).dataSync()[0]],
        1e-6,
        'alpha 0',
      );
    });
  });

  it('HXE path factors are finite for huge logits and their gradient too (log space, no infinities)', () => {
    tf.tidy(() => {
      const hierarchy = tf.tensor1d(fineToCoarse, 'int32');
      const labels = tf.tensor1d([1, 0], 'int32');
      const logits = tf.tensor2d([
        [-1000, -900, 900, 1000],
        [-1000, 0, 0, 1000],
      ]);
      const { group, fineGivenGroup } = hierarchyPathLogProbabilities(labels, logits, hierarchy);
      // Row 0: group {1, 2} has log p(g) = 900 - 1000 (up to exp(-1800)); p(y | g) = exp(-1800) -> -1800.
      assertAllClose(group.arraySync() as number[], [-100, -2000], 1e-6, 'log p(g)');
      assertAllClose(fineGivenGroup.arraySync() as number[], [-1800, 0], 1e-6, 'log p(y|g)');
      const gradient = tf.grad((z: tf.Tensor) => hierarchicalCrossEntropyLoss(labels, z, hierarchy, 0.5))(logits);
      assert.ok((gradient.dataSync() as Float32Array).every(Number.isFinite), 'finite gradient');
    });
  });

  it('virtual teacher: a on the true class, (1 - a)/(F - 1) elsewhere, as log-probabilities; one a per model', () => {
    tf.tidy(() => {
      const single = tf.exp(virtualTeacherLogits(tf.tensor1d([1], 'int32'), 4, 0.7)).arraySync() as number[][];
      assertAllClose(single[0], [0.1, 0.7, 0.1, 0.1], 1e-6, 'a = 0.7');
      const stacked = tf
        .exp(virtualTeacherLogits(tf.tensor2d([[0], [3]], undefined, 'int32'), 3 + 1, tf.tensor1d([0.4, 0.97])))
        .arraySync() as number[][][];
      assertAllClose(stacked[0][0], [0.4, 0.2, 0.2, 0.2], 1e-6, 'model 0');
      assertAllClose(stacked[1][0], [0.01, 0.01, 0.01, 0.97], 1e-5, 'model 1');
    });
    assert.throws(
      () => virtualTeacherLogits(tf.tensor1d([0], 'int32'), 4, 1),
      /correctProbability must be in \(0, 1\)/,
    );
    assert.throws(() => virtualTeacherLogits(tf.tensor1d([0], 'int32'), 1, 0.5), /classCount must be an integer >= 2/);
  });

  it('checkFineToCoarse names the bad entry, the count and the range', () => {
    checkFineToCoarse([0, 1, 1, 2], 4, 'here', 3);
    assert.throws(
      () => checkFineToCoarse([0, 1, 1], 4, 'here'),
      /here: fineToCoarse has 3 entries, expected one per fine class \(4\)/,
    );
    assert.throws(
      () => checkFineToCoarse([0, 1, 3, 2], 4, 'here', 3),
      /here: fineToCoarse\[2\] is 3, expected a coarse class id in 0..2/,
    );
    assert.throws(() => checkFineToCoarse([0, -1, 1, 2], 4, 'here'), /fineToCoarse\[1\] is -1/);
  });
});
