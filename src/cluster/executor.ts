import * as path from 'node:path';
import type { WorkerOptions } from '../pipeline/execute/workerSelection';
import { writeJsonAtomic } from '../util/atomicFile';
import { projectRoot } from '../util/paths';
import {
  withAbsoluteRunsDirectory,
  withoutClusterFlags,
  type ClusterRequest,
  type KubernetesRequest,
} from './clusterArguments';
import { kubernetesIndexedJob } from './kubernetesJob';
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
  const collectCommand = `npm run ${context.npmScript} -- ${withAbsoluteRunsDirectory(withoutClusterFlags(context.argv, true), context.runsDirectory).map(shellQuote).join(' ')}`;
  if (cluster.kind === 'kubernetes') {
    await writeKubernetesJob({ ...cluster.kubernetes, context, workerArgv, collectCommand, log });
    return false;
  }
  const options = {
    slurm: cluster.slurm,
    runsDirectory: context.runsDirectory,
    workDirectory: projectRoot,
    command: [process.execPath, path.resolve(context.script), ...workerArgv],
    collectCommand,
    jobName: `hkd-${context.npmScript}`,
    log,
  };
  const ended =
    cluster.slurm.resubmit !== undefined ? await resubmitFailedTasks(options) : await submitStudyArray(options);
  if (ended) log('every task finished; collecting the tables from the runs folder');
  return ended;
}

/**
 * Writes the Kubernetes Indexed Job of `--executor kubernetes` into
 * `<runs>/kubernetes/<time>/indexed-job.json` and prints how to start and follow it and how to
 * collect the tables; applying it is left to the user's kubectl (and cluster credentials).
 */
async function writeKubernetesJob(
  request: KubernetesRequest & {
    context: ExecutorContext;
    workerArgv: string[];
    collectCommand: string;
    log: (line: string) => void;
  },
): Promise<void> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').toLowerCase();
  const name = `hkd-${request.context.npmScript}-${stamp.replace('t', '-')}`;
  const mountPath = request.mountPath ?? path.dirname(projectRoot);
  const shared = (folder: string) => `${path.resolve(folder)}/`.startsWith(`${mountPath.replace(/\/$/, '')}/`);
  if (!shared(request.context.runsDirectory))
    throw new Error(
      `--executor kubernetes: the runs folder ${path.resolve(request.context.runsDirectory)} is not under --mount-path ${mountPath}: the pods would not see it`,
    );
  // The data folders, when set, must be on the shared volume too; the pods get the same paths.
  const environment: Record<string, string> = {};
  for (const variable of ['HKD_DATA_DIR', 'HKD_DATA_MIRROR']) {
    const value = process.env[variable];
    if (value === undefined) continue;
    if (!shared(value))
      throw new Error(
        `--executor kubernetes: ${variable}=${value} is not under --mount-path ${mountPath}: the pods would not see it`,
      );
    environment[variable] = path.resolve(value);
  }
  const manifest = kubernetesIndexedJob({
    tasks: request.tasks,
    name,
    image: request.image,
    volumeClaim: request.volumeClaim,
    mountPath,
    workDirectory: projectRoot,
    command: ['node', path.relative(projectRoot, path.resolve(request.context.script)), ...request.workerArgv],
    cpusPerTask: request.cpusPerTask,
    environment,
  });
  const file = path.join(request.context.runsDirectory, 'kubernetes', stamp, 'indexed-job.json');
  await writeJsonAtomic(file, manifest);
  request.log(`wrote a Kubernetes Indexed Job of ${request.tasks} pods: ${file}`);
  request.log(`start it: kubectl apply -f ${shellQuote(file)}`);
  request.log(`follow it: kubectl get pods -l job=${name}   (logs: kubectl logs -l job=${name} --prefix)`);
  request.log(`tables, when done: ${request.collectCommand}`);
}

/**
 * The worker options of this process: a task of a Slurm array also records the runs it planned
 * (a static shard) or claimed (a dynamic task, group by group) beside its log
 * (HKD_WORKER_LOG_DIR), so that `--wait` can count them.
 */
export function workerOptionsOf(cluster: ClusterRequest): WorkerOptions | undefined {
  if (cluster.kind !== 'worker') return undefined;
  const logDirectory = process.env.HKD_WORKER_LOG_DIR;
  const { mode } = cluster.worker;
  const task = mode.kind === 'shard' ? mode.index : Number(process.env.SLURM_ARRAY_TASK_ID);
  if (!logDirectory || !Number.isInteger(task)) return cluster.worker;
  return { ...cluster.worker, plannedFile: plannedRunsFile(logDirectory, task) };
}
