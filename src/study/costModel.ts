import { threadsPerWorker } from '../cluster/localWorkers';
import { formatDuration } from '../util/progress';

/**
 * One stacked group of runs as a worker trains it (one process, one group at a time).
 * Members that stop early leave the stack, so a group costs the sum of its members'
 * epochs times the seconds of one member-epoch.
 */
export interface CostGroup {
  role: 'teacher' | 'student';
  /** The dependency chain: the students of a chain start once every teacher group of the same chain has finished. */
  chain: string;
  runs: number;
  /** Sum over the group's runs of their expected epochs (fixed-length runs: their epochs; early-stopped: typical epochs). */
  runEpochs: number;
  /** Seconds of one run's epoch within the group (measured, or given). */
  secondsPerRunEpoch: number;
  /** Seconds a group costs besides its epochs (building the stack, targets, evaluation, writing the runs); default 0. */
  fixedSeconds?: number;
  /** The run id of its first run: static workers (`--shard i/n`) take a group when this hashes to their shard. */
  firstRunId?: string;
}

/** The cost model of a study: its CPU time, critical path and predicted wall time per worker count. */
export interface StudyCostModel {
  runs: number;
  teacherGroups: number;
  studentGroups: number;
  /** Seconds of every group one after another: the wall time of one worker. */
  cpuSeconds: number;
  /** The longest chain: its longest teacher group, then its longest student group. */
  criticalPathSeconds: number;
  /** Predicted wall seconds by worker count (greedy list scheduling, see {@link predictWallSeconds}). */
  wallSeconds: Array<{ workers: number; seconds: number }>;
}

/** Worker counts the study prints its prediction for. */
export const reportedWorkerCounts = [1, 4, 16, 64];

/**
 * The machine the workers share: its cores (absent: every worker has the cores of the
 * process that trained the measured runs, as the tasks of a cluster do), the threads of
 * that process (default: the cores, as one `npm run study` process uses them all) and the
 * seconds each worker takes to start (load TensorFlow and the data) before its first group.
 */
export interface WorkerMachine {
  cores?: number;
  measuredThreads?: number;
  startupSeconds?: number;
}

/**
 * Seconds a worker starts in (TensorFlow and the data loaded): about 5 s measured on the
 * development machine (2 cores), smoke and full-size data alike (the features are cached).
 */
export const defaultWorkerStartupSeconds = 5;

/**
 * Processors that W workers on C cores keep busy: min(W, C). Without a core count (cluster
 * tasks, each with its own cores) every worker is a processor.
 */
export function effectiveProcessors(workers: number, cores?: number): number {
  return cores === undefined ? workers : Math.min(workers, Math.max(1, Math.floor(cores)));
}

/**
 * How much longer a group takes on one of W local workers than in the process that trained
 * the measured runs: measuredThreads / threads of a worker (floor(C / W), at least 1; see
 * runLocalWorkers), at least 1. Per-epoch time is taken as inversely proportional to the
 * threads (measured on 2 cores: two one-thread workers train a smoke study no faster than
 * one two-thread process), so workers gain over one process only by overlapping what one
 * process does alone (start-up, waits) or where the measured process had fewer threads.
 * Pessimistic for small stacked students: full-size Fashion-MNIST students trained 1.8x faster
 * on two one-thread workers than on one two-thread process (`npm run benchmark -- --only
 * workers`), their steps being mostly serial dispatch that a second thread does not speed up.
 */
export function workerSlowdown(workers: number, machine: WorkerMachine): number {
  if (machine.cores === undefined) return 1;
  const measured = machine.measuredThreads ?? machine.cores;
  return Math.max(1, measured / threadsPerWorker(machine.cores, workers));
}

/** A group's seconds: runEpochs x secondsPerRunEpoch + fixedSeconds. */
export function groupSeconds(group: CostGroup): number {
  return group.runEpochs * group.secondsPerRunEpoch + (group.fixedSeconds ?? 0);
}

/** The longest seconds of a role's groups per chain. */
function longestByChain(groups: CostGroup[], role: CostGroup['role']): Map<string, number> {
  const longest = new Map<string, number>();
  for (const group of groups)
    if (group.role === role) longest.set(group.chain, Math.max(longest.get(group.chain) ?? 0, groupSeconds(group)));
  return longest;
}

