import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PipelineRunSummary } from '../results/runSummary';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import { methodCurveBands } from '../report/learningSpeed';
import type { RunResult } from '../results';
import { bandCurvesFigure, gridHeatmapFigure, meanStdLinesFigure } from './studyFigures';
import { perClassF1Statistics, pointStatistics, regimeSeries, seedPairedDifferences } from './studySeries';
import { gridValues, pointSettings } from './studyTables';
import { fixtureSummary } from './fixtures/runSummaries';

function run(
  method: string,
  seed: number,
  test: number,
  validation = test,
  extra: Partial<PipelineRunSummary['test']> = {},
): PipelineRunSummary {
  return fixtureSummary(
    method,
    seed,
    { validation, test, testMacroF1: test - 0.1, testExtra: extra },
    { bestEpoch: 4, epochsRun: 4 },
  );
}

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);

function gridPoint(temperature: number, weight: number, summaries: PipelineRunSummary[]): SweepPointRuns {
  return {
    label: `T${temperature} a${weight}`,
    assignments: {
      'methods.heterogeneous.temperature': temperature,
      'methods.heterogeneous.studentLossWeight': weight,
    },
    summaries,
  };
}

describe('study series: pairing by seed, per-point statistics, regimes', () => {
  it('pairs by seed number, not by list order, and skips unshared seeds', () => {
    // Seeds listed in different orders; seed 3 only in the first list.
    const first = [run('heterogeneous', 2, 0.6), run('heterogeneous', 1, 0.5), run('heterogeneous', 3, 0.9)];
    const second = [run('plain', 1, 0.45), run('plain', 2, 0.62)];
    const paired = seedPairedDifferences(first, second);
    assert.deepEqual(paired.seeds, [1, 2]);
    close(paired.differences[0], 0.05, 'seed 1: 0.5 - 0.45');
    close(paired.differences[1], -0.02, 'seed 2: 0.6 - 0.62');
    // Macro-F1 is test accuracy - 0.1 in these summaries: the same differences.
    close(seedPairedDifferences(first, second, { metric: 'macroF1' }).differences[0], 0.05, 'macro-F1');
  });

  it('mean ± std per point and method; the fraction-1 point joins both modes', () => {
    const regime = (fraction: number, mode: string, values: number[]): SweepPointRuns => ({
      label: `${fraction} ${mode}`,
      assignments: { 'student.labelledFraction': fraction, 'student.unlabelledInputs': mode },
      summaries: values.map((value, index) => run('plain', index + 1, value)),
    });
    const points = [
      regime(1, 'drop', [0.6, 0.8]),
      regime(0.25, 'drop', [0.3, 0.5]),
      regime(0.25, 'distill', [0.4, 0.4]),
    ];
    const statistics = pointStatistics(points[1], 'plain');
    close(statistics.mean, 0.4, 'mean of 0.3 and 0.5');
    close(statistics.standardDeviation, Math.sqrt(0.02), 'sample std of 0.3 and 0.5');
    assert.deepEqual(statistics.seeds, [1, 2]);
    const series = regimeSeries(points, ['plain']);
    assert.deepEqual(
      series.map((line) => [line.mode, line.name, line.fractions]),
      [
        ['drop', 'C plain student', [0.25, 1]],
        ['distill', 'C plain student', [0.25, 1]],
      ],
    );
    close(series[1].means[0], 0.4, 'distill at 0.25');
    close(series[1].standardDeviations[0], 0, 'equal values');
    close(series[1].means[1], 0.7, 'all labels, shared');
    assert.throws(
      () => regimeSeries([{ label: 'bad', assignments: {}, summaries: [] }], ['plain']),
      /point "bad" has no numeric student\.labelledFraction/,
    );
  });

  it('with a (T, a) grid per regime: one point per fraction, A at the point chosen on validation', () => {
    const gridPoint = (temperature: number, validation: number[], test: number[]): SweepPointRuns => ({
      label: `0.1 distill T ${temperature}`,
      assignments: {
        'student.labelledFraction': 0.1,
        'student.unlabelledInputs': 'distill',
        'methods.heterogeneous.temperature+methods.traditional.temperature': temperature,
      },
      summaries: [
        ...test.map((value, index) => run('heterogeneous', index + 1, value, validation[index])),
        run('plain', 1, 0.3),
        run('plain', 2, 0.5),
      ],
    });
    // T 28 has the higher test accuracy, T 4 the higher validation accuracy: T 4 is drawn.
    const points = [gridPoint(4, [0.7, 0.7], [0.5, 0.6]), gridPoint(28, [0.6, 0.6], [0.9, 0.9])];
    const [heterogeneous, plain] = regimeSeries(points, ['heterogeneous', 'plain']);
    assert.deepEqual(heterogeneous.fractions, [0.1]);
    close(heterogeneous.means[0], 0.55, 'A at T 4');
    assert.deepEqual(plain.fractions, [0.1], 'C once, though both points hold it');
    close(plain.means[0], 0.4, 'C');
  });

  it('per-class F1 over seeds', () => {
    const statistics = perClassF1Statistics([
      run('plain', 1, 0.5, 0.5, { perClassF1: [0.2, 0.8] }),
      run('plain', 2, 0.5, 0.5, { perClassF1: [0.4, 0.8] }),
      run('plain', 3, 0.5),
    ]);
    assert.equal(statistics.runs, 2, 'the run without per-class F1 is left out');
    close(statistics.mean[0], 0.3, 'class 0');
    close(statistics.standardDeviation[0], Math.sqrt(0.02), 'class 0 std');
    close(statistics.standardDeviation[1], 0, 'class 1 std');
    assert.throws(
      () =>
        perClassF1Statistics([
          run('plain', 1, 0.5, 0.5, { perClassF1: [0.2] }),
          run('plain', 2, 0.5, 0.5, { perClassF1: [0.4, 0.8] }),
        ]),
      /disagree on the number of classes \(1, 2\)/,
    );
  });
});

