import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../config/builtInExperiments';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import type { PipelineRunSummary } from '../results/runSummary';
import { bestPlainMode, groupRegimes, protocolLine, regimesTable } from './regimesTable';
import { collapseFootnote, collapsedRunsIn, recordCollapse } from './studyCollapse';
import { fixtureSummary } from './fixtures/runSummaries';

function run(method: string, seed: number, validation: number, test: number): PipelineRunSummary {
  return fixtureSummary(method, seed, { validation, test });
}

/** A regimes point: fraction, mode, linked (T, a), and runs given as [method, [validation, test] per seed]. */
function point(
  fraction: number,
  mode: string,
  temperature: number,
  weight: number,
  runs: Array<[string, Array<[number, number]>]>,
): SweepPointRuns {
  return {
    label: `${fraction} ${mode} T${temperature} a${weight}`,
    assignments: {
      'student.labelledFraction': fraction,
      'student.unlabelledInputs': mode,
      'methods.heterogeneous.temperature+methods.traditional.temperature': temperature,
      'methods.heterogeneous.studentLossWeight+methods.traditional.studentLossWeight': weight,
    },
    summaries: runs.flatMap(([method, values]) =>
      values.map(([validation, test], index) => run(method, index + 1, validation, test)),
    ),
  };
}

describe('the regimes table', () => {
  // C: 'drop' validation 0.50 vs 'distill' 0.55 at fraction 0.1, so every "- C" compares with C distill.
  const cDrop = run('plain', 1, 0.5, 0.6);
  const points = [
    point(0.1, 'drop', 4, 0.3, [
      [
        'heterogeneous',
        [
          [0.4, 0.4],
          [0.42, 0.42],
        ],
      ],
      ['plain', []],
    ]),
    point(0.1, 'drop', 28, 0.3, [
      [
        'heterogeneous',
        [
          [0.45, 0.44],
          [0.47, 0.46],
        ],
      ],
    ]),
    point(0.1, 'distill', 4, 0.3, [
      [
        'heterogeneous',
        [
          [0.6, 0.61],
          [0.62, 0.65],
        ],
      ],
      [
        'plain',
        [
          [0.55, 0.5],
          [0.55, 0.52],
        ],
      ],
      [
        'coarse-auxiliary',
        [
          [0.3, 0.3],
          [0.3, 0.32],
        ],
      ],
      [
        'label-smoothing',
        [
          [0.5, 0.51],
          [0.5, 0.53],
        ],
      ],
    ]),
    point(0.1, 'distill', 28, 0.3, [
      [
        'heterogeneous',
        [
          [0.5, 0.7],
          [0.5, 0.7],
        ],
      ],
    ]),
  ];
  points[0].summaries.push(cDrop, run('plain', 2, 0.5, 0.62));

  it('groups points by regime and picks C by validation, not by test (drop on ties)', () => {
    const regimes = groupRegimes(points);
    assert.deepEqual(
      regimes.map((regime) => [regime.fraction, regime.mode, regime.points.length]),
      [
        [0.1, 'drop', 2],
        [0.1, 'distill', 2],
      ],
    );
    // C drop has the higher TEST accuracy (0.61 vs 0.51) but the lower validation accuracy.
    assert.equal(bestPlainMode(regimes, 0.1)?.mode, 'distill');
    const tied = groupRegimes([
      points[0],
      point(0.1, 'distill', 4, 0.3, [
        [
          'plain',
          [
            [0.5, 0.1],
            [0.5, 0.1],
          ],
        ],
      ]),
    ]);
    assert.equal(bestPlainMode(tied, 0.1)?.mode, 'drop');
  });

  it('A at the (T, a) chosen on validation per regime; both C modes; comparisons against the chosen C', () => {
    const table = regimesTable(points);
    assert.equal(table.headers[8], 'C mode chosen on validation');
    const [drop, distill] = table.rows;
    assert.equal(drop[0], '0.1, drop');
    // drop: T 28 has the higher validation mean (0.46 vs 0.41).
    assert.equal(drop[3], 'A T 28, a 0.3');
    assert.equal(drop[4], '0.4500 ± 0.0141');
    // distill: T 4 (validation 0.61) beats T 28 (0.50) although T 28 has the higher test accuracy.
    assert.equal(distill[3], 'A T 4, a 0.3');
    assert.equal(distill[4], '0.6300 ± 0.0283');
    // Both rows show C in both modes and the chosen mode.
    for (const row of table.rows) assert.deepEqual(row.slice(6, 9), ['0.6100 ± 0.0141', '0.5100 ± 0.0141', 'distill']);
    // A - C chosen at distill: (0.61 - 0.50, 0.65 - 0.52) -> mean 0.12; at drop: (0.44 - 0.5, 0.46 - 0.52) -> -0.06.
    assert.match(distill[11], /^\+0\.1200 \[-0\.0071, \+0\.2471\] p 0\.053 \(Holm 0\.\d{3}\), n 2$/);
    assert.match(drop[11], /^-0\.0600 \[/);
    assert.equal(distill[10], '0.5200 ± 0.0141', 'E is a column');
  });

  it('a collapsed run is left out of the cell and the pairs, marked, and named in the footnote', () => {
    const collapsedPoints = [
      point(0.1, 'distill', 4, 0.3, [
        [
          'heterogeneous',
          [
            [0.6, 0.61],
            [0.62, 0.65],
            [0.1, 0.17],
          ],
        ],
        [
          'plain',
          [
            [0.55, 0.5],
            [0.55, 0.52],
            [0.5, 0.5],
          ],
        ],
      ]),
    ];
    const collapsed = collapsedPoints[0].summaries.find(
      (summary) => summary.method === 'heterogeneous' && summary.seed === 3,
    )!;
    recordCollapse(collapsed, {
      collapsed: true,
      reason: 'kept epoch 1 of 6 at test accuracy 0.1700 < 2 x chance (0.2000)',
    });
    const row = regimesTable(collapsedPoints).rows[0];
    assert.equal(row[4], '0.6300 ± 0.0283 †');
    assert.match(row[11], /, n 2$/, 'the collapsed seed leaves the pair');
    const footnote = collapseFootnote(
      collapsedRunsIn(collapsedPoints, ['heterogeneous', 'plain'], () => '0.1, distill'),
    );
    assert.equal(
      footnote.at(-1),
      '- † A heterogeneous KD, seed 3, 0.1, distill: kept epoch 1 of 6 at test accuracy 0.1700 < 2 x chance (0.2000)',
    );
    assert.deepEqual(collapseFootnote([]), []);
  });

  it('names the protocol from the students’ settings (their defaults when absent)', () => {
    const few = {
      ...paperNewsgroupsExperiment,
      student: { ...paperNewsgroupsExperiment.student, labelledFraction: 0.1 },
    };
    assert.match(
      protocolLine([paperNewsgroupsExperiment, few]),
      /fine teacher \(B's\) on the student's labelled rows; coarse teacher \(A's\) on every training row; labelled rows: a subset per seed;/,
    );
    const allRows = { ...few, student: { ...few.student, fineTeacherRows: 'all' } } as typeof few;
    assert.match(
      protocolLine([few, allRows]),
      /fine teacher \(B's\) on the student's labelled rows \/ every training row;/,
    );
    assert.equal(protocolLine([paperNewsgroupsExperiment]), 'Protocol: every regime has all fine labels.');
  });
});
