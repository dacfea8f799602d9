import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { fashionMnistExperiment, paperNewsgroupsExperiment } from '../config/builtInExperiments';
import { resolveExperimentConfig } from '../config/layering';
import type { PipelineRunSummary } from '../results/runSummary';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import { loadExperimentResults } from '../results';
import { silentProgress } from '../util/progress';
import { measuredRunsIn } from './costModelReport';
import { studyReadmeSection } from './studyReadmeSection';
import { checkStudyRecord, studyReportInputFromRecord } from './studyRecord';
import { fullTrainingRows, runStudy } from './runStudy';
import { countStudyRuns, estimateStudyCost } from './studyCost';
import {
  baselineGrids,
  buildStudyParts,
  fashionSmokeStudySettings,
  fashionStudySettings,
  fullStudySettings,
  studySettingsFor,
  type StudySettings,
} from './studyParts';
import {
  assignedValue,
  chosenPoint,
  chosenVersusControlsTable,
  chosenVersusPaperTable,
  gridValues,
  pairedCell,
  pointsComparisonTable,
} from './studyTables';
import { fixtureSummary } from './fixtures/runSummaries';

function summary(
  method: string,
  seed: number,
  validation: number,
  test: number,
  extra: Partial<PipelineRunSummary> = {},
): PipelineRunSummary {
  return fixtureSummary(
    method,
    seed,
    { validation, test },
    { bestEpoch: 5, epochsRun: 10, trainingSeconds: 2, ...extra },
  );
}

function gridPoint(temperature: number, weight: number, validation: number[], test: number[]): SweepPointRuns {
  return {
    label: `temperature=${temperature} studentLossWeight=${weight}`,
    assignments: {
      'methods.heterogeneous.temperature': temperature,
      'methods.heterogeneous.studentLossWeight': weight,
    },
    summaries: validation.map((value, index) => summary('heterogeneous', index + 1, value, test[index])),
  };
}

