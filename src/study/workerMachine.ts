import * as os from 'node:os';
import { threadsPerWorker } from '../cluster/localWorkers';

/** What a cost-model group is: its role decides how well its steps use more threads. */
export type GroupRole = 'teacher' | 'student';

/**
 * The machine the workers share: its cores (absent: every worker has the cores of the
 * process that trained the measured runs, as the tasks of a cluster do), the threads of
 * that process (default: the cores, as one `npm run study` process uses them all), the
 * seconds each worker takes to start (load TensorFlow and the data) before its first group,
 * and the parallel fraction of each role's epoch (default {@link defaultParallelFraction}).
 */
export interface WorkerMachine {
  cores?: number;
  measuredThreads?: number;
  startupSeconds?: number;
  parallelFraction?: Partial<Record<GroupRole, number>>;
}

/**
 * Seconds a worker starts in (TensorFlow and the data loaded): about 5 s measured on the
 * development machine (2 cores), smoke and full-size data alike (the features are cached).
 */
export const defaultWorkerStartupSeconds = 5;

/**
 * Amdahl's parallel fraction p of an epoch per role: the share of its time that more threads
 * divide (seconds at n threads proportional to (1 - p) + p / n).
 *
 * - **students 0.19**, measured: full-size Fashion-MNIST students (A-E, two seeds, one stacked
 *   group per seed) trained in 52.7 s on 2 workers x 1 thread against 95.5 s on 1 worker x 2
 *   threads on 2 quiet cores (`npm run benchmark -- --only workers`, 2026-12-07). So a group on
 *   one thread took 2 x 52.7 / 95.5 = 1.10 times its time on two, and 1 / (1 - p / 2) = 1.10
 *   gives p = 0.19: a stacked student step is small and mostly serial dispatch.
 * - **teachers 0.65**, measured: the Fashion-MNIST conv teacher took 36.8 s per 54,000-row epoch
 *   on 1 thread against 24.9 s on 2 (`TF_NUM_INTRAOP_THREADS=1|2 npm run benchmark -- --only conv`,
 *   three runs each on a quiet machine, 2026-12-07): 1.48 = 1 / (1 - p / 2) gives p = 0.65. The
 *   paper-1 dense teacher gains nothing from a second thread (2.0 s against 2.1-2.6 s per epoch:
 *   its matrices are too small to split), so a teacher group takes its network's fraction
 *   ({@link teacherParallelFraction}: dense 0) and 0.65 only where the network is not known.
 */
export const defaultParallelFraction: Record<GroupRole, number> = { teacher: 0.65, student: 0.19 };

/**
 * A teacher's parallel fraction by its network, where it was measured (see
 * {@link defaultParallelFraction}): the conv teacher 0.65; the dense teacher 0 (a second thread
 * gains it nothing: 2.0 s per epoch on 1 thread, 2.1-2.6 s on 2).
 */
export const teacherParallelFraction: Record<'conv' | 'dense', number> = { conv: 0.65, dense: 0 };

/** The parallel fraction of a teacher on `network` (conv or dense), undefined for another network. */
export function networkParallelFraction(network: string | undefined): number | undefined {
  return network === 'conv' || network === 'dense' ? teacherParallelFraction[network] : undefined;
}

/** A group's or run's own parallel fraction: a teacher's by its network (see networkParallelFraction); none for students. */
export function ownParallelFraction(role: GroupRole, network: string | undefined): number | undefined {
  return role === 'teacher' ? networkParallelFraction(network) : undefined;
}

/** This machine as the cost model sees local workers: its cores, and the default start-up per worker. */
export function localMachine(): WorkerMachine {
  return { cores: os.availableParallelism(), startupSeconds: defaultWorkerStartupSeconds };
}

/** The machine's whole cores (at least 1); undefined for cluster tasks (no core count). */
export function machineCores(machine: WorkerMachine): number | undefined {
  return machine.cores === undefined ? undefined : Math.max(1, Math.floor(machine.cores));
}

/** A role's parallel fraction: the machine's when set, else the group's own (`own`, e.g. a teacher's network's), else the role's default. */
function parallelFractionOf(role: GroupRole, machine: WorkerMachine, own?: number): number {
  const fraction = machine.parallelFraction?.[role] ?? own ?? defaultParallelFraction[role];
  if (!(fraction >= 0 && fraction <= 1))
    throw new Error(`parallelFraction.${role}: expected a number from 0 to 1, got ${fraction}`);
  return fraction;
}

/**
 * How much longer a `role` epoch takes on `to` threads than on `from`, by Amdahl's law:
 * ((1 - p) + p / to) / ((1 - p) + p / from); below 1 when `to` is more.
 */
export function threadTimeRatio(
  role: GroupRole,
  from: number,
  to: number,
  machine: WorkerMachine = {},
  own?: number,
): number {
  const p = parallelFractionOf(role, machine, own);
  return (1 - p + p / to) / (1 - p + p / from);
}

/**
 * How much longer a `role` group takes on `threads` threads than on the `measuredThreads`
 * the measured runs had, by Amdahl's law: ((1 - p) + p / threads) / ((1 - p) + p /
 * measuredThreads), at least 1 (a worker is never taken as faster than measured).
 */
export function threadSlowdown(
  role: GroupRole,
  threads: number,
  measuredThreads: number,
  machine: WorkerMachine = {},
  own?: number,
): number {
  return Math.max(1, threadTimeRatio(role, measuredThreads, threads, machine, own));
}

/**
 * How much longer a `role` group takes on one of W workers, when it has the cores it asks
 * for, than in the process that trained the measured runs: cluster tasks (no core count) 1,
 * each task has the cores of the measured runs; W workers on C cores each have floor(C / W)
 * threads, at least 1 (as runLocalWorkers gives them), so {@link threadSlowdown} of those.
 * More workers than cores is not in it: they share the cores (see simulateWorkers).
 */
export function groupSlowdown(role: GroupRole, workers: number, machine: WorkerMachine, own?: number): number {
  const cores = machineCores(machine);
  if (cores === undefined) return 1;
  return threadSlowdown(role, threadsPerWorker(cores, workers), machine.measuredThreads ?? cores, machine, own);
}

/** Throws unless `workers` is a positive integer (a wall-time prediction's worker count). */
export function checkWorkerCount(workers: number): void {
  if (!Number.isInteger(workers) || workers < 1)
    throw new Error(`workers: expected a positive integer, got ${workers}`);
}

/** Worker counts a cost table prints: `counts`, with this machine's core count added where one is known. */
export function reportedWorkerCountsFor(counts: number[], machine: WorkerMachine): number[] {
  const cores = machineCores(machine);
  return [...new Set([...counts, ...(cores === undefined ? [] : [cores])])].sort((a, b) => a - b);
}
