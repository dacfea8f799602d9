import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { listIncompleteRuns, loadRuns } from '../runs';
import { silentProgress } from '../util/progress';
import { runComparison } from './comparison';
import { applyOverrides } from './cli';
import {
  paperNewsgroupsExperiment,
  smokeVariant,
  validateExperimentConfig,
  type ExperimentConfig,
} from './experimentConfig';
import { prepareNewsgroupsExperiment, type PreparedExperimentData } from './prepare/prepareData';
import { loadExperimentResults, studentsTable, tableRecords, teachersTable } from '../results';

/** A tiny real-data comparison: 12 posts per class, hashing features, 2 epochs, 2 seeds. */
const tinyConfig: ExperimentConfig = {
  ...smokeVariant(paperNewsgroupsExperiment),
  name: 'tiny-test',
  dataset: { ...paperNewsgroupsExperiment.dataset, limitPerClass: 12 },
  features: { kind: 'encoder', encoder: { kind: 'hashing', dimension: 256 } },
  teacher: {
    ...paperNewsgroupsExperiment.teacher,
    model: { kind: 'dense', hiddenUnits: [64, 32] },
    epochs: 2,
    earlyStopping: false,
  },
  student: {
    ...paperNewsgroupsExperiment.student,
    model: { kind: 'dense', hiddenUnits: [16] },
    epochs: 2,
    earlyStopping: false,
  },
  seeds: [1, 2],
};

