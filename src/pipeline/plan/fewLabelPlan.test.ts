import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { experiments } from '../../config/builtInExperiments';
import type { ExperimentConfig, RoleConfig } from '../../config/types';
import { validateExperimentConfig } from '../../config/validateExperiment';
import type { PreparedExperimentData } from '../prepare/prepareData';
import { allLabelRunIdsBefore } from './fixtures/allLabelRunIds';
import { fewLabelProtocolOf, studentTraining, subsetSeed, teacherRowsOf } from '../prepare/fewLabelProtocol';
import { planRuns, type PlannedRun, type TrainingPlan } from './planRuns';

/** What planning reads of the prepared data (the same fake the fixture's ids were planned with). */
const data = {
  hierarchy: {
    name: 'h',
    fineToCoarse: [0, 0, 1, 1, 2],
    coarseLabelNames: ['a', 'b', 'c'],
    fineLabelNames: ['1', '2', '3', '4', '5'],
  },
  featuresId: { encoderId: 'fake', datasetId: 'fake' },
  inputDimension: 16,
} as unknown as PreparedExperimentData;

/** The method keys registered when the fixture was made (other methods added later are not in it). */
const fixtureMethods = Object.fromEntries(
  'heterogeneous,traditional,plain,coarseAuxiliary,labelSmoothing,professorHeterogeneous,professorDualHeterogeneous,professorTraditional,professorDualTraditional'
    .split(',')
    .map((key) => [key, {}]),
);

const plan = (config: ExperimentConfig): TrainingPlan => planRuns([{ label: '', assignments: {}, config }], data);
const idsOf = (planned: TrainingPlan) => [...planned.teachers, ...planned.students].map((run) => run.runId);
const withStudent = (config: ExperimentConfig, student: Partial<RoleConfig>): ExperimentConfig => ({
  ...config,
  student: { ...config.student, ...student },
});