describe('grid points: settings and the heatmap', () => {
  const linked = (temperature: number, weight: number, summaries: PipelineRunSummary[]): SweepPointRuns => ({
    label: `T${temperature} a${weight}`,
    assignments: {
      'methods.heterogeneous.temperature+methods.traditional.temperature': temperature,
      'methods.heterogeneous.studentLossWeight+methods.traditional.studentLossWeight': weight,
    },
    summaries,
  });
  const points = [
    linked(2, 0.3, [run('heterogeneous', 1, 0.4, 0.45), run('heterogeneous', 2, 0.42, 0.45)]),
    gridPoint(28, 0.3, [run('heterogeneous', 2, 0.6, 0.7), run('heterogeneous', 1, 0.58, 0.7)]),
  ];

  it('reads T and a whether swept alone or linked for A and B', () => {
    assert.deepEqual(pointSettings(points[0]), { temperature: 2, studentLossWeight: 0.3 });
    assert.deepEqual(pointSettings(points[1]), { temperature: 28, studentLossWeight: 0.3 });
    assert.throws(() => pointSettings({ label: 'p', assignments: {}, summaries: [] }), /point "p" does not assign/);
  });

  it('the grid heatmap marks the chosen point and names a choice outside the grid', () => {
    const grid = gridValues(points, 'heterogeneous', 'validation');
    const figure = gridHeatmapFigure(grid, {
      title: 'A',
      marks: [
        { name: 'chosen', temperature: 28, studentLossWeight: 0.3 },
        { name: 'paper', temperature: 23, studentLossWeight: 0.2 },
      ],
    });
    assert.deepEqual(figure.data[0].z, [[0.45], [0.7]]);
    assert.deepEqual(figure.data[0].text, [['0.4500'], ['0.7000']]);
    // Cells sit at index positions labelled with the grid's labels.
    assert.deepEqual((figure.layout.xaxis as { ticktext: string[] }).ticktext, ['a 0.3']);
    assert.deepEqual((figure.layout.yaxis as { ticktext: string[] }).ticktext, ['T 2', 'T 28']);
    // The chosen cell (column 0, row 1) is outlined by a closed rectangle inside its edges, not covered by a marker.
    const outline = figure.data[1] as unknown as { x: number[]; y: number[]; mode: string; name: string };
    assert.equal(outline.mode, 'lines');
    assert.equal(outline.name, 'chosen: T 28, a 0.3');
    assert.equal(outline.x.length, 5);
    assert.deepEqual([outline.x[0], outline.y[0]], [outline.x[4], outline.y[4]], 'the outline is closed');
    close(Math.min(...outline.x), -0.47, 'left edge, inset');
    close(Math.max(...outline.x), 0.47, 'right edge, inset');
    close(Math.min(...outline.y), 0.53, 'bottom edge of row 1');
    close(Math.max(...outline.y), 1.47, 'top edge of row 1');
    assert.deepEqual([figure.data[2].x, figure.data[2].name], [[], 'paper: T 23, a 0.2 (not in the grid)']);
    assert.equal(
      (figure.layout.title as { text: string }).text,
      'A<br><sub>paper (T 23, a 0.2) is not in the grid</sub>',
    );
    assert.equal(
      (
        gridHeatmapFigure(grid, { title: 'A', marks: [{ name: 'chosen', temperature: 2, studentLossWeight: 0.3 }] })
          .layout.title as { text: string }
      ).text,
      'A',
    );
  });
});

