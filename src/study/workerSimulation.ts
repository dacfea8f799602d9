import { threadsPerWorker } from '../cluster/localWorkers';
import { type CostGroup, groupSeconds } from './costGroup';
import { checkWorkerCount, groupSlowdown, machineCores, type WorkerMachine } from './workerMachine';

/**
 * How a free worker takes its next group:
 * - `ready-first`: from one shared list, the first group that can start now (a teacher, or a
 *   student whose teachers have all ended: the teacher groups of its chain that come before it
 *   in `groups`, the plan's order); none ready: it waits for the next end;
 * - `in-order`: from one shared list, the next group, and it waits for that group's teachers
 *   (as `--dynamic` workers do: they claim the next group of the plan);
 * - `shards`: the next group of its own list (static `--shard i/W`), waiting likewise.
 */
export type TakingRule =
  | { kind: 'ready-first'; order: number[] }
  | { kind: 'in-order'; order: number[] }
  | { kind: 'shards'; lists: number[][] };

interface Worker {
  group?: number;
  /** Seconds of work left in its group, at full speed. */
  left: number;
  shard: number;
}

/**
 * Simulated wall seconds of W workers training `groups` under `rule`, by processor sharing:
 * worker w can start at `machine.startupSeconds`; a group takes groupSeconds x its role's
 * {@link groupSlowdown} (threads per worker) when its worker has the cores it asks for; when
 * the workers computing at a moment ask for more threads than the machine's cores (more
 * workers than cores), each runs at cores / threads asked. Workers waiting for teachers or
 * starting use no core. Cluster tasks (no core count) never share. A group with no price
 * (NaN seconds: its role not measured) makes the wall time NaN. The one machine rule of the
 * cost model: predictWallSeconds (ready-first, longest first) and predictPlanOrderSeconds
 * (in plan order, shared or sharded) both call it. Wall time is the last group's end.
 */
export function simulateWorkers(
  groups: CostGroup[],
  workers: number,
  rule: TakingRule,
  machine: WorkerMachine = {},
): number {
  checkWorkerCount(workers);
  if (groups.length === 0) return 0;
  const work = groups.map(
    (group) => groupSeconds(group) * groupSlowdown(group.role, workers, machine, group.parallelFraction),
  );
  // A group with no price (its role never measured): the wall time is unknown too.
  if (work.some((seconds) => !Number.isFinite(seconds))) return Number.NaN;
  const cores = machineCores(machine);
  const threads = cores === undefined ? 1 : threadsPerWorker(cores, workers);
  // A student group needs the teacher groups of its chain planned before it (the plan lists a
  // chain's teachers before its students; a later part may plan more teachers of the same data).
  const finished = new Array<boolean>(groups.length).fill(false);
  const needed = groups.map((group, index) =>
    group.role === 'teacher'
      ? []
      : groups.flatMap((other, before) =>
          before < index && other.role === 'teacher' && other.chain === group.chain ? [before] : [],
        ),
  );
  const canStart = (index: number) => needed[index].every((teacher) => finished[teacher]);
  const shared = rule.kind === 'shards' ? [] : [...rule.order];
  const lists = rule.kind === 'shards' ? rule.lists.map((list) => [...list]) : [];
  const take = (worker: Worker): number | undefined => {
    if (rule.kind === 'shards') return lists[worker.shard]?.shift();
    const at = rule.kind === 'in-order' ? 0 : shared.findIndex(canStart);
    return at < 0 || at >= shared.length ? undefined : shared.splice(at, 1)[0];
  };
  const pool: Worker[] = Array.from({ length: workers }, (_, shard) => ({ left: 0, shard }));
  const startup = machine.startupSeconds ?? 0;
  let time = 0;
  let remaining = groups.length;
  while (remaining > 0) {
    if (time >= startup)
      for (const worker of pool)
        if (worker.group === undefined) {
          worker.group = take(worker);
          if (worker.group !== undefined) worker.left = work[worker.group];
        }
    const computing = pool.filter((worker) => worker.group !== undefined && canStart(worker.group));
    if (computing.length === 0) {
      if (time < startup) {
        time = startup;
        continue;
      }
      throw new Error('simulateWorkers: every worker waits for teachers that no worker trains');
    }
    const rate = cores === undefined ? 1 : Math.min(1, cores / (computing.length * threads));
    const step = Math.min(...computing.map((worker) => worker.left / rate));
    time += step;
    for (const worker of computing) {
      worker.left -= step * rate;
      if (worker.left > 1e-9 * Math.max(1, work[worker.group as number])) continue;
      finished[worker.group as number] = true;
      worker.group = undefined;
      remaining -= 1;
    }
  }
  return time;
}
