import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BackendInfo } from '../backend/backend';
import { buildTeacher } from '../models';
import { loadModelFromRun, loadRun, loadRuns, MalformedRunError, startRun } from './index';

const backend: BackendInfo = { name: 'cpu', tfjsBackend: 'cpu', description: 'test', skipped: [], tfjsVersion: 'test' };

describe('loadRun / loadRuns reject malformed records', () => {
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-records-'));
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  /** A well-formed finished run with epochs 1..3; returns its folder. */
  async function goodRun(runs: string, runId: string): Promise<string> {
    const writer = await startRun({ runsDirectory: runs, runId, config: { method: 'plain' }, seed: 1, backend });
    for (let epoch = 1; epoch <= 3; epoch++) await writer.appendEpoch({ epoch, totalLoss: 1 / epoch });
    return writer.finish({ testAccuracy: 0.5 });
  }

  async function assertMalformed(directory: string, pattern: RegExp): Promise<void> {
    for (const load of [() => loadRun(directory), () => loadRuns(path.dirname(directory))]) {
      await assert.rejects(load(), (error: Error) => {
        assert.ok(error instanceof MalformedRunError, `${error.name}: ${error.message}`);
        assert.ok(error.message.startsWith(`malformed run record ${directory}: `), error.message);
        assert.match(error.message, pattern);
        assert.match(error.message, /Delete that folder \(or rerun with --fresh\)/);
        return true;
      });
    }
  }

  it('loads a good record, with its code version', async () => {
    const directory = await goodRun(path.join(root, 'good'), 'run-a');
    const run = await loadRun(directory);
    assert.deepEqual(
      run.epochs.map((epoch) => epoch.epoch),
      [1, 2, 3],
    );
    assert.equal(run.codeVersion?.training, 1);
  });

  it('rejects interleaved epochs (two writers), gaps and restarts, naming the line', async () => {
    const directory = await goodRun(path.join(root, 'epochs'), 'run-b');
    const metrics = path.join(directory, 'metrics.jsonl');
    const lines = (epochs: number[]) =>
      `${epochs.map((epoch) => JSON.stringify({ epoch, totalLoss: 1 })).join('\n')}\n`;
    await fs.writeFile(metrics, lines([1, 1, 2, 2, 3, 3]));
    await assertMalformed(
      directory,
      /metrics.jsonl line 2 is epoch 1, expected 2 \(epoch 1 is there twice: two processes probably wrote this run at once\)/,
    );
    await fs.writeFile(metrics, lines([1, 3]));
    await assertMalformed(directory, /line 2 is epoch 3, expected 2 \(epochs must run 1..n, each once\)/);
    await fs.writeFile(metrics, lines([2, 3]));
    await assertMalformed(directory, /line 1 is epoch 2, expected 1/);
    await fs.writeFile(metrics, '');
    assert.equal((await loadRun(directory)).epochs.length, 0, 'a run that logged no epoch is fine');
  });

  it('rejects a summary without metrics, missing summary fields, an unreadable config.json and a wrong id', async () => {
    const runs = path.join(root, 'files');
    const directory = await goodRun(runs, 'run-c');
    await fs.rename(path.join(directory, 'metrics.jsonl'), path.join(directory, 'metrics.jsonl.away'));
    await assertMalformed(
      directory,
      /summary.json exists but .*metrics.jsonl is missing \(a summary without its metrics\)/,
    );
    await fs.rename(path.join(directory, 'metrics.jsonl.away'), path.join(directory, 'metrics.jsonl'));

    const summaryPath = path.join(directory, 'summary.json');
    const summary = await fs.readFile(summaryPath, 'utf8');
    await fs.writeFile(summaryPath, JSON.stringify({ finishedAt: '2026-01-01T00:00:00Z' }));
    await assertMalformed(directory, /summary.json lacks or has a wrong type for summary/);
    await fs.writeFile(summaryPath, JSON.stringify({ summary: {} }));
    await assertMalformed(directory, /summary.json lacks or has a wrong type for finishedAt/);
    await fs.writeFile(summaryPath, summary);

    const configPath = path.join(directory, 'config.json');
    const config = await fs.readFile(configPath, 'utf8');
    await fs.writeFile(configPath, config.slice(0, 40));
    await assertMalformed(directory, /config.json is unreadable: /);
    await fs.writeFile(configPath, JSON.stringify({ ...JSON.parse(config), seed: 'one' }));
    await assertMalformed(directory, /config.json lacks or has a wrong type for seed/);
    await fs.writeFile(configPath, JSON.stringify({ ...JSON.parse(config), id: 'run-z' }));
    await assertMalformed(directory, /config.json says id "run-z" but the folder is named "run-c"/);
    await fs.rm(configPath);
    await assertMalformed(directory, /config.json is missing/);
  });

  it('a corrupt saved model names the file and the fix', async () => {
    const runs = path.join(root, 'model');
    const model = buildTeacher({ inputDimension: 4, classCount: 3, hiddenUnits: [5], seed: 2 });
    const writer = await startRun({ runsDirectory: runs, runId: 'run-m', config: {}, seed: 2, backend });
    await writer.saveWeights(model);
    model.dispose();
    const directory = await writer.finish({});
    (await loadModelFromRun(directory)).dispose();
    const fix =
      /The saved model of run .*run-m is unusable: rerun with --fresh to retrain it, or delete the folder .*run-m$/;

    const weightsPath = path.join(directory, 'weights.bin');
    const weights = await fs.readFile(weightsPath);
    await fs.writeFile(weightsPath, weights.subarray(0, 8));
    await assert.rejects(
      loadModelFromRun(directory),
      (error: Error) => /run-m\/weights.bin: 8 bytes/.test(error.message) && fix.test(error.message),
    );
    await fs.rm(weightsPath);
    await assert.rejects(
      loadModelFromRun(directory),
      (error: Error) => /ENOENT.*weights.bin/.test(error.message) && fix.test(error.message),
    );
    await fs.writeFile(weightsPath, weights);

    const modelPath = path.join(directory, 'model.json');
    const modelJson = await fs.readFile(modelPath, 'utf8');
    await fs.writeFile(modelPath, modelJson.slice(0, 100));
    await assert.rejects(
      loadModelFromRun(directory),
      (error: Error) => /run-m\/model.json is not valid JSON/.test(error.message) && fix.test(error.message),
    );
    const parsed = JSON.parse(modelJson);
    parsed.modelTopology.config.layers[1].class_name = 'NoSuchLayer';
    await fs.writeFile(modelPath, JSON.stringify(parsed));
    await assert.rejects(
      loadModelFromRun(directory),
      (error: Error) => /run-m\/model.json: .*NoSuchLayer/.test(error.message) && fix.test(error.message),
    );
  });
});
