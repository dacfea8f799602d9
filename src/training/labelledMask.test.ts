import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { crossEntropyLoss, distillationLoss } from '../losses';
import { objectiveByName } from '../methods/registry';
import { silentProgress } from '../util/progress';
import { type MemberSpec, trainGroup } from './index';
import { labelTeacherLogits, smallProblem } from './testProblem';

const { train, validation, test, fineClassCount, coarseClassCount, inputDimension } = smallProblem();
const architecture = { inputDimension, hiddenUnits: [24], dropoutRate: 0.1, fineClassCount, coarseClassCount };
const coarseTeacher = labelTeacherLogits(train.coarseLabels!, coarseClassCount, 3, 1);
const rows = train.fineLabels.length;

describe('labelled mask: label terms over labelled rows, distillation over all', () => {
  before(async () => {
    await initializeBackend();
  });

  it('the heterogeneous objective: masked fine CE, KL on every row', () => {
    tf.tidy(() => {
      const prediction = tf.tensor3d([
        [
          [2, 0, 0],
          [0, 1, 0],
          [0, 0, 3],
          [1, 1, 1],
        ],
      ]);
      const distillation = tf.tensor3d([
        [
          [1, 0],
          [0, 1],
          [0.5, 0],
          [0, 0],
        ],
      ]);
      const teacherLogits = tf.tensor3d([
        [
          [2, 0],
          [0, 2],
          [1, 0],
          [0, 1],
        ],
      ]);
      const fineLabels = tf.tensor2d([[0, 2, 2, 1]], undefined, 'int32');
      const settings = { temperature: tf.tensor1d([2]), studentLossWeight: tf.tensor1d([0.3]) };
      const mask = tf.tensor2d([[1, 0, 1, 0]]);
      const terms = objectiveByName('heterogeneous').objective({
        prediction,
        distillation,
        fineLabels,
        teacherLogits,
        settings,
        labelledMask: mask,
      });
      // Student term: CE of rows 0 and 2 only; both logit rows put 2 or 3 on the label.
      const rowsCE = [0, 2].map(
        (row) =>
          crossEntropyLoss(
            tf.tensor1d([[0, 2, 2, 1][row]], 'int32'),
            prediction.squeeze([0]).slice([row, 0], [1, 3]) as tf.Tensor2D,
          ).arraySync() as number,
      );
      const expectedStudent = (rowsCE[0] + rowsCE[1]) / 2;
      assert.ok(Math.abs(terms.student.arraySync()[0] - expectedStudent) < 1e-6);
      // By hand: row 0 ln(1 + 2e^-2) = 0.239545, row 2 ln(1 + 2e^-3) = 0.094923.
      assert.ok(Math.abs(expectedStudent - (0.239545 + 0.094923) / 2) < 1e-5);
      // Distillation: the same as without a mask (all four rows).
      const unmasked = distillationLoss(teacherLogits, distillation, settings.temperature).arraySync()[0];
      assert.ok(Math.abs(terms.distillation.arraySync()[0] - unmasked) < 1e-7);
      assert.ok(Math.abs(terms.total.arraySync()[0] - (0.3 * expectedStudent + 0.7 * unmasked)) < 1e-6);
      // D's coarse CE is masked too.
      const auxiliary = objectiveByName('coarse-auxiliary').objective({
        prediction,
        distillation,
        fineLabels,
        coarseLabels: tf.tensor2d([[0, 1, 1, 0]], undefined, 'int32'),
        settings: { studentLossWeight: tf.tensor1d([0.5]) },
        labelledMask: tf.tensor2d([[0, 0, 0, 0]]),
      });
      assert.equal(auxiliary.auxiliary.arraySync()[0], 0, 'no labelled row: the coarse term is 0');
    });
  });

  it('trainGroup: an all-ones mask equals no mask; an all-zero mask leaves only distillation', async () => {
    const ones = new Uint8Array(rows).fill(1);
    const zeros = new Uint8Array(rows);
    const settings = { temperature: 4, studentLossWeight: 0.3 };
    const members: MemberSpec[] = [
      { method: 'heterogeneous', settings, seed: 7, teacherLogits: coarseTeacher },
      { method: 'heterogeneous', settings, seed: 7, teacherLogits: coarseTeacher, labelledMask: ones },
      { method: 'heterogeneous', settings, seed: 7, teacherLogits: coarseTeacher, labelledMask: zeros },
      { method: 'plain', seed: 9, labelledMask: zeros },
      { method: 'plain', seed: 9 },
    ];
    const before = tf.memory().numTensors;
    const results = await trainGroup({
      members,
      architecture,
      data: { train, validation, test },
      epochs: 2,
      learningRate: 0.01,
      progress: silentProgress,
    });
    const [plainMask, masked, unlabelled, plainZero, plain] = results.map((result) => result.result.history);
    for (const field of ['totalLoss', 'studentLoss', 'distillationLoss', 'validationLoss', 'testAccuracy'] as const) {
      plainMask.forEach((record, epoch) =>
        assert.ok(
          Math.abs((record[field] as number) - (masked[epoch][field] as number)) < 1e-5,
          `${field} epoch ${epoch + 1}`,
        ),
      );
    }
    assert.ok(
      unlabelled.every((record) => record.studentLoss === 0 && record.distillationLoss! > 0),
      'no label seen: student term 0, distillation learns',
    );
    assert.notEqual(unlabelled[1].validationLoss, plainMask[1].validationLoss);
    assert.ok(
      plainZero.every((record) => record.totalLoss === 0),
      'a plain student without labels has nothing to learn',
    );
    assert.ok(plain[1].totalLoss > 0);
    results.forEach((result) => result.model.dispose());
    assert.equal(tf.memory().numTensors, before, 'no tensors leak');
  });

  it('rejects a mask of the wrong length or with values other than 0 and 1', async () => {
    const run = (labelledMask: ArrayLike<number>) =>
      trainGroup({
        members: [{ method: 'plain', seed: 1, labelledMask }],
        architecture,
        data: { train, validation, test },
        epochs: 1,
        progress: silentProgress,
      });
    await assert.rejects(run(new Uint8Array(rows - 1)), /labelledMask has 599 entries, the training split 600 rows/);
    await assert.rejects(run(Array.from({ length: rows }, () => 0.5)), /labelledMask\[0\] is 0\.5, expected 0 or 1/);
  });
});
