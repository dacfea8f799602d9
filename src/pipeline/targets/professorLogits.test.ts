import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../../backend/backend';
import { stratifiedSubset } from '../../data/split';
import { registeredMethods } from '../../methods/registry';
import { disposeProfessor } from '../../professor/model';
import { resolveProfessorSettings } from '../../professor/professorSettings';
import { refineTargets, trainProfessor } from '../../professor/trainProfessor';
import type { FloatMatrix } from '../../training';
import { gaussianClusters } from '../../training/syntheticClusters';
import { SeededRandom } from '../../util/random';
import type { ExperimentConfig } from '../experimentConfig';
import type { PlannedRun } from '../plan/planRuns';
import type { PreparedExperimentData } from '../prepare/prepareData';
import { planRuns } from '../plan/planRuns';
import { clearProfessorCache, professorTargetsFor } from './professorLogits';
import { resolveExperimentConfig } from '../../config/layering';
import { takeRows } from '../prepare/runRows';

const settings = resolveProfessorSettings({ epochs: 2, hiddenUnits: [8], latentUnits: 4, batchSize: 16 });
const splitSeed = 5;

/** 6 fine classes in 3 groups, 96 training rows, and made-up teacher logits for both label spaces. */
function fixture() {
  const problem = gaussianClusters({ rowsPerSplit: [96], dimension: 4, coarseCount: 3, finePerCoarse: 2, seed: 11 });
  const [train] = problem.splits;
  const random = new SeededRandom(3);
  const logits = (columns: number): FloatMatrix => ({
    data: Float32Array.from({ length: train.x.rows * columns }, () => random.next() * 4 - 2),
    rows: train.x.rows,
    columns,
  });
  const data = { train, hierarchy: { fineToCoarse: problem.fineToCoarse } } as unknown as PreparedExperimentData;
  return { data, fineLogits: logits(6), coarseLogits: logits(3) };
}

/** A planned student run of a professor method, seeing `labelledFraction` of the fine labels. */
function plannedRun(methodName: string, labelledFraction: number | undefined, teacherRunId: string): PlannedRun {
  const method = registeredMethods().find((definition) => definition.name === methodName)!;
  // 'shared': the labelled rows are stratifiedSubset(fine labels, f, splitSeed), as the test computes them.
  const training = {
    labelledFraction,
    unlabelledInputs: 'distill',
    labelledSubset: 'shared',
  } as unknown as PlannedRun['runConfig']['training'];
  return {
    runId: `seed1-${methodName}-${labelledFraction}`,
    role: { kind: 'student', method: methodName },
    seed: 1,
    points: [''],
    config: { dataset: { kind: 'newsgroups', splitSeed } } as unknown as ExperimentConfig,
    runConfig: {
      method: methodName,
      training,
      teacherRunId,
      professor: settings,
    } as unknown as PlannedRun['runConfig'],
    method,
    settings: { temperature: 4, studentLossWeight: 0.3 },
  };
}

const quiet = () => undefined;