describe('pipeline on a real 20 Newsgroups slice', () => {
  let data: PreparedExperimentData;
  let runsRoot: string;
  const quiet = { log: () => undefined, progress: silentProgress };

  before(async () => {
    await initializeBackend();
    runsRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-pipeline-'));
    process.env.HKD_DATA_DIR ??= path.join(runsRoot, 'data');
    data = await prepareNewsgroupsExperiment(tinyConfig, quiet);
  });

  it('prepares the three splits with both label levels', () => {
    assert.equal(data.inputDimension, 256);
    assert.equal(data.train.x.rows, data.train.fineLabels.length);
    assert.equal(data.test.x.rows, 12 * 20);
    assert.equal(data.hierarchy.name, 'newsgroups-paper');
    // Paper 1's group F holds ids 0, 15 and 19.
    const fineZero = data.train.fineLabels.indexOf(0);
    assert.equal(
      data.hierarchy.coarseLabelNames[data.train.coarseLabels[fineZero]],
      data.hierarchy.coarseLabelNames[data.hierarchy.fineToCoarse[19]],
    );
  });

  it('runs every method for every seed, records each run, and builds both tables', async () => {
    const experimentDirectory = path.join(runsRoot, 'all');
    const result = await runComparison(tinyConfig, { experimentDirectory, data, ...quiet });
    assert.equal(result.teachers.length, 4);
    assert.equal(result.students.length, 10);
    const methods = new Set(result.students.map((summary) => summary.method));
    assert.deepEqual([...methods].sort(), [
      'coarse-auxiliary',
      'heterogeneous',
      'label-smoothing',
      'plain',
      'traditional',
    ]);
    for (const summary of [...result.teachers, ...result.students]) {
      assert.ok(summary.test.accuracy >= 0 && summary.test.accuracy <= 1);
      assert.equal(summary.epochsRun, 2);
    }
    // Calibration on every run, severity and top-3 on the fine-label ones, in their ranges.
    for (const summary of [...result.teachers, ...result.students]) {
      const fine = summary.target === 'fine';
      for (const split of [summary.validation, summary.test]) {
        for (const ece of [split.expectedCalibrationError!, split.scaledExpectedCalibrationError!])
          assert.ok(ece >= 0 && ece <= 1, `ECE ${ece} of ${summary.method}`);
        assert.ok(split.temperature! > 0 && split.temperature === summary.test.temperature);
        assert.ok(Number.isFinite(split.scaledCrossEntropy!) && split.scaledCrossEntropy! > 0);
        assert.equal(split.topThreeAccuracy !== undefined, fine);
        if (!fine) continue;
        assert.ok(split.topThreeAccuracy! >= split.accuracy && split.topThreeAccuracy! <= 1);
        assert.ok(split.mistakeSeverity! >= 1 && split.mistakeSeverity! <= 2, `severity ${split.mistakeSeverity}`);
        // Distance = (1 - accuracy) * severity, severity between 1 (within the group) and 2 (across).
        const distance = (1 - split.accuracy) * split.mistakeSeverity!;
        assert.ok(Math.abs(split.hierarchicalDistance! - distance) < 1e-9);
      }
      // T is fitted on validation: its NLL there is at most the unscaled one (float32 cross-entropy, hence the slack).
      assert.ok(summary.validation.scaledCrossEntropy! <= summary.validation.crossEntropy + 1e-5);
      const bins = summary.test.reliabilityBins!;
      assert.equal(bins.length, 15);
      assert.equal(
        bins.reduce((sum, bin) => sum + bin.count, 0),
        data.test.x.rows,
      );
      assert.equal(summary.validation.reliabilityBins, undefined);
    }
    const coarseTeacher = result.teachers.find((summary) => summary.method === 'teacher-coarse')!;
    assert.equal(coarseTeacher.test.confusionMatrix!.length, 6, 'the coarse teacher is scored on the 6 groups');

    const runs = await loadRuns(experimentDirectory);
    assert.equal(runs.length, 14);
    // No tensors leak across a whole comparison (models are disposed, training tidies up).
    const tensorsAfterFirst = tf.memory().numTensors;
    await runComparison(
      { ...tinyConfig, seeds: [3] },
      { experimentDirectory: path.join(runsRoot, 'leak-check'), data, ...quiet },
    );
    assert.equal(tf.memory().numTensors, tensorsAfterFirst);
    assert.ok(runs.every((run) => run.epochs.length === 2 && run.hasModel));
    const fromDisk = (await loadExperimentResults(experimentDirectory)).allRuns;
    const students = tableRecords(studentsTable(fromDisk, undefined, { paperColumns: true }));
    assert.deepEqual(
      students.map((row) => row.Method[0]),
      ['A', 'B', 'C', 'D', 'E'],
    );
    assert.match(students[0]['Test accuracy'], /^0\.\d{4} ± 0\.\d{4}$/);
    assert.match(students[0]['Accuracy vs C (paired t)'], /p /);
    assert.equal(students[0]['Paper 1 (BERT) accuracy'], '0.5861', 'paper 1 column for 20 Newsgroups');
    assert.ok(
      !studentsTable(fromDisk, undefined, { paperColumns: false }).headers.includes('Paper 1 (BERT) accuracy'),
      'no paper 1 numbers for other data sets',
    );
    const teachers = tableRecords(teachersTable(fromDisk));
    assert.deepEqual(
      teachers.map((row) => row.Teacher),
      ['coarse teacher (hierarchy groups)', 'fine teacher (fine labels)'],
    );

    // A second call with the same config reuses every finished run and gives the same numbers;
    // the target accuracy is an analysis setting, so changing it rescores without retraining.
    const again = await runComparison({ ...tinyConfig, targetAccuracy: 0 }, { experimentDirectory, data, ...quiet });
    assert.deepEqual(
      again.students.map((summary) => summary.test.accuracy),
      result.students.map((summary) => summary.test.accuracy),
    );
    assert.ok(again.students.every((summary) => summary.epochsToTarget === 1 && summary.targetAccuracy === 0));
    assert.equal((await loadRuns(experimentDirectory)).length, 14);
  });

  it('leaves an interrupted run incomplete, never loads it, and finishes it on the next call', async () => {
    const experimentDirectory = path.join(runsRoot, 'interrupted');
    const config = { ...tinyConfig, seeds: [7] };
    const interrupting = {
      ...quiet,
      progress: () => {
        throw new Error('simulated interruption');
      },
    };
    await assert.rejects(
      runComparison(config, { experimentDirectory, data, stage: 'baseline', ...interrupting }),
      /simulated interruption/,
    );
    assert.equal((await loadRuns(experimentDirectory)).length, 0);
    const incomplete = await listIncompleteRuns(experimentDirectory);
    assert.equal(incomplete.length, 1);
    assert.match(incomplete[0].id, /^seed7-teacher-fine-/);

    const result = await runComparison(config, { experimentDirectory, data, stage: 'baseline', ...quiet });
    assert.equal(result.teachers.length, 1);
    assert.equal((await listIncompleteRuns(experimentDirectory)).length, 0);
    assert.equal((await loadRuns(experimentDirectory)).length, 1);
  });

  it('repeats exactly with the same seed on the same backend', async () => {
    const config = { ...tinyConfig, seeds: [3], methods: { plain: {} } };
    const first = await runComparison(config, { experimentDirectory: path.join(runsRoot, 'repeat-1'), data, ...quiet });
    const second = await runComparison(config, {
      experimentDirectory: path.join(runsRoot, 'repeat-2'),
      data,
      ...quiet,
    });
    assert.deepEqual(second.students[0].test, first.students[0].test);
    assert.deepEqual(
      second.teachers.map((summary) => summary.test),
      first.teachers.map((summary) => summary.test),
    );
    assert.deepEqual(
      Object.keys(second.runDirectories).map((key) => path.basename(second.runDirectories[key])),
      Object.keys(first.runDirectories).map((key) => path.basename(first.runDirectories[key])),
    );
  });
});

