import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { resolveExperimentConfig } from '../config/layering';
import { expandSweep } from '../config/sweep';
import { validateExperimentConfig } from '../config/validateExperiment';
import { stratifiedSubset } from '../data/split';
import { buildStudent, buildTeacher, countParameters } from '../models';
import { loadRuns } from '../runs';
import { silentProgress } from '../util/progress';
import { runPoints } from './comparison';
import type { RunConfig } from './plan/planRuns';
import { prepareExperimentData } from './prepare/prepareData';
import type { PipelineRunSummary } from '../results/runSummary';
import { runSweep } from './sweep';

/** A tiny real-data slice: 10 posts per class, small networks, 2 epochs, one seed. */
const tinySet = [
  'name=regimes-test',
  'dataset.limitPerClass=10',
  'features.encoder={"kind":"hashing","dimension":128}',
  'teacher.model.hiddenUnits=[32]',
  'student.model.hiddenUnits=[8]',
  'teacher.epochs=2',
  'student.epochs=2',
  'teacher.earlyStopping=false',
  'student.earlyStopping=false',
  'seeds=[1]',
  'methods={"heterogeneous":{},"plain":{}}',
];
const quiet = { log: () => undefined, progress: silentProgress };

describe('study regimes on a real 20 Newsgroups slice', () => {
  let root: string;
  before(async () => {
    await initializeBackend();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-regimes-'));
  });

  it('features: TF-IDF from the config (chi2, 64 columns), its time recorded in every run summary', async () => {
    const config = resolveExperimentConfig({
      base: 'paper1-newsgroups',
      set: [...tinySet, 'features={"kind":"tfidf","dimension":64,"minDocumentFrequency":2}', 'methods={"plain":{}}'],
    });
    const data = await prepareExperimentData(config, quiet);
    assert.equal(data.inputDimension, 64);
    assert.match(data.featuresId.encoderId, /^tfidf-chi2:64:/);
    assert.ok(Object.keys(data.featuresSeconds ?? {}).some((key) => key.startsWith('tfidf-chi2:64')));
    const result = await runPoints([{ label: '', assignments: {}, config }], {
      experimentDirectory: path.join(root, 'tfidf'),
      data,
      ...quiet,
    });
    const summaries = [...result.points[0].teachers, ...result.points[0].students];
    assert.equal(summaries.length, 3);
    assert.ok(summaries.every((summary) => typeof summary.featuresSeconds === 'number'));
    // A concat of TF-IDF and the hashing encoder has both widths.
    const concat = resolveExperimentConfig({
      base: 'paper1-newsgroups',
      set: [
        ...tinySet,
        'features={"kind":"concat","parts":[{"kind":"tfidf","dimension":16},{"kind":"encoder","encoder":{"kind":"hashing","dimension":32}}]}',
      ],
    });
    const joined = await prepareExperimentData(concat, quiet);
    assert.equal(joined.inputDimension, 48);
    assert.match(joined.featuresId.encoderId, /^concat\(tfidf-chi2:16:\w+,hashing/);
  });

  it('rejects bad features and fractions with the field named', () => {
    const base = resolveExperimentConfig({ base: 'paper1-newsgroups', set: tinySet });
    assert.throws(
      () => validateExperimentConfig({ ...base, features: { kind: 'tfidf', dimension: 0 } }),
      /features\.dimension: got 0; expected an integer >= 1/,
    );
    assert.throws(() => validateExperimentConfig({ ...base, features: { kind: 'pixels' } }), /features\.kind/);
    assert.throws(
      () => validateExperimentConfig({ ...base, student: { ...base.student, labelledFraction: 0 } }),
      /student\.labelledFraction: got 0/,
    );
    assert.throws(
      () => validateExperimentConfig({ ...base, student: { ...base.student, unlabelledInputs: 'keep' as 'drop' } }),
      /student\.unlabelledInputs: got "keep"; expected one of "drop", "distill"/,
    );
    assert.throws(
      () => validateExperimentConfig({ ...base, teacher: { ...base.teacher, labelledFraction: 0.5 } }),
      /teacher\.labelledFraction/,
    );
  });

  it('a coarse teacher on TF-IDF distilled into a student on hashing features', async () => {
    const config = resolveExperimentConfig({
      base: 'paper1-newsgroups',
      set: [...tinySet, 'teacher.features={"kind":"tfidf","dimension":64}'],
    });
    const experimentDirectory = path.join(root, 'teacher-features');
    const result = await runPoints([{ label: '', assignments: {}, config }], { experimentDirectory, ...quiet });
    assert.equal(result.data.teacherFeatures?.inputDimension, 64);
    const runs = await loadRuns(experimentDirectory);
    const byMethod = new Map(
      runs.map((run) => [(run.config as unknown as RunConfig).method, run.config as unknown as RunConfig]),
    );
    const teacher = byMethod.get('teacher-coarse')!;
    assert.equal(teacher.inputDimension, 64);
    assert.match((teacher.features as { encoderId: string }).encoderId, /^tfidf-chi2:64:/);
    // What the teacher reads is recorded once (encoder / features / inputDimension), not again under training.
    assert.deepEqual(teacher.encoder, { kind: 'tfidf', dimension: 64 });
    assert.equal(teacher.training.features, undefined);
    const student = byMethod.get('heterogeneous')!;
    assert.equal(student.inputDimension, 128);
    assert.match((student.features as { encoderId: string }).encoderId, /^hashing/);
    assert.equal(
      student.teacherRunId,
      runs.find((run) => (run.config as unknown as RunConfig).method === 'teacher-coarse')!.id,
    );
    assert.ok(result.points[0].students.every((summary) => summary.epochsRun === 2));
  });

  it('few fine labels: drop and distill at 0.25 against all labels; coarse teacher shared, fine teacher of the labelled rows its own run, run ids distinct, labelled rows counted', async () => {
    const config = resolveExperimentConfig({ base: 'paper1-newsgroups', set: tinySet });
    const points = expandSweep(config, ['student.labelledFraction=0.25,1', 'student.unlabelledInputs=drop,distill']);
    const experimentDirectory = path.join(root, 'fractions');
    const result = await runSweep(points, { experimentDirectory, ...quiet });
    const runs = await loadRuns(experimentDirectory);
    // 2 all-row teachers + the fine teacher of the labelled rows at 0.25 (one for both modes:
    // it trains on the labelled rows either way) + heterogeneous and plain at (0.25, drop),
    // (0.25, distill) and 1 (both modes the same runs).
    assert.equal(runs.length, 2 + 1 + 2 * 3);
    const data = await prepareExperimentData(config, quiet);
    const labelled = stratifiedSubset(data.train.fineLabels, 0.25, config.dataset.splitSeed).length;
    assert.equal(labelled, 60, '10 training posts per class, round(2.5) = 3 labelled in each');
    const byLabel = new Map(result.points.map((point) => [point.label, point.summaries as PipelineRunSummary[]]));
    assert.deepEqual(
      [...byLabel.keys()],
      [
        'labelledFraction=0.25 unlabelledInputs="drop"',
        'labelledFraction=0.25 unlabelledInputs="distill"',
        'labelledFraction=1 unlabelledInputs="drop"',
        'labelledFraction=1 unlabelledInputs="distill"',
      ],
    );
    for (const mode of ['drop', 'distill']) {
      const students = byLabel
        .get(`labelledFraction=0.25 unlabelledInputs="${mode}"`)!
        .filter((summary) => summary.role === 'student');
      assert.equal(students.length, 2);
      assert.ok(
        students.every((summary) => summary.labelledRows === labelled),
        `${mode}: labelled rows recorded`,
      );
    }
    // The fine teacher of the labelled rows: trained on those 60 rows, stopped early on a quarter of the validation split.
    const scaledValidation = stratifiedSubset(data.validation.fineLabels, 0.25, 1).length;
    assert.ok(scaledValidation < data.validation.x.rows);
    for (const label of [
      'labelledFraction=0.25 unlabelledInputs="drop"',
      'labelledFraction=0.25 unlabelledInputs="distill"',
    ]) {
      const fineTeacher = byLabel.get(label)!.find((summary) => summary.method === 'teacher-fine')!;
      assert.equal(fineTeacher.labelledRows, labelled);
      assert.deepEqual(fineTeacher.dataProtocol, {
        labelledFraction: 0.25,
        labelledSubset: 'per-seed',
        validationRows: 'scaled',
        teacherRows: 'labelled',
        trainRows: labelled,
        validationRowsUsed: scaledValidation,
      });
      const coarseTeacher = byLabel.get(label)!.find((summary) => summary.method === 'teacher-coarse')!;
      assert.equal(coarseTeacher.labelledRows, undefined, 'the coarse teacher sees every row');
      assert.equal(coarseTeacher.dataProtocol, undefined);
    }
    const full = byLabel
      .get('labelledFraction=1 unlabelledInputs="drop"')!
      .filter((summary) => summary.role === 'student');
    assert.ok(full.every((summary) => summary.labelledRows === undefined));
    const configs = runs
      .map((run) => run.config as unknown as RunConfig)
      .filter((runConfig) => runConfig.role === 'student');
    assert.deepEqual(
      configs
        .map((runConfig) => `${runConfig.training.labelledFraction ?? 1}/${runConfig.training.unlabelledInputs ?? '-'}`)
        .sort(),
      ['0.25/distill', '0.25/distill', '0.25/drop', '0.25/drop', '1/-', '1/-'],
    );
  });

  it('hierarchies: --sweep hierarchy=newsgroups-paper,newsgroups-names,newsgroups-3 scores each coarse teacher on its own groups', async () => {
    const config = resolveExperimentConfig({
      base: 'paper1-newsgroups',
      set: [...tinySet, 'methods={"heterogeneous":{}}', 'teacher.epochs=1', 'student.epochs=1'],
    });
    const points = expandSweep(config, ['hierarchy=newsgroups-paper,newsgroups-names,newsgroups-3']);
    const result = await runSweep(points, { experimentDirectory: path.join(root, 'hierarchies'), ...quiet });
    const widths = result.points.map(
      (point) =>
        (point.summaries as PipelineRunSummary[]).find((summary) => summary.method === 'teacher-coarse')!.test
          .confusionMatrix!.length,
    );
    assert.deepEqual(widths, [6, 6, 3]);
    // Every run config records the hierarchy, so each point trains its own teachers and student (the fine teacher too).
    assert.equal((await loadRuns(path.join(root, 'hierarchies'))).length, 3 * 3);
  });

  it('the built-in tfidf-newsgroups experiment is valid: TF-IDF chi2 5000, a 20-unit student', () => {
    const config = resolveExperimentConfig({ base: 'tfidf-newsgroups' });
    assert.deepEqual(config.features, { kind: 'tfidf', dimension: 5000 });
    assert.deepEqual(config.student.model, { kind: 'dense', hiddenUnits: [20] });
  });

  it('the built-in combined-newsgroups experiment: USE lite + TF-IDF 5000, an 18-unit student under a tenth of the teacher', () => {
    const config = resolveExperimentConfig({ base: 'combined-newsgroups' });
    assert.deepEqual(config.features, {
      kind: 'concat',
      parts: [
        { kind: 'encoder', encoder: { kind: 'use-lite' } },
        { kind: 'tfidf', dimension: 5000 },
      ],
    });
    // 5,512 inputs: 5512 x 18 + 18 + 18 x 20 + 20 = 99,614 parameters against the 1,043,871 of the teacher sized for that width.
    const student = buildStudent({
      inputDimension: 5512,
      fineClassCount: 20,
      hiddenUnits: config.student.model.kind === 'dense' ? config.student.model.hiddenUnits : undefined,
      seed: 1,
    });
    const teacher = buildTeacher({ inputDimension: 5512, classCount: 20, seed: 1 });
    assert.equal(countParameters(student), 99614);
    assert.ok(
      countParameters(student) <= countParameters(teacher) / 10,
      `${countParameters(student)} vs ${countParameters(teacher)}`,
    );
    student.dispose();
    teacher.dispose();
  });
});
