import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunResult } from '../results/runResult';
import {
  differencesToBaseline,
  differencesToBaselineFigure,
  meanAccuracySentence,
  recordedHierarchyOf,
  intervalDirectionSentence,
  withinGroupShareFigure,
  withinGroupShareSentence,
  withinGroupShares,
} from './seedComparisons';

/** A run with only the fields these helpers read. */
function run(method: string, seed: number, accuracy: number, share?: number, collapsed = false): RunResult {
  return {
    method,
    seed,
    role: method.startsWith('teacher-') ? 'teacher' : 'student',
    collapsed,
    test: { accuracy, macroF1: accuracy, ...(share === undefined ? {} : { withinGroupErrorShare: share }) },
  } as RunResult;
}

// A beats C by 0.10 and 0.12 (seeds 1, 2), B trails C by 0.01 and 0.03; seed 3 of A has no C partner.
const runs = [
  run('teacher-fine', 1, 0.9, 0.5),
  run('teacher-fine', 2, 0.9, 0.7),
  run('teacher-coarse', 1, 0.95),
  run('plain', 1, 0.5, 0.4),
  run('plain', 2, 0.6, 0.6),
  run('heterogeneous', 1, 0.6, 0.8),
  run('heterogeneous', 2, 0.72, 0.8),
  run('heterogeneous', 3, 0.7, 0.8),
  run('traditional', 1, 0.49, 0.3),
  run('traditional', 2, 0.57, 0.3),
  run('label-smoothing', 1, 0.4, 0.3, true),
];

describe('seed comparisons', () => {
  it('pairs each student method with the baseline by seed, leaving out collapsed runs', () => {
    const comparisons = differencesToBaseline(runs, (result) => result.test.accuracy);
    assert.deepEqual(
      comparisons.map((comparison) => comparison.name),
      ['A heterogeneous KD − C plain student', 'B traditional KD − C plain student'],
    );
    const [a, b] = comparisons.map((comparison) => comparison.differences);
    assert.ok(Math.abs(a[0] - 0.1) < 1e-12 && Math.abs(a[1] - 0.12) < 1e-12 && a.length === 2);
    assert.ok(Math.abs(b[0] + 0.01) < 1e-12 && Math.abs(b[1] + 0.03) < 1e-12);
    const figure = differencesToBaselineFigure(comparisons);
    assert.deepEqual((figure.layout.yaxis as { title: unknown }).title, { text: 'compared (paired by seed)' });
  });

  it('states the mean accuracy of each student method', () => {
    // A: (0.6 + 0.72 + 0.7) / 3; the collapsed label-smoothing run is left out.
    assert.equal(meanAccuracySentence(runs), 'Mean test accuracy (3/2 seeds): A 0.6733, B 0.5300, C 0.5500.');
  });

  it('reads the hierarchy the runs recorded', () => {
    const hierarchy = { name: 'h', fineToCoarse: [0, 0, 1], coarseLabelNames: ['x', 'y'] };
    const withConfig = [
      { ...runs[0], config: {} },
      { ...runs[1], config: { hierarchy } },
    ] as RunResult[];
    assert.deepEqual(recordedHierarchyOf(withConfig), hierarchy);
    assert.equal(recordedHierarchyOf([{ ...runs[0], config: { hierarchy: 'h' } }] as RunResult[]), undefined);
  });

  it('sorts the intervals above, below and across 0 in one sentence', () => {
    // A: mean 0.11, sd 0.0141, t(1) 12.706 -> half width 0.127: crosses 0. Three seeds of +0.1 ± 0.01: above.
    const sentence = intervalDirectionSentence(
      [
        { name: 'A x − C y', differences: [0.1, 0.12] },
        { name: 'D x − C y', differences: [0.1, 0.11, 0.09] },
        { name: 'E x − C y', differences: [-0.2, -0.21, -0.19] },
      ],
      'C',
    );
    assert.equal(
      sentence,
      'Over 2/3 seeds, above C (interval above 0): D x; below C (interval below 0): E x; ' +
        'not distinguishable from C (interval crosses 0): A x. These intervals are uncorrected (one ' +
        'comparison at a time); a claims table, which Holm-corrects over its comparisons, can still call ' +
        'such a difference undecided.',
    );
    // Every interval crosses 0: nothing to qualify.
    assert.equal(
      intervalDirectionSentence([{ name: 'A x − C y', differences: [0.1, -0.1, 0.05] }], 'C'),
      'Over 3 seeds, not distinguishable from C (interval crosses 0): A x.',
    );
    assert.match(intervalDirectionSentence([{ name: 'A − C', differences: [0.1] }], 'C'), /one seed/);
  });

  it('gives each fine network its mean share with a 95 % interval, and says where A stands', () => {
    const shares = withinGroupShares(runs);
    assert.deepEqual(
      shares.map((share) => [share.method, share.seeds]),
      [
        ['teacher-fine', 2],
        ['heterogeneous', 3],
        ['traditional', 2],
        ['plain', 2],
      ],
    );
    // Fine teacher: 0.5 and 0.7 -> mean 0.6, sd 0.1414, half width 12.706 * 0.1 = 1.2706.
    assert.ok(Math.abs(shares[0].mean - 0.6) < 1e-12);
    assert.ok(Math.abs(shares[0].halfWidth - 1.2706) < 1e-3);
    assert.ok(shares[1].halfWidth < 1e-12);
    assert.equal(
      withinGroupShareSentence(shares, 0.35),
      'Highest share: A heterogeneous KD 0.800; lowest: B traditional KD 0.300. ' +
        "Here A's errors stay in the group more often than C's (0.800 vs 0.500). " +
        'At or below chance (0.350): B traditional KD.',
    );
    const figure = withinGroupShareFigure(shares, 0.2, { title: 't' });
    const shapes = figure.layout.shapes as Array<{ y0: number; line: { dash: string } }>;
    assert.equal(shapes[0].y0, 0.2);
    assert.equal(shapes[0].line.dash, 'dash');
    assert.deepEqual(
      figure.data[0].x,
      shares.map((share) => share.name),
    );
  });
});
