import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BackendInfo } from '../backend/backend';
import { claimFile, claimRun, listIncompleteRuns, loadRuns, readClaim, startRun } from './index';

const backend: BackendInfo = { name: 'cpu', tfjsBackend: 'cpu', description: 'test', skipped: [], tfjsVersion: 'test' };

/**
 * A worker process: loads the runs module, says it is ready, waits for the start gate, then
 * trains a fake run of 5 epochs (400 ms each, long enough for a loaded machine to start the other) through beginRun (mode wait|skip) or through
 * startRun alone (mode raw), and prints what it did as one JSON line.
 */
const workerCode = `
const fs = require('fs');
const runs = require(${JSON.stringify(path.join(__dirname, 'index'))});
const [directory, runId, mode, gate] = process.argv.slice(1);
const backend = ${JSON.stringify(backend)};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function train(claim) {
  const writer = await runs.startRun({ runsDirectory: directory, runId, config: { a: 1 }, seed: 1, backend, claim });
  for (let epoch = 1; epoch <= 5; epoch++) { await writer.appendEpoch({ epoch, loss: 1 / epoch, pid: process.pid }); await sleep(400); }
  await writer.finish({ trainedBy: process.pid });
}
(async () => {
  fs.writeFileSync(gate + '.ready-' + process.pid, '');
  while (!fs.existsSync(gate)) await sleep(5);
  if (mode === 'raw') { await train(undefined); console.log(JSON.stringify({ action: 'trained' })); return; }
  const plan = await runs.beginRun({ experimentDirectory: directory, runId, runConfig: { a: 1 }, seed: 1, requireModel: false,
    claim: { wait: mode === 'wait', pollMs: 20, log: (message) => console.error(message) } });
  if (plan.action === 'skipped') { console.log(JSON.stringify({ action: 'skipped', message: plan.message })); return; }
  try {
    if (plan.action === 'reuse') { console.log(JSON.stringify({ action: 'reused', trainedBy: plan.record.summary.trainedBy })); return; }
    await train(plan.claim);
    console.log(JSON.stringify({ action: 'trained' }));
  } finally { await plan.claim.release(); }
})().catch((error) => { console.log(JSON.stringify({ action: 'error', message: error.message })); });
`;

interface WorkerResult {
  pid: number;
  action: string;
  message?: string;
  trainedBy?: number;
  stderr: string;
}

