import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { experiments } from '../../config/builtInExperiments';
import type { ExperimentConfig, RoleConfig } from '../../config/types';
import { stratifiedSubset } from '../../data/split';
import { gaussianClusters } from '../../training/syntheticClusters';
import { planRuns, type PlannedRun, type TrainingPlan } from '../plan/planRuns';
import type { PreparedExperimentData } from '../prepare/prepareData';
import { labelledRowsOf } from '../prepare/runRows';
import { groupRuns } from './groupRuns';
import { runTrainingData } from './roleData';

/** 6 fine classes in 3 groups; 240 training, 120 validation and 60 test rows. */
const problem = gaussianClusters({ rowsPerSplit: [240, 120, 60], dimension: 4, seed: 7 });
const [train, validation, test] = problem.splits;
const data = {
  train,
  validation,
  test,
  inputDimension: 4,
  featuresId: { encoderId: 'synthetic' },
  hierarchy: {
    name: 'synthetic',
    fineToCoarse: problem.fineToCoarse,
    coarseLabelNames: ['a', 'b', 'c'],
    fineLabelNames: ['0', '1', '2', '3', '4', '5'],
  },
} as unknown as PreparedExperimentData;

const base: ExperimentConfig = {
  ...experiments['paper1-newsgroups'],
  seeds: [1, 2, 3],
  methods: { heterogeneous: {}, traditional: {}, plain: {}, coarseAuxiliary: {} } as ExperimentConfig['methods'],
};
const plan = (student: Partial<RoleConfig>): TrainingPlan =>
  planRuns([{ label: '', assignments: {}, config: { ...base, student: { ...base.student, ...student } } }], data);
const studentOf = (planned: TrainingPlan, method: string, seed: number): PlannedRun =>
  planned.students.find((run) => run.runConfig.method === method && run.seed === seed)!;
const teacherOf = (planned: TrainingPlan, target: 'coarse' | 'fine', seed: number): PlannedRun =>
  planned.teachers.find((run) => run.role.kind === 'teacher' && run.role.target === target && run.seed === seed)!;

/** Per fine class: how many of `rows` (indices into `labels`) carry it. */
const classCounts = (labels: ArrayLike<number>, rows: readonly number[]) =>
  Array.from({ length: 6 }, (_, label) => rows.filter((row) => labels[row] === label).length);
/** Per fine class: round(f x class size), at least 1. */
const expectedCounts = (labels: ArrayLike<number>, fraction: number) =>
  classCounts(
    labels,
    Array.from(labels, (_, row) => row),
  ).map((size) => Math.max(1, Math.round(fraction * size)));

