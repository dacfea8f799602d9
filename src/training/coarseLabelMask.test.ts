import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { objectiveByName } from '../methods/registry';
import { silentProgress } from '../util/progress';
import { type MemberSpec, trainGroup } from './index';
import { smallProblem } from './testProblem';

describe("D's coarse term with every row's coarse label (few labels, 'distill', coarse teacher on all rows)", () => {
  before(async () => {
    await initializeBackend();
  });

  it('by hand: the fine CE averages over the labelled rows, the coarse CE over every row', () => {
    const [student, auxiliary, total] = tf.tidy(() => {
      // Fine logits [0, 0]: CE ln 2 on every row. Coarse logits [ln 3, 0]: p(0) = 3/4, so
      // CE ln(4/3) for coarse label 0 and ln 4 for label 1.
      const prediction = tf.tensor3d([Array.from({ length: 4 }, () => [0, 0])]);
      const distillation = tf.tensor3d([Array.from({ length: 4 }, () => [Math.log(3), 0])]);
      const terms = objectiveByName('coarse-auxiliary').objective({
        prediction,
        distillation,
        fineLabels: tf.tensor2d([[0, 1, 1, 0]], undefined, 'int32'),
        coarseLabels: tf.tensor2d([[0, 1, 0, 0]], undefined, 'int32'),
        settings: { studentLossWeight: tf.tensor1d([0.3]) },
        labelledMask: tf.tensor2d([[1, 0, 1, 0]]),
        coarseLabelledMask: tf.tensor2d([[1, 1, 1, 1]]),
      });
      return [terms.student, terms.auxiliary, terms.total].map((term) => term.dataSync()[0]);
    });
    const everyRow = (3 * Math.log(4 / 3) + Math.log(4)) / 4;
    assert.ok(Math.abs(student - Math.log(2)) < 1e-5, `student ${student}`);
    assert.ok(Math.abs(auxiliary - everyRow) < 1e-5, `auxiliary ${auxiliary} vs ${everyRow} (every row)`);
    assert.ok(Math.abs(total - (0.3 * Math.log(2) + 0.7 * everyRow)) < 1e-5);
    // Without the coarse mask the coarse CE is masked like the fine one: rows 0 and 2, ln(4/3).
    const masked = tf.tidy(
      () =>
        objectiveByName('coarse-auxiliary')
          .objective({
            prediction: tf.tensor3d([Array.from({ length: 4 }, () => [0, 0])]),
            distillation: tf.tensor3d([Array.from({ length: 4 }, () => [Math.log(3), 0])]),
            fineLabels: tf.tensor2d([[0, 1, 1, 0]], undefined, 'int32'),
            coarseLabels: tf.tensor2d([[0, 1, 0, 0]], undefined, 'int32'),
            settings: { studentLossWeight: tf.tensor1d([0.3]) },
            labelledMask: tf.tensor2d([[1, 0, 1, 0]]),
          })
          .auxiliary.dataSync()[0],
    );
    assert.ok(Math.abs(masked - Math.log(4 / 3)) < 1e-5, `masked auxiliary ${masked}`);
  });

  it('in a stacked group: coarseLabelsEverywhere gives the all-label coarse term and the masked fine term', async () => {
    const { train, validation, test, fineClassCount, coarseClassCount, inputDimension } = smallProblem();
    const rows = train.fineLabels.length;
    const labelledMask = Uint8Array.from({ length: rows }, (_, row) => (row % 4 === 0 ? 1 : 0));
    const member = (extra: Partial<MemberSpec>): MemberSpec => ({ method: 'coarse-auxiliary', seed: 3, ...extra });
    const members = [member({}), member({ labelledMask, coarseLabelsEverywhere: true }), member({ labelledMask })];
    // One epoch of one batch: the recorded terms are those of the same initial weights.
    const results = await trainGroup({
      members,
      architecture: { inputDimension, hiddenUnits: [16], dropoutRate: 0.1, fineClassCount, coarseClassCount },
      data: { train, validation, test },
      epochs: 1,
      batchSize: rows,
      learningRate: 0.01,
      progress: silentProgress,
    });
    const [all, everywhere, masked] = results.map(({ result }) => result.history[0]);
    for (const { model } of results) model.dispose();
    const close = (first: number, second: number) => Math.abs(first - second) < 1e-5;
    assert.ok(close(everywhere.auxiliaryLoss!, all.auxiliaryLoss!), 'coarse term over every row');
    assert.ok(!close(masked.auxiliaryLoss!, all.auxiliaryLoss!), 'masked coarse term differs');
    assert.ok(close(everywhere.studentLoss, masked.studentLoss), 'fine term masked in both');
    assert.ok(!close(everywhere.studentLoss, all.studentLoss), 'the masked fine term differs from all labels');
  });
});
