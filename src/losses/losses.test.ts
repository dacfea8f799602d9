import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { SeededRandom } from '../util/random';
import { combinedLoss } from './combinedLoss';
import { crossEntropyLoss, smoothedTargets, softCrossEntropyLoss } from './crossEntropy';
import { distillationLoss, softenedProbabilities } from './distillation';
import { distillationLossValue, logSoftmax, smoothedTarget, softCrossEntropy, softmax } from './numericLosses';
import { paperWorkedExample } from './workedExample';

/** float32 arithmetic: agree to about 1e-6 relative. */
function assertClose(actual: number, expected: number, tolerance = 2e-6, message = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${message} expected ${expected}, got ${actual}`,
  );
}

function value(scalar: tf.Scalar): number {
  const result = scalar.dataSync()[0];
  scalar.dispose();
  return result;
}

function randomLogits(random: SeededRandom, rows: number, columns: number, scale: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => (random.next() * 2 - 1) * scale));
}

describe('losses (TensorFlow.js)', () => {
  before(async () => {
    await initializeBackend();
  });

  it("paper 1's worked example from logits (reconstructed vectors, see workedExample.ts)", () => {
    const example = paperWorkedExample;
    tf.tidy(() => {
      const teacher = tf.tensor2d([example.teacherProbabilities.map(Math.log)]);
      const studentDistillation = tf.tensor2d([example.studentDistillationProbabilities.map(Math.log)]);
      const studentPrediction = tf.tensor2d([example.studentPredictionProbabilities.map(Math.log)]);
      const labels = tf.tensor1d([example.trueFineIndex], 'int32');
      const distillation = distillationLoss(teacher, studentDistillation, example.temperature);
      const student = crossEntropyLoss(labels, studentPrediction);
      const total = combinedLoss(student, distillation, example.studentLossWeight);
      assert.equal(distillation.dataSync()[0].toFixed(4), '0.0851');
      assert.equal(student.dataSync()[0].toFixed(4), '0.5108');
      assert.equal(total.dataSync()[0].toFixed(4), '0.1277');
      assertClose(student.dataSync()[0], -Math.log(0.6));
      assertClose(total.dataSync()[0], 0.9 * 0.0851228259572216 + 0.1 * -Math.log(0.6));
    });
  });

  it('KL([0.5, 0.5] || [0.9, 0.1]) = ln(5/3) by hand, and the batch mean', () => {
    const teacher = tf.tensor2d([
      [0, 0],
      [Math.log(0.9), Math.log(0.1)],
    ]);
    const student = tf.tensor2d([
      [Math.log(0.9), Math.log(0.1)],
      [0, 0],
    ]);
    // Row 1: ln(5/3) = 0.5108256; row 2: 0.9 ln 1.8 + 0.1 ln 0.2 = 0.3680642; mean 0.4394449
    assertClose(
      value(distillationLoss(teacher.slice([0, 0], [1, 2]), student.slice([0, 0], [1, 2]), 1)),
      Math.log(5 / 3),
    );
    assertClose(value(distillationLoss(teacher, student, 1)), (Math.log(5 / 3) + 0.3680642071684971) / 2);
    tf.dispose([teacher, student]);
  });

  it('temperature: z = [2 ln 3, 0] at T = 2 is [3/4, 1/4]; the loss carries T² unless told not to', () => {
    tf.tidy(() => {
      const teacher = tf.tensor2d([[2 * Math.log(3), 0]]);
      const student = tf.tensor2d([[0, 0]]);
      const softened = softenedProbabilities(teacher, 2).dataSync();
      assertClose(softened[0], 0.75);
      assertClose(softened[1], 0.25);
      const divergence = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5); // 0.1308120
      assertClose(distillationLoss(teacher, student, 2, false).dataSync()[0], divergence);
      assertClose(distillationLoss(teacher, student, 2).dataSync()[0], 4 * divergence);
      // Same logits halved at T = 1 give the same divergence.
      assertClose(distillationLoss(teacher.div(2) as tf.Tensor2D, student, 1).dataSync()[0], divergence);
    });
  });

  it('is zero for identical logits, unchanged by adding a constant to a row, and never negative', () => {
    const random = new SeededRandom(7);
    tf.tidy(() => {
      const logits = tf.tensor2d(randomLogits(random, 16, 6, 5));
      assertClose(distillationLoss(logits, logits, 3).dataSync()[0], 0, 1e-6);
      const other = tf.tensor2d(randomLogits(random, 16, 6, 5));
      const shifts = tf.tensor2d(Array.from({ length: 16 }, (_, row) => [row * 10 - 50]));
      const base = distillationLoss(logits, other, 2).dataSync()[0];
      assert.ok(base > 0);
      assertClose(
        distillationLoss(logits.add(shifts) as tf.Tensor2D, other.sub(shifts) as tf.Tensor2D, 2).dataSync()[0],
        base,
        1e-5,
      );
      assertClose(
        crossEntropyLoss(
          tf.tensor1d([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3], 'int32'),
          logits.add(shifts) as tf.Tensor2D,
        ).dataSync()[0],
        crossEntropyLoss(tf.tensor1d([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3], 'int32'), logits).dataSync()[0],
        1e-5,
      );
    });
  });

  it('huge T: the soft term vanishes, and T² · KL tends to Σ(Δz)² / 2K for zero-mean logits (Hinton et al. 2015, 2.1)', () => {
    const teacherLogits = [2, -1, 0.5, -1.5]; // mean 0
    const studentLogits = [0, 1, -0.5, -0.5]; // mean 0
    const limit = teacherLogits.reduce((sum, logit, index) => sum + (logit - studentLogits[index]) ** 2, 0) / (2 * 4);
    tf.tidy(() => {
      const teacher = tf.tensor2d([teacherLogits]);
      const student = tf.tensor2d([studentLogits]);
      const unscaled = distillationLoss(teacher, student, 100, false).dataSync()[0];
      assert.ok(unscaled < 1e-3 * limit, `unscaled KL at T = 100 is ${unscaled}`);
      assertClose(distillationLoss(teacher, student, 100).dataSync()[0], limit, 0.01);
      assertClose(distillationLossValue(teacherLogits, studentLogits, 1000), limit, 1e-3);
    });
  });

  it('agrees with the plain-number versions on random logits at several temperatures', () => {
    const random = new SeededRandom(2022);
    const teacherRows = randomLogits(random, 32, 6, 8);
    const studentRows = randomLogits(random, 32, 6, 8);
    for (const temperature of [0.5, 1, 2, 5, 20]) {
      const expected =
        teacherRows.reduce((sum, row, index) => sum + distillationLossValue(row, studentRows[index], temperature), 0) /
        32;
      const actual = tf.tidy(
        () => distillationLoss(tf.tensor2d(teacherRows), tf.tensor2d(studentRows), temperature).dataSync()[0],
      );
      assertClose(actual, expected, 1e-5, `T = ${temperature}`);
      const softened = tf.tidy(() =>
        Array.from(softenedProbabilities(tf.tensor2d(teacherRows), temperature).dataSync()),
      );
      softmax(teacherRows[3], temperature).forEach((probability, column) =>
        assertClose(softened[3 * 6 + column], probability, 1e-6),
      );
    }
    const labels = teacherRows.map((_, index) => index % 6);
    const expectedCrossEntropy = studentRows.reduce((sum, row, index) => sum - logSoftmax(row)[labels[index]], 0) / 32;
    const actualCrossEntropy = tf.tidy(
      () => crossEntropyLoss(tf.tensor1d(labels, 'int32'), tf.tensor2d(studentRows)).dataSync()[0],
    );
    assertClose(actualCrossEntropy, expectedCrossEntropy, 1e-5);
  });

  it('gradients: ∂/∂s of T²·KL is T·(q - p)/N, of cross-entropy (softmax - onehot)/N', () => {
    const teacherRows = [
      [1, 0, -1],
      [0.2, 0.4, 3],
    ];
    const studentRows = [
      [0, 0.5, 0],
      [2, -1, 0],
    ];
    const temperature = 2;
    const gradient = tf.tidy(() => {
      const teacher = tf.tensor2d(teacherRows);
      return Array.from(
        tf
          .grad((student: tf.Tensor) => distillationLoss(teacher, student as tf.Tensor2D, temperature))(
            tf.tensor2d(studentRows),
          )
          .dataSync(),
      );
    });
    teacherRows.forEach((row, rowIndex) => {
      const p = softmax(row, temperature);
      const q = softmax(studentRows[rowIndex], temperature);
      q.forEach((probability, column) =>
        assertClose(gradient[rowIndex * 3 + column], (temperature * (probability - p[column])) / 2, 1e-6),
      );
    });
    const labels = [2, 0];
    const crossEntropyGradient = tf.tidy(() =>
      Array.from(
        tf
          .grad((logits: tf.Tensor) => crossEntropyLoss(tf.tensor1d(labels, 'int32'), logits as tf.Tensor2D))(
            tf.tensor2d(studentRows),
          )
          .dataSync(),
      ),
    );
    studentRows.forEach((row, rowIndex) => {
      softmax(row).forEach((probability, column) => {
        assertClose(
          crossEntropyGradient[rowIndex * 3 + column],
          (probability - (column === labels[rowIndex] ? 1 : 0)) / 2,
          1e-6,
        );
      });
    });
  });

  it('stays finite for logits in the thousands', () => {
    tf.tidy(() => {
      const teacher = tf.tensor2d([[5000, -5000, 0]]);
      const student = tf.tensor2d([[-3000, 3000, 0]]);
      const loss = distillationLoss(teacher, student, 1).dataSync()[0];
      assertClose(loss, 6000, 1e-6); // p = onehot(0): KL = -log q_0 = 6000
      assertClose(crossEntropyLoss(tf.tensor1d([1], 'int32'), teacher).dataSync()[0], 10000, 1e-6);
    });
  });

  it('soft cross-entropy: one-hot targets give cross-entropy; smoothed targets match by hand', () => {
    tf.tidy(() => {
      const logits = tf.tensor2d([
        [1, 2, 0.5, -1],
        [0, 0, 3, 1],
      ]);
      const labels = tf.tensor1d([1, 2], 'int32');
      assertClose(
        softCrossEntropyLoss(smoothedTargets(labels, 4, 0), logits).dataSync()[0],
        crossEntropyLoss(labels, logits).dataSync()[0],
      );
      const smoothed = smoothedTargets(labels, 4, 0.2);
      assert.deepEqual(
        Array.from(smoothed.dataSync()).map((probability) => probability.toFixed(6)),
        ['0.050000', '0.850000', '0.050000', '0.050000', '0.050000', '0.050000', '0.850000', '0.050000'],
      );
      const expected =
        (
          [
            [1, 2, 0.5, -1],
            [0, 0, 3, 1],
          ] as number[][]
        ).reduce((sum, row, index) => sum + softCrossEntropy(smoothedTarget([1, 2][index], 4, 0.2), softmax(row)), 0) /
        2;
      assertClose(softCrossEntropyLoss(smoothed, logits).dataSync()[0], expected, 1e-6);
      // float labels are accepted and rounded to class ids
      assert.deepEqual(Array.from(smoothedTargets(tf.tensor1d([3]), 4, 1).dataSync()), [0.25, 0.25, 0.25, 0.25]);
    });
  });

  it('combinedLoss weighs a·S + (1-a)·D and rejects a outside [0, 1]', () => {
    tf.tidy(() => {
      const student = tf.scalar(2);
      const distillation = tf.scalar(10);
      assertClose(combinedLoss(student, distillation, 0.25).dataSync()[0], 0.25 * 2 + 0.75 * 10);
      assert.equal(combinedLoss(student, distillation, 1).dataSync()[0], 2);
      assert.equal(combinedLoss(student, distillation, 0).dataSync()[0], 10);
      assert.throws(
        () => combinedLoss(student, distillation, 1.2),
        /combinedLoss: studentLossWeight must be in \[0, 1\], got 1.2/,
      );
      assert.throws(
        () => combinedLoss(student, distillation, Number.NaN),
        /studentLossWeight must be in \[0, 1\], got NaN/,
      );
      assert.throws(
        () => combinedLoss(tf.tensor1d([1, 2]) as unknown as tf.Scalar, distillation, 0.5),
        /must be scalars/,
      );
    });
  });

  it('rejects mismatched shapes and bad temperatures with specific messages', () => {
    tf.tidy(() => {
      const logits = tf.tensor2d([[1, 2, 3]]);
      assert.throws(
        () => distillationLoss(logits, tf.tensor2d([[1, 2]]), 1),
        /teacherLogits shape \[1, 3\] differs from studentLogits shape \[1, 2\]/,
      );
      assert.throws(() => distillationLoss(logits, logits, 0), /temperature must be a finite number > 0, got 0/);
      assert.throws(() => distillationLoss(logits, logits, -1), /got -1/);
      assert.throws(() => softenedProbabilities(logits, Infinity), /got Infinity/);
      assert.throws(() => crossEntropyLoss(tf.tensor1d([0, 1], 'int32'), logits), /2 labels for 1 rows of logits/);
      assert.throws(
        () => crossEntropyLoss(tf.tensor1d([0], 'int32'), tf.tensor1d([1, 2]) as unknown as tf.Tensor2D),
        /logits must be 2-D/,
      );
      assert.throws(() => smoothedTargets(tf.tensor1d([0], 'int32'), 3, 1.5), /smoothing must be in \[0, 1\]/);
      assert.throws(
        () => softCrossEntropyLoss(tf.tensor2d([[1, 0]]), logits),
        /targetProbabilities shape \[1, 2\] differs from logits shape \[1, 3\]/,
      );
    });
  });

  it('leaves no tensors behind', () => {
    tf.tidy(() => undefined);
    const teacher = tf.tensor2d([
      [1, 2, 3],
      [0, 0, 1],
    ]);
    const student = tf.tensor2d([
      [0, 2, 1],
      [1, 0, 0],
    ]);
    const labels = tf.tensor1d([2, 0], 'int32');
    const before = tf.memory().numTensors;
    const losses = [
      distillationLoss(teacher, student, 4),
      crossEntropyLoss(labels, student),
      softenedProbabilities(teacher, 2),
      smoothedTargets(labels, 3, 0.1),
    ];
    const total = combinedLoss(losses[1] as tf.Scalar, losses[0] as tf.Scalar, 0.5);
    assert.equal(tf.memory().numTensors, before + 5, 'only the five returned tensors remain');
    tf.dispose([...losses, total, teacher, student, labels]);
  });
});
