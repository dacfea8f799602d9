import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { backtestCall, backtestLines } from './costModelBacktest';
import { parseCallWindow } from './costModelCheckCli';

/** One finished run folder written by hand, with chosen times, seconds and stacked group. */
async function writeRun(
  folder: string,
  run: {
    id: string;
    role: 'teacher' | 'student';
    method: string;
    startedAt: string;
    seconds: number;
    epochs?: number;
    group?: { size: number; index: number };
    teacherRunId?: string;
    threads?: number;
  },
): Promise<void> {
  const directory = path.join(folder, run.id);
  await mkdir(directory, { recursive: true });
  const epochs = run.epochs ?? 10;
  const config = {
    role: run.role,
    method: run.method,
    target: run.role === 'teacher' ? 'coarse' : 'fine',
    teacherRunId: run.teacherRunId ?? null,
    hierarchy: { name: 'six-groups' },
    training: { epochs: 100, earlyStopping: { monitor: 'validationLoss', patience: 5 } },
  };
  const backend = { name: 'tensorflow', ...(run.threads ? { threads: run.threads } : {}) };
  await writeFile(
    path.join(directory, 'config.json'),
    JSON.stringify({ id: run.id, seed: 1, startedAt: run.startedAt, backend, config }),
  );
  const lines = Array.from({ length: epochs }, (_, index) =>
    JSON.stringify({ epoch: index + 1, validationLoss: 1, validationAccuracy: 0.5, seconds: run.seconds / epochs }),
  );
  await writeFile(path.join(directory, 'metrics.jsonl'), `${lines.join('\n')}\n`);
  const finishedAt = new Date(Date.parse(run.startedAt) + run.seconds * 1000).toISOString();
  const summary = {
    role: run.role,
    method: run.method,
    seed: 1,
    parameters: 1000,
    bestEpoch: epochs - 5,
    epochsRun: epochs,
    trainingSeconds: run.seconds,
    test: { accuracy: 0.5, macroF1: 0.5 },
    ...(run.group ? { group: run.group } : {}),
  };
  await writeFile(path.join(directory, 'summary.json'), JSON.stringify({ finishedAt, summary }));
}

/** A teacher, then a group of two students distilling from it, started when the teacher ends. */
async function writeChain(
  folder: string,
  prefix: string,
  chain: { teacherStart: string; teacherSeconds: number; studentSeconds: number; order: number[] },
): Promise<void> {
  const teacher = `${prefix}-teacher`;
  await writeRun(folder, {
    id: teacher,
    role: 'teacher',
    method: 'teacher-coarse',
    startedAt: chain.teacherStart,
    seconds: chain.teacherSeconds,
  });
  const studentStart = new Date(Date.parse(chain.teacherStart) + chain.teacherSeconds * 1000).toISOString();
  for (const index of chain.order)
    await writeRun(folder, {
      id: `${prefix}-student-${index}`,
      role: 'student',
      method: 'heterogeneous',
      startedAt: studentStart,
      seconds: chain.studentSeconds,
      group: { size: 2, index },
      teacherRunId: teacher,
    });
}

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 7, 9, minutes)).toISOString();

describe('cost model backtest of one call', () => {
  it('prices the call from the runs before it, with its own stacked groups, teachers before their students', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'hkd-backtest-'));
    try {
      // Before the call: a teacher at 2 s an epoch, a group of two students at 1 s a member-epoch.
      await writeChain(folder, 'old', { teacherStart: at(0), teacherSeconds: 20, studentSeconds: 10, order: [0, 1] });
      // The call (from 09:10): a teacher, then its two students in one group (started in the same
      // millisecond, listed out of order). It ran twice as slowly as the runs before it; the
      // prediction must not see that.
      await writeChain(folder, 'new', { teacherStart: at(10), teacherSeconds: 40, studentSeconds: 40, order: [1, 0] });
      const window = { from: new Date(at(9)), to: new Date(at(20)) };
      // Cluster tasks (no core count): no thread slowdown, so the figures are plain sums.
      const result = await backtestCall(folder, window, 2, { startupSeconds: 0 });
      assert.equal(result.runs, 3);
      assert.equal(result.pricedFrom, 3);
      assert.deepEqual([result.teacherGroups, result.studentGroups], [1, 1], 'the two students trained as one group');
      // Teacher 10 epochs x 2 s, then (waiting for it) 2 x 10 member-epochs x 1 s in a group of 2.
      assert.ok(Math.abs(result.predictedSeconds - 40) < 1e-6, String(result.predictedSeconds));
      assert.ok(Math.abs(result.predictedInOrderSeconds - 40) < 1e-6);
      assert.equal(result.measuredSeconds, 80);
      assert.equal(result.measuredTrainingSeconds, 120);
      const lines = backtestLines(folder, window, result).join('\n');
      assert.match(lines, /priced from the 3 runs finished before/);
      assert.match(lines, /3 runs in 1\+1 groups \(teachers\+students\) on 2 worker\(s\): predicted 40\.0s \(x0\.50;/);
      await assert.rejects(
        backtestCall(folder, { from: new Date(at(30)), to: new Date(at(40)) }, 1),
        /no run of .* finished from 2026-12-07T09:30:00.000Z to 2026-12-07T09:40:00.000Z/,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("prices runs recorded on fewer threads as on the machine's cores (Amdahl per role)", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'hkd-backtest-'));
    try {
      // A teacher trained on 1 thread in 40 s: on 2 cores (teachers' parallel fraction 0.65)
      // 40 x (0.35 + 0.65 / 2) = 27 s.
      await writeRun(folder, {
        id: 'old-teacher',
        role: 'teacher',
        method: 'teacher-coarse',
        startedAt: at(0),
        seconds: 40,
        threads: 1,
      });
      await writeRun(folder, {
        id: 'new-teacher',
        role: 'teacher',
        method: 'teacher-coarse',
        startedAt: at(10),
        seconds: 20,
      });
      const window = { from: new Date(at(9)), to: new Date(at(20)) };
      const result = await backtestCall(folder, window, 1, { cores: 2, startupSeconds: 0 });
      assert.ok(Math.abs(result.predictedSeconds - 27) < 1e-6, String(result.predictedSeconds));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('reads --call as two ISO times, from before to, and names what it expected otherwise', () => {
    assert.deepEqual(parseCallWindow('2026-12-07T09:10:00Z/2026-12-07T09:40:00Z'), {
      from: new Date('2026-12-07T09:10:00Z'),
      to: new Date('2026-12-07T09:40:00Z'),
    });
    for (const text of [
      '2026-12-07T09:40:00Z/2026-12-07T09:10:00Z',
      'yesterday/today',
      '2026-12-07T09:10:00Z',
      'a/b/c',
    ])
      assert.throws(
        () => parseCallWindow(text),
        new RegExp(`--call: expected <from>/<to>, two ISO times with from before to .*got "${text}"`),
      );
  });
});
