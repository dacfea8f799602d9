import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { distillationLoss } from './distillation';
import { dualDistillationLoss } from './dualDistillation';

function assertClose(actual: number, expected: number, tolerance = 2e-6, message = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${message} expected ${expected}, got ${actual}`,
  );
}

// KL([0.9, 0.1] ‖ [0.5, 0.5]) = 0.9 ln 1.8 + 0.1 ln 0.2
const klNineTenths = 0.9 * Math.log(1.8) + 0.1 * Math.log(0.2); // 0.3680642
// KL([3/4, 1/4] ‖ [1/2, 1/2]) = 0.75 ln 1.5 + 0.25 ln 0.5
const klThreeQuarters = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5); // 0.1308121

describe('dualDistillationLoss (strategy P2)', () => {
  before(async () => {
    await initializeBackend();
  });

  it('[N, C] -> scalar by hand: T = 1 and T = 2', () => {
    tf.tidy(() => {
      // T = 1: teacher uniform (KL 0), professor [0.9, 0.1], student uniform; w = 0.25 -> 0.75 · 0.3680642.
      const loss = dualDistillationLoss(
        tf.tensor2d([[0, 0]]),
        tf.tensor2d([[Math.log(0.9), Math.log(0.1)]]),
        tf.tensor2d([[0, 0]]),
        1,
        0.25,
      );
      assert.equal(loss.rank, 0);
      assertClose(loss.dataSync()[0], 0.75 * klNineTenths);
      // T = 2: teacher [2 ln 3, 0] -> [3/4, 1/4]; professor = student = [0, 0]; w = 0.5 -> 4 · 0.5 · 0.1308121.
      const atTwo = dualDistillationLoss(
        tf.tensor2d([[2 * Math.log(3), 0]]),
        tf.tensor2d([[0, 0]]),
        tf.tensor2d([[0, 0]]),
        2,
        0.5,
      );
      assertClose(atTwo.dataSync()[0], 4 * 0.5 * klThreeQuarters);
      assertClose(
        dualDistillationLoss(
          tf.tensor2d([[2 * Math.log(3), 0]]),
          tf.tensor2d([[0, 0]]),
          tf.tensor2d([[0, 0]]),
          2,
          0.5,
          false,
        ).dataSync()[0],
        0.5 * klThreeQuarters,
      );
      // Mean over rows: both rows above together (T = 1, w = 0.25) -> (0.75·0.3680642 + 0) / 2.
      const twoRows = dualDistillationLoss(
        tf.tensor2d([
          [0, 0],
          [0, 0],
        ]),
        tf.tensor2d([
          [Math.log(0.9), Math.log(0.1)],
          [0, 0],
        ]),
        tf.tensor2d([
          [0, 0],
          [0, 0],
        ]),
        1,
        0.25,
      );
      assertClose(twoRows.dataSync()[0], (0.75 * klNineTenths) / 2);
    });
  });

  it('w = 1 is the A/B distillation loss of the teacher, w = 0 that of the professor (P1)', () => {
    tf.tidy(() => {
      const teacher = tf.randomNormal([5, 6], 0, 2, 'float32', 1) as tf.Tensor2D;
      const professor = tf.randomNormal([5, 6], 0, 2, 'float32', 2) as tf.Tensor2D;
      const student = tf.randomNormal([5, 6], 0, 2, 'float32', 3) as tf.Tensor2D;
      assertClose(
        dualDistillationLoss(teacher, professor, student, 3, 1).dataSync()[0],
        distillationLoss(teacher, student, 3).dataSync()[0],
        1e-5,
      );
      assertClose(
        dualDistillationLoss(teacher, professor, student, 3, 0).dataSync()[0],
        distillationLoss(professor, student, 3).dataSync()[0],
        1e-5,
      );
      const mixed =
        0.3 * distillationLoss(teacher, student, 3).dataSync()[0] +
        0.7 * distillationLoss(professor, student, 3).dataSync()[0];
      assertClose(dualDistillationLoss(teacher, professor, student, 3, 0.3).dataSync()[0], mixed, 1e-5);
    });
  });

  it('stacked [K, N, C] -> [K], one loss per student; shared [N, C] targets broadcast', () => {
    tf.tidy(() => {
      const teacher = tf.tensor2d([[0, 0]]);
      const professor = tf.tensor2d([[Math.log(0.9), Math.log(0.1)]]);
      // Student 1 uniform; student 2 = [0.9, 0.1] (professor KL 0, teacher KL = KL([.5,.5] ‖ [.9,.1]) = ln(5/3)).
      const students = tf.tensor3d([[[0, 0]], [[Math.log(0.9), Math.log(0.1)]]]);
      const stacked = dualDistillationLoss(teacher, professor, students, 1, 0.25);
      assert.deepEqual(stacked.shape, [2]);
      const values = stacked.dataSync();
      assertClose(values[0], 0.75 * klNineTenths);
      assertClose(values[1], 0.25 * Math.log(5 / 3));
      // The same with per-student targets [K, N, C].
      const perStudent = dualDistillationLoss(
        tf.stack([teacher, teacher]),
        tf.stack([professor, professor]),
        students,
        1,
        0.25,
      ).dataSync();
      assertClose(perStudent[0], values[0]);
      assertClose(perStudent[1], values[1]);
    });
  });

  it('per-model [K] temperature and weight tensors give each model its own loss', () => {
    tf.tidy(() => {
      const teacher = tf.randomNormal([2, 4, 3], 0, 2, 'float32', 4) as tf.Tensor3D;
      const professor = tf.randomNormal([2, 4, 3], 0, 2, 'float32', 5) as tf.Tensor3D;
      const student = tf.randomNormal([2, 4, 3], 0, 2, 'float32', 6) as tf.Tensor3D;
      const stacked = dualDistillationLoss(
        teacher,
        professor,
        student,
        tf.tensor1d([2, 5]),
        tf.tensor1d([0.25, 0.8]),
      ).dataSync();
      const model = (k: number, temperature: number, weight: number) =>
        dualDistillationLoss(
          teacher.slice([k, 0, 0], [1, 4, 3]).squeeze([0]),
          professor.slice([k, 0, 0], [1, 4, 3]).squeeze([0]),
          student.slice([k, 0, 0], [1, 4, 3]).squeeze([0]),
          temperature,
          weight,
        ).dataSync()[0];
      assertClose(stacked[0], model(0, 2, 0.25), 1e-5);
      assertClose(stacked[1], model(1, 5, 0.8), 1e-5);
      assert.throws(
        () => dualDistillationLoss(teacher, professor, student, tf.tensor1d([2, 5, 1]), 0.5),
        /temperature must have shape \[2\]/,
      );
      assert.throws(
        () => dualDistillationLoss(tf.zeros([4, 3]), tf.zeros([4, 3]), tf.zeros([4, 3]), 1, tf.tensor1d([0.5])),
        /teacherWeight is a tensor, which needs stacked studentLogits/,
      );
    });
  });

  it('gradients reach the student; bad shapes and weights are named', () => {
    const student = tf.variable(tf.tensor2d([[0.5, -0.5]]));
    const gradients = tf.grads((s: tf.Tensor) =>
      dualDistillationLoss(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, 1]]), s, 1, 0.5),
    )([student]);
    // p_avg = 0.5·softmax([1,0]) + 0.5·softmax([0,1]) = [0.5, 0.5]; d/ds = q - p_avg = softmax([0.5,-0.5]) - 0.5.
    const q = 1 / (1 + Math.exp(-1));
    assertClose(gradients[0].dataSync()[0], q - 0.5, 1e-5);
    tf.dispose([student, ...gradients]);
    tf.tidy(() => {
      const a = tf.zeros([2, 3]);
      assert.throws(
        () => dualDistillationLoss(tf.zeros([2, 4]), a, a, 1, 0.5),
        /teacherLogits shape \[2, 4\] must equal studentLogits shape \[2, 3\]/,
      );
      assert.throws(
        () => dualDistillationLoss(a, tf.zeros([3, 3]), tf.zeros([2, 2, 3]), 1, 0.5),
        /professorLogits shape \[3, 3\] must equal studentLogits shape \[2, 2, 3\] or be \[2, 3\]/,
      );
      assert.throws(() => dualDistillationLoss(a, a, a, 1, 1.5), /teacherWeight must be in \[0, 1\]/);
      assert.throws(() => dualDistillationLoss(a, a, a, -1, 0.5), /temperature must be a finite number > 0/);
      assert.throws(() => dualDistillationLoss(a, a, tf.zeros([3]), 1, 0.5), /must be \[N, C\] or \[K, N, C\]/);
    });
  });
});