/** Starts two workers on one runs folder, opens the gate once both are loaded, and collects what each did. */
async function race(directory: string, runId: string, mode: 'wait' | 'skip' | 'raw'): Promise<WorkerResult[]> {
  const gate = path.join(directory, `.gate-${mode}`);
  await fs.mkdir(directory, { recursive: true });
  const children = [0, 1].map(() =>
    spawn(process.execPath, ['-e', workerCode, directory, runId, mode, gate], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const results = children.map(
    (child) =>
      new Promise<WorkerResult>((resolve, reject) => {
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', () => {
          const line = stdout.trim().split('\n').pop() ?? '';
          try {
            resolve({ pid: child.pid!, stderr, ...JSON.parse(line) });
          } catch {
            reject(new Error(`worker ${child.pid} printed ${JSON.stringify(stdout)}; stderr ${stderr}`));
          }
        });
      }),
  );
  const deadline = Date.now() + 60_000;
  while (children.some((child) => !existsSync(`${gate}.ready-${child.pid}`))) {
    if (Date.now() > deadline) throw new Error('workers did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await fs.writeFile(gate, '');
  return Promise.all(results);
}

async function assertOneCleanRecord(directory: string, runId: string, trainer: number): Promise<void> {
  const runs = await loadRuns(directory);
  assert.deepEqual(
    runs.map((run) => run.id),
    [runId],
  );
  assert.deepEqual(
    runs[0].epochs.map((epoch) => epoch.epoch),
    [1, 2, 3, 4, 5],
    'epochs 1..5, each once',
  );
  assert.ok(
    runs[0].epochs.every((epoch) => (epoch as unknown as { pid: number }).pid === trainer),
    'all epochs written by one process',
  );
  assert.deepEqual(runs[0].summary, { trainedBy: trainer });
  assert.deepEqual(await listIncompleteRuns(directory), []);
  assert.equal(await readClaim(directory, runId), undefined, 'claim released');
}

describe('run claims: two processes on one runs folder', () => {
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-claims-'));
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('with wait: exactly one trains, the other waits, then reuses its finished record', async () => {
    const directory = path.join(root, 'wait');
    const results = await race(directory, 'seed1-plain-0000abcd', 'wait');
    const trained = results.filter((result) => result.action === 'trained');
    const reused = results.filter((result) => result.action === 'reused');
    assert.equal(trained.length, 1, JSON.stringify(results));
    assert.equal(reused.length, 1, JSON.stringify(results));
    assert.equal(reused[0].trainedBy, trained[0].pid);
    assert.match(
      reused[0].stderr,
      new RegExp(
        `run seed1-plain-0000abcd is being trained by pid ${trained[0].pid} on host ${os.hostname()} since \\S+; waiting…`,
      ),
    );
    await assertOneCleanRecord(directory, 'seed1-plain-0000abcd', trained[0].pid);
  });

  it('without wait: exactly one trains, the other skips with a message naming pid, host and start time', async () => {
    const directory = path.join(root, 'skip');
    const results = await race(directory, 'seed1-plain-0000abcd', 'skip');
    const trained = results.filter((result) => result.action === 'trained');
    const skipped = results.filter((result) => result.action === 'skipped');
    assert.equal(trained.length, 1, JSON.stringify(results));
    assert.equal(skipped.length, 1, JSON.stringify(results));
    assert.match(
      skipped[0].message!,
      new RegExp(
        `is being trained by pid ${trained[0].pid} on host ${os.hostname()} since \\d{4}-\\d\\d-\\d\\dT\\S+; skipping`,
      ),
    );
    await assertOneCleanRecord(directory, 'seed1-plain-0000abcd', trained[0].pid);
  });

  it('startRun alone (no beginRun): the second writer fails clearly instead of interleaving epochs', async () => {
    const directory = path.join(root, 'raw');
    const results = await race(directory, 'seed1-plain-0000abcd', 'raw');
    const trained = results.filter((result) => result.action === 'trained');
    const failed = results.filter((result) => result.action === 'error');
    assert.equal(trained.length, 1, JSON.stringify(results));
    assert.equal(failed.length, 1, JSON.stringify(results));
    assert.match(
      failed[0].message!,
      /^startRun: run seed1-plain-0000abcd is being trained by pid \d+ on host .+; two writers must never share one run folder/,
    );
    await assertOneCleanRecord(directory, 'seed1-plain-0000abcd', trained[0].pid);
  });
});

describe('run claims: stale, live and lost claims', () => {
  let root: string;
  const messages: string[] = [];
  const log = (message: string) => messages.push(message);
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-claims-'));
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  async function plantClaim(
    directory: string,
    runId: string,
    holder: { pid: number; hostname: string },
    ageMs = 0,
  ): Promise<void> {
    await fs.mkdir(directory, { recursive: true });
    const file = claimFile(directory, runId);
    await fs.writeFile(
      file,
      JSON.stringify({ runId, ...holder, startedAt: '2026-01-01T00:00:00.000Z', token: 'planted' }),
    );
    const time = new Date(Date.now() - ageMs);
    await fs.utimes(file, time, time);
  }

  it('takes over the claim of a process that died on this host, saying so', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout.trim());
    const directory = path.join(root, 'dead');
    await plantClaim(directory, 'r1', { pid: deadPid, hostname: os.hostname() });
    const result = await claimRun(directory, 'r1', { wait: false, log });
    assert.ok(result.claimed);
    assert.match(
      messages.at(-1)!,
      new RegExp(
        `run r1 is being trained by pid ${deadPid} on host ${os.hostname()} since 2026-01-01T00:00:00.000Z, but pid ${deadPid} is no longer running: taking the stale claim .*r1.claim over`,
      ),
    );
    assert.equal((await readClaim(directory, 'r1'))?.pid, process.pid);
    await result.claim.release();
    assert.equal(await readClaim(directory, 'r1'), undefined);
  });

  it('respects a claim from another host until this waiter has seen it unrefreshed for k heartbeats, whatever its mtime says', async () => {
    const directory = path.join(root, 'remote');
    await plantClaim(directory, 'r2', { pid: 1, hostname: 'elsewhere' });
    const skipped = await claimRun(directory, 'r2', { wait: false, log });
    assert.equal(skipped.claimed, false);
    assert.match(
      !skipped.claimed ? skipped.message : '',
      /run r2 is being trained by pid 1 on host elsewhere since 2026-01-01T00:00:00.000Z; skipping/,
    );
    const timedOut = await claimRun(directory, 'r2', { timeoutMs: 100, pollMs: 20, log });
    assert.equal(timedOut.claimed, false);
    assert.match(messages.find((message) => message.includes('waiting…'))!, /pid 1 on host elsewhere .*; waiting…/);

    // Two hours old by the file's mtime (another host's clock may be behind): not stale at first sight.
    await plantClaim(directory, 'r2', { pid: 1, hostname: 'elsewhere' }, 2 * 60 * 60 * 1000);
    const atFirstSight = await claimRun(directory, 'r2', { wait: false, log });
    assert.equal(atFirstSight.claimed, false, 'a waiter does not trust the mtime of a file written by another clock');
    // Heartbeat 40 ms (in the holder's file) x 3: stale once this waiter has watched it unchanged for 120 ms.
    await fs.writeFile(
      claimFile(directory, 'r2'),
      JSON.stringify({
        runId: 'r2',
        pid: 1,
        hostname: 'elsewhere',
        startedAt: '2026-01-01T00:00:00.000Z',
        token: 'planted',
        heartbeatMs: 40,
      }),
    );
    const future = new Date(Date.now() + 60 * 60 * 1000); // an mtime in this clock's future
    await fs.utimes(claimFile(directory, 'r2'), future, future);
    const started = Date.now();
    const taken = await claimRun(directory, 'r2', { staleHeartbeats: 3, pollMs: 10, log });
    assert.ok(taken.claimed);
    assert.ok(Date.now() - started >= 120, 'taken over only after three of its heartbeats');
    assert.match(
      messages.at(-1)!,
      /on host elsewhere .*, but its claim was not refreshed for 0 s as seen from here \(more than 0 s, 3 of its 40 ms heartbeats\): taking the stale claim/,
    );
    await taken.claim.release();
  });

  it('rejects claim timings that cannot work, naming the option', async () => {
    await assert.rejects(
      claimRun(root, 'bad', { staleHeartbeats: 1 }),
      /staleHeartbeats: expected a whole number >= 2 .* got 1/,
    );
    await assert.rejects(claimRun(root, 'bad', { heartbeatMs: -5 }), /heartbeatMs: expected a positive number, got -5/);
    await assert.rejects(
      claimRun(root, 'bad', { heartbeatMs: 100, staleAfterMs: 150 }),
      /staleAfterMs 150 must be at least two heartbeats/,
    );
  });

  it('two worker processes on different hosts: a live remote holder keeps its claim; once it dies it is taken over after k heartbeats', async () => {
    const directory = path.join(root, 'hosts');
    await fs.mkdir(directory, { recursive: true });
    const holderCode = `
      const runs = require(${JSON.stringify(path.join(__dirname, 'index'))});
      runs.claimRun(process.argv[1], 'r9', { heartbeatMs: 50 }).then((result) => { console.log(result.claimed ? 'held' : 'not held'); setInterval(() => {}, 1000); });`;
    const holder = spawn(process.execPath, ['-e', holderCode, directory], {
      env: { ...process.env, HKD_HOSTNAME: 'node-b' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) =>
          chunk.toString().includes('held') ? resolve() : reject(new Error(chunk.toString())),
        );
        holder.on('exit', () => reject(new Error('the holder exited early')));
      });
      assert.equal((await readClaim(directory, 'r9'))?.hostname, 'node-b');
      const previous = process.env.HKD_HOSTNAME;
      process.env.HKD_HOSTNAME = 'node-a';
      try {
        // Alive: it refreshes every 50 ms, so 4 heartbeats never pass without a change.
        const waited = await claimRun(directory, 'r9', { staleHeartbeats: 4, pollMs: 10, timeoutMs: 800, log });
        assert.equal(waited.claimed, false, 'a live holder on another host keeps its claim');
        holder.kill('SIGKILL');
        await new Promise((resolve) => holder.once('exit', resolve));
        const taken = await claimRun(directory, 'r9', { staleHeartbeats: 4, pollMs: 10, timeoutMs: 5000, log });
        assert.ok(taken.claimed, 'a dead holder on another host is taken over');
        assert.equal((await readClaim(directory, 'r9'))?.hostname, 'node-a');
        assert.match(
          messages.at(-1)!,
          /host node-b .* but its claim was not refreshed for \d+ s as seen from here .*4 of its 50 ms heartbeats/,
        );
        await taken.claim.release();
      } finally {
        if (previous === undefined) delete process.env.HKD_HOSTNAME;
        else process.env.HKD_HOSTNAME = previous;
      }
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a live holder refreshes its claim, so it is not judged stale; a lost claim stops the writer', async () => {
    const directory = path.join(root, 'live');
    const first = await claimRun(directory, 'r3', { staleAfterMs: 200, heartbeatMs: 20, log });
    assert.ok(first.claimed);
    const planted = new Date(Date.now() - 60_000);
    await fs.utimes(first.claim.file, planted, planted);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refreshed = (await fs.stat(first.claim.file)).mtimeMs;
    assert.ok(refreshed > planted.getTime() + 50_000, 'the heartbeat refreshes the claim file');
    const second = await claimRun(directory, 'r3', { wait: false, staleAfterMs: 200, log });
    assert.equal(second.claimed, false, 'a live claim of this process is never stale');

    const writer = await startRun({
      runsDirectory: directory,
      runId: 'r3',
      config: {},
      seed: 1,
      backend,
      claim: first.claim,
    });
    await writer.appendEpoch({ epoch: 1 });
    await fs.writeFile(
      first.claim.file,
      JSON.stringify({ runId: 'r3', pid: 1, hostname: 'elsewhere', startedAt: 'x', token: 'other' }),
    );
    await assert.rejects(writer.appendEpoch({ epoch: 2 }), /lost the claim on run r3 .* to pid 1 on host elsewhere/);
    await first.claim.release();
    assert.ok(existsSync(first.claim.file), "release leaves another holder's claim alone");
  });

  it('startRun refuses a claim for another run and epochs out of order', async () => {
    const directory = path.join(root, 'checks');
    const claimed = await claimRun(directory, 'r4', { log });
    assert.ok(claimed.claimed);
    await assert.rejects(
      startRun({ runsDirectory: directory, runId: 'r5', config: {}, seed: 1, backend, claim: claimed.claim }),
      /the claim given is for .*r4.claim, not run r5/,
    );
    const writer = await startRun({
      runsDirectory: directory,
      runId: 'r4',
      config: {},
      seed: 1,
      backend,
      claim: claimed.claim,
    });
    await writer.appendEpoch({ epoch: 1 });
    await assert.rejects(
      writer.appendEpoch({ epoch: 1 }),
      /appended epoch 1 after epoch 1; epochs must be 1, 2, 3, … each once/,
    );
    await assert.rejects(writer.appendEpoch({ epoch: 3 }), /appended epoch 3 after epoch 1/);
    await writer.abandon();
    await claimed.claim.release();
  });

  it('a writer this process left unfinished is superseded by a retry in the same process, and cut off', async () => {
    const directory = path.join(root, 'retry');
    const left = await startRun({ runsDirectory: directory, runId: 'r6', config: {}, seed: 1, backend });
    await left.appendEpoch({ epoch: 1 });
    // ...an exception skipped finish() and abandon(); the same process retries:
    const retry = await startRun({ runsDirectory: directory, runId: 'r6', config: {}, seed: 1, backend });
    await assert.rejects(left.appendEpoch({ epoch: 2 }), /lost the claim on run r6/);
    await retry.appendEpoch({ epoch: 1 });
    await retry.finish({});
    const [run] = await loadRuns(directory);
    assert.deepEqual(run.epochs, [{ epoch: 1 }]);
    assert.equal(await readClaim(directory, 'r6'), undefined);
  });
});