/**
 * Critical path: max over chains of (longest teacher group of the chain + longest student
 * group of the chain); no worker count can finish sooner.
 */
export function criticalPathSeconds(groups: CostGroup[]): number {
  const teachers = longestByChain(groups, 'teacher');
  const students = longestByChain(groups, 'student');
  const chains = new Set([...teachers.keys(), ...students.keys()]);
  return Math.max(0, ...[...chains].map((chain) => (teachers.get(chain) ?? 0) + (students.get(chain) ?? 0)));
}

/**
 * Predicted wall time of `workers` workers, by a greedy list-scheduling simulation (not the
 * max(critical path, total / W) bound) on {@link effectiveProcessors} processors, each free
 * after a worker's start-up, each group {@link workerSlowdown} times its measured seconds
 * (as dynamic workers take groups; static shards split them by hash, often less evenly): teacher groups first, longest first, each to the processor
 * that is free soonest; a chain's students are ready when its last teacher group ends;
 * then student groups, longest first, each to the processor on which it can start soonest
 * (max of its free time and the chain's ready time). Wall time is the last group's end. One
 * worker gives the CPU time (plus its start-up); many with a core each, the critical path.
 */
export function predictWallSeconds(groups: CostGroup[], workers: number, machine: WorkerMachine = {}): number {
  if (!Number.isInteger(workers) || workers < 1)
    throw new Error(`workers: expected a positive integer, got ${workers}`);
  if (groups.length === 0) return 0;
  const free = new Array<number>(effectiveProcessors(workers, machine.cores)).fill(machine.startupSeconds ?? 0);
  const slowdown = workerSlowdown(workers, machine);
  const byLength = (role: CostGroup['role']) =>
    groups.filter((group) => group.role === role).sort((a, b) => groupSeconds(b) - groupSeconds(a));
  const ready = new Map<string, number>();
  for (const group of byLength('teacher')) {
    const worker = free.indexOf(Math.min(...free));
    free[worker] += groupSeconds(group) * slowdown;
    ready.set(group.chain, Math.max(ready.get(group.chain) ?? 0, free[worker]));
  }
  for (const group of byLength('student')) {
    const readyAt = ready.get(group.chain) ?? 0;
    const starts = free.map((time) => Math.max(time, readyAt));
    const worker = starts.indexOf(Math.min(...starts));
    free[worker] = starts[worker] + groupSeconds(group) * slowdown;
  }
  return Math.max(0, ...free);
}

/** The study's cost model from its planned groups, its wall times for `workerCounts` workers on `machine`. */
export function studyCostModel(
  groups: CostGroup[],
  workerCounts = reportedWorkerCounts,
  machine: WorkerMachine = {},
): StudyCostModel {
  return {
    runs: groups.reduce((sum, group) => sum + group.runs, 0),
    teacherGroups: groups.filter((group) => group.role === 'teacher').length,
    studentGroups: groups.filter((group) => group.role === 'student').length,
    cpuSeconds: groups.reduce((sum, group) => sum + groupSeconds(group), 0),
    criticalPathSeconds: criticalPathSeconds(groups),
    wallSeconds: workerCounts.map((workers) => ({ workers, seconds: predictWallSeconds(groups, workers, machine) })),
  };
}

/**
 * Cost models as one compact table: a header and one row per model, each row named by its
 * label in a first column ("all" for the whole plan, "left" for what is not finished).
 */
export function costModelTable(models: Array<{ label: string; model: StudyCostModel }>): string[] {
  const header = [
    'plan',
    'runs',
    'groups (teachers+students)',
    'CPU time',
    'critical path',
    ...(models[0]?.model.wallSeconds ?? []).map(({ workers }) => `wall ${workers}w`),
  ];
  const rows = models.map(({ label, model }) => [
    label,
    String(model.runs),
    `${model.teacherGroups}+${model.studentGroups}`,
    formatDuration(model.cpuSeconds),
    formatDuration(model.criticalPathSeconds),
    ...model.wallSeconds.map(({ seconds }) => formatDuration(seconds)),
  ]);
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => row[index].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, index) => cell.padEnd(widths[index])).join(' | ')} |`;
  return [line(header), ...rows.map(line)];
}
