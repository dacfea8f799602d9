import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

/**
 * One training in its own process: a two-head student (dropout on) trained 3 epochs with
 * the coarse-auxiliary objective on a synthetic hierarchical problem, recorded as a run
 * (metrics.jsonl, model.json + weights.bin, summary.json) in `<runs>/same-seed`.
 */
const workerCode = `
const dist = ${JSON.stringify(path.join(__dirname, '..'))};
const { initializeBackend } = require(dist + '/backend/backend');
const { buildStudent } = require(dist + '/models');
const { gaussianClusters, trainModel, evaluateModel } = require(dist + '/training');
const { startRun } = require(dist + '/runs');
(async () => {
  const backend = await initializeBackend();
  const problem = gaussianClusters({ rowsPerSplit: [300, 120, 120], seed: 5 });
  const [train, validation, test] = problem.splits;
  const model = buildStudent({ inputDimension: 16, hiddenUnits: [24], dropoutRate: 0.2, fineClassCount: problem.fineClassCount, coarseClassCount: problem.coarseClassCount, seed: 7 });
  const writer = await startRun({ runsDirectory: process.argv[1], runId: 'same-seed', config: { method: 'coarse-auxiliary', epochs: 3 }, seed: 3 });
  const result = await trainModel({ model, objective: { method: 'coarse-auxiliary', studentLossWeight: 0.5 }, data: { train, validation, test },
    epochs: 3, batchSize: 32, learningRate: 0.01, seed: 3, progress: () => undefined, onEpoch: (record) => writer.appendEpoch(record) });
  const evaluation = evaluateModel(model, test.x, test.fineLabels, { fineClassCount: problem.fineClassCount });
  await writer.saveWeights(model);
  await writer.finish({ bestEpoch: result.bestEpoch, testAccuracy: evaluation.accuracy, testCrossEntropy: evaluation.crossEntropy });
  console.log(JSON.stringify({ backend: backend.name }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

function runWorker(runsDirectory: string, environment: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', workerCode, runsDirectory], {
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(stdout.trim().split('\n').pop()!).backend)
        : reject(new Error(`worker exited ${code}: ${stderr}`)),
    );
  });
}

/** The parts of a run record that must repeat: metrics without wall time, weights bytes, model.json, summary without time. */
async function repeatablePart(
  directory: string,
): Promise<{ epochs: object[]; weights: Buffer; modelJson: string; summary: unknown; config: unknown }> {
  const epochs = (await fs.readFile(path.join(directory, 'metrics.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => {
      const { seconds: _seconds, ...rest } = JSON.parse(line);
      return rest;
    });
  const { finishedAt: _finishedAt, ...summary } = JSON.parse(
    await fs.readFile(path.join(directory, 'summary.json'), 'utf8'),
  );
  const { startedAt: _startedAt, ...config } = JSON.parse(
    await fs.readFile(path.join(directory, 'config.json'), 'utf8'),
  );
  return {
    epochs,
    weights: await fs.readFile(path.join(directory, 'weights.bin')),
    modelJson: await fs.readFile(path.join(directory, 'model.json'), 'utf8'),
    summary,
    config,
  };
}

describe('determinism across processes', () => {
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-determinism-'));
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  // The default backend (native TensorFlow where it loads) and the pure-JS cpu backend.
  for (const backend of [undefined, 'cpu']) {
    it(`two processes with the same seed write identical run records (${backend ?? 'default'} backend)`, async () => {
      const environment = { ...process.env };
      if (backend) environment.HKD_BACKEND = backend;
      else delete environment.HKD_BACKEND;
      const folders = [path.join(root, `${backend ?? 'default'}-1`), path.join(root, `${backend ?? 'default'}-2`)];
      const backends = await Promise.all(folders.map((folder) => runWorker(folder, environment)));
      assert.equal(backends[0], backends[1]);
      const [first, second] = await Promise.all(
        folders.map((folder) => repeatablePart(path.join(folder, 'same-seed'))),
      );
      assert.equal(first.epochs.length, 3);
      assert.deepEqual(second.epochs, first.epochs, 'metrics.jsonl (all but seconds)');
      assert.ok(second.weights.equals(first.weights), 'weights.bin byte for byte');
      assert.equal(second.modelJson, first.modelJson, 'model.json (with the weights SHA-256)');
      assert.deepEqual(second.summary, first.summary);
      assert.deepEqual(second.config, first.config);
    });
  }
});
