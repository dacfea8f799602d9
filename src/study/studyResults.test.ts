import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import type { RunResult } from '../results';
import type { PipelineRunSummary } from '../results/runSummary';
import { chosenStudyRuns, studyPartPoints, studyResultsMarkdown } from './studyResults';
import { fixtureSummary } from './fixtures/runSummaries';

function run(method: string, seed: number, test: number, validation = test): PipelineRunSummary {
  return fixtureSummary(
    method,
    seed,
    { validation, test, testMacroF1: test - 0.1 },
    { bestEpoch: 4, epochsRun: 4, target: method === 'teacher-coarse' ? 'coarse' : 'fine' },
  );
}

/** A grid point where A and B both take (T, a); C, D, E and the teachers listed at every point. */
function gridPoint(temperature: number, weight: number, summaries: PipelineRunSummary[]): SweepPointRuns {
  return {
    label: `T${temperature} a${weight}`,
    assignments: {
      'methods.heterogeneous.temperature+methods.traditional.temperature': temperature,
      'methods.heterogeneous.studentLossWeight+methods.traditional.studentLossWeight': weight,
    },
    summaries,
  };
}

const seeds = [1, 2, 3];
const shared = seeds.flatMap((seed) => [
  run('plain', seed, 0.5 + seed / 100),
  run('coarse-auxiliary', seed, 0.51 + seed / 100),
  run('label-smoothing', seed, 0.5 + seed / 100),
  run('teacher-coarse', seed, 0.8),
  run('teacher-fine', seed, 0.6),
]);
// At (2, 0.3) A validates best; at (28, 0.3) B does. A gains +0.03, +0.04, +0.05 over C on seeds 1-3.
const gridPoints = [
  gridPoint(2, 0.3, [
    ...seeds.flatMap((seed) => [run('heterogeneous', seed, 0.52 + seed / 50, 0.7), run('traditional', seed, 0.4, 0.4)]),
    ...shared,
  ]),
  gridPoint(28, 0.3, [
    ...seeds.flatMap((seed) => [
      run('heterogeneous', seed, 0.3, 0.3),
      run('traditional', seed, 0.505 + seed / 100, 0.6),
    ]),
    ...shared,
  ]),
];

function curveRun(method: string, seed: number, curve: number[]): RunResult {
  return {
    id: `${method}${seed}`,
    directory: '',
    method,
    role: 'student',
    seed,
    parameters: 1,
    bestEpoch: curve.length,
    epochsRun: curve.length,
    trainingSeconds: 1,
    test: { accuracy: curve[curve.length - 1], macroF1: 0 },
    testAccuracyCurve: curve,
    testMacroF1Curve: curve.map(() => Number.NaN),
    validationAccuracyCurve: curve,
    validationLossCurve: [],
    collapsed: false,
    config: {},
    finishedAt: '',
    backend: 'cpu',
  };
}

const study = {
  name: 'demo-study',
  seconds: 12,
  markdownPath: '/tmp/demo-study.md',
  // C's best is 0.5, so the target is 0.475: A reaches it at epoch 2, C at epoch 3.
  curveRuns: [1, 2].flatMap((seed) => [
    curveRun('heterogeneous', seed, [0.3, 0.48, 0.5]),
    curveRun('plain', seed, [0.2, 0.4, 0.5]),
  ]),
  parts: [{ part: { name: 'grid' }, points: gridPoints }],
};

describe('study results: the closing Markdown of notebook 05', () => {
  it('reads A and B at the point chosen on validation, the controls from the first point', () => {
    assert.deepEqual(studyPartPoints(study, 'grid'), gridPoints);
    assert.deepEqual(studyPartPoints(study, 'regimes'), []);
    const runs = chosenStudyRuns(gridPoints);
    assert.deepEqual(
      runs.heterogeneous.map((summary) => summary.test.accuracy),
      seeds.map((seed) => 0.52 + seed / 50),
    );
    assert.deepEqual(
      runs.traditional.map((summary) => summary.validation.accuracy),
      [0.6, 0.6, 0.6],
    );
    assert.equal(runs.plain.length, 3);
    assert.equal(runs['teacher-coarse'].length, 3);
    assert.throws(() => chosenStudyRuns([]), /no grid points/);
  });

  it('writes the chosen settings, paper 1 beside them, the paired family, speed and the smoke line', () => {
    const markdown = studyResultsMarkdown(study, { smoke: true, backendName: 'cpu' });
    const lines = markdown.split('\n');
    const row = (label: string) => lines.find((line) => line.startsWith(`| ${label}`)) ?? '';
    // A chosen at T 2 (paper: T 28, a 0.3, reported 0.5861); test mean of 0.54, 0.56, 0.58 is 0.56.
    assert.match(row('A heterogeneous KD'), /T 2, a 0\.3 \| 0\.5600 ± 0\.0200 \| T 28, a 0\.3 \| 0\.5861/);
    assert.match(row('B traditional KD'), /T 28, a 0\.3 \| 0\.5250 ± 0\.0100 \| T 23, a 0\.2 \| 0\.5837/);
    assert.match(row('D coarse-label auxiliary'), /\(control\) \| {2}\| 0\.5300 ± 0\.0100 \| {2}\| {2}\|$/);
    // A − C: +0.03, +0.04, +0.05 per seed, mean +0.04; five comparisons, so Holm p beside the raw one.
    assert.match(markdown, /A − C \+0\.0400 \[\+0\.0152, \+0\.0648\] p 0\.\d+ \(Holm 0\.\d+\), n 3/);
    assert.match(markdown, /With 3 seeds, a difference smaller than about/);
    assert.match(markdown, /epochs to 95 % of C's best: A 2\.0 epochs \(2\/2 seeds\), B never, C 3\.0 epochs/);
    assert.match(markdown, /these numbers only show that every part runs/);
    assert.match(markdown, /`demo-study`, smoke setting, 3 seeds, backend cpu/);
    assert.doesNotMatch(markdown, /Hierarchies|Fewest fine labels|Teacher features/, 'parts that did not run');
    assert.match(markdown, /Paper 1's claims at the chosen settings/);
    const full = studyResultsMarkdown(study, { smoke: false, backendName: 'cpu' });
    assert.doesNotMatch(full, /only show that every part runs/);
  });
});
