import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { experiments } from '../config/builtInExperiments';
import { decoupledDistillationValues } from '../losses';
import { SeededRandom } from '../util/random';
import { methodByName, resolveMethodSettings } from './index';

const argmax = (values: number[]) => values.indexOf(Math.max(...values));

describe('decoupled KD methods (J dkd, K dkd-coarse)', () => {
  before(async () => {
    await initializeBackend();
  });

  it('J distils the fine teacher into the prediction head, K the coarse teacher into the distillation head; both validated', () => {
    const fine = methodByName('dkd');
    const coarse = methodByName('dkd-coarse');
    assert.deepEqual(
      [fine.letter, fine.configKey, fine.teacher, fine.distillationHead, fine.kind],
      ['J', 'decoupled', 'fine', false, 'extension'],
    );
    assert.deepEqual(
      [coarse.letter, coarse.configKey, coarse.teacher, coarse.distillationHead, coarse.needsCoarseLabels],
      ['K', 'decoupledCoarse', 'coarse', true, true],
    );
    assert.deepEqual(resolveMethodSettings(fine), {
      studentLossWeight: 0.5,
      temperature: 4,
      targetWeight: 1,
      nonTargetWeight: 8,
    });
    assert.throws(
      () => resolveMethodSettings(coarse, { nonTargetWeight: -1 }),
      /method dkd-coarse: setting nonTargetWeight must be >= 0, got -1/,
    );
    assert.throws(
      () => resolveMethodSettings(fine, { temperature: 0 }),
      /method dkd: setting temperature must be > 0, got 0/,
    );
  });

  it('is optional: no built-in experiment enables J-M by default', () => {
    for (const [name, config] of Object.entries(experiments)) {
      for (const key of ['decoupled', 'decoupledCoarse', 'composedTeacher', 'composedTeacherUniform'])
        assert.equal(key in config.methods, false, `${name} enables ${key}`);
    }
  });

  it("few-label rows: the target class is the row's label where the mask is 1, the teacher's top class where it is 0", () => {
    const random = new SeededRandom(9);
    const rows = 4;
    const classes = 3;
    const logits = () =>
      Array.from({ length: rows }, () => Array.from({ length: classes }, () => (random.next() * 2 - 1) * 3));
    const teacher = logits();
    const distillation = logits();
    const prediction = Array.from({ length: rows }, () => Array.from({ length: 5 }, () => random.next()));
    const coarseLabels = [2, 0, 1, 1];
    const mask = [1, 0, 1, 0];
    const settings = { studentLossWeight: 0.4, temperature: 2, targetWeight: 0.7, nonTargetWeight: 3 };
    const method = methodByName('dkd-coarse');
    tf.tidy(() => {
      const terms = method.objective({
        prediction: tf.tensor3d([prediction]),
        distillation: tf.tensor3d([distillation]),
        fineLabels: tf.tensor2d([[0, 1, 2, 3]], undefined, 'int32'),
        coarseLabels: tf.tensor2d([coarseLabels], undefined, 'int32'),
        teacherLogits: tf.tensor3d([teacher]),
        settings: Object.fromEntries(Object.entries(settings).map(([name, value]) => [name, tf.tensor1d([value])])),
        labelledMask: tf.tensor2d([mask]),
      });
      const values = teacher.map((row, index) =>
        decoupledDistillationValues(
          row,
          distillation[index],
          mask[index] === 1 ? coarseLabels[index] : argmax(row),
          settings.temperature,
        ),
      );
      const tckd = values.reduce((sum, value) => sum + value.targetClass, 0) / rows;
      const nckd = values.reduce((sum, value) => sum + value.nonTargetClass, 0) / rows;
      assert.ok(
        Math.abs(terms.targetClass.dataSync()[0] - tckd) < 1e-5,
        `TCKD ${terms.targetClass.dataSync()[0]} vs ${tckd}`,
      );
      assert.ok(Math.abs(terms.nonTargetClass.dataSync()[0] - nckd) < 1e-5);
      const distillationTerm = settings.targetWeight * tckd + settings.nonTargetWeight * nckd;
      assert.ok(Math.abs(terms.distillation.dataSync()[0] - distillationTerm) < 1e-4);
    });
  });
});
