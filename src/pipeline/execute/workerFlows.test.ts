import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlannedRun, TrainingPlan } from '../plan/planRuns';
import { type ExecutionSteps, runDynamicWorker } from './workerFlows';

function teacher(runId: string): PlannedRun {
  return { runId, seed: 1, role: { kind: 'teacher', target: 'coarse' }, runConfig: { teacherRunId: null } } as never;
}

function student(runId: string, teacherRunId: string): PlannedRun {
  return { runId, seed: 1, role: { kind: 'student', method: 'heterogeneous' }, runConfig: { teacherRunId } } as never;
}

/**
 * Steps over an in-memory runs folder shared with one other worker, which holds the runs in
 * `heldByOther` and finishes each when this worker waits for it. `events` lists what this
 * worker did, in order: "train X", "wait X".
 */
function sharedFolder(heldByOther: string[]): { steps: ExecutionSteps; events: string[] } {
  const finished = new Set<string>();
  const held = new Set(heldByOther);
  const events: string[] = [];
  const steps: ExecutionSteps = {
    experimentDirectory: '/nowhere',
    log: () => {},
    finished,
    groups: (runs) => runs.map((run) => [run]),
    claim: async (runs, wait = true, skipped = []) => {
      const claimed: PlannedRun[] = [];
      for (const run of runs) {
        if (finished.has(run.runId)) continue;
        if (held.has(run.runId) && !wait) {
          skipped.push(run);
          continue;
        }
        if (held.has(run.runId)) {
          events.push(`wait ${run.runId}`);
          held.delete(run.runId);
          finished.add(run.runId); // the other worker finished it; this one reuses it
          continue;
        }
        claimed.push(run);
      }
      return claimed;
    },
    reuse: (run) => finished.add(run.runId),
    train: async (runs) => {
      for (const run of runs) {
        events.push(`train ${run.runId}`);
        finished.add(run.runId);
      }
    },
    targets: async (students) => {
      for (const run of students)
        assert.ok(finished.has(run.runConfig.teacherRunId!), `${run.runId} trained before its teacher`);
      return new Map();
    },
  };
  return { steps, events };
}

// Teacher t1 is held by the other worker; s1 distils from it, s2 from t2.
const plan = {
  teachers: [teacher('t1'), teacher('t2')],
  students: [student('s1', 't1'), student('s2', 't2')],
} as unknown as TrainingPlan;

describe('dynamic worker', () => {
  it('waits for a teacher another worker holds before training its students, and trains everything', async () => {
    const { steps, events } = sharedFolder(['t1']);
    await runDynamicWorker(plan, steps, { mode: { kind: 'dynamic' } });
    assert.deepEqual(events, ['train t2', 'wait t1', 'train s1', 'train s2']);
  });

  it('with deferWaiting waits for nothing and leaves the students of held teachers; a second call finishes them', async () => {
    const { steps, events } = sharedFolder(['t1']);
    await runDynamicWorker(plan, steps, { mode: { kind: 'dynamic' }, deferWaiting: true });
    assert.deepEqual(events, ['train t2', 'train s2'], 'the free groups, and no waiting');
    await runDynamicWorker(plan, steps, { mode: { kind: 'dynamic' } });
    assert.deepEqual(events, ['train t2', 'train s2', 'wait t1', 'train s1']);
  });

  it('with deferWaiting leaves a student group another worker holds, and the second call reuses it', async () => {
    const { steps, events } = sharedFolder(['s2']);
    await runDynamicWorker(plan, steps, { mode: { kind: 'dynamic' }, deferWaiting: true });
    assert.deepEqual(events, ['train t1', 'train t2', 'train s1']);
    await runDynamicWorker(plan, steps, { mode: { kind: 'dynamic' } });
    assert.deepEqual(events, ['train t1', 'train t2', 'train s1', 'wait s2']);
  });
});
