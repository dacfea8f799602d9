/**
 * The cost model checked against one real call after the fact, as it would have predicted it
 * before the call started: the runs that finished in a time window (the call's runs) are
 * priced from the runs that finished before the window only, grouped and scheduled on W
 * workers on this machine exactly as `--plan` schedules a study, and the predicted wall time
 * is set against the measured one (the first run's start to the last run's end). Reads the
 * folder only.
 */
import { loadExperimentResults, type RunResult } from '../results';
import { formatDuration } from '../util/progress';
import { predictWallSeconds } from './costModel';
import { type CostGroup, groupSeconds } from './costGroup';
import { asPlannedRun } from './costModelCheck';
import { measuredRunOf } from './costModelReport';
import { canonicalHash } from '../util/canonicalHash';
import { predictPlanOrderSeconds } from './scheduleModes';
import { atMachineThreads, costGroupOf, measuredCostInputs } from './studyGroups';
import { localMachine, type WorkerMachine } from './workerMachine';

/** What the backtest of one call found. */
export interface CallBacktest {
  runs: number;
  teacherGroups: number;
  studentGroups: number;
  /** Finished runs before the window: what the prediction is priced from. */
  pricedFrom: number;
  workers: number;
  /** As `--plan` prints it: ready-first, longest first. */
  predictedSeconds: number;
  /** As dynamic workers take the groups: in plan order. */
  predictedInOrderSeconds: number;
  /** The first run's start to the last run's end. */
  measuredSeconds: number;
  predictedCpuSeconds: number;
  /** Sum of the call's runs' trainingSeconds (a stacked group's time shared among its members). */
  measuredTrainingSeconds: number;
}

/**
 * The chain of a run as the simulation reads it (a student group waits for the teacher groups
 * of its chain): a teacher's data (its hierarchy, features and labelled rows); a student's
 * is its teacher's.
 */
function chainOf(run: RunResult, byId: Map<string, RunResult>): string {
  const teacherRunId = (run.config as { teacherRunId?: string | null }).teacherRunId;
  const config = (teacherRunId ? byId.get(teacherRunId) : undefined)?.config ?? run.config;
  const { hierarchy, features, labelledRows } = config as Record<string, { name?: string } | undefined>;
  return canonicalHash({ hierarchy: hierarchy?.name ?? null, features: features ?? null, rows: labelledRows ?? null });
}

/**
 * Backtests the cost model on the runs of `directory` that finished from `from` to `to`
 * (ISO times) on `workers` workers of `machine` (default: this machine's cores, the
 * default start-up): see the file's comment.
 */
export async function backtestCall(
  directory: string,
  window: { from: Date; to: Date },
  workers: number,
  machine: WorkerMachine = localMachine(),
): Promise<CallBacktest> {
  const results = (await loadExperimentResults(directory)).allRuns;
  const finished = (run: RunResult) => Date.parse(run.finishedAt);
  const before = results.filter((run) => finished(run) < window.from.getTime());
  const inWindow = results.filter(
    (run) => finished(run) >= window.from.getTime() && finished(run) <= window.to.getTime(),
  );
  if (inWindow.length === 0)
    throw new Error(
      `cost model backtest: no run of ${directory} finished from ${window.from.toISOString()} to ${window.to.toISOString()}`,
    );
  const measuredBefore = atMachineThreads(before.map(measuredRunOf), machine);
  const inputs = { ...measuredCostInputs(measuredBefore), fixedSecondsPerGroup: 0 };
  const byId = new Map(results.map((run) => [run.id, run]));
  // The stacked groups the call trained, from their members' summaries: by start (members of
  // one group start within the same milliseconds, so ties go by place in the group), a run of
  // index i of a group of k joins an open group of k of its role holding i members, else opens one.
  const measuredInWindow = inWindow.map(measuredRunOf);
  const order = inWindow
    .map((_, index) => index)
    .sort(
      (a, b) =>
        Date.parse(startedAt(inWindow[a])) - Date.parse(startedAt(inWindow[b])) ||
        (measuredInWindow[a].groupIndex ?? 0) - (measuredInWindow[b].groupIndex ?? 0),
    );
  const call = order.map((index) => inWindow[index]);
  const measuredCall = order.map((index) => measuredInWindow[index]);
  const trainedGroups: Array<{ size: number; runs: RunResult[] }> = [];
  call.forEach((run, index) => {
    const { groupSize, groupIndex = 0 } = measuredCall[index];
    const open = trainedGroups.find(
      (group) =>
        group.size === groupSize &&
        group.runs[0].role === run.role &&
        groupIndex > 0 &&
        group.runs.length === groupIndex,
    );
    if (open) open.runs.push(run);
    else trainedGroups.push({ size: groupSize, runs: [run] });
  });
  const groups: CostGroup[] = (['teacher', 'student'] as const).flatMap((role) =>
    trainedGroups
      .filter((group) => group.runs[0].role === role)
      .map((group) => costGroupOf(group.runs.map(asPlannedRun), role, chainOf(group.runs[0], byId), inputs)),
  );
  const start = Math.min(...call.map((run) => Date.parse(startedAt(run))));
  const end = Math.max(...call.map(finished));
  return {
    runs: call.length,
    teacherGroups: groups.filter((group) => group.role === 'teacher').length,
    studentGroups: groups.filter((group) => group.role === 'student').length,
    pricedFrom: before.length,
    workers,
    predictedSeconds: predictWallSeconds(groups, workers, machine),
    predictedInOrderSeconds: predictPlanOrderSeconds(groups, workers, 'dynamic', machine),
    measuredSeconds: (end - start) / 1000,
    predictedCpuSeconds: groups.reduce((sum, group) => sum + groupSeconds(group), 0),
    measuredTrainingSeconds: call.reduce(
      (sum, run) => sum + (Number.isFinite(run.trainingSeconds) ? run.trainingSeconds : 0),
      0,
    ),
  };
}

/** A run's start (config.json's startedAt), else its end. */
function startedAt(run: RunResult): string {
  return run.startedAt ?? run.finishedAt;
}

/** The backtest as lines: what was priced from what, predicted against measured. */
export function backtestLines(directory: string, window: { from: Date; to: Date }, result: CallBacktest): string[] {
  const ratio = (predicted: number) => (predicted / result.measuredSeconds).toFixed(2);
  return [
    `${directory}: the runs that finished from ${window.from.toISOString()} to ${window.to.toISOString()}, priced from the ${result.pricedFrom} runs finished before`,
    `  ${result.runs} runs in ${result.teacherGroups}+${result.studentGroups} groups (teachers+students) on ${result.workers} worker(s): predicted ${formatDuration(result.predictedSeconds)} (x${ratio(result.predictedSeconds)}; in plan order, as dynamic workers take them, ${formatDuration(result.predictedInOrderSeconds)}, x${ratio(result.predictedInOrderSeconds)}), measured ${formatDuration(result.measuredSeconds)} (first start to last end)`,
    `  training time: predicted ${formatDuration(result.predictedCpuSeconds)}, measured ${formatDuration(result.measuredTrainingSeconds)} (sum of the runs' trainingSeconds)`,
  ];
}
