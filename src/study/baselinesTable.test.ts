import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../config/builtInExperiments';
import type { ExperimentConfig } from '../config/types';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import type { PipelineRunSummary, SplitScores } from '../results/runSummary';
import { baselineSeverityCalibration, baselinesSection, baselinesTable, experimentSettings } from './baselinesTable';
import { recordCollapse } from './studyCollapse';
import type { StudyPartResult } from './studyParts';
import { studyReadmeSection } from './studyReadmeSection';
import type { StudyReportInput } from './studyReport';
import { fixtureSummary } from './fixtures/runSummaries';

function run(
  method: string,
  seed: number,
  validation: number,
  test: number,
  extra: Partial<SplitScores> = {},
): PipelineRunSummary {
  return fixtureSummary(method, seed, { validation, test, testExtra: extra });
}

/** Three seeds of one method: validation accuracies, test accuracies, and other test scores per seed. */
function seeds(
  method: string,
  validation: number[],
  test: number[],
  extra: Array<Partial<SplitScores>> = [],
): PipelineRunSummary[] {
  return validation.map((value, index) => run(method, index + 1, value, test[index], extra[index]));
}

// A and C do not read the part's settings: the same runs at both points.
const heterogeneous = seeds('heterogeneous', [0.6, 0.6, 0.6], [0.62, 0.63, 0.64]);
const plain = seeds('plain', [0.6, 0.6, 0.6], [0.59, 0.6, 0.61]);

function points(): SweepPointRuns[] {
  return [
    {
      label: 'setting 1 of 2',
      assignments: { 'methods.softLabels.beta': 1, 'methods.hierarchicalCrossEntropy.alpha': 0.1 },
      summaries: [
        ...heterogeneous,
        ...plain,
        // Higher TEST accuracy here, lower validation: the table must not pick it.
        ...seeds('soft-labels', [0.6, 0.6, 0.6], [0.7, 0.72, 0.74]),
        ...seeds('hxe', [0.7, 0.7, 0.7], [0.6, 0.62, 0.7]),
      ],
    },
    {
      label: 'setting 2 of 2',
      assignments: { 'methods.softLabels.beta': 2, 'methods.hierarchicalCrossEntropy.alpha': 0.5 },
      summaries: [
        ...heterogeneous,
        ...plain,
        ...seeds(
          'soft-labels',
          [0.7, 0.7, 0.7],
          [0.6, 0.62, 0.64],
          [
            {
              mistakeSeverity: 1.2,
              expectedCalibrationError: 0.05,
              scaledExpectedCalibrationError: 0.02,
              topThreeAccuracy: 0.9,
            },
            {
              mistakeSeverity: 1.4,
              expectedCalibrationError: 0.07,
              scaledExpectedCalibrationError: 0.03,
              topThreeAccuracy: 0.9,
            },
            {
              mistakeSeverity: 1.6,
              expectedCalibrationError: 0.09,
              scaledExpectedCalibrationError: 0.04,
              topThreeAccuracy: 0.9,
            },
          ],
        ),
        ...seeds('hxe', [0.6, 0.6, 0.6], [0.8, 0.8, 0.8]),
      ],
    },
  ];
}

/** The baselines part's result over these points (each planned with `config`). */
function baselinesPartOf(runs: SweepPointRuns[], config: ExperimentConfig): StudyPartResult {
  return {
    part: {
      name: 'baselines',
      title: 'Baselines',
      points: runs.map((point) => ({ label: point.label, assignments: point.assignments, config })),
    },
    points: runs,
    seconds: 1,
  };
}

