/**
 * The `sbatch` job-array script of a distributed study: one array task per worker, every task
 * running the same worker command over one shared runs folder, as a dynamic worker
 * (`--dynamic`: the next group nobody holds; the default) or with its own static shard
 * (`--shard $SLURM_ARRAY_TASK_ID/<tasks>`). The script is written into the runs
 * folder so that it can be read and re-submitted by hand (`sbatch <script>`).
 *
 * Each task writes its exit status to `<logDirectory>/task-<index>.status` when it ends (the
 * one-node and many small clusters run without Slurm's accounting database, so `sacct` cannot be
 * relied on to say how a task ended).
 */

/** What the job array asks of Slurm and what each task runs. */
export interface SlurmArrayOptions {
  /** Number of array tasks (workers), 1 or more. */
  tasks: number;
  /** Job name shown by `squeue` (letters, digits, `-`, `_`, `.`). */
  jobName: string;
  /** The folder every task starts in (the project, built once on a file system every node sees). */
  workDirectory: string;
  /** Where the tasks' logs and status files go (on the shared file system). */
  logDirectory: string;
  /** The worker's command line, without the shard argument (added per task). */
  command: string[];
  /** `--partition`. */
  partition?: string;
  /** `--time`, as `MM`, `HH:MM:SS` or `D-HH:MM:SS`. */
  time?: string;
  /** `--cpus-per-task`; the worker's TensorFlow thread count follows it. */
  cpusPerTask?: number;
  /** `--gres`, e.g. `gpu:1`. */
  gres?: string;
  /** More `sbatch` options, each a whole `--name=value` argument, written as `#SBATCH` lines. */
  sbatchArguments?: string[];
  /** Only these task indices (for a resubmission of failed tasks); default all. */
  taskIndices?: number[];
  /** Environment variables set for every task. */
  environment?: Record<string, string>;
  /** Every task a dynamic worker (`--dynamic`) instead of static shard i of `tasks` (`--shard`). */
  dynamic?: boolean;
}

/** A specific problem with {@link SlurmArrayOptions}. */
export class SlurmOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlurmOptionError';
  }
}

const timePattern = /^(\d+-)?\d{1,2}(:\d{2}){0,2}$/;
const namePattern = /^[A-Za-z0-9._-]+$/;
const gresPattern = /^[A-Za-z0-9_-]+(:[A-Za-z0-9_-]+)?(:\d+)?(,[A-Za-z0-9_-]+(:[A-Za-z0-9_-]+)?(:\d+)?)*$/;

/** Checks every option, naming the one that is wrong and what was expected. */
export function validateSlurmOptions(options: SlurmArrayOptions): void {
  const { tasks, jobName, partition, time, cpusPerTask, gres, sbatchArguments, taskIndices, command } = options;
  if (!Number.isInteger(tasks) || tasks < 1)
    throw new SlurmOptionError(`--tasks must be a whole number >= 1 (got ${tasks})`);
  if (!namePattern.test(jobName))
    throw new SlurmOptionError(`job name "${jobName}" may hold only letters, digits, '.', '_' and '-'`);
  if (partition !== undefined && !namePattern.test(partition))
    throw new SlurmOptionError(`--partition "${partition}" is not a partition name`);
  if (time !== undefined && !timePattern.test(time)) {
    throw new SlurmOptionError(`--time "${time}" is not a Slurm time limit (expected MM, HH:MM:SS or D-HH:MM:SS)`);
  }
  if (cpusPerTask !== undefined && (!Number.isInteger(cpusPerTask) || cpusPerTask < 1)) {
    throw new SlurmOptionError(`--cpus-per-task must be a whole number >= 1 (got ${cpusPerTask})`);
  }
  if (gres !== undefined && !gresPattern.test(gres))
    throw new SlurmOptionError(`--gres "${gres}" is not a resource list (expected e.g. gpu:1 or gpu:a100:2)`);
  for (const argument of sbatchArguments ?? []) {
    if (!/^--[a-z][a-z-]*(=\S.*)?$/.test(argument) || /[\n\r]/.test(argument)) {
      throw new SlurmOptionError(
        `--sbatch-arg "${argument}" must be one long option such as --account=abc or --exclusive`,
      );
    }
  }
  for (const index of taskIndices ?? []) {
    if (!Number.isInteger(index) || index < 0 || index >= tasks)
      throw new SlurmOptionError(`task index ${index} is outside 0..${tasks - 1}`);
  }
  if (command.length === 0) throw new SlurmOptionError('the worker command is empty');
}

