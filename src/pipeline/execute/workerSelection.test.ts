import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../../config/builtInExperiments';
import { validateExperimentConfig } from '../../config/validateExperiment';
import { claimFile } from '../../runs';
import type { PlannedRun } from '../plan/planRuns';
import {
  parseShard,
  recordPlannedRuns,
  selectShardGroups,
  shardOf,
  waitForFinishedRun,
  withEngineTiming,
} from './workerSelection';

function run(runId: string): PlannedRun {
  return {
    runId,
    seed: 1,
    role: { kind: 'teacher', target: 'coarse' },
    points: [''],
    runConfig: { method: 'teacher-coarse' },
  } as unknown as PlannedRun;
}

describe('worker selection', () => {
  it('parses --shard i/n and names what was expected', () => {
    assert.deepEqual(parseShard('1/4'), { kind: 'shard', index: 1, count: 4 });
    assert.deepEqual(parseShard('0/1'), { kind: 'shard', index: 0, count: 1 });
    assert.throws(() => parseShard('4/4'), /--shard: expected i\/n with 0 <= i < n and n >= 1, got "4\/4"/);
    assert.throws(() => parseShard('0/0'), /got "0\/0"/);
    assert.throws(() => parseShard('one/two'), /expected i\/n with whole numbers/);
  });

  it('shards split the groups by their first run id: every group in exactly one shard, the same on every call, roughly even', () => {
    const groups = Array.from({ length: 1000 }, (_, index) => [
      run(`seed${index}-plain-${index.toString(16).padStart(8, '0')}`),
      run(`seed${index}-traditional-${index}`),
    ]);
    const shards = [0, 1, 2, 3].map((index) => selectShardGroups(groups, { index, count: 4 }));
    assert.equal(
      shards.reduce((sum, shard) => sum + shard.length, 0),
      1000,
    );
    assert.equal(new Set(shards.flat().map((group) => group[0].runId)).size, 1000);
    for (const shard of shards) assert.ok(shard.length > 200 && shard.length < 300, `shard of ${shard.length} groups`);
    // The hash of a fixed id is fixed (SHA-256's first 32 bits): a resubmitted task gets the same groups.
    assert.equal(shardOf('seed1-teacher-coarse-abc', 1), 0);
    assert.equal(shardOf('seed1-teacher-coarse-abc', 7), 4); // the first 32 bits of its SHA-256 are 3429108428, and 3429108428 mod 7 = 4
    assert.deepEqual(
      selectShardGroups(groups, { index: 2, count: 4 }),
      groups.filter((group) => shardOf(group[0].runId, 4) === 2),
    );
  });

  it('records the planned runs of a worker, one line per plan', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-planned-'));
    const file = path.join(folder, 'logs', 'task-0.planned');
    await recordPlannedRuns(file, folder, ['a', 'b']);
    await recordPlannedRuns(file, folder, ['c']);
    const lines = (await fs.readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(lines, [
      { experimentDirectory: folder, runIds: ['a', 'b'] },
      { experimentDirectory: folder, runIds: ['c'] },
    ]);
  });

  it('waiting for a run nobody claims (or whose claim is stale) gives up after the timeout, naming the run and its owner', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-wait-'));
    const lines: string[] = [];
    const options = {
      experimentDirectory: folder,
      unclaimedTimeoutMs: 150,
      pollMs: 20,
      log: (line: string) => lines.push(line),
      owner: 'shard 1/2',
    };
    await assert.rejects(
      waitForFinishedRun(run('seed1-teacher-coarse-0001'), options),
      /waited 0 s for run seed1-teacher-coarse-0001 \(seed 1 teacher-coarse, trained by shard 1\/2\), which no live worker has claimed nor finished/,
    );
    assert.deepEqual(lines, [
      'waiting for run seed1-teacher-coarse-0001 (seed 1 teacher-coarse, trained by shard 1/2): not claimed yet',
    ]);

    // A claim left by a process that died on this host is stale: it does not hold the wait open.
    const deadPid = Number(
      spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim(),
    );
    await fs.writeFile(
      claimFile(folder, 'seed1-teacher-coarse-0002'),
      JSON.stringify({
        runId: 'seed1-teacher-coarse-0002',
        pid: deadPid,
        hostname: os.hostname(),
        startedAt: 'x',
        token: 't',
      }),
    );
    await assert.rejects(
      waitForFinishedRun(run('seed1-teacher-coarse-0002'), options),
      /which no live worker has claimed/,
    );
    assert.match(lines.at(-1)!, new RegExp(`its claim is stale \\(pid ${deadPid} is no longer running\\)`));
  });

  it('takes the claim timing from the config (engine), validated, where the command line did not set it', () => {
    const engine = {
      ...paperNewsgroupsExperiment.engine,
      claimHeartbeatSeconds: 5,
      staleHeartbeats: 4,
      workerWaitSeconds: 60,
    };
    const checked = validateExperimentConfig({ ...paperNewsgroupsExperiment, engine });
    assert.deepEqual(withEngineTiming({ mode: { kind: 'dynamic' } }, checked.engine), {
      mode: { kind: 'dynamic' },
      heartbeatMs: 5000,
      staleHeartbeats: 4,
      unclaimedTimeoutMs: 60_000,
    });
    assert.deepEqual(
      withEngineTiming({ mode: { kind: 'dynamic' }, staleHeartbeats: 3 }, checked.engine).staleHeartbeats,
      3,
      'the command line wins',
    );
    assert.deepEqual(withEngineTiming({ mode: { kind: 'dynamic' } }, paperNewsgroupsExperiment.engine), {
      mode: { kind: 'dynamic' },
      heartbeatMs: undefined,
      staleHeartbeats: undefined,
      unclaimedTimeoutMs: undefined,
    });
    assert.throws(
      () => validateExperimentConfig({ ...paperNewsgroupsExperiment, engine: { ...engine, staleHeartbeats: 1 } }),
      /engine\.staleHeartbeats/,
    );
    assert.throws(
      () => validateExperimentConfig({ ...paperNewsgroupsExperiment, engine: { ...engine, claimHeartbeatSeconds: 0 } }),
      /engine\.claimHeartbeatSeconds/,
    );
  });
});
