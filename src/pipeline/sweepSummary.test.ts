import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PipelineRunSummary } from '../results/runSummary';
import { newsgroupsPaperHierarchy } from '../hierarchy/builtInHierarchies';
import {
  formatSweepSummary,
  summarizeSweep,
  sweepHierarchyRows,
  sweepSummaryDataFrame,
  sweepSummaryRows,
  type SweepPointRuns,
} from './sweepSummary';

function run(method: string, seed: number, validation: number, test: number): PipelineRunSummary {
  const scores = (accuracy: number) => ({ accuracy, macroF1: accuracy - 0.1, crossEntropy: 1 });
  return {
    experiment: 'sweep-test',
    role: 'student',
    method,
    target: 'fine',
    seed,
    parameters: 10,
    bestEpoch: 1,
    epochsRun: 1,
    stoppedEarly: false,
    epochsToTarget: null,
    targetAccuracy: 0.5,
    trainingSeconds: 1,
    backend: 'cpu',
    validation: scores(validation),
    test: scores(test),
  };
}

// Point T=4 wins on validation, point T=8 on test: the pick must follow validation.
const points: SweepPointRuns[] = [
  {
    label: 'temperature=4',
    assignments: { 'methods.heterogeneous.temperature': 4 },
    runDirectories: {
      'seed1-heterogeneous': 'h4-1',
      'seed2-heterogeneous': 'h4-2',
      'seed1-plain': 'c-1',
      'seed2-plain': 'c-2',
    },
    summaries: [
      run('heterogeneous', 1, 0.7, 0.6),
      run('heterogeneous', 2, 0.72, 0.62),
      run('plain', 1, 0.5, 0.55),
      run('plain', 2, 0.52, 0.57),
    ],
  },
  {
    label: 'temperature=8',
    assignments: { 'methods.heterogeneous.temperature': 8 },
    runDirectories: {
      'seed1-heterogeneous': 'h8-1',
      'seed2-heterogeneous': 'h8-2',
      'seed1-plain': 'c-1',
      'seed2-plain': 'c-2',
    },
    summaries: [
      run('heterogeneous', 1, 0.66, 0.7),
      run('heterogeneous', 2, 0.68, 0.72),
      run('plain', 1, 0.5, 0.55),
      run('plain', 2, 0.52, 0.57),
    ],
  },
];