/** `value` quoted for bash (single quotes; a single quote inside becomes '\''). */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Compact array ranges for `--array`: [0,1,2,5] -> "0-2,5". */
export function arraySpecification(indices: number[]): string {
  const sorted = [...new Set(indices)].sort((left, right) => left - right);
  const parts: string[] = [];
  let start = sorted[0];
  for (let position = 1; position <= sorted.length; position += 1) {
    const previous = sorted[position - 1];
    if (sorted[position] !== previous + 1) {
      parts.push(start === previous ? `${start}` : `${start}-${previous}`);
      start = sorted[position];
    }
  }
  return parts.join(',');
}

/** The status file a task writes when it ends (its exit code). */
export function taskStatusFile(logDirectory: string, index: number): string {
  return `${logDirectory.replace(/\/+$/, '')}/task-${index}.status`;
}

/** The job-array script (bash) for {@link SlurmArrayOptions}. */
export function sbatchScript(options: SlurmArrayOptions): string {
  validateSlurmOptions(options);
  const indices = options.taskIndices ?? Array.from({ length: options.tasks }, (_, index) => index);
  const logs = options.logDirectory.replace(/\/+$/, '');
  const directives = [
    `--job-name=${options.jobName}`,
    `--array=${arraySpecification(indices)}`,
    `--chdir=${options.workDirectory}`,
    `--output=${logs}/task-%a.log`,
    '--ntasks=1',
    options.partition && `--partition=${options.partition}`,
    options.time && `--time=${options.time}`,
    options.cpusPerTask && `--cpus-per-task=${options.cpusPerTask}`,
    options.gres && `--gres=${options.gres}`,
    ...(options.sbatchArguments ?? []),
  ].filter((line): line is string => Boolean(line));
  const exports = Object.entries(options.environment ?? {}).map(
    ([name, value]) => `export ${name}=${shellQuote(value)}`,
  );
  const threads = options.cpusPerTask ?? 1;
  return [
    '#!/usr/bin/env bash',
    ...directives.map((directive) => `#SBATCH ${directive}`),
    '#',
    `# Written by hkd for a ${options.tasks}-task job array over one shared runs folder. Every task runs the`,
    options.dynamic
      ? '# same dynamic worker (the next group nobody holds); re-submit by hand with `sbatch <this file>` (finished runs are reused).'
      : '# same worker with its own shard; re-submit by hand with `sbatch <this file>` (finished runs are reused).',
    'set -uo pipefail',
    `status_file=${shellQuote(logs)}/task-"$SLURM_ARRAY_TASK_ID".status`,
    'rm -f "$status_file"',
    `trap 'code=$?; echo "$code" > "$status_file.tmp" && mv "$status_file.tmp" "$status_file"' EXIT`,
    // scancel and a time limit send SIGTERM: exit with 128 + signal so the status says the task did not finish.
    "trap 'exit 143' TERM",
    "trap 'exit 130' INT",
    ...exports,
    // TensorFlow's C library (and oneDNN's OpenMP) use as many threads as the task was given cores.
    `export TF_NUM_INTRAOP_THREADS="\${SLURM_CPUS_PER_TASK:-${threads}}" OMP_NUM_THREADS="\${SLURM_CPUS_PER_TASK:-${threads}}"`,
    // The shard total is the array's planned size, not this submission's (a resubmission of some tasks keeps shards).
    `${options.command.map(shellQuote).join(' ')} ${options.dynamic ? '--dynamic' : `--shard "$SLURM_ARRAY_TASK_ID/${options.tasks}"`}`,
    '',
  ].join('\n');
}
