import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SlurmRequest } from './clusterArguments';
import { arraySpecification, sbatchScript, shellQuote, taskStatusFile } from './sbatchScript';
import { arrayStates, submitScript, waitForArray, type TaskState } from './slurmClient';

/** What `<runs>/slurm/<timestamp>/job.json` records: the script and every submission of it. */
export interface SlurmJobRecord {
  script: string;
  logDirectory: string;
  tasks: number;
  /** The command that collects the tables once the array ended. */
  collectCommand: string;
  submissions: Array<{ jobId: string; taskIndices: number[]; submittedAt: string }>;
}

/** Options of {@link submitStudyArray} and {@link resubmitFailedTasks}. */
export interface SlurmExecutorOptions {
  slurm: SlurmRequest;
  /** The runs folder (shared by every node); the script goes to `<runs>/slurm/<timestamp>/`. */
  runsDirectory: string;
  /** The project folder every task starts in. */
  workDirectory: string;
  /** The worker command without its shard (`node dist/.../cli.js ...`). */
  command: string[];
  /** The npm command that prints the tables later (shown to the user). */
  collectCommand: string;
  jobName: string;
  log: (line: string) => void;
  /** How often --wait looks at the queue (default 5000 ms). */
  pollMs?: number;
}

/** The environment every task gets: the data and runs folders and backend of this shell, and where it records its planned runs. */
function taskEnvironment(logDirectory: string): Record<string, string> {
  const environment: Record<string, string> = { HKD_WORKER_LOG_DIR: logDirectory };
  for (const name of ['HKD_DATA_DIR', 'HKD_DATA_MIRROR', 'HKD_RUNS_DIR', 'HKD_BACKEND']) {
    const value = process.env[name];
    if (value) environment[name] = name === 'HKD_BACKEND' ? value : path.resolve(value);
  }
  return environment;
}

/** The planned-runs file of one task (its worker appends each plan's selected run ids). */
export function plannedRunsFile(logDirectory: string, index: number): string {
  return path.join(logDirectory, `task-${index}.planned`);
}

/**
 * Runs finished of those a task planned (a static shard: all its runs at its start; a dynamic
 * task: the groups it has claimed so far), counting finished run folders (`<run>/summary.json`);
 * undefined before it planned.
 */
export function taskProgress(logDirectory: string, index: number): { finished: number; planned: number } | undefined {
  const file = plannedRunsFile(logDirectory, index);
  if (!existsSync(file)) return undefined;
  const runs = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as { experimentDirectory: string; runIds: string[] };
    for (const runId of entry.runIds) runs.add(path.join(entry.experimentDirectory, runId));
  }
  const finished = [...runs].filter((folder) => existsSync(path.join(folder, 'summary.json'))).length;
  return { finished, planned: runs.size };
}

/** "task 0 RUNNING 3/7 runs, task 1 PENDING". */
export function describeProgress(states: TaskState[], logDirectory: string): string {
  return states
    .map((task) => {
      const progress = taskProgress(logDirectory, task.index);
      return `task ${task.index} ${task.state}${progress ? ` ${progress.finished}/${progress.planned} runs` : ''}`;
    })
    .join(', ');
}

async function readJob(file: string): Promise<SlurmJobRecord> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as SlurmJobRecord;
}

async function writeJob(file: string, job: SlurmJobRecord): Promise<void> {
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(job, null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file);
}

/** Follows an array until it ends, printing progress when it changes; throws when a task did not finish cleanly. */
async function follow(
  jobId: string,
  taskIndices: number[],
  options: SlurmExecutorOptions,
  job: SlurmJobRecord,
): Promise<void> {
  let last = '';
  const states = await waitForArray(jobId, taskIndices, job.logDirectory, {
    pollMs: options.pollMs ?? 5000,
    onPoll: (now) => {
      const line = describeProgress(now, job.logDirectory);
      if (line !== last) options.log(`job ${jobId}: ${line}`);
      last = line;
    },
  });
  const failed = states.filter((task) => task.exitCode !== 0);
  if (failed.length > 0) {
    throw new Error(
      `job ${jobId}: ${failed.map((task) => `task ${task.index} ${task.state}${task.exitCode !== undefined ? ` (exit ${task.exitCode})` : ''}, log ${path.join(job.logDirectory, `task-${task.index}.log`)}`).join('; ')}. ` +
        `Resubmit the failed tasks (their finished runs are reused): add --resubmit ${jobId} to the same --executor slurm command`,
    );
  }
}

function printFollowUp(jobId: string, job: SlurmJobRecord, options: SlurmExecutorOptions): void {
  options.log(
    `submitted job ${jobId} (${job.tasks}-task array; script ${job.script}; logs ${job.logDirectory}/task-<i>.log)`,
  );
  options.log(`  follow it:        squeue -j ${jobId}   (or add --wait)`);
  options.log(`  tables, when done: ${job.collectCommand}`);
  options.log(`  failed tasks:     add --resubmit ${jobId} to this --executor slurm command`);
}

