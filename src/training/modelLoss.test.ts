import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { combinedLoss, crossEntropyLoss, distillationLoss, maskedCrossEntropyLoss } from '../losses';
import { buildStudent, buildTeacher } from '../models';
import { SeededRandom } from '../util/random';
import { objectiveLoss } from './modelLoss';

/** Six rows, 4 inputs, 5 fine / 2 coarse classes; dropout 0, so training mode equals predict. */
const random = new SeededRandom(11);
const rows = 6;
const features = Array.from({ length: rows }, () => Array.from({ length: 4 }, () => random.next() * 2 - 1));
const fineLabels = [0, 4, 2, 1, 3, 2];
const coarseLabels = [0, 1, 1, 0, 1, 1];
const teacher = Array.from({ length: rows }, () => [random.next() * 4 - 2, random.next() * 4 - 2]);

const close = (actual: tf.Tensor, expected: tf.Tensor, what: string) => {
  const [a, e] = [actual.dataSync()[0], expected.dataSync()[0]];
  assert.ok(Math.abs(a - e) <= 1e-5 * Math.max(1, Math.abs(e)), `${what}: ${a} vs ${e}`);
};

describe('objectiveLoss: one model, one batch, through the method registry', () => {
  before(async () => {
    await initializeBackend();
  });

  it('heterogeneous: a·CE(prediction, fine) + (1-a)·T²·KL(teacher ‖ distillation head), settings defaulted from the registry', () => {
    const model = buildStudent({
      inputDimension: 4,
      hiddenUnits: [8],
      dropoutRate: 0,
      fineClassCount: 5,
      coarseClassCount: 2,
      seed: 3,
    });
    tf.tidy(() => {
      const batch = {
        x: tf.tensor2d(features),
        fineLabels: tf.tensor1d(fineLabels, 'int32'),
        teacherLogits: tf.tensor2d(teacher),
      };
      const terms = objectiveLoss({ method: 'heterogeneous', settings: { temperature: 3 } }, model, batch);
      const [prediction, distillation] = model.predict(batch.x) as tf.Tensor2D[];
      const student = crossEntropyLoss(batch.fineLabels, prediction);
      const kd = distillationLoss(batch.teacherLogits, distillation, 3);
      close(terms.student, student, 'student');
      close(terms.distillation as tf.Scalar, kd, 'distillation');
      close(terms.total, combinedLoss(student, kd, 0.3), 'total (a = 0.3, the registry default)');
      // Few-label mode: the student term averages over the marked rows only.
      const labelledMask = tf.tensor1d([1, 0, 1, 0, 0, 1]);
      const masked = objectiveLoss({ method: 'heterogeneous', settings: { temperature: 3 } }, model, {
        ...batch,
        labelledMask,
      });
      close(masked.student, maskedCrossEntropyLoss(batch.fineLabels, prediction, labelledMask), 'masked student');
      close(masked.distillation as tf.Scalar, kd, 'distillation over every row');
    });
    model.dispose();
  });

  it('teacher-coarse: CE of the prediction head on the coarse labels; an unknown method or setting is named', () => {
    const model = buildTeacher({ inputDimension: 4, classCount: 2, hiddenUnits: [8], dropoutRate: 0, seed: 5 });
    tf.tidy(() => {
      const batch = {
        x: tf.tensor2d(features),
        fineLabels: tf.tensor1d(fineLabels, 'int32'),
        coarseLabels: tf.tensor1d(coarseLabels, 'int32'),
      };
      const terms = objectiveLoss({ method: 'teacher-coarse' }, model, batch);
      const expected = crossEntropyLoss(batch.coarseLabels, model.predict(batch.x) as tf.Tensor2D);
      close(terms.total, expected, 'total');
      close(terms.student, expected, 'student');
      assert.throws(() => objectiveLoss({ method: 'teacher-middle' }, model, batch), /unknown method "teacher-middle"/);
      assert.throws(
        () => objectiveLoss({ method: 'plain', settings: { temperature: 2 } }, model, batch),
        /method plain: unknown setting "temperature"/,
      );
    });
    model.dispose();
  });
});