describe('experiment configs', () => {
  it('the paper config is valid and uses the paper weights and temperatures', () => {
    validateExperimentConfig(paperNewsgroupsExperiment);
    assert.deepEqual(paperNewsgroupsExperiment.methods.heterogeneous, { studentLossWeight: 0.3, temperature: 28 });
    assert.deepEqual(paperNewsgroupsExperiment.methods.traditional, { studentLossWeight: 0.2, temperature: 23 });
  });

  it('names the bad field', () => {
    const bad = {
      ...paperNewsgroupsExperiment,
      methods: { heterogeneous: { studentLossWeight: 1.5, temperature: 28 } },
    };
    assert.throws(
      () => validateExperimentConfig(bad, 'my.json'),
      /my\.json: 1 problem:\n {2}- methods\.heterogeneous\.studentLossWeight: got 1\.5; expected a number >= 0 and <= 1/,
    );
    assert.throws(
      () => validateExperimentConfig({ ...paperNewsgroupsExperiment, seeds: [] }),
      /seeds: got \[\]; expected a non-empty array/,
    );
  });

  it('command-line overrides pick methods and seeds, and reject unknown ones', () => {
    const config = applyOverrides(paperNewsgroupsExperiment, {
      smoke: true,
      seeds: '4,5',
      methods: 'heterogeneous,plain',
    });
    assert.deepEqual(config.seeds, [4, 5]);
    assert.deepEqual(Object.keys(config.methods), ['heterogeneous', 'plain']);
    assert.equal(config.dataset.limitPerClass, 40);
    assert.throws(() => applyOverrides(paperNewsgroupsExperiment, { methods: 'magic' }), /unknown method "magic"/);
    assert.throws(() => applyOverrides(paperNewsgroupsExperiment, { seeds: '1,x' }), /--seeds/);
    const fixed = applyOverrides(paperNewsgroupsExperiment, { 'fixed-epochs': '30' });
    assert.equal(fixed.name, 'paper1-newsgroups-fixed30', 'fixed-length runs get their own experiment folder');
    assert.deepEqual(
      [fixed.teacher.epochs, fixed.teacher.earlyStopping, fixed.student.epochs, fixed.student.earlyStopping],
      [30, false, 30, false],
    );
    assert.throws(
      () => applyOverrides(paperNewsgroupsExperiment, { 'fixed-epochs': '0' }),
      /--fixed-epochs: expected a positive integer/,
    );
  });
});