/**
 * Writes the job-array script into `<runs>/slurm/<timestamp>/array.sbatch` (a dynamic worker per
 * task, or one static shard per task with --static; readable and re-submittable by hand), submits it (`sbatch --parsable`) and records it in
 * job.json. With `slurm.wait`, follows the array (runs finished of planned, per task) and returns
 * true once every task ended cleanly (the caller then prints the tables); without, prints the job
 * id and the commands that follow and collect it, and returns false.
 */
export async function submitStudyArray(options: SlurmExecutorOptions): Promise<boolean> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logDirectory = path.join(path.resolve(options.runsDirectory), 'slurm', stamp);
  await fs.mkdir(logDirectory, { recursive: true });
  const script = path.join(logDirectory, 'array.sbatch');
  const { slurm } = options;
  const text = sbatchScript({
    tasks: slurm.tasks,
    jobName: options.jobName,
    workDirectory: options.workDirectory,
    logDirectory,
    command: options.command,
    partition: slurm.partition,
    time: slurm.time,
    cpusPerTask: slurm.cpusPerTask,
    gres: slurm.gres,
    sbatchArguments: slurm.sbatchArguments,
    environment: taskEnvironment(logDirectory),
    dynamic: slurm.dynamic,
  });
  await fs.writeFile(script, text);
  const jobId = submitScript(script);
  const taskIndices = Array.from({ length: slurm.tasks }, (_, index) => index);
  const job: SlurmJobRecord = {
    script,
    logDirectory,
    tasks: slurm.tasks,
    collectCommand: options.collectCommand,
    submissions: [{ jobId, taskIndices, submittedAt: new Date().toISOString() }],
  };
  await writeJob(path.join(logDirectory, 'job.json'), job);
  printFollowUp(jobId, job, options);
  if (!slurm.wait) return false;
  await follow(jobId, taskIndices, options, job);
  return true;
}

/** The job.json under `<runs>/slurm/` that recorded a submission with this job id. */
async function findJob(runsDirectory: string, jobId: string): Promise<string> {
  const root = path.join(path.resolve(runsDirectory), 'slurm');
  const folders = await fs.readdir(root).catch(() => [] as string[]);
  for (const folder of folders.sort().reverse()) {
    const file = path.join(root, folder, 'job.json');
    if (existsSync(file) && (await readJob(file)).submissions.some((submission) => submission.jobId === jobId))
      return file;
  }
  throw new Error(
    `--resubmit ${jobId}: no job.json under ${root} records job ${jobId} (was it submitted with this --runs-dir?)`,
  );
}

/**
 * Resubmits the tasks of job `slurm.resubmit` that failed or were cancelled (the same script,
 * `--array` narrowed to them; their finished runs are reused; static shards stay the same, dynamic
 * tasks take what is left).
 * Follows them with `slurm.wait`, as {@link submitStudyArray}.
 */
export async function resubmitFailedTasks(options: SlurmExecutorOptions): Promise<boolean> {
  const jobId = options.slurm.resubmit!;
  const file = await findJob(options.runsDirectory, jobId);
  const job = await readJob(file);
  const submission = job.submissions.find((entry) => entry.jobId === jobId)!;
  const states = arrayStates(jobId, submission.taskIndices, job.logDirectory);
  const running = states.filter((task) => task.exitCode === undefined && task.state !== 'ENDED-WITHOUT-STATUS');
  if (running.length > 0)
    throw new Error(
      `--resubmit ${jobId}: tasks ${running.map((task) => `${task.index} (${task.state})`).join(', ')} have not ended yet; wait, or scancel ${jobId} first`,
    );
  const failed = states.filter((task) => task.exitCode !== 0).map((task) => task.index);
  if (failed.length === 0) {
    options.log(`job ${jobId}: every task finished; nothing to resubmit`);
    return options.slurm.wait;
  }
  // Old status files would read as "ended" before the new tasks start.
  for (const index of failed) await fs.rm(taskStatusFile(job.logDirectory, index), { force: true });
  const newJobId = submitScript(job.script, [`--array=${arraySpecification(failed)}`]);
  job.submissions.push({ jobId: newJobId, taskIndices: failed, submittedAt: new Date().toISOString() });
  await writeJob(file, job);
  options.log(
    `resubmitted tasks ${arraySpecification(failed)} of job ${jobId} as job ${newJobId}: sbatch --array=${arraySpecification(failed)} ${shellQuote(job.script)}`,
  );
  printFollowUp(newJobId, job, options);
  if (!options.slurm.wait) return false;
  await follow(newJobId, failed, options, job);
  return true;
}
