import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CostGroup } from './costGroup';
import { simulateWorkers } from './workerSimulation';

function group(role: CostGroup['role'], chain: string, seconds: number): CostGroup {
  return { role, chain, runs: 1, runEpochs: seconds, secondsPerRunEpoch: 1 };
}

// x's teacher 10 s, x's student 5 s, y's student 8 s (y has no teacher: it can start at once).
const groups = [group('teacher', 'x', 10), group('student', 'x', 5), group('student', 'y', 8)];

describe('simulateWorkers: how workers take groups', () => {
  it('in order, a worker waits for the teachers of the group it took; ready-first, it takes one that can start', () => {
    // In order: w0 teacher 0-10, w1 takes x's student and waits; at 10, w1 trains it 10-15, w0 y's 10-18.
    assert.equal(simulateWorkers(groups, 2, { kind: 'in-order', order: [0, 1, 2] }), 18);
    // Ready-first: w1 takes y's student 0-8 instead, then x's student once the teacher ends: 10-15.
    assert.equal(simulateWorkers(groups, 2, { kind: 'ready-first', order: [0, 1, 2] }), 15);
  });

  it('static shards train their own list only, waiting for teachers another shard trains', () => {
    assert.equal(simulateWorkers(groups, 2, { kind: 'shards', lists: [[0, 1], [2]] }), 15);
    // Shard 1 waits for x's teacher (0-10), trains x's student 10-15, then y's 15-23.
    assert.equal(simulateWorkers(groups, 2, { kind: 'shards', lists: [[0], [1, 2]] }), 23);
  });

  it("a student group waits for its chain's teachers planned before it, not for a later part's", () => {
    // Plan: x's teacher 10, x's student 5, then a later part's teacher of the same data x (20).
    const parts = [group('teacher', 'x', 10), group('student', 'x', 5), group('teacher', 'x', 20)];
    // One worker in plan order: 10 + 5 + 20 (the student does not wait for the later teacher).
    assert.equal(simulateWorkers(parts, 1, { kind: 'in-order', order: [0, 1, 2] }), 35);
    // Two: w0 trains the first teacher 0-10 while w1 holds the student, waiting for it; at 10 w1 trains
    // the student (10-15) and w0 the later teacher (10-30).
    assert.equal(simulateWorkers(parts, 2, { kind: 'in-order', order: [0, 1, 2] }), 30);
  });

  it('starts every worker after its start-up, and names a plan that cannot finish', () => {
    assert.equal(simulateWorkers([groups[0]], 1, { kind: 'in-order', order: [0] }, { startupSeconds: 4 }), 14);
    assert.equal(simulateWorkers([], 3, { kind: 'in-order', order: [] }, { startupSeconds: 4 }), 0);
    assert.throws(
      () => simulateWorkers(groups, 1, { kind: 'shards', lists: [[1, 0, 2]] }),
      /every worker waits for teachers that no worker trains/,
    );
  });

  it('shares the cores when the workers computing ask for more threads than there are', () => {
    // Two one-thread workers on one core, measured on one thread: each at half speed.
    const two = [group('teacher', 'x', 10), group('teacher', 'y', 10)];
    assert.equal(simulateWorkers(two, 2, { kind: 'in-order', order: [0, 1] }, { cores: 1, measuredThreads: 1 }), 20);
    // A worker waiting for its teacher uses no core: the teacher runs at full speed.
    assert.equal(
      simulateWorkers(groups.slice(0, 2), 2, { kind: 'in-order', order: [0, 1] }, { cores: 1, measuredThreads: 1 }),
      15,
    );
  });
});