describe('few-label protocol: planning and run ids', () => {
  it('every all-label run keeps the id planned before the protocol (paper 1, Fashion-MNIST; f absent or 1; protocol fields ignored at 1)', () => {
    for (const name of ['paper1-newsgroups', 'fashion-mnist']) {
      const base = experiments[name];
      const every = { ...base, methods: fixtureMethods };
      assert.deepEqual(idsOf(plan(base)), allLabelRunIdsBefore[`${name}/default`], `${name} default`);
      assert.deepEqual(idsOf(plan(every)), allLabelRunIdsBefore[`${name}/all-methods`], `${name} all methods`);
      const atOne = withStudent(every, {
        labelledFraction: 1,
        labelledSubset: 'shared',
        fineTeacherRows: 'labelled',
        coarseTeacherRows: 'labelled',
        validationRows: 'scaled',
      });
      assert.deepEqual(idsOf(plan(atOne)), allLabelRunIdsBefore[`${name}/all-methods-f1`], `${name} at f = 1`);
    }
  });

  it('resolves the defaults below 1 and records them in the students training config', () => {
    const student = experiments['paper1-newsgroups'].student;
    assert.equal(fewLabelProtocolOf(student), undefined);
    assert.equal(fewLabelProtocolOf({ ...student, labelledFraction: 1 }), undefined);
    assert.deepEqual(fewLabelProtocolOf({ ...student, labelledFraction: 0.1 }), {
      labelledFraction: 0.1,
      unlabelledInputs: 'drop',
      labelledSubset: 'per-seed',
      fineTeacherRows: 'labelled',
      coarseTeacherRows: 'all',
      validationRows: 'scaled',
    });
    const recorded = studentTraining({ ...student, labelledFraction: 0.1, unlabelledInputs: 'distill' });
    assert.equal(recorded.labelledSubset, 'per-seed');
    assert.equal(recorded.validationRows, 'scaled');
    assert.equal(
      studentTraining({ ...student, labelledFraction: 1, labelledSubset: 'shared' }).labelledSubset,
      undefined,
    );
    assert.equal(teacherRowsOf({ ...student, labelledFraction: 0.1 }, 'coarse'), undefined, 'coarse: all rows');
    assert.deepEqual(teacherRowsOf({ ...student, labelledFraction: 0.1 }, 'fine'), {
      labelledFraction: 0.1,
      labelledSubset: 'per-seed',
      validationRows: 'scaled',
    });
  });

  it('a fine teacher of labelled rows is a run per fraction and seed; students get their own; all-row teachers are shared', () => {
    const base = { ...experiments['paper1-newsgroups'], seeds: [1, 2] };
    const full = plan(base);
    const teacherId = (planned: TrainingPlan, target: 'coarse' | 'fine', seed: number) =>
      planned.teachers.find((run) => run.role.kind === 'teacher' && run.role.target === target && run.seed === seed)!
        .runId;
    const byMethod = (planned: TrainingPlan, method: string, seed: number): PlannedRun =>
      planned.students.find((run) => run.runConfig.method === method && run.seed === seed)!;
    const tenth = plan(withStudent(base, { labelledFraction: 0.1 }));
    const quarter = plan(withStudent(base, { labelledFraction: 0.25 }));
    for (const seed of [1, 2]) {
      // The coarse teacher sees every row by default: the all-label teacher.
      assert.equal(teacherId(tenth, 'coarse', seed), teacherId(full, 'coarse', seed));
      // The fine teacher sees the labelled rows: its own run per fraction (and seed).
      assert.notEqual(teacherId(tenth, 'fine', seed), teacherId(full, 'fine', seed));
      assert.notEqual(teacherId(tenth, 'fine', seed), teacherId(quarter, 'fine', seed));
      assert.deepEqual(
        tenth.teachers.find((run) => run.runId === teacherId(tenth, 'fine', seed))!.runConfig.labelledRows,
        {
          labelledFraction: 0.1,
          labelledSubset: 'per-seed',
          validationRows: 'scaled',
        },
      );
      assert.equal(byMethod(tenth, 'traditional', seed).runConfig.teacherRunId, teacherId(tenth, 'fine', seed));
      assert.equal(byMethod(tenth, 'heterogeneous', seed).runConfig.teacherRunId, teacherId(tenth, 'coarse', seed));
    }
    assert.notEqual(teacherId(tenth, 'fine', 1), teacherId(tenth, 'fine', 2));
    // 'all': the fine teacher from elsewhere is the all-label one; 'labelled' coarse: its own run.
    const outside = plan(
      withStudent(base, { labelledFraction: 0.1, fineTeacherRows: 'all', coarseTeacherRows: 'labelled' }),
    );
    assert.equal(teacherId(outside, 'fine', 1), teacherId(full, 'fine', 1));
    assert.notEqual(teacherId(outside, 'coarse', 1), teacherId(full, 'coarse', 1));
    // Another subset or validation rule is another teacher; the student's input mode is not.
    const shared = plan(withStudent(base, { labelledFraction: 0.1, labelledSubset: 'shared' }));
    const wholeValidation = plan(withStudent(base, { labelledFraction: 0.1, validationRows: 'all' }));
    const distill = plan(withStudent(base, { labelledFraction: 0.1, unlabelledInputs: 'distill' }));
    assert.notEqual(teacherId(shared, 'fine', 1), teacherId(tenth, 'fine', 1));
    assert.notEqual(teacherId(wholeValidation, 'fine', 1), teacherId(tenth, 'fine', 1));
    assert.equal(teacherId(distill, 'fine', 1), teacherId(tenth, 'fine', 1));
    assert.notEqual(byMethod(shared, 'plain', 1).runId, byMethod(tenth, 'plain', 1).runId);
  });

  it('subset seeds: shared training rows keep dataset.splitSeed; per-seed ones differ by seed and split', () => {
    assert.equal(subsetSeed('shared', 42, 1, 'train'), 42);
    assert.equal(subsetSeed('shared', 42, 2, 'train'), 42);
    assert.equal(subsetSeed('shared', 42, 1, 'validation'), subsetSeed('shared', 42, 2, 'validation'));
    const seeds = [1, 2, 3].map((seed) => subsetSeed('per-seed', 42, seed, 'train'));
    assert.equal(new Set(seeds).size, 3);
    assert.ok(seeds.every((seed) => Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32));
    assert.notEqual(subsetSeed('per-seed', 42, 1, 'train'), subsetSeed('per-seed', 42, 1, 'validation'));
    assert.notEqual(subsetSeed('per-seed', 42, 1, 'train'), subsetSeed('per-seed', 43, 1, 'train'));
  });

  it('rejects a bad protocol value with the field and the allowed values named', () => {
    const base = experiments['paper1-newsgroups'];
    const bad = (field: string, value: unknown) =>
      validateExperimentConfig({ ...base, student: { ...base.student, labelledFraction: 0.1, [field]: value } });
    assert.throws(() => bad('labelledSubset', 'per-run'), /student\.labelledSubset.*per-seed.*shared/s);
    assert.throws(() => bad('fineTeacherRows', 'some'), /student\.fineTeacherRows.*labelled.*all/s);
    assert.throws(() => bad('coarseTeacherRows', 1), /student\.coarseTeacherRows/);
    assert.throws(() => bad('validationRows', 'half'), /student\.validationRows.*scaled.*all/s);
    assert.throws(
      () => validateExperimentConfig({ ...base, teacher: { ...base.teacher, labelledSubset: 'shared' } as RoleConfig }),
      /teacher\.labelledSubset/,
    );
  });
});