describe('the study: parts, counts, tables', () => {
  it('the full study: 72 grid points, 9 regimes x 4 (T, a), 6 hierarchies (2 discovered), 2 teacher feature sets, 3 feature sets, 3 baselines points; 75 teacher and 1435 student runs', () => {
    const parts = buildStudyParts({ ...paperNewsgroupsExperiment, name: 'paper1-study' }, fullStudySettings);
    assert.deepEqual(
      parts.map((part) => [part.name, part.points.length]),
      [
        ['curves', 1],
        ['regimes', 36],
        ['hierarchies', 6],
        ['features', 2],
        ['featureSets', 3],
        ['baselines', 3],
        ['grid', 72],
      ],
    );
    const grid = parts[6].points.find((point) => point.label === 'temperature=28 studentLossWeight=0.3')!;
    assert.deepEqual(
      grid.config.methods.traditional,
      { temperature: 28, studentLossWeight: 0.3 },
      'B takes the same (T, a) as A',
    );
    assert.equal(parts[0].points[0].config.student.earlyStopping, false);
    assert.deepEqual(
      parts[2].points.map((point) => point.config.hierarchy),
      [
        'newsgroups-paper',
        'newsgroups-names',
        'newsgroups-top-level',
        'newsgroups-3',
        'discovered:class-means:6',
        'discovered:confusion:6',
      ],
    );
    // Grid: 72 x 2 x 5 + C, D, E 3 x 5 = 735; curves 5 x 5; regimes 9 x (4 (T, a) x A, B + C, D, E) x 5 = 495;
    // hierarchies 6 x 3 x 5; features 2 x 3 x 5.
    // Shared: C, D and A/B at paper settings appear in several parts (E only in the grid and the curves);
    // Feature sets add 2 x (2 teachers + 3 students) x 5. Teachers: 2 x 5 + 5 other hierarchies x 1 (coarse only) x 5 + TF-IDF 2 x 5 (shared by both feature parts) + USE + TF-IDF 2 x 5.
    // Feature sets: the experiment's own (the features part's first point), TF-IDF, and USE + TF-IDF with the same TF-IDF part.
    const featureSets = parts[4].points.map((point) => point.config.features);
    assert.deepEqual(featureSets[0], paperNewsgroupsExperiment.features);
    assert.deepEqual(featureSets[2], {
      kind: 'concat',
      parts: [paperNewsgroupsExperiment.features, { kind: 'tfidf', dimension: 5000 }],
    });
    assert.ok(
      parts[4].points.every((point) => point.config.teacher.features === undefined),
      "teachers read the point's features",
    );
    const counts = countStudyRuns(parts);
    assert.deepEqual(counts.studentsByPart, {
      grid: 735,
      curves: 25,
      regimes: 495,
      hierarchies: 90,
      features: 30,
      featureSets: 45,
      // F-M 8 x 3 x 5, and A at (4, 0.7) and (4, 0.3) x 5 counted here before the grid that also holds them.
      baselines: 150,
    });
    // + the regimes' fine teachers of the labelled rows (fineTeacherRows 'labelled'): 4 fractions x 5 seeds.
    assert.equal(counts.teachers, 55 + 4 * 5);
    // A teacher on TF-IDF is one run whether TF-IDF is its own features (features part) or the experiment's (feature sets):
    // USE, TF-IDF and USE + TF-IDF teachers, coarse and fine, 5 seeds.
    assert.equal(countStudyRuns([parts[3], parts[4]]).teachers, 3 * 2 * 5);
    // A, C and D distil from no fine teacher: the hierarchies part trains one coarse teacher per hierarchy and seed.
    assert.equal(countStudyRuns([parts[2]]).teachers, 6 * 5);
    // Baselines: F-M 8 methods x 3 points x 5 seeds = 120 new runs; A (at the experiment's T 28, a 0.3: a grid
    // point), C, D and E 4 x 5 are the grid's runs (same run ids), and its coarse and fine teachers are the grid's.
    assert.equal(counts.students, 1315 + 8 * 3 * 5);
    assert.equal(counts.fixedLengthStudents, 25);
    const cost = estimateStudyCost(
      counts,
      {
        students: [summary('plain', 1, 0, 0, { trainingSeconds: 1, epochsRun: 10 })],
        teachers: [summary('teacher-fine', 1, 0, 0, { trainingSeconds: 2, epochsRun: 4 })],
        rows: 1000,
      },
      { rows: 2000, assumedEpochs: 15, fixedEpochs: 40 },
    );
    // ((1410 x 15 + 25 x 40) x 0.1 + 75 x 15 x 0.5) x 2 = (2215 + 562.5) x 2.
    assert.ok(Math.abs(cost.seconds - 5555) < 1e-9);
  });

  it('Fashion-MNIST gets its own settings: a 6 x 5 grid, fractions down to 0.01, three garment hierarchies, no feature parts', () => {
    const settings = studySettingsFor(fashionMnistExperiment);
    assert.equal(settings, fashionStudySettings);
    assert.equal(studySettingsFor(paperNewsgroupsExperiment), fullStudySettings);
    assert.equal(studySettingsFor(fashionMnistExperiment, true), fashionSmokeStudySettings);
    const parts = buildStudyParts(fashionMnistExperiment, settings);
    assert.deepEqual(
      parts.map((part) => [part.name, part.points.length]),
      [
        ['curves', 1],
        ['regimes', 28],
        ['hierarchies', 5],
        ['baselines', 3],
        ['grid', 30],
      ],
    );
    const regimes = parts[1].points;
    assert.deepEqual(
      [
        ...new Set(
          regimes.map((point) => `${point.config.student.labelledFraction} ${point.config.student.unlabelledInputs}`),
        ),
      ],
      ['0.01 distill', '0.01 drop', '0.05 distill', '0.05 drop', '0.1 distill', '0.1 drop', '1 distill'],
    );
    // Each regime: A and B over T {4, 28} x a {0.3, 0.7}, linked; every method, E included.
    assert.deepEqual(
      regimes
        .slice(0, 4)
        .map((point) =>
          [point.config.methods.heterogeneous, point.config.methods.traditional].map((m) => [
            m?.temperature,
            m?.studentLossWeight,
          ]),
        ),
      [
        [
          [4, 0.3],
          [4, 0.3],
        ],
        [
          [4, 0.7],
          [4, 0.7],
        ],
        [
          [28, 0.3],
          [28, 0.3],
        ],
        [
          [28, 0.7],
          [28, 0.7],
        ],
      ],
    );
    assert.deepEqual(Object.keys(regimes[0].config.methods).sort(), [
      'coarseAuxiliary',
      'heterogeneous',
      'labelSmoothing',
      'plain',
      'traditional',
    ]);
    // Fractions < 1 take the few-label early stopping; fraction 1 keeps the experiment's (its runs are the grid's).
    assert.deepEqual(regimes[0].config.student.earlyStopping, {
      ...(fashionMnistExperiment.student.earlyStopping as object),
      minEpochs: 5,
    });
    assert.deepEqual(regimes.at(-1)!.config.student.earlyStopping, fashionMnistExperiment.student.earlyStopping);
    assert.ok(
      parts.every((part) =>
        part.points.every(
          (point) => point.config.dataset.kind === 'fashion-mnist' && point.config.teacher.model.kind === 'conv',
        ),
      ),
    );
    assert.equal(fullTrainingRows(fashionMnistExperiment), 54000);
    assert.equal(fullTrainingRows(paperNewsgroupsExperiment), 8765);
  });

  it('grid values, the point chosen on validation, and paired cells', () => {
    const points = [
      gridPoint(2, 0.3, [0.5, 0.6], [0.4, 0.5]),
      gridPoint(2, 0.7, [0.7, 0.7], [0.5, 0.5]),
      gridPoint(28, 0.3, [0.6, 0.6], [0.6, 0.62]),
    ];
    const grid = gridValues(points, 'heterogeneous', 'validation');
    assert.deepEqual(grid.rowLabels, ['T 2', 'T 28']);
    assert.deepEqual(grid.columnLabels, ['a 0.3', 'a 0.7']);
    assert.deepEqual(
      grid.values.map((row) => row.map((value) => (Number.isNaN(value) ? null : Number(value.toFixed(4))))),
      [
        [0.55, 0.7],
        [0.6, null],
      ],
    );
    assert.equal(chosenPoint(points, 'heterogeneous'), points[1], 'validation decides, not test');
    const table = chosenVersusPaperTable(points);
    // Chosen (T 2, a 0.7) test [0.5, 0.5] vs paper (T 28, a 0.3) [0.6, 0.62]: differences -0.1, -0.12.
    assert.deepEqual(table.rows[0].slice(1, 6), [
      'T 2, a 0.7',
      '0.7000 ± 0.0000',
      '0.5000 ± 0.0000',
      'T 28, a 0.3',
      '0.6100 ± 0.0141',
    ]);
    // Mean -0.11, sd 0.01414, se 0.01: 95 % interval -0.11 ± t_{0.975, 1} · 0.01 = -0.11 ± 0.1271; t -11, p = 1 - 2 atan(11) / pi.
    assert.equal(table.rows[0][6], '-0.1100 [-0.2371, +0.0171] p 0.058, n 2');
    assert.equal(
      pairedCell([summary('plain', 1, 0, 0.5)], [summary('plain', 1, 0, 0.4)]),
      '',
      'one pair is not enough',
    );
    // Linked keys (A and B set together) read as each of their paths.
    const linked = { assignments: { 'methods.heterogeneous.temperature+methods.traditional.temperature': 4 } };
    assert.equal(assignedValue(linked, 'methods.traditional.temperature'), 4);
    assert.equal(assignedValue(linked, 'methods.heterogeneous.studentLossWeight'), undefined);
    // Controls live on the first point only; chosen A (T 2, a 0.7) test [0.5, 0.5] vs C [0.45, 0.47]: +0.04.
    const withControls = [
      { ...points[0], summaries: [...points[0].summaries, summary('plain', 1, 0, 0.45), summary('plain', 2, 0, 0.47)] },
      points[1],
      points[2],
    ];
    const controls = chosenVersusControlsTable(withControls);
    assert.deepEqual(
      controls.rows.map((row) => row[0]),
      ['A heterogeneous KD', 'C plain student', 'A - B (chosen vs chosen)'],
    );
    assert.equal(controls.rows[0][1], 'T 2, a 0.7');
    // Differences 0.05, 0.03 (t 4, p = 1 - 2 atan(4) / pi); the table's only comparison, so no Holm p.
    assert.equal(controls.rows[0][4], '+0.0400 [-0.0871, +0.1671] p 0.156, n 2');
    const comparison = pointsComparisonTable(
      [
        {
          label: 'p',
          assignments: {},
          summaries: [
            summary('heterogeneous', 1, 0, 0.6),
            summary('heterogeneous', 2, 0, 0.7),
            summary('plain', 1, 0, 0.5),
            summary('plain', 2, 0, 0.58),
          ],
        },
      ],
      ['heterogeneous', 'plain'],
      [['heterogeneous', 'plain']],
      'Point',
    );
    assert.deepEqual(comparison.headers, [
      'Point',
      'Coarse teacher',
      'A heterogeneous KD',
      'C plain student',
      'A - C (paired t)',
    ]);
    // Differences 0.1 and 0.12: mean 0.11.
    assert.equal(comparison.rows[0][4], '+0.1100 [-0.0171, +0.2371] p 0.058, n 2');
    // Under the table: (t_{0.975, 1} + t_{0.8, 1}) · 0.01414 / √2 = (12.7062 + 1.3764) · 0.01 = 0.1408.
    assert.deepEqual(comparison.notes, [
      'With 2 seeds, a difference smaller than about 0.1408 (14.08 points) cannot be told from 0 (80 % power, alpha 0.05 two-sided), from the observed SD of the differences (0.0141).',
    ]);
  });
});

