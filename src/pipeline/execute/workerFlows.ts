import type { RunRecord } from '../../runs';
import type { PlannedRun, TrainingPlan } from '../plan/planRuns';
import type { ComputedTarget } from '../targets/provider';
import type { TargetKind } from '../targets/targetNeeds';
import {
  describeWorker,
  recordPlannedRuns,
  selectShardGroups,
  shardOf,
  waitForFinishedRun,
  type WorkerOptions,
} from './workerSelection';

/** The steps of executePlan a worker flow drives (see executePlan). */
export interface ExecutionSteps {
  experimentDirectory: string;
  log: (line: string) => void;
  /** Finished runs so far (trained or reused), by run id. */
  finished: { has(runId: string): boolean };
  /** The stacked groups of some runs, as a single process forms them (groupRuns with the plan's limits). */
  groups: (runs: PlannedRun[]) => PlannedRun[][];
  /** Claims runs: reuses finished ones, gives those to train; with `wait` false, runs others hold go to `skipped`. */
  claim: (runs: PlannedRun[], wait?: boolean, skipped?: PlannedRun[]) => Promise<PlannedRun[]>;
  /** Records a finished run of another worker as reused. */
  reuse: (run: PlannedRun, record: RunRecord) => void;
  /** Trains claimed runs (of one group each call, so the groups stay as planned). */
  train: (runs: PlannedRun[], targets: Map<string, Map<TargetKind, ComputedTarget>>) => Promise<void>;
  /** The derived targets (teacher logits, ...) of claimed students. */
  targets: (students: PlannedRun[]) => Promise<Map<string, Map<TargetKind, ComputedTarget>>>;
}

/**
 * Static shard `i/n`: the worker trains the stacked groups (as one process would form them,
 * so every run trains with the same group mates and gives the same numbers) whose first run id
 * hashes to its shard: teachers first, then students; it waits for the teachers of other shards
 * that its students distil from.
 */
export async function runShardWorker(
  plan: TrainingPlan,
  steps: ExecutionSteps,
  worker: WorkerOptions & { mode: { kind: 'shard' } },
): Promise<void> {
  const shard = worker.mode;
  const teacherGroups = selectShardGroups(steps.groups(plan.teachers), shard);
  const studentGroups = selectShardGroups(steps.groups(plan.students), shard);
  const teacherCount = teacherGroups.flat().length;
  const studentCount = studentGroups.flat().length;
  steps.log(
    `${describeWorker(shard)}: ${teacherCount} of ${plan.teachers.length} teacher and ${studentCount} of ${plan.students.length} student runs`,
  );
  if (worker.plannedFile)
    await recordPlannedRuns(
      worker.plannedFile,
      steps.experimentDirectory,
      [...teacherGroups, ...studentGroups].flat().map((run) => run.runId),
    );
  for (const group of teacherGroups) await steps.train(await steps.claim(group), new Map());
  const missingByGroup: PlannedRun[][] = [];
  for (const group of studentGroups) missingByGroup.push(await steps.claim(group));
  // Teachers of other shards that these students distil from: wait until they are finished.
  const needed = new Set(missingByGroup.flat().map((run) => run.runConfig.teacherRunId));
  for (const teacher of plan.teachers.filter((run) => needed.has(run.runId) && !steps.finished.has(run.runId))) {
    const owner = `shard ${shardOf(steps.groups(plan.teachers).find((group) => group.includes(teacher))![0].runId, shard.count)}/${shard.count}`;
    const record = await waitForFinishedRun(teacher, {
      experimentDirectory: steps.experimentDirectory,
      unclaimedTimeoutMs: worker.unclaimedTimeoutMs ?? 30 * 60_000,
      pollMs: worker.pollMs ?? 2000,
      log: steps.log,
      owner,
      staleHeartbeats: worker.staleHeartbeats,
    });
    steps.reuse(teacher, record);
  }
  const targets = await steps.targets(missingByGroup.flat());
  for (const missing of missingByGroup) await steps.train(missing, targets);
}

/**
 * Dynamic: group by group (teachers first), the worker claims the group's first run without
 * waiting; when another worker holds it, the whole group is left to that worker (so groups stay
 * as planned), else the worker claims the rest and trains the group. At the end it waits for the
 * groups it left: reuses them once finished, and trains what a worker that died left unfinished.
 * With `worker.deferWaiting` it waits for nothing: a student group whose teachers it left (and
 * has not seen finished) is left too, unclaimed, and the worker returns at once, so that it can
 * take the free groups of a later plan (a study's next part) first; a second call without it
 * then waits. With `worker.plannedFile` (a Slurm task) it records each group it takes there.
 */
export async function runDynamicWorker(
  plan: TrainingPlan,
  steps: ExecutionSteps,
  worker: WorkerOptions = { mode: { kind: 'dynamic' } },
): Promise<void> {
  const left: PlannedRun[][] = [];
  // A Slurm task records the runs it takes, so that --wait can count them.
  const recordTaken = async (runs: PlannedRun[]): Promise<void> => {
    if (worker.plannedFile && runs.length > 0)
      await recordPlannedRuns(
        worker.plannedFile,
        steps.experimentDirectory,
        runs.map((run) => run.runId),
      );
  };
  const claimGroup = async (group: PlannedRun[]): Promise<PlannedRun[] | undefined> => {
    const skipped: PlannedRun[] = [];
    const lead = await steps.claim(group.slice(0, 1), false, skipped);
    if (skipped.length > 0) {
      left.push(group);
      return undefined;
    }
    const claimed = [...lead, ...(await steps.claim(group.slice(1)))];
    await recordTaken(claimed);
    return claimed;
  };
  const waitForGroup = async (group: PlannedRun[]): Promise<void> => {
    const orphans = await steps.claim(group.filter((run) => !steps.finished.has(run.runId)));
    if (orphans.length === 0) return;
    await recordTaken(orphans);
    if (orphans[0].role.kind === 'teacher') await steps.train(orphans, new Map());
    else await steps.train(orphans, await steps.targets(orphans));
  };
  for (const group of steps.groups(plan.teachers)) {
    const claimed = await claimGroup(group);
    if (claimed) await steps.train(claimed, new Map());
  }
  // The groups of teachers that students distil from, left to another worker.
  const leftTeachersOf = (students: PlannedRun[]): PlannedRun[][] => {
    const needed = new Set(students.map((run) => run.runConfig.teacherRunId));
    return left.filter(
      (candidate) => candidate[0].role.kind === 'teacher' && candidate.some((run) => needed.has(run.runId)),
    );
  };
  for (const group of steps.groups(plan.students)) {
    const unfinished = group.filter((run) => !steps.finished.has(run.runId));
    if (
      worker.deferWaiting &&
      leftTeachersOf(unfinished).some((teachers) => teachers.some((run) => !steps.finished.has(run.runId)))
    ) {
      left.push(group);
      continue;
    }
    const claimed = await claimGroup(group);
    if (!claimed) continue;
    for (const teachers of leftTeachersOf(claimed)) await waitForGroup(teachers);
    await steps.train(claimed, await steps.targets(claimed));
  }
  if (worker.deferWaiting) return;
  for (const group of left) await waitForGroup(group);
}
