import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlannedRun } from '../pipeline/plan/planRuns';
import { costGroupOf, measuredCostInputs } from './studyGroups';
import { groupSlowdown, networkParallelFraction, reportedWorkerCountsFor, threadSlowdown } from './workerMachine';

describe('worker machine: threads per worker by role', () => {
  it("slows a group by Amdahl's law from the measured threads to a worker's", () => {
    assert.equal(
      threadSlowdown('teacher', 1, 2, { parallelFraction: { teacher: 1 } }),
      2,
      'linear: half the threads, twice the time',
    );
    assert.equal(
      threadSlowdown('student', 1, 2, { parallelFraction: { student: 0 } }),
      1,
      'serial: threads change nothing',
    );
    // p 0.5: (0.5 + 0.5) / (0.5 + 0.25) = 4 / 3.
    assert.ok(Math.abs(threadSlowdown('student', 1, 2, { parallelFraction: { student: 0.5 } }) - 4 / 3) < 1e-12);
    assert.equal(threadSlowdown('teacher', 4, 2), 1, 'never faster than measured');
    assert.throws(
      () => threadSlowdown('student', 1, 2, { parallelFraction: { student: 1.5 } }),
      /parallelFraction\.student: expected a number from 0 to 1, got 1\.5/,
    );
  });

  it('gives each of W local workers floor(C / W) threads; cluster tasks run as measured', () => {
    // Teachers, default p 0.65 (the conv teacher measured): 1 / (0.35 + 0.325).
    assert.ok(
      Math.abs(groupSlowdown('teacher', 2, { cores: 2 }) - 1 / 0.675) < 1e-12,
      'one thread of the two measured',
    );
    assert.equal(groupSlowdown('teacher', 1, { cores: 2 }), 1);
    assert.equal(groupSlowdown('teacher', 2, { cores: 4, measuredThreads: 2 }), 1, 'two threads each, as measured');
    assert.equal(
      groupSlowdown('teacher', 4, { cores: 2, measuredThreads: 1 }),
      1,
      'sharing the cores is the simulation’s',
    );
    assert.equal(groupSlowdown('teacher', 64, {}), 1, 'cluster tasks');
    // A group's own fraction (a teacher's network): dense 0, no gain from threads; conv 0.65.
    assert.equal(groupSlowdown('teacher', 2, { cores: 2 }, networkParallelFraction('dense')), 1);
    assert.ok(Math.abs(groupSlowdown('teacher', 2, { cores: 2 }, networkParallelFraction('conv')) - 1 / 0.675) < 1e-12);
    assert.equal(networkParallelFraction('transformer'), undefined);
    // The machine's fraction, when set, wins over the group's.
    assert.equal(groupSlowdown('teacher', 2, { cores: 2, parallelFraction: { teacher: 1 } }, 0), 2);
    // Students, default p 0.19: 1 / (0.81 + 0.095).
    assert.ok(Math.abs(groupSlowdown('student', 2, { cores: 2 }) - 1 / 0.905) < 1e-12);
  });

  it("gives a teacher group its network's fraction, a student group none of its own", () => {
    const inputs = measuredCostInputs([]);
    const run = (kind: 'teacher' | 'student', network: string) =>
      ({
        runId: `${kind}-${network}`,
        seed: 1,
        role: kind === 'teacher' ? { kind, target: 'coarse' } : { kind, method: 'plain' },
        runConfig: { training: { epochs: 10, earlyStopping: false, model: { kind: network } } },
      }) as unknown as PlannedRun;
    assert.equal(costGroupOf([run('teacher', 'dense')], 'teacher', 'x', inputs).parallelFraction, 0);
    assert.equal(costGroupOf([run('teacher', 'conv')], 'teacher', 'x', inputs).parallelFraction, 0.65);
    assert.equal(costGroupOf([run('student', 'dense')], 'student', 'x', inputs).parallelFraction, undefined);
  });

  it("prints the machine's core count among the worker counts", () => {
    assert.deepEqual(reportedWorkerCountsFor([1, 4, 16, 64], { cores: 2 }), [1, 2, 4, 16, 64]);
    assert.deepEqual(reportedWorkerCountsFor([1, 4, 16, 64], { cores: 4 }), [1, 4, 16, 64]);
    assert.deepEqual(reportedWorkerCountsFor([1, 4, 16, 64], {}), [1, 4, 16, 64]);
  });
});
