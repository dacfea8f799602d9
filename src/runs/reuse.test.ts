import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BackendInfo } from '../backend/backend';
import { buildTeacher } from '../models';
import { sampleRunIdInput } from '../util/fixtures/runConfigSample';
import { beginRun, findReusableRun, readClaim, startRun, trainingCodeVersion } from './index';

const backend: BackendInfo = { name: 'cpu', tfjsBackend: 'cpu', description: 'test', skipped: [], tfjsVersion: 'test' };
const quiet = { log: () => undefined };

describe('reuse by stored config', () => {
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-reuse-'));
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  /** Trains nothing: writes a finished run with a tiny model, as trainRole would, for `runConfig`. */
  async function finishedRun(
    runs: string,
    runId: string,
    runConfig: unknown,
    codeVersion?: { training: number; package: string },
  ): Promise<string> {
    const writer = await startRun({ runsDirectory: runs, runId, config: runConfig, seed: 1, backend, codeVersion });
    await writer.appendEpoch({ epoch: 1, totalLoss: 1 });
    const model = buildTeacher({ inputDimension: 3, classCount: 2, seed: 1 });
    await writer.saveWeights(model);
    model.dispose();
    return writer.finish({ testAccuracy: 0.5 });
  }

  it('records code version, package version and backend in config.json and summary.json', async () => {
    const directory = await finishedRun(path.join(root, 'recorded'), 'r', { a: 1 });
    const config = JSON.parse(await fs.readFile(path.join(directory, 'config.json'), 'utf8'));
    const summary = JSON.parse(await fs.readFile(path.join(directory, 'summary.json'), 'utf8'));
    const version = JSON.parse(await fs.readFile(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    assert.deepEqual(config.codeVersion, { training: trainingCodeVersion, package: version });
    assert.equal(config.versions.package, version);
    assert.equal(config.backend.name, 'cpu');
    assert.deepEqual(summary.codeVersion, config.codeVersion);
    assert.equal(summary.backend, 'cpu');
  });

  it('reuses only a run whose stored resolved config equals the new one, naming the first difference', async () => {
    const runs = path.join(root, 'compare');
    const { runConfig } = sampleRunIdInput();
    const directory = await finishedRun(runs, 'seed1-heterogeneous-x', runConfig);
    const same = await findReusableRun(directory, sampleRunIdInput().runConfig, { seed: 1 });
    assert.ok(same.reusable && same.warning === undefined, JSON.stringify(same));

    const changed = sampleRunIdInput().runConfig;
    (changed.methodSettings as { temperature: number }).temperature = 10;
    const decision = await findReusableRun(directory, changed);
    assert.deepEqual(decision, {
      reusable: false,
      exists: true,
      reason: `the finished run ${directory} was made with another config (first difference, stored vs new: config.methodSettings.temperature: 28 vs 10)`,
    });
    const otherSeed = await findReusableRun(directory, runConfig, { seed: 2 });
    assert.ok(!otherSeed.reusable && /has seed 1, not 2/.test(otherSeed.reason));
    assert.deepEqual(await findReusableRun(path.join(runs, 'nothing'), runConfig), {
      reusable: false,
      exists: false,
      reason: `no finished run at ${path.join(runs, 'nothing')}`,
    });
  });

  it('flags a run made by another or an unrecorded code version (reusable, with a warning)', async () => {
    const runs = path.join(root, 'versions');
    const older = await finishedRun(runs, 'older', { a: 1 }, { training: 0, package: '0.0.1' });
    const decision = await findReusableRun(older, { a: 1 });
    assert.ok(decision.reusable);
    assert.match(
      decision.warning!,
      new RegExp(
        `warning: reusing run older, made by training code 0, package 0.0.1; this is training code ${trainingCodeVersion}, package .*rerun with --fresh to retrain it`,
      ),
    );

    const unrecorded = await finishedRun(runs, 'unrecorded', { a: 1 });
    for (const file of ['config.json', 'summary.json']) {
      const filePath = path.join(unrecorded, file);
      const { codeVersion: _dropped, ...rest } = JSON.parse(await fs.readFile(filePath, 'utf8'));
      await fs.writeFile(filePath, JSON.stringify(rest));
    }
    const old = await findReusableRun(unrecorded, { a: 1 });
    assert.ok(old.reusable);
    assert.match(old.warning!, /made by unrecorded training code version/);
  });

  it('beginRun: train when absent, reuse when equal, error when the config differs, retrain with fresh; always under a claim', async () => {
    const runs = path.join(root, 'begin');
    const options = { experimentDirectory: runs, runId: 'run-1', runConfig: { a: 1 }, seed: 1, claim: quiet };
    const first = await beginRun(options);
    assert.equal(first.action, 'train');
    assert.equal((await readClaim(runs, 'run-1'))?.pid, process.pid, 'claimed while deciding and training');
    if (first.action !== 'train') return;
    const writer = await startRun({
      runsDirectory: runs,
      runId: 'run-1',
      config: { a: 1 },
      seed: 1,
      backend,
      claim: first.claim,
    });
    await writer.appendEpoch({ epoch: 1 });
    const model = buildTeacher({ inputDimension: 3, classCount: 2, seed: 1 });
    await writer.saveWeights(model);
    model.dispose();
    await writer.finish({ testAccuracy: 0.5 });
    await first.claim.release();
    assert.equal(await readClaim(runs, 'run-1'), undefined);

    const second = await beginRun(options);
    assert.equal(second.action, 'reuse');
    if (second.action === 'reuse') {
      assert.deepEqual(second.record.summary, { testAccuracy: 0.5 });
      await second.claim.release();
    }
    await assert.rejects(
      beginRun({ ...options, runConfig: { a: 2 } }),
      /another config \(first difference, stored vs new: config.a: 1 vs 2\); rerun with --fresh to retrain it, or delete .*run-1/,
    );
    assert.equal(await readClaim(runs, 'run-1'), undefined, 'released after the error');

    const fresh = await beginRun({ ...options, runConfig: { a: 2 }, fresh: true });
    assert.equal(fresh.action, 'train');
    await fs.access(path.join(runs, 'run-1')).then(
      () => assert.fail('--fresh deletes the finished run'),
      () => undefined,
    );
    if (fresh.action === 'train') await fresh.claim.release();
  });
  it('a finished run whose weights.bin was deleted: a teacher (model needed) is refused naming the file, a student reuses only its summary, saying so', async () => {
    const runs = path.join(root, 'no-weights');
    const directory = await finishedRun(runs, 'seed1-teacher-coarse-x', { a: 1 });
    await fs.rm(path.join(directory, 'weights.bin'));
    const teacher = await findReusableRun(directory, { a: 1 });
    assert.deepEqual(teacher, {
      reusable: false,
      exists: true,
      reason: `the finished run ${directory} lacks weights.bin of its saved model, which is needed (a teacher's model gives its students' targets)`,
    });
    await assert.rejects(
      beginRun({
        experimentDirectory: runs,
        runId: 'seed1-teacher-coarse-x',
        runConfig: { a: 1 },
        seed: 1,
        claim: quiet,
      }),
      {
        message: `${teacher.reusable ? '' : teacher.reason}; rerun with --fresh to retrain it, or delete ${directory}`,
      },
    );
    const student = await findReusableRun(directory, { a: 1 }, { requireModel: false });
    assert.ok(student.reusable);
    assert.equal(student.record.hasModel, false);
    assert.deepEqual(student.record.missingModelFiles, ['weights.bin']);
    assert.equal(
      student.warning,
      'note: reusing only the summary of run seed1-teacher-coarse-x: weights.bin of its saved model is missing (its scores stand; its model cannot be loaded: rerun with --fresh to retrain it)',
    );
    // Both model files gone: still refused when needed ("no saved model"), silently fine when not.
    await fs.rm(path.join(directory, 'model.json'));
    const none = await findReusableRun(directory, { a: 1 });
    assert.ok(
      !none.reusable && none.reason.startsWith(`the finished run ${directory} has no saved model, which is needed`),
    );
    const summaryOnly = await findReusableRun(directory, { a: 1 }, { requireModel: false });
    assert.ok(summaryOnly.reusable && summaryOnly.warning === undefined);
  });
});
