import { shardOf } from '../pipeline/execute/workerSelection';
import { formatDuration } from '../util/progress';
import type { CostGroup } from './costGroup';
import { checkWorkerCount, type WorkerMachine } from './workerMachine';
import { simulateWorkers } from './workerSimulation';

/**
 * Static shards against dynamic workers, as the workers really take groups: in plan order
 * (the order one process trains them: per part and data, teachers then students), not longest
 * first as {@link predictWallSeconds} does.
 *
 * - **static** (`--shard i/W`, the Slurm and Kubernetes executors): worker i trains the groups
 *   whose first run id hashes to i ({@link shardOf}), one after another in plan order; a
 *   student group starts once it is its turn and every teacher group of its data has ended
 *   (whichever shard trained them).
 * - **dynamic** (`--dynamic`): the next group in plan order goes to the worker free soonest,
 *   and starts at the later of that time and its teachers' end.
 *
 * Both on the same machine model as predictWallSeconds (simulateWorkers: start-up, threads per
 * worker by role, more workers than cores sharing them). A static
 * shard with no group ends at its start-up; with fewer groups than workers, or a few long
 * groups hashed together, static shards leave workers idle that dynamic ones would use.
 */
export type ScheduleMode = 'static' | 'dynamic';

/** A group's shard key: its first run id (the key the static workers hash), or its index where absent. */
function shardKey(group: CostGroup, index: number): string {
  return group.firstRunId ?? `group-${index}`;
}

/** Predicted wall seconds of W workers taking the groups in plan order, statically or dynamically (simulateWorkers). */
export function predictPlanOrderSeconds(
  groups: CostGroup[],
  workers: number,
  mode: ScheduleMode,
  machine: WorkerMachine = {},
): number {
  checkWorkerCount(workers);
  const order = groups.map((_, index) => index);
  if (mode === 'dynamic') return simulateWorkers(groups, workers, { kind: 'in-order', order }, machine);
  const lists = Array.from({ length: workers }, (): number[] => []);
  for (const index of order) lists[shardOf(shardKey(groups[index], index), workers)].push(index);
  return simulateWorkers(groups, workers, { kind: 'shards', lists }, machine);
}

/** Static and dynamic wall times per worker count. */
export interface ScheduleModeComparison {
  workers: number;
  staticSeconds: number;
  dynamicSeconds: number;
}

/** {@link predictPlanOrderSeconds} both ways for each worker count. */
export function compareScheduleModes(
  groups: CostGroup[],
  workerCounts: number[],
  machine: WorkerMachine = {},
): ScheduleModeComparison[] {
  return workerCounts.map((workers) => ({
    workers,
    staticSeconds: predictPlanOrderSeconds(groups, workers, 'static', machine),
    dynamicSeconds: predictPlanOrderSeconds(groups, workers, 'dynamic', machine),
  }));
}

/** One line: "static shards vs dynamic workers (plan order): 2w 1h02m vs 58m00s (x1.07), ...". */
export function scheduleModesLine(comparisons: ScheduleModeComparison[]): string {
  const cells = comparisons.map(
    ({ workers, staticSeconds, dynamicSeconds }) =>
      `${workers}w ${formatDuration(staticSeconds)} vs ${formatDuration(dynamicSeconds)}` +
      (dynamicSeconds > 0 ? ` (x${(staticSeconds / dynamicSeconds).toFixed(2)})` : ''),
  );
  return `  static shards vs dynamic workers (cluster tasks, each with its own cores; groups taken in plan order): ${cells.join(', ')}`;
}
