import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { GroupAdam } from './adam';

describe('GroupAdam', () => {
  before(async () => {
    await initializeBackend();
  });

  it('matches tf.train.adam over 5 steps (within float rounding), and a stacked pair of rows updates exactly like each row alone', () => {
    const start = [
      [0.5, -1.25, 2],
      [0.1, 0.2, -0.3],
    ];
    const target = tf.tensor2d([
      [1, 0, -1],
      [0.5, 0.5, 0.5],
    ]);
    const loss = (weights: tf.Tensor) => tf.sum(tf.square(tf.sub(tf.mul(weights, weights), target))) as tf.Scalar;
    const reference = tf.variable(tf.tensor2d(start));
    const tfjs = tf.train.adam(0.05);
    const ours = tf.variable(tf.tensor2d(start));
    const groupAdam = new GroupAdam(0.05);
    // Each row trained alone with its own GroupAdam.
    const rows = start.map((row) => tf.variable(tf.tensor2d([row])));
    const rowAdams = rows.map(() => new GroupAdam(0.05));
    for (let step = 0; step < 5; step++) {
      tfjs.minimize(() => loss(reference), false, [reference]);
      const { grads } = tf.variableGrads(() => loss(ours), [ours]);
      groupAdam.apply([ours], [grads[ours.name]]);
      rows.forEach((row, index) => {
        const rowTarget = target.slice([index, 0], [1, 3]);
        const { grads: rowGrads } = tf.variableGrads(
          () => tf.sum(tf.square(tf.sub(tf.mul(row, row), rowTarget))) as tf.Scalar,
          [row],
        );
        rowAdams[index].apply([row], [rowGrads[row.name]]);
        tf.dispose([rowTarget, rowGrads[row.name]]);
      });
      tf.dispose(grads[ours.name]);
    }
    // Same algorithm, bias corrections folded into scalars: equal up to float32 rounding.
    const difference = Array.from(ours.dataSync()).map((value, index) => Math.abs(value - reference.dataSync()[index]));
    assert.ok(Math.max(...difference) < 1e-5, `largest difference ${Math.max(...difference)}`);
    assert.deepEqual(
      rows.flatMap((row) => Array.from(row.dataSync())),
      Array.from(ours.dataSync()),
    );
    assert.equal(groupAdam.moments()!.first[0].shape.join('x'), '2x3');
    tf.dispose([reference, ours, target, ...rows]);
    tfjs.dispose();
    groupAdam.dispose();
    rowAdams.forEach((adam) => adam.dispose());
  });
});