describe('runStudy part selection', () => {
  it('rejects unknown part names before any data loads', async () => {
    await assert.rejects(
      runStudy({ parts: ['regimes', 'grids'], runsDirectory: os.tmpdir(), log: () => undefined }),
      /study parts: unknown "grids"; expected some of curves, regimes, hierarchies, features, featureSets, baselines, grid/,
    );
  });
});

describe('runStudy end to end on a real slice', () => {
  before(async () => {
    await initializeBackend();
  });

  it('runs every part through the pipeline and writes the report with every section', async () => {
    const base = resolveExperimentConfig({
      base: 'paper1-newsgroups',
      set: [
        'name=study-test',
        'dataset.limitPerClass=6',
        'features.encoder={"kind":"hashing","dimension":64}',
        'teacher.model.hiddenUnits=[16]',
        'student.model.hiddenUnits=[8]',
        'teacher.epochs=1',
        'student.epochs=1',
        'teacher.earlyStopping=false',
        'student.earlyStopping=false',
        'seeds=[1,2]',
      ],
    });
    const settings: StudySettings = {
      temperatures: [2, 28],
      studentLossWeights: [0.3],
      fractions: [0.5, 1],
      modes: ['drop', 'distill'],
      hierarchies: ['newsgroups-paper', 'newsgroups-3', 'discovered:class-means:3'],
      teacherFeatures: { kind: 'tfidf', dimension: 32 },
      curveEpochs: 2,
      paperChoices: true,
      featureSets: [
        { label: 'own', features: 'experiment' },
        {
          label: 'hashing + TF-IDF 32',
          features: { kind: 'concat', parts: ['experiment', { kind: 'tfidf', dimension: 32 }] },
        },
      ],
      // One point: every baseline at one setting (the grids' first values).
      baselineGrids: baselineGrids.map((grid) => ({ ...grid, values: grid.values.slice(0, 1) })),
    };
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-study-'));
    const firstLog: string[] = [];
    const result = await runStudy({
      base,
      settings,
      parts: undefined,
      runsDirectory: path.join(folder, 'runs'),
      outputDirectory: path.join(folder, 'reports'),
      log: (line) => firstLog.push(line),
      progress: silentProgress,
    });
    assert.equal(result.name, 'study-test-study');
    assert.deepEqual(
      result.parts.map((part) => part.points.length),
      [1, 3, 3, 2, 2, 1, 2],
    );
    // 2 teachers and 5 students per seed, 2 seeds; students' curves have 2 epochs.
    assert.ok(
      result.curveRuns.length === 14 &&
        result.curveRuns.every((run) => run.role === 'teacher' || run.testMacroF1Curve.length === 2),
    );
    const markdown = await fs.readFile(result.markdownPath, 'utf8');
    for (const heading of [
      '## Temperature x student-loss weight (A and B)',
      "### Chosen points vs paper 1's",
      '## Fixed-length curves',
      '## Few fine labels',
      '## Hierarchies',
      '## A teacher that sees other features',
      '## Features that make a strong student',
      '## Baselines without a trained teacher and better uses of the teacher',
      '## Cost',
    ]) {
      assert.ok(markdown.includes(heading), heading);
    }
    assert.match(markdown, /\| 0\.5, distill \|/);
    // Every baseline at its one setting (the chosen one), A too, each with severity and calibration.
    assert.match(
      markdown,
      /\| F hierarchy soft labels \(no teacher\) \| beta 1 \| 0\.\d{4} ± 0\.\d{4}( †)? \| [+-]0\.\d{4} \[/,
    );
    assert.match(markdown, /\| A heterogeneous KD \| temperature 28, studentLossWeight 0\.3 \|/);
    assert.match(markdown, /\| M composed teacher \(coarse teacher, uniform within group\) \| temperature 2 \|/);
    assert.match(markdown, /\| newsgroups-3 \(3 groups, ARI 0\.\d{3} vs newsgroups-paper\) \|/);
    assert.match(markdown, /\| discovered:class-means:3 \(3 groups, ARI -?0\.\d{3} vs newsgroups-paper\) \|/);
    assert.match(markdown, /- `discovered:class-means:3`: \{[^}]+\} · \{[^}]+\} · \{[^}]+\}/);
    // The concat students read 64 + 32 columns: more parameters than the hashing-only ones.
    assert.match(markdown, /\| hashing \+ TF-IDF 32 \| [\d,]+ \| [\d,]+ \| 0\.\d{3} \|/);
    // The README's generated section, rebuilt from the study's record: every part a reader needs first.
    const record = checkStudyRecord(
      JSON.parse(await fs.readFile(path.join(result.experimentDirectory, 'study-test-study.json'), 'utf8')),
      'study-test-study.json',
    );
    const readme = studyReadmeSection(
      await studyReportInputFromRecord(record, {
        runsSource: result.experimentDirectory,
        outputDirectory: path.join(folder, 'readme'),
        generatedAt: null,
      }),
      { bundle: 'b.runs.jsonl.gz', report: 'reports/s.md', runs: 1 },
    );
    for (const heading of [
      '**The T × a grid**',
      '**Few fine labels.**',
      '**Hierarchies.**',
      '**A teacher that sees other features**',
      '**Features that make a strong student**',
      '**Baselines without a trained teacher',
    ])
      assert.ok(readme.includes(heading), heading);
    assert.match(readme, /\| hashing \+ TF-IDF 32 \| [\d,]+ \| [\d,]+ \| 0\.\d{3} \|/);
    assert.doesNotMatch(readme, /Features seconds/);
    const charts = await fs.readdir(path.join(folder, 'reports', 'study-test-study'));
    assert.ok(charts.includes('grid-heterogeneous-validation.svg') && charts.includes('students-accuracy-band.svg'));
    assert.ok(Number.isFinite(result.fullCost.seconds) && result.fullCost.seconds > 0);
    // Before the first call the folder is empty: the cost model has nothing to price with.
    assert.ok(firstLog.some((line) => /^cost model: \d+ runs in \d+\+\d+ groups; no finished runs in /.test(line)));
    // Collapse on real runs: every run is judged from its record (curve included); each collapsed
    // run of a part gets one warning line, and a run that is not collapsed gets none.
    const loaded = await loadExperimentResults(result.experimentDirectory);
    assert.ok(loaded.runs.length > 0 && loaded.runs.every((run) => typeof run.collapsed === 'boolean'));
    for (const run of loaded.runs) {
      const warned = firstLog.some(
        (line) => line.startsWith(`warning: seed ${run.seed} ${run.method} (`) && line.includes('collapsed'),
      );
      if (run.collapsed) assert.ok(warned, `no warning for collapsed ${run.id}: ${run.collapseReason}`);
      else if (run.validationLossCurve.length >= 2)
        assert.ok(
          Math.min(...run.validationLossCurve.slice(1)) < run.validationLossCurve[0],
          `${run.id} is not collapsed: its validation loss improved on epoch 1's`,
        );
    }
    // The cost model's measurements: every run, and the call that trained them (its parts' seconds).
    const measured = await measuredRunsIn(result.experimentDirectory);
    const planned = countStudyRuns(buildStudyParts(base, settings));
    assert.equal(measured.runs.length, planned.teachers + planned.students);
    assert.equal(measured.call?.runs.length, measured.runs.length);
    assert.equal(
      measured.call?.seconds,
      result.parts.reduce((sum, part) => sum + part.seconds, 0),
    );
    // One part again: every run is reused, and the report holds that part only.
    const secondLog: string[] = [];
    const again = await runStudy({
      base,
      settings,
      parts: ['regimes'],
      runsDirectory: path.join(folder, 'runs'),
      outputDirectory: path.join(folder, 'reports'),
      log: (line) => secondLog.push(line),
      progress: silentProgress,
    });
    assert.deepEqual(
      again.parts.map((part) => part.part.name),
      ['regimes'],
    );
    const partial = await fs.readFile(again.markdownPath, 'utf8');
    assert.ok(partial.includes('## Few fine labels') && !partial.includes('## Temperature x student-loss weight'));
    assert.match(partial, /No time estimate: it scales from the curves part/);
    // The second call prices its part from the first call's runs.
    const table = secondLog.findIndex((line) => line.startsWith('| plan | runs |'));
    assert.ok(table > 0, 'the cost model table is printed');
    assert.match(secondLog[table + 1], /^\| all\s+\| [1-9]/);
    assert.match(secondLog[table + 2], /^\| left\s+\| 0\s+\|/, 'every run of the part finished in the first call');
    assert.match(secondLog[table + 3], new RegExp(`^  from ${measured.runs.length} finished run\\(s\\) in `));
  });
});