describe('study figures: bands and mean ± std lines', () => {
  const reportRun = (method: string, seed: number, curve: number[]): RunResult => ({
    id: `${method}${seed}`,
    directory: '',
    method,
    role: 'student',
    seed,
    parameters: 1,
    bestEpoch: 1,
    epochsRun: curve.length,
    trainingSeconds: 1,
    test: { accuracy: 0, macroF1: 0 },
    testAccuracyCurve: curve,
    testMacroF1Curve: curve.map(() => Number.NaN),
    validationAccuracyCurve: curve,
    validationLossCurve: [],
    collapsed: false,
    config: {},
    finishedAt: '',
    backend: 'cpu',
  });

  it('per-method bands over seeds, methods in A-E order, a band polygon per line', () => {
    const runs = [
      reportRun('plain', 2, [0.3, 0.5]),
      reportRun('heterogeneous', 1, [0.2, 0.4]),
      reportRun('plain', 1, [0.1, 0.5]),
    ];
    const bands = methodCurveBands(runs);
    assert.deepEqual(
      bands.map((band) => [band.name, band.seeds]),
      [
        ['A heterogeneous KD', [1]],
        ['C plain student', [1, 2]],
      ],
    );
    close(bands[1].mean[0], 0.2, 'mean of 0.1 and 0.3');
    close(bands[1].high[0], 0.2 + Math.sqrt(0.02), 'mean + std');
    assert.equal(methodCurveBands(runs, 'testMacroF1Curve').length, 0, 'no run logged macro-F1');
    const figure = bandCurvesFigure(bands, { levels: [{ name: 'target', value: 0.45 }] });
    // Band (epochs 1, 2, 2, 1: high then low reversed), line, per method; then the level.
    assert.deepEqual(figure.data[2].x, [1, 2, 2, 1]);
    assert.deepEqual(figure.data[3].y, bands[1].mean);
    assert.deepEqual(figure.data[4].y, [0.45, 0.45]);
    // Each curve its own dash style and marker symbol, so coinciding curves both show.
    const styles = [figure.data[1], figure.data[3]].map((trace) => [
      (trace.line as { dash: string }).dash,
      (trace.marker as { symbol: string }).symbol,
    ]);
    assert.notDeepEqual(styles[0], styles[1]);
    assert.notEqual(styles[0][0], styles[1][0]);
    assert.throws(
      () => bandCurvesFigure([{ name: 'x', mean: [1], low: [], high: [1] }]),
      /series "x" has 1 means but 0 lows/,
    );
  });

  it('mean ± std lines share a colour within a group', () => {
    const figure = meanStdLinesFigure(
      [
        {
          name: 'A drop',
          group: 'A',
          x: [0.25, 1],
          means: [0.3, 0.5],
          standardDeviations: [0.01, Number.NaN],
          dash: 'dot',
        },
        { name: 'A distill', group: 'A', x: [0.25, 1], means: [0.4, 0.5], standardDeviations: [0.02, 0] },
        { name: 'C drop', group: 'C', x: [0.25, 1], means: [0.3, 0.5], standardDeviations: [0, 0] },
      ],
      { logX: true },
    );
    const colors = figure.data.map((trace) => (trace.line as { color: string }).color);
    assert.equal(colors[0], colors[1]);
    assert.notEqual(colors[0], colors[2]);
    assert.deepEqual((figure.data[0].error_y as { array: number[] }).array, [0.01, 0], 'a NaN std draws no bar');
    assert.deepEqual((figure.layout.xaxis as { tickvals: number[] }).tickvals, [0.25, 1]);
  });
});
