import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../../config/builtInExperiments';
import type { RoleConfig } from '../../config/types';
import { methodByName } from '../../methods/registry';
import { resolveProfessorSettings } from '../../professor/professorSettings';
import { planRuns } from '../plan/planRuns';
import type { PreparedExperimentData } from '../prepare/prepareData';
import type { TargetContext, TargetRun } from './provider';
import { targetProvider, targetProviders } from './providers';

/** What planning reads of prepared data: 4 fine classes in 2 groups. */
const data = {
  hierarchy: {
    name: 'toy',
    fineToCoarse: [0, 0, 1, 1],
    coarseLabelNames: ['a', 'b'],
    fineLabelNames: ['a1', 'a2', 'b1', 'b2'],
  },
  featuresId: 'toy-features',
  inputDimension: 3,
} as unknown as PreparedExperimentData;

const training = (labelledFraction?: number) =>
  ({
    ...paperNewsgroupsExperiment.student,
    ...(labelledFraction === undefined ? {} : { labelledFraction }),
  }) as RoleConfig;

describe('target providers', () => {
  it('are listed once per kind, teacher logits first (a professor refines them), and looked up by kind', () => {
    assert.deepEqual(
      targetProviders.map((provider) => provider.kind),
      ['teacher-logits', 'professor-logits', 'self-logits'],
    );
    assert.throws(
      () => targetProvider('oracle-logits' as never),
      /no provider for targets of kind "oracle-logits"; known: teacher-logits, professor-logits, self-logits/,
    );
  });

  it("give one column per class of the teacher's label space", () => {
    // The self teacher is a plain student: always the fine label space.
    assert.equal(targetProvider('self-logits').columns({ kind: 'self-logits', teacher: 'fine' }, data), 4);
    for (const provider of targetProviders.filter((candidate) => candidate.kind !== 'self-logits')) {
      assert.equal(provider.columns({ kind: provider.kind, teacher: 'coarse' }, data), 2);
      assert.equal(provider.columns({ kind: provider.kind, teacher: 'fine' }, data), 4);
    }
  });

  it('the professor adds its settings to the run config, and the labelled-rows guard only for a fine professor with few labels', () => {
    const config = { ...paperNewsgroupsExperiment, professor: { epochs: 7 } };
    const entries = targetProvider('professor-logits').runConfigEntries;
    assert.ok(entries, 'the professor has run-config entries');
    const settings = resolveProfessorSettings({ epochs: 7 });
    assert.deepEqual(entries({ kind: 'professor-logits', teacher: 'coarse' }, config, training(0.5)), {
      professor: settings,
    });
    assert.deepEqual(entries({ kind: 'professor-logits', teacher: 'fine' }, config, training()), {
      professor: settings,
    });
    assert.deepEqual(entries({ kind: 'professor-logits', teacher: 'fine' }, config, training(0.5)), {
      professor: settings,
      professorLabels: 'labelled-rows',
    });
    assert.equal(targetProvider('teacher-logits').runConfigEntries, undefined);
  });

  it('a professor student that distils on unlabelled inputs records that its fine-label term reads the labelled rows only (new run ids for the masked objective)', () => {
    const entries = targetProvider('professor-logits').runConfigEntries!;
    const settings = resolveProfessorSettings(paperNewsgroupsExperiment.professor);
    const distill = { ...training(0.25), unlabelledInputs: 'distill' } as RoleConfig;
    const drop = { ...training(0.25), unlabelledInputs: 'drop' } as RoleConfig;
    assert.deepEqual(entries({ kind: 'professor-logits', teacher: 'coarse' }, paperNewsgroupsExperiment, distill), {
      professor: settings,
      studentLabels: 'labelled-rows',
    });
    assert.deepEqual(entries({ kind: 'professor-logits', teacher: 'fine' }, paperNewsgroupsExperiment, distill), {
      professor: settings,
      professorLabels: 'labelled-rows',
      studentLabels: 'labelled-rows',
    });
    assert.deepEqual(entries({ kind: 'professor-logits', teacher: 'coarse' }, paperNewsgroupsExperiment, drop), {
      professor: settings,
    });
    assert.deepEqual(
      entries({ kind: 'professor-logits', teacher: 'coarse' }, paperNewsgroupsExperiment, {
        ...distill,
        labelledFraction: 1,
      } as RoleConfig),
      { professor: settings },
    );
  });

  it('the plan records those entries in the run configs of professor students only', () => {
    const { heterogeneous, plain } = paperNewsgroupsExperiment.methods;
    const config = {
      ...paperNewsgroupsExperiment,
      seeds: [1],
      methods: { heterogeneous, plain, professorTraditional: { studentLossWeight: 0.5, temperature: 4 } },
    };
    const plan = planRuns([{ label: '', assignments: {}, config }], data);
    const byMethod = Object.fromEntries(plan.students.map((run) => [run.runConfig.method, run.runConfig]));
    const teacherIds = Object.fromEntries(plan.teachers.map((run) => [run.runConfig.method, run.runId]));
    assert.deepEqual(
      byMethod['professor-traditional'].professor,
      resolveProfessorSettings(paperNewsgroupsExperiment.professor),
    );
    assert.equal(byMethod['professor-traditional'].teacherRunId, teacherIds['teacher-fine']);
    assert.equal(byMethod.heterogeneous.teacherRunId, teacherIds['teacher-coarse']);
    assert.equal('professor' in byMethod.heterogeneous, false);
    assert.equal(byMethod.plain.teacherRunId, null);
    assert.equal('professorLabels' in byMethod['professor-traditional'], false);
  });

  it('teacher logits name the teacher run that is missing from the plan', async () => {
    const run: TargetRun = {
      runId: 'seed1-heterogeneous-x',
      seed: 1,
      method: methodByName('heterogeneous'),
      settings: {},
      role: { kind: 'student' },
      config: { dataset: { splitSeed: 0 } },
      runConfig: { method: 'heterogeneous', teacherRunId: 'seed1-teacher-coarse-y', training: training() },
    };
    const context: TargetContext = {
      data,
      runDirectories: new Map(),
      computed: new Map(),
      log: () => undefined,
      targetOf: () => assert.fail('not needed'),
    };
    await assert.rejects(
      targetProvider('teacher-logits').compute(run, { kind: 'teacher-logits', teacher: 'coarse' }, context),
      /teacher run seed1-teacher-coarse-y is not in the plan/,
    );
    await assert.rejects(
      targetProvider('teacher-logits').compute(
        { ...run, runConfig: { ...run.runConfig, teacherRunId: null } },
        { kind: 'teacher-logits', teacher: 'coarse' },
        context,
      ),
      /run seed1-heterogeneous-x: method heterogeneous distils from no teacher/,
    );
  });
});
