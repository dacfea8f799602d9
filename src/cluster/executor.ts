import * as path from 'node:path';
import type { WorkerOptions } from '../pipeline/execute/workerSelection';
import { projectRoot } from '../util/paths';
import { withAbsoluteRunsDirectory, withoutClusterFlags, type ClusterRequest } from './clusterArguments';
import { runLocalWorkers } from './localWorkers';
import { shellQuote } from './sbatchScript';
import { plannedRunsFile, resubmitFailedTasks, submitStudyArray } from './slurmExecutor';

/** What a CLI hands {@link runExecutor}. */
export interface ExecutorContext {
  cluster: ClusterRequest;
  /** The compiled CLI script (its `__filename`): what every worker runs. */
  script: string;
  /** The CLI's arguments as given. */
  argv: string[];
  /** The runs folder the command uses (its --runs-dir, or the default). */
  runsDirectory: string;
  /** `pipeline` or `study`: the npm script named in the commands printed for later. */
  npmScript: string;
  log?: (line: string) => void;
}

/**
 * Starts the workers a command line asks for: N local worker processes (`--workers N`), or a
 * Slurm job array (`--executor slurm`, or `--resubmit`). Gives true when the workers have all
 * finished and the caller should go on with its ordinary run, which reuses every run and
 * prints the tables; false when there is nothing more to do here (an array submitted without
 * --wait). For a single process or one worker (`--shard`, `--dynamic`) it does nothing and gives true.
 */
export async function runExecutor(context: ExecutorContext): Promise<boolean> {
  const { cluster } = context;
  const log = context.log ?? ((line: string) => console.log(line));
  if (cluster.kind === 'single' || cluster.kind === 'worker') return true;
  const workerArgv = withAbsoluteRunsDirectory(withoutClusterFlags(context.argv), context.runsDirectory);
  if (cluster.kind === 'local') {
    await runLocalWorkers({
      workers: cluster.workers,
      dynamic: cluster.dynamic,
      script: context.script,
      argv: workerArgv,
    });
    log(`all ${cluster.workers} workers finished; collecting the tables from the runs folder`);
    return true;
  }
  const options = {
    slurm: cluster.slurm,
    runsDirectory: context.runsDirectory,
    workDirectory: projectRoot,
    command: [process.execPath, path.resolve(context.script), ...workerArgv],
    collectCommand: `npm run ${context.npmScript} -- ${withAbsoluteRunsDirectory(withoutClusterFlags(context.argv, true), context.runsDirectory).map(shellQuote).join(' ')}`,
    jobName: `hkd-${context.npmScript}`,
    log,
  };
  const ended =
    cluster.slurm.resubmit !== undefined ? await resubmitFailedTasks(options) : await submitStudyArray(options);
  if (ended) log('every task finished; collecting the tables from the runs folder');
  return ended;
}

/**
 * The worker options of this process: a static-shard task of a Slurm array also records the runs
 * it planned beside its log (HKD_WORKER_LOG_DIR), so that `--wait` can count them.
 */
export function workerOptionsOf(cluster: ClusterRequest): WorkerOptions | undefined {
  if (cluster.kind !== 'worker') return undefined;
  const logDirectory = process.env.HKD_WORKER_LOG_DIR;
  const { mode } = cluster.worker;
  if (!logDirectory || mode.kind !== 'shard') return cluster.worker;
  return { ...cluster.worker, plannedFile: plannedRunsFile(logDirectory, mode.index) };
}
