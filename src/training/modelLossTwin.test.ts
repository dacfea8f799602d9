import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { combinedLoss, crossEntropyLoss, distillationLoss } from '../losses';
import { buildStudent } from '../models';
import { SeededRandom } from '../util/random';
import { objectiveLoss } from './modelLoss';

/**
 * The training loop's objective against the loss written out by hand, with dropout ON: a twin
 * built with the same seed has the same weights and, on its first call, the same dropout masks,
 * so one batch's three terms agree with the hand-computed ones (what notebook 04 relies on when
 * it explains one batch's loss).
 */
describe('objectiveLoss on a seeded twin, dropout on', () => {
  before(async () => {
    await initializeBackend();
  });

  it('heterogeneous at T = 28, a = 0.3: student, T² · KL and total equal the terms computed by hand', () => {
    const random = new SeededRandom(4);
    const rows = 16;
    const features = Array.from({ length: rows }, () => Array.from({ length: 12 }, () => random.next() * 2 - 1));
    const fineLabels = Array.from({ length: rows }, (_, row) => row % 7);
    const teacher = Array.from({ length: rows }, () => Array.from({ length: 3 }, () => random.next() * 6 - 3));
    const options = { inputDimension: 12, hiddenUnits: [32], dropoutRate: 0.5, fineClassCount: 7, coarseClassCount: 3 };
    const student = buildStudent({ ...options, seed: 9 });
    const twin = buildStudent({ ...options, seed: 9 });
    const other = buildStudent({ ...options, seed: 10 });
    tf.tidy(() => {
      const batch = {
        x: tf.tensor2d(features),
        fineLabels: tf.tensor1d(fineLabels, 'int32'),
        teacherLogits: tf.tensor2d(teacher),
      };
      const [prediction, distillation] = student.apply(batch.x, { training: true }) as tf.Tensor2D[];
      // Dropout is on: the training-mode outputs differ from the inference ones.
      const [inference] = student.predict(batch.x) as tf.Tensor2D[];
      assert.ok(tf.max(tf.abs(tf.sub(prediction, inference))).dataSync()[0] > 1e-3, 'dropout changed nothing');
      const byHand = {
        student: crossEntropyLoss(batch.fineLabels, prediction).dataSync()[0],
        distillation: distillationLoss(batch.teacherLogits, distillation, 28).dataSync()[0],
      };
      const total = combinedLoss(tf.scalar(byHand.student), tf.scalar(byHand.distillation), 0.3).dataSync()[0];
      const objective = { method: 'heterogeneous', settings: { temperature: 28, studentLossWeight: 0.3 } };
      const terms = objectiveLoss(objective, twin, batch);
      const close = (actual: number, expected: number, what: string) =>
        assert.ok(
          Math.abs(actual - expected) <= 1e-5 * Math.max(1, Math.abs(expected)),
          `${what}: ${actual} vs ${expected}`,
        );
      close(terms.student.dataSync()[0], byHand.student, 'student');
      close((terms.distillation as tf.Scalar).dataSync()[0], byHand.distillation, 'distillation');
      close(terms.total.dataSync()[0], total, 'total');
      // A student of another seed gives other terms: the agreement is not an accident.
      const otherTerms = objectiveLoss(objective, other, batch);
      assert.ok(Math.abs(otherTerms.total.dataSync()[0] - total) > 1e-4, 'another seed gave the same total');
    });
    for (const model of [student, twin, other]) model.dispose();
  });
});
