import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { buildStudent } from '../models';
import { listIncompleteRuns, loadModelFromRun, loadRuns, runsToDataFrame, runsToRows, startRun } from './index';

const epochRecord = (epoch: number, accuracy: number) => ({
  epoch,
  totalLoss: 1 / epoch,
  studentLoss: 0.5 / epoch,
  distillationLoss: 0.5 / epoch,
  validationLoss: 1.2 / epoch,
  validationAccuracy: accuracy,
  validationMacroF1: accuracy - 0.05,
  seconds: 0.25,
});

describe('run records', () => {
  let root: string;

  before(async () => {
    await initializeBackend();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-runs-'));
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('writes a run (incomplete until finish), loads it, and tabulates runs and epochs', async () => {
    const runs = path.join(root, 'written');
    const first = await startRun({
      runsDirectory: runs,
      runId: 'hetero-seed1',
      config: { method: 'heterogeneous', temperature: 28, student: { hiddenUnits: [8] } },
      seed: 1,
    });
    assert.equal(first.directory, path.join(runs, 'hetero-seed1.incomplete'));
    const config = JSON.parse(await fs.readFile(path.join(first.directory, 'config.json'), 'utf8'));
    assert.equal(config.seed, 1);
    assert.equal(config.backend.name, (await initializeBackend()).name);
    assert.equal(config.versions.node, process.version);
    for (let epoch = 1; epoch <= 3; epoch++) await first.appendEpoch(epochRecord(epoch, 0.5 + epoch / 10));
    assert.deepEqual(await loadRuns(runs), [], 'not loadable before finish');
    assert.equal(await first.finish({ testAccuracy: 0.81, bestEpoch: 3 }), path.join(runs, 'hetero-seed1'));
    await assert.rejects(first.appendEpoch(epochRecord(4, 0.9)), /after finish/);

    const second = await startRun({
      runsDirectory: runs,
      runId: 'plain-seed1',
      config: { method: 'plain', student: { hiddenUnits: [8] } },
      seed: 1,
    });
    for (let epoch = 1; epoch <= 2; epoch++)
      await second.appendEpoch({ ...epochRecord(epoch, 0.4), distillationLoss: undefined });
    await second.finish({ testAccuracy: 0.75, bestEpoch: 2 });

    const loaded = await loadRuns(runs);
    assert.deepEqual(
      loaded.map((run) => run.id),
      ['hetero-seed1', 'plain-seed1'],
    );
    assert.deepEqual(loaded[0].config, { method: 'heterogeneous', temperature: 28, student: { hiddenUnits: [8] } });
    assert.deepEqual(loaded[0].summary, { testAccuracy: 0.81, bestEpoch: 3 });
    assert.deepEqual(loaded[0].epochs[2], epochRecord(3, 0.8));
    assert.equal(loaded[1].epochs.length, 2);
    assert.equal(loaded[0].hasModel, false);
    assert.deepEqual(
      (await loadRuns(runs, (run) => (run.config as { method: string }).method === 'plain')).map((run) => run.id),
      ['plain-seed1'],
    );

    const backendBefore = tf.getBackend();
    const perRun = runsToDataFrame(loaded, { level: 'run' });
    assert.equal(tf.getBackend(), backendBefore, 'loading danfojs must not switch the tfjs backend');
    assert.equal(perRun.shape[0], 2);
    for (const column of [
      'id',
      'seed',
      'backend',
      'epochs',
      'config.method',
      'config.temperature',
      'config.student.hiddenUnits',
      'summary.testAccuracy',
    ]) {
      assert.ok(perRun.columns.includes(column), `missing column ${column}: ${perRun.columns.join(', ')}`);
    }
    assert.equal(perRun.shape[1], perRun.columns.length);
    assert.deepEqual(perRun.column('summary.testAccuracy').values, [0.81, 0.75]);
    assert.deepEqual(perRun.column('config.student.hiddenUnits').values, ['[8]', '[8]']);
    const perEpoch = runsToDataFrame(loaded, { level: 'epoch' });
    assert.equal(perEpoch.shape[0], 5);
    assert.deepEqual(perEpoch.column('epoch').values, [1, 2, 3, 1, 2]);
    assert.ok(perEpoch.columns.includes('validationAccuracy') && perEpoch.columns.includes('config.method'));
    // Plain runs have no distillation loss: the cell is null in the plain rows.
    assert.deepEqual(
      runsToRows(loaded, { level: 'epoch' }).map((row) => row.distillationLoss),
      [0.5 / 1, 0.5 / 2, 0.5 / 3, null, null],
    );
  });

  it('skips an interrupted run, reports it, and lets a rerun with the same id replace it', async () => {
    const runs = path.join(root, 'interrupted');
    const crashed = await startRun({
      runsDirectory: runs,
      runId: 'teacher-seed2',
      config: { method: 'teacher' },
      seed: 2,
    });
    await crashed.appendEpoch(epochRecord(1, 0.3));
    await crashed.appendEpoch(epochRecord(2, 0.4));
    // ...the process dies here: no finish().
    assert.deepEqual(await loadRuns(runs), []);
    const incomplete = await listIncompleteRuns(runs);
    assert.equal(incomplete.length, 1);
    assert.equal(incomplete[0].id, 'teacher-seed2');
    assert.equal(incomplete[0].epochsLogged, 2);
    assert.equal(incomplete[0].claimedBy?.pid, process.pid, 'the writer still holds its claim');
    await crashed.abandon();
    assert.equal((await listIncompleteRuns(runs))[0].claimedBy, undefined, 'abandoned: interrupted, not claimed');

    const rerun = await startRun({
      runsDirectory: runs,
      runId: 'teacher-seed2',
      config: { method: 'teacher' },
      seed: 2,
    });
    await rerun.appendEpoch(epochRecord(1, 0.35));
    await rerun.finish({ testAccuracy: 0.4 });
    const [run] = await loadRuns(runs);
    assert.equal(run.epochs.length, 1, "the old attempt's epochs are gone");
    assert.deepEqual(await listIncompleteRuns(runs), []);
    await assert.rejects(
      startRun({ runsDirectory: runs, runId: 'teacher-seed2', config: {}, seed: 2 }),
      /already finished/,
    );
    await assert.rejects(
      startRun({ runsDirectory: runs, runId: '../escape', config: {}, seed: 2 }),
      /run id "..\/escape"/,
    );
    assert.deepEqual(await loadRuns(path.join(root, 'does-not-exist')), []);
  });

  it('names the file and line of a malformed metrics.jsonl, and a missing summary.json', async () => {
    const runs = path.join(root, 'malformed');
    const writer = await startRun({ runsDirectory: runs, runId: 'broken', config: {}, seed: 3 });
    await writer.appendEpoch(epochRecord(1, 0.5));
    const directory = await writer.finish({});
    const metricsPath = path.join(directory, 'metrics.jsonl');
    await fs.appendFile(metricsPath, '{"epoch": 2, "totalLoss": 0.4\n');
    await assert.rejects(loadRuns(runs), (error: Error) =>
      error.message.includes(`${metricsPath} line 2: not valid JSON`),
    );
    await fs.writeFile(metricsPath, `${JSON.stringify(epochRecord(1, 0.5))}\n[1, 2]\n`);
    await assert.rejects(loadRuns(runs), /metrics.jsonl line 2: expected an object with a numeric "epoch"/);
    await fs.writeFile(metricsPath, `${JSON.stringify(epochRecord(1, 0.5))}\n`);
    await fs.rm(path.join(directory, 'summary.json'));
    await assert.rejects(loadRuns(runs), (error: Error) =>
      error.message.includes(`${path.join(directory, 'summary.json')} is missing`),
    );
  });

  it('saved weights reload and predict identically (custom dropout layer included)', async () => {
    const runs = path.join(root, 'weights');
    const model = buildStudent({
      inputDimension: 12,
      hiddenUnits: [10, 6],
      dropoutRate: 0.3,
      fineClassCount: 5,
      coarseClassCount: 2,
      seed: 21,
    });
    const writer = await startRun({ runsDirectory: runs, runId: 'with-model', config: {}, seed: 21 });
    await writer.saveWeights(model);
    const directory = await writer.finish({});
    const [run] = await loadRuns(runs);
    assert.ok(run.hasModel);
    const reloaded = await loadModelFromRun(directory);
    assert.deepEqual(reloaded.outputNames, ['prediction', 'distillation']);
    assert.equal(reloaded.getLayer('dropout1').getClassName(), 'SeededDropout');
    const input = tf.randomNormal([9, 12], 0, 1, 'float32', 4);
    const original = model.predict(input) as tf.Tensor[];
    const restored = reloaded.predict(input) as tf.Tensor[];
    assert.deepEqual(Array.from(restored[0].dataSync()), Array.from(original[0].dataSync()));
    assert.deepEqual(Array.from(restored[1].dataSync()), Array.from(original[1].dataSync()));
    tf.dispose([input, ...original, ...restored]);
    reloaded.dispose();
    model.dispose();

    const weightsPath = path.join(directory, 'weights.bin');
    const bytes = await fs.readFile(weightsPath);
    bytes[10] ^= 0xff;
    await fs.writeFile(weightsPath, bytes);
    await assert.rejects(loadModelFromRun(directory), /weights.bin: SHA-256 does not match/);
    await fs.writeFile(weightsPath, bytes.subarray(0, 100));
    await assert.rejects(loadModelFromRun(directory), /weights.bin: 100 bytes/);
  });
});

describe('danfojs isolation', () => {
  it('loading danfojs in a cpu-backend process keeps the cpu backend and never loads the native addon', async () => {
    const { spawnSync } = await import('node:child_process');
    const dataFrameModule = path.join(__dirname, 'dataFrame');
    const backendModule = path.join(__dirname, '..', 'backend', 'backend');
    const code = `
      const tf = require('@tensorflow/tfjs');
      require(${JSON.stringify(backendModule)}).initializeBackend('cpu').then(() => {
        const danfo = require(${JSON.stringify(dataFrameModule)}).requireDanfoKeepingBackend();
        const frame = new danfo.DataFrame([{ a: 1 }, { a: 3 }]);
        const nativeLoaded = Object.keys(require.cache).some((file) => file.includes('tfjs-node' + require('path').sep + 'dist'));
        console.log(JSON.stringify({ backend: tf.getBackend(), mean: frame['a'].mean(), nativeLoaded }));
      });`;
    const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout.trim().split('\n').pop()!), {
      backend: 'cpu',
      mean: 2,
      nativeLoaded: false,
    });
  });
});