describe('the professor in few-label regimes (student.labelledFraction < 1)', () => {
  before(async () => {
    await initializeBackend();
    clearProfessorCache();
  });

  it('a fine professor sees only the labelled rows: trained and applied on them alone, the other rows keep the teacher logits', async () => {
    const { data, fineLogits } = fixture();
    const labelled = stratifiedSubset(data.train.fineLabels, 0.5, splitSeed);
    assert.ok(labelled.length > 0 && labelled.length < 96);
    const result = await professorTargetsFor(
      plannedRun('professor-traditional', 0.5, 'teacher-fine-1'),
      fineLogits,
      data,
      quiet,
    );
    assert.equal(result.summary.labelledRows, labelled.length);
    const isLabelled = new Set(labelled);
    // Unlabelled rows: the teacher's own logits, untouched (refining them would need their fine label).
    for (let row = 0; row < 96; row++) {
      if (isLabelled.has(row)) continue;
      assert.deepEqual(
        Array.from(result.refined.data.subarray(row * 6, row * 6 + 6)),
        Array.from(fineLogits.data.subarray(row * 6, row * 6 + 6)),
        `unlabelled row ${row} must keep the teacher logits`,
      );
    }
    // Labelled rows: exactly a professor trained on the labelled rows alone (same seed), so no other row's fine label reached it.
    const seenLogits = takeRows(fineLogits, labelled);
    const seenLabels = labelled.map((row) => data.train.fineLabels[row]);
    const { professor } = await trainProfessor({
      teacherLogits: seenLogits,
      labels: seenLabels,
      classCount: 6,
      temperature: 4,
      ...settings,
      seed: 1,
    });
    const expected = refineTargets(professor, seenLogits, seenLabels, 4);
    disposeProfessor(professor);
    labelled.forEach((row, position) => {
      const got = Array.from(result.refined.data.subarray(row * 6, row * 6 + 6));
      const want = Array.from(expected.data.subarray(position * 6, position * 6 + 6));
      got.forEach((value, column) =>
        assert.ok(
          Math.abs(value - want[column]) < 1e-5,
          `labelled row ${row}, class ${column}: ${value} vs ${want[column]}`,
        ),
      );
    });
    // Some labelled row really was refined (the check above is not trivially the teacher's logits).
    assert.ok(labelled.some((row) => Math.abs(result.refined.data[row * 6] - fineLogits.data[row * 6]) > 1e-4));
  });

  it('every fine label seen (fraction absent) or a coarse professor: every row is refined, and a different labelled share is a different professor', async () => {
    const { data, fineLogits, coarseLogits } = fixture();
    const all = await professorTargetsFor(
      plannedRun('professor-traditional', undefined, 'teacher-fine-1'),
      fineLogits,
      data,
      quiet,
    );
    assert.equal(all.summary.labelledRows, undefined);
    const half = await professorTargetsFor(
      plannedRun('professor-traditional', 0.5, 'teacher-fine-1'),
      fineLogits,
      data,
      quiet,
    );
    assert.notDeepEqual(
      Array.from(all.refined.data),
      Array.from(half.refined.data),
      'the cache must not hand the all-labels professor to a few-labels student',
    );
    // The coarse professor keeps every row's coarse label: the teachers see the whole training split.
    const coarse = await professorTargetsFor(
      plannedRun('professor-heterogeneous', 0.5, 'teacher-coarse-1'),
      coarseLogits,
      data,
      quiet,
    );
    assert.equal(coarse.summary.labelledRows, undefined);
    const changed = Array.from({ length: 96 }, (_, row) => row).filter(
      (row) => Math.abs(coarse.refined.data[row * 3] - coarseLogits.data[row * 3]) > 1e-4,
    );
    assert.ok(
      changed.length > 48,
      `the coarse professor refines unlabelled rows too (${changed.length} of 96 changed)`,
    );
  });

  it('the run ids of fine-professor students with few labels change (runs trained before the guard are not reused); no other id changes', () => {
    const config = (fraction: number) =>
      resolveExperimentConfig({
        base: 'paper1-newsgroups',
        set: [
          'seeds=[1]',
          `student.labelledFraction=${fraction}`,
          'methods={"plain":{},"professorTraditional":{},"professorHeterogeneous":{}}',
        ],
      });
    const data = {
      hierarchy: { name: 'newsgroups-paper', fineToCoarse: [0], coarseLabelNames: ['a'] },
      featuresId: { dataFingerprint: 'x', encoderId: 'y' },
      inputDimension: 4,
    } as unknown as PreparedExperimentData;
    const marks = (fraction: number) =>
      planRuns([{ label: '', assignments: {}, config: config(fraction) }], data).students.map(
        (run) => `${run.runConfig.method}:${run.runConfig.professorLabels ?? '-'}`,
      );
    assert.deepEqual(marks(0.5), ['plain:-', 'professor-heterogeneous:-', 'professor-traditional:labelled-rows']);
    assert.deepEqual(marks(1), ['plain:-', 'professor-heterogeneous:-', 'professor-traditional:-']);
  });
});
