/**
 * The composed teacher (L, M) in training: a one-head student distils a COARSE teacher
 * through the hierarchy's fine-to-coarse map, alone (trainModel) and stacked (trainGroup).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { buildStudent } from '../models';
import { evaluateModel, trainGroup, trainModel } from '../training';
import { labelTeacherLogits, smallProblem } from '../training/testProblem';
import { silentProgress } from '../util/progress';
import { methodByName, resolveMethodSettings } from './index';

const { train, validation, fineToCoarse, fineClassCount, coarseClassCount, inputDimension } = smallProblem();
const coarseTeacher = labelTeacherLogits(train.coarseLabels!, coarseClassCount, 6, 3);
/** a = 0: the fine head learns from the composed coarse teacher alone, no fine label. */
const teacherOnly = { studentLossWeight: 0, temperature: 2 };

function impliedCoarseAccuracy(model: Parameters<typeof evaluateModel>[0]): number {
  return evaluateModel(model, validation.x, validation.fineLabels, { fineClassCount, fineToCoarse })
    .impliedCoarseAccuracy!;
}

describe('composed teacher methods (L composed-teacher, M composed-teacher-uniform)', () => {
  before(async () => {
    await initializeBackend();
  });

  it("are one-head students of the coarse teacher; defaults a = 0.3 (A's), T = 2", () => {
    for (const [name, letter, configKey] of [
      ['composed-teacher', 'L', 'composedTeacher'],
      ['composed-teacher-uniform', 'M', 'composedTeacherUniform'],
    ]) {
      const method = methodByName(name);
      assert.deepEqual(
        [method.letter, method.configKey, method.teacher, method.distillationHead],
        [letter, configKey, 'coarse', false],
      );
      assert.deepEqual(resolveMethodSettings(method), { studentLossWeight: 0.3, temperature: 2 });
    }
  });

  it('trainModel: with a = 0 the fine head learns the groups from the coarse teacher alone; without the map, a clear error', async () => {
    const model = buildStudent({ inputDimension, hiddenUnits: [24], dropoutRate: 0.1, fineClassCount, seed: 4 });
    const options = {
      model,
      objective: { method: 'composed-teacher', settings: teacherOnly, teacherLogits: coarseTeacher },
      epochs: 5,
      learningRate: 0.01,
      seed: 4,
      progress: silentProgress,
    };
    await assert.rejects(
      trainModel({ ...options, data: { train, validation } }),
      /composed-teacher, seed 4\): a one-head method with a coarse teacher needs the hierarchy's fineToCoarse/,
    );
    await assert.rejects(
      trainModel({ ...options, data: { train, validation, fineToCoarse: fineToCoarse.slice(1) } }),
      /trainModel: fineToCoarse has 5 entries for 6 fine classes/,
    );
    await assert.rejects(
      trainModel({ ...options, data: { train, validation, fineToCoarse: [0, 0, 1, 1, -1, 2] } }),
      /trainModel: fineToCoarse\[4\] is -1, expected a group id/,
    );
    await trainModel({ ...options, data: { train, validation, fineToCoarse } });
    const accuracy = impliedCoarseAccuracy(model);
    assert.ok(accuracy > 0.9, `implied coarse accuracy ${accuracy}`);
    model.dispose();
  });

  it('trainGroup: L and M stack with the plain student (one-head members); both learn the groups from the coarse teacher', async () => {
    const results = await trainGroup({
      members: [
        { method: 'composed-teacher', settings: teacherOnly, seed: 6, teacherLogits: coarseTeacher },
        { method: 'composed-teacher-uniform', settings: teacherOnly, seed: 6, teacherLogits: coarseTeacher },
        { method: 'plain', seed: 6 },
      ],
      architecture: { inputDimension, hiddenUnits: [24], dropoutRate: 0.1, fineClassCount, coarseClassCount },
      data: { train, validation, fineToCoarse },
      epochs: 5,
      learningRate: 0.01,
      progress: silentProgress,
    });
    const [composed, uniform] = results.map(({ model }) => impliedCoarseAccuracy(model));
    assert.ok(composed > 0.9, `L implied coarse accuracy ${composed}`);
    assert.ok(uniform > 0.9, `M implied coarse accuracy ${uniform}`);
    assert.equal(results[0].model.outputs.length, 1, 'L is a one-head student');
    for (const { model } of results) model.dispose();
  });
});
