import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { taskStatusFile } from './sbatchScript';

/**
 * Talks to a real Slurm through its commands (`sbatch`, `squeue`, `scancel`): submits a
 * job-array script, reports each task's state, and waits for the array to end. Exit codes come
 * from the status files the tasks write ({@link taskStatusFile}), since `sacct` needs an
 * accounting database that small clusters often lack.
 */

/** One array task as seen now. */
export interface TaskState {
  index: number;
  /** `PENDING`, `RUNNING`, ... while Slurm lists it; `COMPLETED` / `FAILED` from its status file once it ended. */
  state: string;
  /** The exit code once the task ended. */
  exitCode?: number;
}

/** A Slurm command failed or is missing. */
export class SlurmCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlurmCommandError';
  }
}

function runSlurm(command: string, argumentsList: string[]): string {
  const result = spawnSync(command, argumentsList, { encoding: 'utf8' });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new SlurmCommandError(
      missing
        ? `${command} is not on PATH: run this on a Slurm login node (or start a local one: bash src/scripts/cluster/slurm-local.sh start)`
        : `${command} failed to start: ${result.error.message}`,
    );
  }
  if (result.status !== 0)
    throw new SlurmCommandError(
      `${command} ${argumentsList.join(' ')} failed (exit ${result.status}): ${result.stderr.trim()}`,
    );
  return result.stdout;
}

/** True when a Slurm controller answers here (`sinfo` runs and lists a partition). */
export function slurmAvailable(): boolean {
  const result = spawnSync('sinfo', ['--noheader', '--format=%P'], { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 && result.stdout.trim().length > 0;
}

/** Submits a script with `sbatch --parsable` and gives the job id. */
export function submitScript(scriptPath: string, extraArguments: string[] = []): string {
  const output = runSlurm('sbatch', ['--parsable', ...extraArguments, scriptPath]).trim();
  const jobId = output.split(';')[0];
  if (!/^\d+$/.test(jobId)) throw new SlurmCommandError(`sbatch answered "${output}", not a job id`);
  return jobId;
}

/** Cancels a whole array, or one task of it. */
export function cancelJob(jobId: string, taskIndex?: number): void {
  runSlurm('scancel', [taskIndex === undefined ? jobId : `${jobId}_${taskIndex}`]);
}

/** Parses `squeue --array --format=%i|%T` lines ("12_3|RUNNING", "12_[4-5]|PENDING") into index -> state. */
export function parseQueue(text: string, jobId: string): Map<number, string> {
  const states = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [id, state] = line.trim().split('|');
    if (!id || !state || !id.startsWith(`${jobId}_`)) continue;
    const tasks = id.slice(jobId.length + 1).replace(/^\[|\]$/g, '');
    for (const part of tasks.split(',')) {
      const [first, last] = part.split('-').map((value) => Number(value.split('%')[0]));
      for (let index = first; index <= (last ?? first); index += 1) states.set(index, state);
    }
  }
  return states;
}

/** The state of every task of an array: Slurm's word while it lists the task, else its status file's. */
export function arrayStates(jobId: string, taskIndices: number[], logDirectory: string): TaskState[] {
  const queue = parseQueue(runSlurm('squeue', ['--noheader', '--array', `--jobs=${jobId}`, '--format=%i|%T']), jobId);
  return taskIndices.map((index) => {
    const listed = queue.get(index);
    if (listed) return { index, state: listed };
    const statusPath = taskStatusFile(logDirectory, index);
    if (!existsSync(statusPath)) return { index, state: 'ENDED-WITHOUT-STATUS' };
    const exitCode = Number(readFileSync(statusPath, 'utf8').trim());
    return { index, state: exitCode === 0 ? 'COMPLETED' : 'FAILED', exitCode };
  });
}

/** True once no task is pending or running. */
export function allEnded(states: TaskState[]): boolean {
  return states.every((task) => task.exitCode !== undefined || task.state === 'ENDED-WITHOUT-STATUS');
}

/** Options of {@link waitForArray}. */
export interface WaitOptions {
  pollMs?: number;
  /** Give up after this long (default: wait until the array ends). */
  timeoutMs?: number;
  /** Called after every look, with the tasks' states. */
  onPoll?: (states: TaskState[]) => void;
}

/** Waits until every task of the array has ended; gives the final states. */
export async function waitForArray(
  jobId: string,
  taskIndices: number[],
  logDirectory: string,
  options: WaitOptions = {},
): Promise<TaskState[]> {
  const started = Date.now();
  const pollMs = options.pollMs ?? 5000;
  for (;;) {
    const states = arrayStates(jobId, taskIndices, logDirectory);
    options.onPoll?.(states);
    if (allEnded(states)) return states;
    if (options.timeoutMs !== undefined && Date.now() - started > options.timeoutMs) {
      throw new SlurmCommandError(
        `job ${jobId} still has tasks running after ${Math.round(options.timeoutMs / 1000)} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
