import { formatDuration } from '../util/progress';
import { type CostGroup, groupSeconds } from './costGroup';
import type { GroupRole, WorkerMachine } from './workerMachine';
import { simulateWorkers } from './workerSimulation';

export { type CostGroup, groupSeconds } from './costGroup';

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

/** The longest seconds of a role's groups per chain. */
function longestByChain(groups: CostGroup[], role: GroupRole): Map<string, number> {
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
 * Predicted wall time of `workers` workers on `machine`, by greedy list scheduling (not the
 * max(critical path, total / W) bound), simulated by {@link simulateWorkers} (start-up,
 * threads per worker by role, more workers than cores sharing them): teacher groups longest
 * first, then student groups longest first; a free worker takes the first group that can
 * start (a student group once the teacher groups of its chain planned before it have ended), else waits for the next
 * end. Dynamic workers take groups in plan order instead (predictPlanOrderSeconds), static
 * shards by hash, often less evenly. One worker gives the CPU time (plus its start-up); many
 * with a core each, the critical path.
 */
export function predictWallSeconds(groups: CostGroup[], workers: number, machine: WorkerMachine = {}): number {
  const byLength = (role: GroupRole) =>
    groups
      .map((group, index) => ({ index, seconds: groupSeconds(group), role: group.role }))
      .filter((group) => group.role === role)
      .sort((a, b) => b.seconds - a.seconds || a.index - b.index)
      .map((group) => group.index);
  return simulateWorkers(
    groups,
    workers,
    { kind: 'ready-first', order: [...byLength('teacher'), ...byLength('student')] },
    machine,
  );
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
