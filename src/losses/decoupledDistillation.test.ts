import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { SeededRandom } from '../util/random';
import { decoupledDistillationTerms } from './decoupledDistillation';
import { distillationLoss } from './distillation';
import { decoupledDistillationValues } from './numericDecoupled';
import { softmax } from './numericLosses';

function assertClose(actual: number, expected: number, tolerance = 2e-5, message = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${message} expected ${expected}, got ${actual}`,
  );
}

const oneHotRows = (targets: number[], classes: number) =>
  targets.map((target) => Array.from({ length: classes }, (_, index) => (index === target ? 1 : 0)));

describe('decoupledDistillationTerms (DKD: TCKD and NCKD)', () => {
  before(async () => {
    await initializeBackend();
  });

  it('one row by hand: teacher [0.7, 0.2, 0.1], student [0.5, 0.25, 0.25], target 0, T = 1 and T = 2', () => {
    tf.tidy(() => {
      const teacher = tf.tensor2d([[Math.log(0.7), Math.log(0.2), Math.log(0.1)]]);
      const student = tf.tensor2d([[Math.log(0.5), Math.log(0.25), Math.log(0.25)]]);
      const target = tf.tensor2d(oneHotRows([0], 3));
      const { targetClass, nonTargetClass } = decoupledDistillationTerms(teacher, student, target, 1);
      assert.equal(targetClass.rank, 0);
      // TCKD = KL([0.7, 0.3] ‖ [0.5, 0.5]); NCKD = KL([2/3, 1/3] ‖ [1/2, 1/2]).
      assertClose(targetClass.dataSync()[0], 0.7 * Math.log(1.4) + 0.3 * Math.log(0.6));
      assertClose(nonTargetClass.dataSync()[0], (2 / 3) * Math.log(4 / 3) + (1 / 3) * Math.log(2 / 3));
      // T = 2 on logits doubled gives the same distributions, so both terms are 4 times as large.
      const atTwo = decoupledDistillationTerms(tf.mul(teacher, 2), tf.mul(student, 2), target, 2);
      assertClose(atTwo.targetClass.dataSync()[0], 4 * (0.7 * Math.log(1.4) + 0.3 * Math.log(0.6)));
      assertClose(atTwo.nonTargetClass.dataSync()[0], 4 * ((2 / 3) * Math.log(4 / 3) + (1 / 3) * Math.log(2 / 3)));
    });
  });

  it('stacked [K, N, C] with one T per model equals the plain-number definition, row by row, then the batch mean', () => {
    const random = new SeededRandom(11);
    const models = 2;
    const rows = 4;
    const classes = 5;
    const grid = () =>
      Array.from({ length: models }, () =>
        Array.from({ length: rows }, () => Array.from({ length: classes }, () => (random.next() * 2 - 1) * 4)),
      );
    const teacher = grid();
    const student = grid();
    const targets = [
      [0, 4, 2, 2],
      [1, 3, 0, 4],
    ];
    const temperatures = [1.5, 4];
    tf.tidy(() => {
      const { targetClass, nonTargetClass } = decoupledDistillationTerms(
        tf.tensor3d(teacher),
        tf.tensor3d(student),
        tf.tensor3d(targets.map((row) => oneHotRows(row, classes))),
        tf.tensor1d(temperatures),
      );
      assert.deepEqual(targetClass.shape, [models]);
      const tckd = targetClass.arraySync() as number[];
      const nckd = nonTargetClass.arraySync() as number[];
      for (let model = 0; model < models; model++) {
        const values = targets[model].map((target, row) =>
          decoupledDistillationValues(teacher[model][row], student[model][row], target, temperatures[model]),
        );
        const mean = (pick: (value: (typeof values)[0]) => number) =>
          values.reduce((sum, value) => sum + pick(value), 0) / rows;
        assertClose(
          tckd[model],
          mean((value) => value.targetClass),
          2e-5,
          `model ${model} TCKD`,
        );
        assertClose(
          nckd[model],
          mean((value) => value.nonTargetClass),
          2e-5,
          `model ${model} NCKD`,
        );
      }
    });
  });

  it('recomposes classical KD: T²·KL(p ‖ q) = TCKD + (1 - p_y)·NCKD on every row (Zhao et al., eq. 5)', () => {
    const random = new SeededRandom(5);
    for (let trial = 0; trial < 6; trial++) {
      const teacher = Array.from({ length: 4 }, () => (random.next() * 2 - 1) * 5);
      const student = Array.from({ length: 4 }, () => (random.next() * 2 - 1) * 5);
      const target = trial % 4;
      const temperature = 0.5 + trial;
      tf.tidy(() => {
        const { targetClass, nonTargetClass } = decoupledDistillationTerms(
          tf.tensor2d([teacher]),
          tf.tensor2d([student]),
          tf.tensor2d(oneHotRows([target], 4)),
          temperature,
        );
        const kd = distillationLoss(tf.tensor2d([teacher]), tf.tensor2d([student]), temperature).dataSync()[0];
        const teacherTarget = softmax(teacher, temperature)[target];
        assertClose(
          targetClass.dataSync()[0] + (1 - teacherTarget) * nonTargetClass.dataSync()[0],
          kd,
          1e-4,
          `trial ${trial}`,
        );
      });
    }
  });

  it('stays finite for a certain teacher (p_y = 1 in float32) and is 0 when the student equals the teacher', () => {
    tf.tidy(() => {
      const certain = decoupledDistillationTerms(
        tf.tensor2d([[200, 0, -3]]),
        tf.tensor2d([[1, 2, 3]]),
        tf.tensor2d(oneHotRows([0], 3)),
        1,
      );
      assert.ok(Number.isFinite(certain.targetClass.dataSync()[0]) && certain.targetClass.dataSync()[0] > 0);
      assert.ok(Number.isFinite(certain.nonTargetClass.dataSync()[0]));
      const same = decoupledDistillationTerms(
        tf.tensor2d([[1, -2, 0.5]]),
        tf.tensor2d([[1, -2, 0.5]]),
        tf.tensor2d(oneHotRows([2], 3)),
        3,
      );
      assertClose(same.targetClass.dataSync()[0], 0, 1e-6);
      assertClose(same.nonTargetClass.dataSync()[0], 0, 1e-6);
    });
  });

  it('TCKD moves only the target-vs-rest split: its gradient keeps the non-target logits in their ratios', () => {
    tf.tidy(() => {
      const teacher = tf.tensor2d([[2, 0.5, -1, 0]]);
      const target = tf.tensor2d(oneHotRows([0], 4));
      const gradient = tf
        .grad((student: tf.Tensor) => decoupledDistillationTerms(teacher, student, target, 1).targetClass as tf.Scalar)(
          tf.tensor2d([[0, 1, 1, 1]]),
        )
        .arraySync() as number[][];
      // Equal non-target logits get equal gradients (the within-rest distribution is untouched).
      assertClose(gradient[0][1], gradient[0][2], 1e-6);
      assertClose(gradient[0][2], gradient[0][3], 1e-6);
      assert.ok(Math.abs(gradient[0][0]) > 1e-3);
    });
  });

  it('rejects one class, mismatched shapes and a tensor temperature on 2-D input, naming the problem', () => {
    tf.tidy(() => {
      assert.throws(
        () => decoupledDistillationTerms(tf.tensor2d([[1]]), tf.tensor2d([[1]]), tf.tensor2d([[1]]), 1),
        /decoupledDistillationTerms: needs at least 2 classes/,
      );
      assert.throws(
        () => decoupledDistillationTerms(tf.tensor2d([[1, 2]]), tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[1, 0]]), 1),
        /teacherLogits shape \[1, 2\] differs from studentLogits shape \[1, 3\]/,
      );
      assert.throws(
        () => decoupledDistillationTerms(tf.tensor2d([[1, 2]]), tf.tensor2d([[1, 2]]), tf.tensor2d([[1, 0]]), 0),
        /temperature must be a finite number > 0, got 0/,
      );
    });
  });
});