describe('the baselines table', () => {
  it('one row per method with runs (A, C, then F-M), each baseline at its setting chosen on validation', () => {
    const table = baselinesTable(points(), { heterogeneous: "T 28, a 0.3 (the experiment's)" });
    assert.deepEqual(table.headers, [
      'Method',
      'Setting (chosen on validation)',
      'Test accuracy',
      '- C (paired t)',
      'Mistake severity',
      'ECE',
      'ECE after temperature scaling',
      'Top-3 accuracy',
    ]);
    assert.deepEqual(
      table.rows.map((row) => row.slice(0, 3)),
      [
        ['A heterogeneous KD', "T 28, a 0.3 (the experiment's)", '0.6300 ± 0.0100'],
        ['C plain student', '', '0.6000 ± 0.0100'],
        ['F hierarchy soft labels (no teacher)', 'beta 2', '0.6200 ± 0.0200'],
        ['G hierarchical cross-entropy (no teacher)', 'alpha 0.1', '0.6400 ± 0.0529'],
      ],
    );
    // F - C by seed: +0.01, +0.02, +0.03: mean 0.02, sd 0.01, t = 0.02 / (0.01 / sqrt 3) = 3.464 on 2 degrees of
    // freedom: p = 1 - t / sqrt(2 + t^2) = 0.074; interval 0.02 ± 4.303 x 0.00577 = [-0.0048, +0.0448].
    const softLabels = table.rows[2];
    // One Holm family over the table: A - C has no spread (no p), so F's p is the smaller of two: x 2.
    assert.equal(softLabels[3], '+0.0200 [-0.0048, +0.0448] p 0.074 (Holm 0.148), n 3');
    assert.equal(table.rows[1][3], '', 'C is not compared with itself');
    assert.deepEqual(softLabels.slice(4), ['1.4000 ± 0.2000', '0.0700 ± 0.0200', '0.0300 ± 0.0100', '0.9000 ± 0.0000']);
    assert.deepEqual(table.rows[3].slice(4), ['', '', '', ''], 'no run recorded them');
    assert.ok(
      table.notes?.some((note) => /^With 3 seeds, a difference smaller than about .* cannot be told from 0/.test(note)),
      'the family note under the table',
    );
  });

  it('a collapsed run is left out of its cell and its pair, and marked', () => {
    const marked = points();
    const collapsed = marked[1].summaries.find((summary) => summary.method === 'soft-labels' && summary.seed === 3)!;
    recordCollapse(collapsed, { collapsed: true, reason: 'validation loss never improved on epoch 1' });
    const row = baselinesTable(marked).rows.find((candidate) => candidate[0].startsWith('F '))!;
    assert.equal(row[2], '0.6100 ± 0.0141 †');
    assert.match(row[3], /, n 2/);
    assert.equal(row[4], '1.3000 ± 0.1414');
  });

  it("gives the chart each method's per-seed severity and scaled ECE at the chosen setting", () => {
    const series = baselineSeverityCalibration(points());
    assert.deepEqual(
      series.map((entry) => entry.name),
      [
        'A heterogeneous KD',
        'C plain student',
        'F hierarchy soft labels (no teacher)',
        'G hierarchical cross-entropy (no teacher)',
      ],
    );
    assert.deepEqual(series[2], {
      name: 'F hierarchy soft labels (no teacher)',
      severity: [1.2, 1.4, 1.6],
      calibration: [0.02, 0.03, 0.04],
    });
    assert.deepEqual(series[0].severity, []);
  });

  it("the report section: the part's grids, A, D and E at the experiment's settings, the table", () => {
    const config = paperNewsgroupsExperiment;
    const runs = points();
    const part = baselinesPartOf(runs, config);
    const settings = experimentSettings(part);
    const { temperature, studentLossWeight } = config.methods.heterogeneous as Record<string, number>;
    assert.equal(settings.heterogeneous, `T ${temperature}, a ${studentLossWeight} (the experiment's)`);
    const lines = baselinesSection(part);
    assert.equal(lines[0], '## Baselines without a trained teacher and better uses of the teacher');
    assert.match(
      lines[2],
      /over its small grid \(softLabels\.beta \{1, 2\}; hierarchicalCrossEntropy\.alpha \{0\.1, 0\.5\}\)/,
    );
    assert.ok(lines.join('\n').includes('\n| F hierarchy soft labels (no teacher) | beta 2 | 0.6200 ± 0.0200 |'));
    assert.deepEqual(baselinesSection(undefined), []);
    // The README's generated section holds the same table when the part is present.
    const input = { name: 's', parts: [part], curveRuns: [] } as unknown as StudyReportInput;
    const readme = studyReadmeSection(input, { bundle: 'b.runs.jsonl.gz', report: 'reports/s.md', runs: 1 });
    assert.match(readme, /\*\*Baselines without a trained teacher and better uses of the teacher\*\*/);
    assert.ok(readme.includes('\n| F hierarchy soft labels (no teacher) | beta 2 | 0.6200 ± 0.0200 |'));
    assert.doesNotMatch(
      studyReadmeSection({ ...input, parts: [] }, { bundle: 'b', report: 'r', runs: 1 }),
      /Baselines without/,
    );
  });

  it('a part run in several regimes: one table per regime, each choosing on its own points; the README shows all labels', () => {
    const config = paperNewsgroupsExperiment;
    const fewLabels = points().map((point) => ({
      ...point,
      label: `0.1, drop: ${point.label}`,
      assignments: { 'student.labelledFraction': 0.1, 'student.unlabelledInputs': 'drop', ...point.assignments },
      // At 10 % of the labels F's first setting wins on validation.
      summaries: point.summaries.map((summary) =>
        summary.method === 'soft-labels'
          ? {
              ...summary,
              validation: { ...summary.validation, accuracy: point.label === 'setting 1 of 2' ? 0.8 : 0.1 },
            }
          : summary,
      ),
    }));
    const runs = [...fewLabels, ...points()];
    const part = baselinesPartOf(runs, config);
    const text = baselinesSection(part).join('\n');
    assert.match(
      text,
      /\? In each regime \(All labels; 10 % of the labels, unlabelled inputs dropped\) with its own choices/,
    );
    // The grids name the methods' settings only, not the regime's keys.
    assert.match(text, /small grid \(softLabels\.beta \{1, 2\}; hierarchicalCrossEntropy\.alpha \{0\.1, 0\.5\}\)/);
    // All labels first, then the few-label regime (the points hold them the other way round).
    const few = text.indexOf('### 10 % of the labels, unlabelled inputs dropped');
    const all = text.indexOf('### All labels');
    assert.ok(all > 0 && few > all);
    assert.match(text.slice(few), /\| F hierarchy soft labels \(no teacher\) \| beta 1 \| 0\.7200 ± 0\.0200 \|/);
    assert.match(text.slice(all, few), /\| F hierarchy soft labels \(no teacher\) \| beta 2 \| 0\.6200 ± 0\.0200 \|/);
    const input = { name: 's', parts: [part], curveRuns: [] } as unknown as StudyReportInput;
    const readme = studyReadmeSection(input, { bundle: 'b.runs.jsonl.gz', report: 'reports/s.md', runs: 1 });
    assert.match(readme, /uses of the teacher\*\* \(all labels; F-M at settings chosen on validation\)/);
    assert.ok(readme.includes('\n| F hierarchy soft labels (no teacher) | beta 2 | 0.6200 ± 0.0200 |'));
    assert.ok(!readme.includes('| beta 1 |'));
  });
});
