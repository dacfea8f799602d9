import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shardOf } from '../pipeline/execute/workerSelection';
import type { CostGroup } from './costModel';
import { compareScheduleModes, predictPlanOrderSeconds, scheduleModesLine } from './scheduleModes';

/** A group of one run of `seconds`, keyed by `runId` (run-2, -4, -6 hash to shard 0 of 2; run-0, -1, -3 to shard 1). */
const group = (runId: string, seconds: number, role: CostGroup['role'] = 'student', chain = 'data'): CostGroup => ({
  role,
  chain,
  runs: 1,
  runEpochs: 1,
  secondsPerRunEpoch: seconds,
  firstRunId: runId,
});

describe('static shards against dynamic workers', () => {
  it('the shard keys of these tests hash where they say', () => {
    assert.deepEqual(
      ['run-2', 'run-4', 'run-6', 'run-0', 'run-1', 'run-3'].map((id) => shardOf(id, 2)),
      [0, 0, 0, 1, 1, 1],
    );
  });

  it('static: each shard trains the groups hashed to it one after another; dynamic: the next group to the worker free soonest', () => {
    // Three 10 s groups hashed to shard 0 and one to shard 1: static 30 s, dynamic 20 s.
    const groups = [group('run-2', 10), group('run-4', 10), group('run-6', 10), group('run-0', 10)];
    assert.equal(predictPlanOrderSeconds(groups, 2, 'static'), 30);
    assert.equal(predictPlanOrderSeconds(groups, 2, 'dynamic'), 20);
    // One worker: both are the sum, plus its start-up.
    assert.equal(predictPlanOrderSeconds(groups, 1, 'static', { startupSeconds: 5 }), 45);
    assert.equal(predictPlanOrderSeconds(groups, 1, 'dynamic', { startupSeconds: 5 }), 45);
  });

  it('groups are taken in plan order, not longest first', () => {
    // 10, 10, then 30: the 30 s group starts when a worker is free at 10 s (longest-first would give 30 s).
    const groups = [group('run-2', 10), group('run-0', 10), group('run-4', 30)];
    assert.equal(predictPlanOrderSeconds(groups, 2, 'dynamic'), 40);
  });

  it("a student group waits for its data's teachers, wherever they train", () => {
    // Teacher (30 s) on shard 0, its students (10 s) on shard 1: they start at 30 s either way.
    const groups = [group('run-2', 30, 'teacher', 'x'), group('run-0', 10, 'student', 'x')];
    assert.equal(predictPlanOrderSeconds(groups, 2, 'static'), 40);
    assert.equal(predictPlanOrderSeconds(groups, 2, 'dynamic'), 40);
    // Dynamic: a second chain's students go to the worker free first (the teacher's, at 30 s).
    const twoChains = [...groups, group('run-1', 10, 'student', 'y')];
    assert.equal(predictPlanOrderSeconds(twoChains, 2, 'dynamic'), 40);
    // Static: run-1 is on shard 1 after x's students, which wait for the teacher: 30-40, then 40-50.
    assert.equal(predictPlanOrderSeconds(twoChains, 2, 'static'), 50);
  });

  it('more workers than cores share them (local workers); the line reads both ways with their ratio', () => {
    const groups = [group('run-2', 10), group('run-0', 10)];
    // 2 workers on 1 core, measured with 1 thread: each runs at half speed.
    assert.equal(predictPlanOrderSeconds(groups, 2, 'dynamic', { cores: 1, measuredThreads: 1 }), 20);
    assert.throws(() => predictPlanOrderSeconds(groups, 0, 'static'), /workers: expected a positive integer, got 0/);
    const line = scheduleModesLine(
      compareScheduleModes([group('run-2', 60), group('run-4', 60), group('run-6', 60), group('run-0', 60)], [1, 2]),
    );
    assert.match(line, /1w 4m00s vs 4m00s \(x1\.00\), 2w 3m00s vs 2m00s \(x1\.50\)/);
  });
});
