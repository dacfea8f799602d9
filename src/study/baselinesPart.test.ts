import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fashionMnistExperiment, paperNewsgroupsExperiment } from '../config/builtInExperiments';
import { baselinePoints } from './baselinesPart';
import { countStudyRuns } from './studyCost';
import {
  baselineGrids,
  buildStudyParts,
  fashionSmokeStudySettings,
  fashionStudySettings,
  fullStudySettings,
  smokeBaselineGrids,
  smokeStudySettings,
} from './studyParts';

describe('the baselines part', () => {
  const parts = buildStudyParts(paperNewsgroupsExperiment, fullStudySettings);
  const baselines = parts.find((part) => part.name === 'baselines')!;

  it('3 linked points: point k sets A and each of F-M to its k-th value; C, D, E at the experiment’s settings', () => {
    assert.deepEqual(
      parts.map((part) => part.name),
      ['curves', 'regimes', 'hierarchies', 'features', 'featureSets', 'baselines', 'grid'],
      'before the long grid',
    );
    assert.deepEqual(
      baselines.points.map((point) => point.label),
      ['setting 1 of 3', 'setting 2 of 3', 'setting 3 of 3'],
    );
    const second = baselines.points[1];
    assert.deepEqual(second.assignments, {
      'methods.heterogeneous.temperature': 4,
      'methods.heterogeneous.studentLossWeight': 0.7,
      'methods.softLabels.beta': 2,
      'methods.hierarchicalCrossEntropy.alpha': 0.5,
      'methods.teacherFreeVirtual.studentLossWeight': 0.5,
      'methods.teacherFreeSelf.studentLossWeight': 0.5,
      'methods.decoupled.nonTargetWeight': 4,
      'methods.decoupledCoarse.nonTargetWeight': 4,
      'methods.composedTeacher.temperature': 4,
      'methods.composedTeacherUniform.temperature': 4,
    });
    // The other settings stay at each method's default.
    assert.deepEqual(second.config.methods.decoupled, {
      studentLossWeight: 0.5,
      temperature: 4,
      targetWeight: 1,
      nonTargetWeight: 4,
    });
    assert.deepEqual(second.config.methods.composedTeacher, { studentLossWeight: 0.3, temperature: 4 });
    assert.deepEqual(Object.keys(second.config.methods).sort(), [
      'coarseAuxiliary',
      'composedTeacher',
      'composedTeacherUniform',
      'decoupled',
      'decoupledCoarse',
      'heterogeneous',
      'hierarchicalCrossEntropy',
      'labelSmoothing',
      'plain',
      'softLabels',
      'teacherFreeSelf',
      'teacherFreeVirtual',
    ]);
    // A: paper 1's (T, a) first, then two pairs of the regimes part's grid (whose runs these are).
    assert.deepEqual(
      baselines.points.map((point) => [
        point.config.methods.heterogeneous?.temperature,
        point.config.methods.heterogeneous?.studentLossWeight,
      ]),
      [
        [28, 0.3],
        [4, 0.7],
        [4, 0.3],
      ],
    );
    assert.deepEqual(baselines.points[0].config.methods.heterogeneous, paperNewsgroupsExperiment.methods.heterogeneous);
    for (const key of ['plain', 'coarseAuxiliary', 'labelSmoothing'])
      assert.ok(
        baselines.points.every(
          (point) =>
            JSON.stringify(point.config.methods[key]) === JSON.stringify(paperNewsgroupsExperiment.methods[key]),
        ),
        key,
      );
  });

  it('adds 8 x 3 x 5 student runs: A, C, D, E and both teachers are the regimes part’s runs', () => {
    // Per part: 8 baselines x 3 points x 5 seeds + A x 3 points x 5 + C, D, E x 5 seeds; teachers: coarse and fine x 5 seeds.
    const counts = countStudyRuns([baselines]);
    assert.equal(counts.students, 8 * 3 * 5 + 3 * 5 + 3 * 5);
    // A's three points are runs of the regimes part (fraction 1), as C, D and E are: nothing new there.
    const regimes = parts.find((part) => part.name === 'regimes')!;
    assert.equal(
      countStudyRuns([regimes, baselines]).students,
      countStudyRuns([regimes]).students + 8 * 3 * 5,
      'only F-M are new',
    );
    assert.equal(counts.teachers, 2 * 5);
    const grid = parts.find((part) => part.name === 'grid')!;
    const together = countStudyRuns([grid, baselines]);
    assert.equal(together.students, countStudyRuns([grid]).students + 8 * 3 * 5);
    assert.equal(together.teachers, countStudyRuns([grid]).teachers);
  });

  it("leaves every other part's points as they were (a study without grids has no baselines part)", () => {
    const { baselineGrids: _grids, ...withoutGrids } = fullStudySettings;
    const before = buildStudyParts(paperNewsgroupsExperiment, withoutGrids);
    assert.ok(!before.some((part) => part.name === 'baselines'));
    assert.deepEqual(JSON.stringify(before), JSON.stringify(parts.filter((part) => part.name !== 'baselines')));
  });

  it('smoke and Fashion-MNIST settings: the smoke slice takes 2 values of each grid', () => {
    assert.equal(fullStudySettings.baselineGrids, baselineGrids);
    assert.equal(smokeStudySettings.baselineGrids, smokeBaselineGrids);
    assert.equal(fashionSmokeStudySettings.baselineGrids, smokeBaselineGrids);
    assert.ok(smokeBaselineGrids.every((grid) => grid.values.length === 2));
    const smoke = buildStudyParts(fashionMnistExperiment, fashionSmokeStudySettings, true);
    assert.equal(smoke.find((part) => part.name === 'baselines')?.points.length, 2);
    // Fashion-MNIST: A's T 28 is not in its grid, but A, C, D, E at fraction 1 are the regimes part's runs.
    const { baselineGrids: _grids, ...withoutGrids } = fashionStudySettings;
    assert.equal(
      countStudyRuns(buildStudyParts(fashionMnistExperiment, fashionStudySettings)).students,
      countStudyRuns(buildStudyParts(fashionMnistExperiment, withoutGrids)).students + 8 * 3 * 5,
    );
  });

  it('few labels by config: each fraction < 1 in every mode is a regime of its own; all labels as before', () => {
    const withFractions = buildStudyParts(paperNewsgroupsExperiment, {
      ...fullStudySettings,
      baselineFractions: [0.1, 1],
    }).find((part) => part.name === 'baselines')!;
    assert.deepEqual(
      withFractions.points.map((point) => point.label),
      [
        ...['drop', 'distill'].flatMap((mode) => [1, 2, 3].map((index) => `0.1, ${mode}: setting ${index} of 3`)),
        'setting 1 of 3',
        'setting 2 of 3',
        'setting 3 of 3',
      ],
    );
    // The all-label points are the default part's, to the config (so their run ids do not change).
    assert.equal(JSON.stringify(withFractions.points.slice(6)), JSON.stringify(baselines.points));
    const few = withFractions.points[4];
    assert.deepEqual(
      { ...few.assignments },
      {
        'student.labelledFraction': 0.1,
        'student.unlabelledInputs': 'distill',
        ...baselines.points[1].assignments,
      },
    );
    assert.equal(few.config.student.labelledFraction, 0.1);
    assert.equal(few.config.student.unlabelledInputs, 'distill');
    // The regimes part's early stopping at fractions < 1.
    const stopping = few.config.student.earlyStopping;
    assert.ok(stopping !== false && stopping.minEpochs === 5);
    // Per regime: 8 baselines x 3 points x 5 seeds, A x 3 points x 5 and C, D, E x 5 seeds; the all-label runs as before.
    assert.equal(countStudyRuns([withFractions]).students, 3 * (8 * 3 * 5 + 3 * 5 + 3 * 5));
    // A, C, D and E in the few-label regimes are the regimes part's runs at 0.1 too.
    const regimesAtFractions = buildStudyParts(paperNewsgroupsExperiment, {
      ...fullStudySettings,
      fractions: [0.1, 1],
    }).find((part) => part.name === 'regimes')!;
    assert.equal(
      countStudyRuns([regimesAtFractions, withFractions]).students,
      countStudyRuns([regimesAtFractions]).students + 3 * 8 * 3 * 5,
    );
    assert.throws(
      () => baselinePoints(paperNewsgroupsExperiment, smokeBaselineGrids, { fractions: [0] }),
      /labelled fractions must be in \(0, 1\], got 0/,
    );
  });

  it('refuses grids of different lengths, naming the key', () => {
    assert.throws(
      () =>
        baselinePoints(paperNewsgroupsExperiment, [
          { configKey: 'softLabels', setting: 'beta', values: [1, 2] },
          { configKey: 'hierarchicalCrossEntropy', setting: 'alpha', values: [0.1] },
        ]),
      /methods\.hierarchicalCrossEntropy\.alpha has 1 values, softLabels's 2; every grid needs the same number/,
    );
    assert.deepEqual(baselinePoints(paperNewsgroupsExperiment, []), []);
  });
});