describe('few-label protocol: the rows each run trains and stops early on', () => {
  it("'per-seed': stratified rows that differ across seeds, the same for every method and the fine teacher of a seed, nested across fractions", () => {
    const quarter = plan({ labelledFraction: 0.25, unlabelledInputs: 'distill' });
    const tenth = plan({ labelledFraction: 0.1, unlabelledInputs: 'distill' });
    const rowsBySeed = [1, 2, 3].map((seed) => labelledRowsOf(studentOf(quarter, 'plain', seed), data)!);
    for (const [index, rows] of rowsBySeed.entries()) {
      const seed = index + 1;
      assert.deepEqual(classCounts(train.fineLabels, rows), expectedCounts(train.fineLabels, 0.25), 'stratified');
      for (const method of ['heterogeneous', 'traditional', 'coarse-auxiliary'])
        assert.deepEqual(labelledRowsOf(studentOf(quarter, method, seed), data), rows, `${method}, seed ${seed}`);
      const fineTeacher = runTrainingData(teacherOf(quarter, 'fine', seed), data);
      assert.deepEqual(fineTeacher.keptRows, rows, 'the fine teacher trains on the same labelled rows');
      assert.equal(fineTeacher.train.x.rows, rows.length);
      assert.deepEqual(
        fineTeacher.train.fineLabels,
        rows.map((row) => train.fineLabels[row]),
      );
      const smaller = labelledRowsOf(studentOf(tenth, 'plain', seed), data)!;
      assert.ok(
        smaller.every((row) => rows.includes(row)),
        `seed ${seed}: the rows at 0.1 are among those at 0.25`,
      );
    }
    assert.notDeepEqual(rowsBySeed[0], rowsBySeed[1]);
    assert.notDeepEqual(rowsBySeed[1], rowsBySeed[2]);
    // The coarse teacher sees every row (default coarseTeacherRows 'all').
    const coarse = runTrainingData(teacherOf(quarter, 'coarse', 1), data);
    assert.equal(coarse.train.x.rows, 240);
    assert.equal(coarse.validation.x.rows, 120);
  });

  it("'shared' reproduces the one subset every seed saw before (seeded by dataset.splitSeed)", () => {
    const shared = plan({ labelledFraction: 0.25, labelledSubset: 'shared' });
    const before = stratifiedSubset(train.fineLabels, 0.25, base.dataset.splitSeed);
    for (const seed of [1, 2, 3]) {
      assert.deepEqual(labelledRowsOf(studentOf(shared, 'plain', seed), data), before);
      assert.deepEqual(runTrainingData(studentOf(shared, 'plain', seed), data).keptRows, before, 'drop: kept rows');
    }
  });

  it("validation: a stratified share f per seed ('scaled', default) for students and labelled-row teachers; whole with 'all'; test always whole", () => {
    const quarter = plan({ labelledFraction: 0.25 });
    const expected = expectedCounts(validation.fineLabels, 0.25).reduce((sum, count) => sum + count, 0);
    assert.ok(expected < 120 && expected > 0);
    const seen = new Set<string>();
    for (const seed of [1, 2, 3]) {
      for (const run of [studentOf(quarter, 'plain', seed), teacherOf(quarter, 'fine', seed)]) {
        const splits = runTrainingData(run, data);
        assert.equal(splits.validation.x.rows, expected, `${run.runConfig.method}: scaled validation`);
        assert.deepEqual(
          classCounts(
            splits.validation.fineLabels,
            Array.from(splits.validation.fineLabels, (_, row) => row),
          ),
          expectedCounts(validation.fineLabels, 0.25),
        );
        assert.equal(splits.test.x.rows, 60, 'test split whole');
        seen.add(`${splits.validation.fineLabels.join(',')}|${Array.from(splits.validation.x.data).join(',')}`);
      }
    }
    assert.equal(seen.size, 3, 'one validation subset per seed, shared by the student and its fine teacher');
    const whole = plan({ labelledFraction: 0.25, validationRows: 'all' });
    assert.equal(runTrainingData(studentOf(whole, 'plain', 1), data).validation.x.rows, 120);
    assert.equal(runTrainingData(teacherOf(whole, 'fine', 1), data).validation.x.rows, 120);
    const all = plan({});
    assert.equal(runTrainingData(studentOf(all, 'plain', 1), data).validation, validation, 'all labels: untouched');
  });

  it("D in 'distill' with coarseTeacherRows 'all' uses every row's coarse label; masked with 'labelled'; 'drop' keeps the labelled rows", () => {
    const distill = runTrainingData(
      studentOf(plan({ labelledFraction: 0.25, unlabelledInputs: 'distill' }), 'coarse-auxiliary', 1),
      data,
    );
    assert.equal(distill.coarseLabelsEverywhere, true);
    assert.equal(distill.train.x.rows, 240);
    assert.equal(
      distill.labelledMask!.reduce((sum, value) => sum + value, 0),
      expectedCounts(train.fineLabels, 0.25).reduce((sum, count) => sum + count, 0),
    );
    const masked = runTrainingData(
      studentOf(
        plan({ labelledFraction: 0.25, unlabelledInputs: 'distill', coarseTeacherRows: 'labelled' }),
        'coarse-auxiliary',
        1,
      ),
      data,
    );
    assert.equal(masked.coarseLabelsEverywhere, undefined);
    const drop = runTrainingData(studentOf(plan({ labelledFraction: 0.25 }), 'coarse-auxiliary', 1), data);
    assert.equal(drop.coarseLabelsEverywhere, undefined);
    assert.equal(drop.labelledMask, undefined);
    assert.equal(drop.train.x.rows, drop.keptRows!.length);
  });

  it('stacked groups never mix seeds of per-seed subsets (their rows differ); shared subsets may stack', () => {
    const seedsOf = (groups: PlannedRun[][]) => groups.map((group) => new Set(group.map((run) => run.seed)).size);
    const perSeed = plan({ labelledFraction: 0.25 });
    const fineTeachers = perSeed.teachers.filter((run) => run.runConfig.target === 'fine');
    assert.ok(
      seedsOf(groupRuns([...fineTeachers, ...perSeed.students], { groupSize: 36 })).every((count) => count === 1),
    );
    // The all-row coarse teachers of the seeds still stack.
    const coarseTeachers = perSeed.teachers.filter((run) => run.runConfig.target === 'coarse');
    assert.deepEqual(seedsOf(groupRuns(coarseTeachers, { groupSize: 36 })), [3]);
    const shared = plan({ labelledFraction: 0.25, labelledSubset: 'shared' });
    assert.ok(seedsOf(groupRuns(shared.students, { groupSize: 36 })).some((count) => count > 1));
  });
});
