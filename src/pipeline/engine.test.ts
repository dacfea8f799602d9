import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { resolveExperimentConfig } from '../config/layering';
import { validateExperimentConfig } from '../config/validateExperiment';
import { crossEntropyLoss, distillationLoss } from '../losses';
import { registerMethod, unregisterMethod, type MethodDefinition } from '../methods/registry';
import { loadRuns } from '../runs';
import { silentProgress } from '../util/progress';
import { runComparison } from './comparison';
import { prepareExperimentData, type PreparedExperimentData } from './prepare/prepareData';
import type { PipelineRunSummary } from '../results/runSummary';
import { loadExperimentResults, studentsTable, tableRecords } from '../results';

/** A tiny real-data experiment (12 posts per class, hashing features, 3 epochs). */
const tinyConfig = resolveExperimentConfig({
  base: 'paper1-newsgroups',
  set: [
    'name=engine-test',
    'dataset.limitPerClass=12',
    'features.encoder={"kind":"hashing","dimension":256}',
    'teacher.model.hiddenUnits=[64,32]',
    'student.model.hiddenUnits=[16]',
    'teacher.epochs=3',
    'student.epochs=3',
    'teacher.earlyStopping=false',
    'student.earlyStopping=false',
    'seeds=[1,2]',
  ],
});

/**
 * A toy method, registered like any other: the distillation head learns the coarse
 * teacher at T = 1 with equal weights (no T² scaling of the weight).
 */
const toyMethod: MethodDefinition = {
  name: 'toy-even-kd',
  letter: 'Z',
  label: 'toy: even-weighted coarse KD',
  configKey: 'toyEvenKd',
  teacher: 'coarse',
  distillationHead: true,
  settings: { temperature: { description: 'T', exclusiveMinimum: 0, default: 1 } },
  lossTerms: ['student', 'distillation'],
  order: 50,
  kind: 'extension',
  objective: (inputs) => {
    const student = crossEntropyLoss(inputs.fineLabels, inputs.prediction);
    const distillation = distillationLoss(inputs.teacherLogits!, inputs.distillation!, inputs.settings.temperature);
    return { total: student.add(distillation).div(2), student, distillation };
  },
};

describe('the experiment engine through the pipeline', () => {
  let data: PreparedExperimentData;
  let root: string;
  const quiet = { log: () => undefined, progress: silentProgress };

  before(async () => {
    await initializeBackend();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-engine-'));
    data = await prepareExperimentData(tinyConfig, quiet);
  });

  it('a new method is one registry entry: it validates, trains through the pipeline and gets its table row', async () => {
    registerMethod(toyMethod);
    try {
      const config = validateExperimentConfig({ ...tinyConfig, methods: { plain: {}, toyEvenKd: {} } });
      assert.deepEqual(config.methods.toyEvenKd, { temperature: 1 }, 'the registry default fills the setting');
      const result = await runComparison(config, { experimentDirectory: path.join(root, 'toy'), data, ...quiet });
      assert.deepEqual(
        result.students.map((summary) => summary.method),
        ['plain', 'plain', 'toy-even-kd', 'toy-even-kd'],
      );
      const toy = (await loadRuns(path.join(root, 'toy'))).filter(
        (run) => (run.summary as PipelineRunSummary).method === 'toy-even-kd',
      );
      assert.equal(toy.length, 2);
      // Its loss terms are logged per epoch, and it trained against the coarse teacher of its seed.
      assert.ok(
        toy.every(
          (run) => run.epochs.length === 3 && run.epochs.every((epoch) => Number.isFinite(epoch.distillationLoss)),
        ),
      );
      assert.ok(
        toy.every((run) => /^seed\d-teacher-coarse-/.test((run.config as { teacherRunId: string }).teacherRunId)),
      );
      const rows = tableRecords(
        studentsTable(
          (await loadExperimentResults(path.join(root, 'toy'), { runFolders: Object.values(result.runDirectories) }))
            .runs,
          undefined,
        ),
      );
      assert.deepEqual(
        rows.map((row) => row.Method),
        ['C plain student', 'Z toy: even-weighted coarse KD'],
      );
      assert.match(rows[1]['Accuracy vs C (paired t)'], /p /);
    } finally {
      unregisterMethod(toyMethod.name);
    }
    assert.throws(() => validateExperimentConfig({ ...tinyConfig, methods: { toyEvenKd: {} } }), /methods\.toyEvenKd/);
  });

  it('stacked groups train the same runs as one model at a time; the records differ only by the group field', async () => {
    const single = await runComparison(tinyConfig, {
      experimentDirectory: path.join(root, 'single'),
      data,
      groupSize: 1,
      ...quiet,
    });
    const stacked = await runComparison(tinyConfig, {
      experimentDirectory: path.join(root, 'stacked'),
      data,
      groupSize: 36,
      ...quiet,
    });
    const key = (summary: PipelineRunSummary) => `${summary.seed}-${summary.method}`;
    const stackedByKey = new Map([...stacked.teachers, ...stacked.students].map((summary) => [key(summary), summary]));
    for (const one of [...single.teachers, ...single.students]) {
      const other = stackedByKey.get(key(one))!;
      assert.equal(one.group, undefined);
      assert.ok(other.group && other.group.size > 1, `${key(one)} trained in a group`);
      // Float tolerance: batched matMul sums in another order (about 1e-6 relative per step).
      assert.ok(
        Math.abs(one.validation.crossEntropy - other.validation.crossEntropy) < 1e-3,
        `${key(one)} validation loss ${one.validation.crossEntropy} vs ${other.validation.crossEntropy}`,
      );
      assert.ok(
        Math.abs(one.test.accuracy - other.test.accuracy) <= 2 / 240 + 1e-9,
        `${key(one)} test accuracy ${one.test.accuracy} vs ${other.test.accuracy}`,
      );
      assert.equal(one.epochsRun, other.epochsRun);
      assert.equal(one.parameters, other.parameters);
    }
    // Same run ids (the group is not part of a run's identity), so either folder's runs are reused by the other.
    assert.deepEqual(
      Object.values(single.runDirectories)
        .map((folder) => path.basename(folder))
        .sort(),
      Object.values(stacked.runDirectories)
        .map((folder) => path.basename(folder))
        .sort(),
    );
  });
});
