import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunResult } from '../results';
import { reliabilityDiagramFigure } from './reliabilityDiagram';

/** A student run whose test split recorded two confidence bins (0-0.5 and 0.5-1) and an ECE. */
function run(method: string, seed: number, ece: number, high: { count: number; accuracy: number }): RunResult {
  return {
    id: `${method}${seed}`,
    directory: '',
    method,
    role: 'student',
    seed,
    parameters: 1,
    bestEpoch: 1,
    epochsRun: 1,
    trainingSeconds: 1,
    test: {
      accuracy: 0.5,
      macroF1: 0.5,
      expectedCalibrationError: ece,
      reliabilityBins: [
        { count: 0, confidence: null, accuracy: null },
        { count: high.count, confidence: 0.8, accuracy: high.accuracy },
      ],
    },
    testAccuracyCurve: [],
    testMacroF1Curve: [],
    validationAccuracyCurve: [],
    validationLossCurve: [],
    collapsed: false,
    config: {},
    finishedAt: '',
    backend: 'cpu',
  } as RunResult;
}

describe('reliability diagram', () => {
  it('pools the seeds per method, leaves empty bins out and names the best calibrated method', () => {
    const runs = [
      run('heterogeneous', 1, 0.1, { count: 10, accuracy: 0.6 }),
      run('heterogeneous', 2, 0.2, { count: 30, accuracy: 0.8 }),
      run('plain', 1, 0.05, { count: 20, accuracy: 0.7 }),
    ];
    const figure = reliabilityDiagramFigure(runs, ['heterogeneous', 'traditional', 'plain'])!;
    // A and C (B has no runs), then the diagonal.
    assert.deepEqual(
      figure.data.map((trace) => trace.name),
      ['A heterogeneous KD (ECE 0.150)', 'C plain student (ECE 0.050)', 'perfect calibration'],
    );
    assert.deepEqual(figure.data[0].x, [0.8]);
    // Count-weighted: (10 * 0.6 + 30 * 0.8) / 40.
    assert.ok(Math.abs((figure.data[0].y as number[])[0] - 0.75) < 1e-12);
    assert.equal(
      (figure.layout.title as { text: string }).text,
      'C plain student is the best calibrated of A, C (lowest test ECE)',
    );
    assert.equal(reliabilityDiagramFigure(runs, ['traditional']), undefined, 'no runs of B: nothing to draw');
  });
});
