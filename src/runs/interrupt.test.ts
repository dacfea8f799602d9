import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { describeInterruption } from './interrupt';
import { claimRun, releaseHeldClaimsSync } from './runClaim';

/** Every `*.claim` file under `directory` (recursively). */
async function claimFiles(directory: string): Promise<string[]> {
  const entries = await fs.readdir(directory, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((entry) => entry.endsWith('.claim'));
}

describe('an interrupted pipeline releases its run claims and says what it kept', () => {
  it('describeInterruption names the kept runs and the released claims', () => {
    assert.equal(
      describeInterruption('pipeline', 'SIGINT', ['seed1-teacher-coarse-a'], ['seed1-plain-b', 'seed2-plain-c']),
      'pipeline interrupted (SIGINT): kept 1 finished run (reused next time); released the claims of 2 unfinished runs (seed1-plain-b, seed2-plain-c), trained from the start next time',
    );
    assert.equal(
      describeInterruption('study', 'SIGTERM', [], []),
      'study interrupted (SIGTERM): no run finished before the interruption; no run claims were held',
    );
  });

  it('releaseHeldClaimsSync deletes the claim files this process holds, and only those', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-release-'));
    try {
      const first = await claimRun(directory, 'run-a', { log: () => undefined });
      const second = await claimRun(directory, 'run-b', { log: () => undefined });
      assert.ok(first.claimed && second.claimed);
      await second.claim.release();
      await fs.writeFile(
        path.join(directory, 'other.claim'),
        '{"runId":"other","pid":1,"hostname":"elsewhere","startedAt":"","token":"x"}',
      );
      assert.deepEqual(releaseHeldClaimsSync(), ['run-a']);
      assert.deepEqual((await claimFiles(directory)).sort(), ['other.claim']);
      assert.equal(first.claim.held, false);
      assert.deepEqual(releaseHeldClaimsSync(), []);
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });

  it('a real smoke pipeline: SIGINT while it holds claims removes them, prints what was kept and exits with 130', {
    timeout: 240_000,
  }, async () => {
    const runs = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-interrupt-'));
    try {
      const cli = path.join(__dirname, '..', 'pipeline', 'cli.js');
      // 60 fixed epochs: the teachers hold their claims for many seconds.
      const child = spawn(
        process.execPath,
        [cli, '--smoke', '--seeds', '1', '--methods', 'plain', '--fixed-epochs', '60', '--runs-dir', runs],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const deadline = Date.now() + 200_000;
      let held: string[] = [];
      while (held.length === 0 && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        held = await claimFiles(runs);
      }
      assert.ok(held.length > 0, `the pipeline never held a claim:\n${output}`);
      child.kill('SIGINT');
      const code = await exited;
      assert.equal(code, 130, output);
      assert.match(
        output,
        /pipeline interrupted \(SIGINT\): (no run finished before the interruption|kept \d+ finished runs?); released the claims? of \d+ unfinished runs? \(seed1-teacher-/,
      );
      assert.deepEqual(await claimFiles(runs), [], 'claim files left behind');
    } finally {
      await fs.rm(runs, { recursive: true, force: true });
    }
  });
});