describe('sweep summary', () => {
  it('gives mean and std per point and method', () => {
    const summary = summarizeSweep(points);
    assert.deepEqual(summary.keys, ['methods.heterogeneous.temperature']);
    // C's runs (the same folders) are shared by both points: one row.
    assert.deepEqual(
      summary.rows.map((row) => [row.point, row.method]),
      [
        ['temperature=4', 'heterogeneous'],
        ['(every point)', 'plain'],
        ['temperature=8', 'heterogeneous'],
      ],
    );
    assert.deepEqual(summary.shared, ['plain']);
    const first = summary.rows[0];
    assert.deepEqual([first.point, first.method, first.seeds], ['temperature=4', 'heterogeneous', 2]);
    assert.ok(Math.abs(first.validationAccuracy.mean - 0.71) < 1e-12);
    // Sample std of 0.70 and 0.72: sqrt(2 * 0.01^2 / 1) = 0.0141421...
    assert.ok(Math.abs(first.validationAccuracy.std - Math.SQRT2 * 0.01) < 1e-12);
    assert.ok(Math.abs(first.testMacroF1.mean - 0.51) < 1e-12);
  });

  it('chooses the best point on validation accuracy only, and reports its test score', () => {
    const summary = summarizeSweep(points);
    const best = summary.best.find((row) => row.method === 'heterogeneous')!;
    assert.equal(best.point, 'temperature=4', 'validation 0.71 beats 0.67 although test says otherwise');
    assert.ok(Math.abs(best.testAccuracy.mean - 0.61) < 1e-12);
    assert.equal(
      summary.best.find((row) => row.method === 'plain'),
      undefined,
      'a method every point shares has no best point',
    );
    // Ties keep the earlier point: other C runs (other folders) with the same mean.
    const tied = summarizeSweep([
      points[0],
      {
        ...points[1],
        runDirectories: { ...points[1].runDirectories, 'seed1-plain': 'c8-1', 'seed2-plain': 'c8-2' },
        summaries: [...points[1].summaries.slice(0, 2), run('plain', 1, 0.52, 0.55), run('plain', 2, 0.5, 0.57)],
      },
    ]);
    assert.equal(tied.shared, undefined);
    assert.equal(
      tied.best.find((row) => row.method === 'plain')!.point,
      'temperature=4',
      'ties keep the earlier point',
    );
    const text = formatSweepSummary(summary);
    assert.match(text, /\* temperature=4 +heterogeneous +2 +0\.7100 ± 0\.0141/);
    assert.match(
      text,
      /heterogeneous: best point temperature=4 \(validation accuracy 0\.7100 ± 0\.0141\) -> test accuracy 0\.6100 ± 0\.0141/,
    );
  });

  it('loads into a DataFrame with one column per swept key, for a heatmap', () => {
    const summary = summarizeSweep(points);
    const rows = sweepSummaryRows(summary);
    assert.deepEqual(
      rows.map((row) => row['methods.heterogeneous.temperature']),
      [4, '', 8],
    );
    assert.deepEqual(
      rows.map((row) => row.best),
      [true, false, false],
    );
    const frame = sweepSummaryDataFrame(summary);
    assert.deepEqual(frame.shape, [3, 13]);
    assert.ok(frame.columns.includes('methods.heterogeneous.temperature'));
    assert.ok(frame.columns.includes('validationAccuracyMean'));
  });

  it("lists each point's hierarchy with its ARI against the hand-made one only when hierarchies differ or one is discovered", () => {
    const paper = {
      configValue: 'newsgroups-paper',
      name: 'newsgroups-paper',
      fineToCoarse: [...newsgroupsPaperHierarchy.fineToCoarse],
      coarseLabelNames: [...newsgroupsPaperHierarchy.coarseLabelNames],
      datasetKind: 'newsgroups',
    };
    // The paper's partition with the group ids reversed: the same partition (ARI 1).
    const relabelled = {
      ...paper,
      configValue: 'discovered:class-means:6',
      name: 'discovered-class-means-6-average',
      fineToCoarse: paper.fineToCoarse.map((group) => 5 - group),
    };
    // Two groups: computers (fine ids 1-5) against the rest. Every pair together in a paper group (10 + 3 + 1 + 6 + 3 + 3 = 26)
    // is together here too; pairs together here: C(5,2) + C(15,2) = 115 of 190.
    // ARI = (26 - 26 x 115 / 190) / ((26 + 115) / 2 - 26 x 115 / 190) = 10.2632 / 54.7632 = 0.18741 (hand-computed).
    const twoGroups = {
      ...paper,
      configValue: 'discovered:confusion:2',
      name: 'discovered-confusion-2-average',
      coarseLabelNames: ['computers', 'rest'],
      fineToCoarse: paper.fineToCoarse.map((_, fine) => (fine >= 1 && fine <= 5 ? 0 : 1)),
    };
    const point = (label: string, hierarchy: typeof paper): SweepPointRuns => ({
      label,
      assignments: { hierarchy: hierarchy.configValue },
      summaries: [run('plain', 1, 0.5, 0.5)],
      hierarchy,
    });
    const rows = sweepHierarchyRows([point('a', paper), point('b', relabelled), point('c', twoGroups)])!;
    assert.deepEqual(
      rows.map((row) => row.reference!.adjustedRandIndex.toFixed(5)),
      ['1.00000', '1.00000', '0.18741'],
    );
    assert.equal(
      sweepHierarchyRows([point('a', paper), point('b', paper)]),
      undefined,
      'one hand-made hierarchy everywhere: nothing to compare',
    );
    const text = formatSweepSummary(summarizeSweep([point('a', paper), point('c', twoGroups)]));
    assert.match(
      text,
      /c: discovered-confusion-2-average, 2 groups, adjusted Rand index vs newsgroups-paper 0\.187\n {4}1\. computers\n {4}2\. rest/,
    );
  });
});
