import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../../backend/backend';
import { paperNewsgroupsExperiment } from '../../config/builtInExperiments';
import type { ExperimentConfig } from '../../config/types';
import { buildStudent } from '../../models';
import type { FloatMatrix } from '../../tensors/matrix';
import { gaussianClusters, predictLogits, trainModel } from '../../training';
import { silentProgress } from '../../util/progress';
import { planRuns } from '../plan/planRuns';
import type { PreparedExperimentData, PreparedSplit } from '../prepare/prepareData';
import type { TargetContext } from './provider';
import { plainTwinOf, selfTeacherRun } from '../execute/selfTeacher';
import { selfTeacherLogitsProvider } from './selfTeacherLogits';

/** A small hierarchical problem as prepared data: 6 fine classes in 3 groups, 16-d inputs. */
const problem = gaussianClusters({ rowsPerSplit: [240, 60, 60], seed: 9 });
const [train, validation, test] = problem.splits as unknown as PreparedSplit[];
const data = {
  hierarchy: {
    name: 'toy',
    fineToCoarse: problem.fineToCoarse,
    coarseLabelNames: ['a', 'b', 'c'],
    fineLabelNames: problem.fineToCoarse.map((_, fine) => `f${fine}`),
  },
  featuresId: 'toy-features',
  inputDimension: 16,
  train,
  validation,
  test,
} as unknown as PreparedExperimentData;

const config = (student: Partial<ExperimentConfig['student']> = {}): ExperimentConfig => ({
  ...paperNewsgroupsExperiment,
  seeds: [3],
  student: {
    ...paperNewsgroupsExperiment.student,
    model: { kind: 'dense', hiddenUnits: [8] },
    epochs: 2,
    earlyStopping: false,
    ...student,
  },
  methods: { plain: {}, teacherFreeSelf: { studentLossWeight: 0.2, temperature: 23 } },
});

const planFor = (experiment: ExperimentConfig) => {
  const plan = planRuns([{ label: '', assignments: {}, config: experiment }], data, 'all', 'needed');
  const byMethod = Object.fromEntries(plan.students.map((run) => [run.runConfig.method, run]));
  return { plan, plain: byMethod.plain, self: byMethod['tf-kd-self'] };
};

describe('self-logits: the plain student as the teacher of tf-kd-self (I)', () => {
  before(async () => {
    await initializeBackend();
  });

  it("plans no teacher, and the self teacher is exactly C's run of the same seed (also with few labels)", () => {
    for (const student of [
      {},
      { labelledFraction: 0.5 },
      { labelledFraction: 0.5, unlabelledInputs: 'distill' as const },
    ]) {
      const { plan, plain, self } = planFor(config(student));
      assert.equal(plan.teachers.length, 0, 'no trained teacher');
      assert.equal(self.runConfig.teacherRunId, null);
      assert.notEqual(self.runId, plain.runId);
      assert.equal(selfTeacherRun(self).runId, plain.runId, JSON.stringify(student));
      assert.deepEqual(selfTeacherRun(self).runConfig, plain.runConfig);
    }
  });

  it('trains the plain twin when C is not finished: the logits of a plain student of that seed, computed once per seed', async () => {
    const { self } = planFor(config());
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const context: TargetContext = {
      data,
      runDirectories: new Map(),
      computed: new Map(),
      log,
      plainTwin: plainTwinOf(data, new Map(), log),
      targetOf: () => assert.fail('not needed'),
    };
    const target = await selfTeacherLogitsProvider.compute(self, { kind: 'self-logits', teacher: 'fine' }, context);
    assert.equal(target.logits.rows, 240);
    assert.equal(target.logits.columns, 6);
    assert.deepEqual(target.summary, {
      selfTeacher: { runId: selfTeacherRun(self).runId, source: 'trained for this run' },
    });
    // The same network trained directly: same seed, settings, rows.
    const model = buildStudent({ inputDimension: 16, hiddenUnits: [8], fineClassCount: 6, seed: 3 });
    const training = self.runConfig.training;
    await trainModel({
      model,
      objective: { method: 'plain' },
      data: { train, validation },
      epochs: 2,
      batchSize: training.batchSize,
      learningRate: training.learningRate,
      seed: 3,
      earlyStopping: false,
      progress: silentProgress,
    });
    const expected: FloatMatrix = predictLogits(model, train.x);
    model.dispose();
    assert.deepEqual(Array.from(target.logits.data), Array.from(expected.data));
    const again = await selfTeacherLogitsProvider.compute(self, { kind: 'self-logits', teacher: 'fine' }, context);
    assert.equal(again, target, 'cached per plain run id');
    assert.equal(lines.length, 1);
  });
});
