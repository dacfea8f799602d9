import * as path from 'node:path';
import { parseShard, type WorkerOptions } from '../pipeline/execute/workerSelection';
import { validateSlurmOptions } from './sbatchScript';

/**
 * The command-line options that spread one study or pipeline over several worker processes,
 * shared by `npm run pipeline` and `npm run study`:
 *
 *   --shard i/n | --dynamic        this process is ONE worker (static shard i of n, or dynamic)
 *   --workers N [--static]         start N local workers (dynamic; --static: shards), then print the tables
 *   --executor slurm --tasks N     submit an N-task Slurm job array (one dynamic worker per task; --static: shards)
 *     [--partition P --time HH:MM:SS --cpus-per-task C --gres gpu:1 --sbatch-arg --x=y ...]
 *     [--wait] [--resubmit <jobid>]
 *   --executor kubernetes --tasks N --image I --volume-claim PVC [--mount-path P --cpus-per-task C]
 *                                  write a Kubernetes Indexed Job (one worker per pod) to apply with kubectl
 *   --worker-wait <s>              a worker waits this long for a run nobody has claimed
 *   --claim-heartbeat <s>          how often a worker refreshes its claims
 *   --stale-heartbeats <k>         another worker's claim is stale after k missed heartbeats
 */

/** parseArgs option specs of the cluster flags (spread into a CLI's own). */
export const clusterOptionSpecs = {
  shard: { type: 'string' },
  dynamic: { type: 'boolean' },
  static: { type: 'boolean' },
  workers: { type: 'string' },
  executor: { type: 'string' },
  tasks: { type: 'string' },
  partition: { type: 'string' },
  time: { type: 'string' },
  'cpus-per-task': { type: 'string' },
  gres: { type: 'string' },
  'sbatch-arg': { type: 'string', multiple: true },
  image: { type: 'string' },
  'volume-claim': { type: 'string' },
  'mount-path': { type: 'string' },
  wait: { type: 'boolean' },
  resubmit: { type: 'string' },
  'worker-wait': { type: 'string' },
  'claim-heartbeat': { type: 'string' },
  'stale-heartbeats': { type: 'string' },
} as const;

/** Usage lines of the cluster flags (appended to a CLI's usage). */
export const clusterUsage = `Several workers over one runs folder (see README "On a cluster"):
  --workers <n> [--static]       start n worker processes here, then print the tables; each takes the next group
                                 nobody holds (dynamic, the default: it finishes first), or with --static trains
                                 its shard (--shard i/n: the groups whose first run id hashes to i)
  --executor slurm --tasks <n>   submit an n-task Slurm job array (dynamic tasks; --static: one shard per task);
                                 [--partition P] [--time HH:MM:SS] [--cpus-per-task C]
                                 [--gres gpu:1] [--sbatch-arg --name=value ...]; --wait follows it and prints the tables;
                                 --resubmit <jobid> resubmits its failed or cancelled tasks (finished runs are reused)
  --executor kubernetes --tasks <n> --image <image> --volume-claim <pvc> [--mount-path <folder>] [--cpus-per-task C]
                                 write a Kubernetes Indexed Job of n pods (the project and runs folder on the
                                 claim, mounted at --mount-path, default the project's parent) and print kubectl
  --shard i/n | --dynamic        run as ONE worker (what the above start): train this worker's runs, print no tables
  --worker-wait <s>              how long a worker waits for a run of another worker that nobody claimed (default 1800)
  --claim-heartbeat <s>          how often a worker refreshes its claims (default 30); --stale-heartbeats <k> (default 10)
`;

/** The cluster flags' values as parseArgs gives them. */
export type ClusterValues = {
  [name in keyof typeof clusterOptionSpecs]?: name extends 'sbatch-arg'
    ? string[]
    : name extends 'dynamic' | 'static' | 'wait'
      ? boolean
      : string;
};

/** The Slurm executor's settings. */
export interface SlurmRequest {
  tasks: number;
  partition?: string;
  time?: string;
  cpusPerTask?: number;
  gres?: string;
  sbatchArguments: string[];
  wait: boolean;
  resubmit?: string;
  /** Each task a dynamic worker (default) or static shard i of the array's n (--static). */
  dynamic: boolean;
}

/** The Kubernetes executor's settings (see src/cluster/kubernetesJob.ts). */
export interface KubernetesRequest {
  tasks: number;
  image: string;
  volumeClaim: string;
  /** Default: the project's parent folder. */
  mountPath?: string;
  cpusPerTask?: number;
}

/** What the cluster flags ask for: run as one worker, start local workers, submit to Slurm, or nothing. */
export type ClusterRequest =
  | { kind: 'single' }
  | { kind: 'worker'; worker: WorkerOptions }
  | { kind: 'local'; workers: number; dynamic: boolean; worker: Omit<WorkerOptions, 'mode'> }
  | { kind: 'slurm'; slurm: SlurmRequest; worker: Omit<WorkerOptions, 'mode'> }
  | { kind: 'kubernetes'; kubernetes: KubernetesRequest; worker: Omit<WorkerOptions, 'mode'> };

function wholeNumber(text: string, option: string, minimum: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(value) || value < minimum)
    throw new Error(`${option}: expected a whole number >= ${minimum}, got "${text}"`);
  return value;
}

function seconds(text: string, option: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new Error(`${option}: expected a number of seconds > 0, got "${text}"`);
  return value;
}

/** Parses and validates the cluster flags; one Error lists every problem. */
export function parseClusterArguments(values: ClusterValues): ClusterRequest {
  const problems: string[] = [];
  const attempt = <T>(step: () => T): T | undefined => {
    try {
      return step();
    } catch (error) {
      problems.push((error as Error).message);
      return undefined;
    }
  };
  const timing: Omit<WorkerOptions, 'mode'> = {};
  if (values['worker-wait'] !== undefined)
    timing.unclaimedTimeoutMs = attempt(() => seconds(values['worker-wait']!, '--worker-wait') * 1000);
  if (values['claim-heartbeat'] !== undefined)
    timing.heartbeatMs = attempt(() => seconds(values['claim-heartbeat']!, '--claim-heartbeat') * 1000);
  if (values['stale-heartbeats'] !== undefined)
    timing.staleHeartbeats = attempt(() => wholeNumber(values['stale-heartbeats']!, '--stale-heartbeats', 2));
  const modes = [
    values.shard !== undefined && '--shard',
    values.workers !== undefined && '--workers',
    values.executor !== undefined && '--executor',
    values.resubmit !== undefined && !values.executor && '--resubmit',
  ].filter(Boolean);
  if (modes.length > 1) problems.push(`${modes.join(' and ')} cannot be combined: choose one way to run the workers`);
  if (values.shard !== undefined && values.dynamic)
    problems.push('--shard and --dynamic cannot be combined: a worker is either a static shard or dynamic');
  if (values.static && values.dynamic)
    problems.push('--static and --dynamic cannot be combined: workers are either static shards or dynamic');
  if (values.static && values.workers === undefined && values.executor !== 'slurm' && values.executor !== 'kubernetes')
    problems.push(
      '--static: only with --workers <n> or --executor slurm (one worker by hand is static with --shard i/n)',
    );
  const slurmOnly = (
    ['tasks', 'partition', 'time', 'cpus-per-task', 'gres', 'sbatch-arg', 'wait', 'resubmit'] as const
  ).filter((name) => values[name] !== undefined && values[name] !== false);
  const kubernetesOnly = (['image', 'volume-claim', 'mount-path'] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (values.executor === undefined && slurmOnly.length > 0)
    problems.push(`${slurmOnly.map((name) => `--${name}`).join(', ')}: only with --executor slurm`);
  if (values.executor !== 'kubernetes' && kubernetesOnly.length > 0)
    problems.push(`${kubernetesOnly.map((name) => `--${name}`).join(', ')}: only with --executor kubernetes`);

  let request: ClusterRequest = { kind: 'single' };
  if (values.shard !== undefined) {
    const mode = attempt(() => parseShard(values.shard!));
    if (mode) request = { kind: 'worker', worker: { ...timing, mode } };
  } else if (values.dynamic && values.workers === undefined && values.executor === undefined) {
    request = { kind: 'worker', worker: { ...timing, mode: { kind: 'dynamic' } } };
  } else if (values.workers !== undefined) {
    const workers = attempt(() => wholeNumber(values.workers!, '--workers', 1));
    // Dynamic by default: on the study's plans it finishes first (see src/study/scheduleModes.ts).
    if (workers) request = { kind: 'local', workers, dynamic: !values.static, worker: timing };
  } else if (values.executor === 'kubernetes') {
    const notHere = slurmOnly.filter((name) => name !== 'tasks' && name !== 'cpus-per-task');
    if (notHere.length > 0)
      problems.push(`${notHere.map((name) => `--${name}`).join(', ')}: only with --executor slurm`);
    if (values.dynamic) problems.push('--dynamic: the Kubernetes executor gives each pod a static shard');
    for (const name of ['tasks', 'image', 'volume-claim'] as const)
      if (values[name] === undefined) problems.push(`--executor kubernetes: --${name} is required`);
    const kubernetes: KubernetesRequest = {
      tasks: values.tasks !== undefined ? (attempt(() => wholeNumber(values.tasks!, '--tasks', 1)) ?? 1) : 1,
      image: values.image ?? '',
      volumeClaim: values['volume-claim'] ?? '',
      mountPath: values['mount-path'],
      cpusPerTask:
        values['cpus-per-task'] !== undefined
          ? attempt(() => wholeNumber(values['cpus-per-task']!, '--cpus-per-task', 1))
          : undefined,
    };
    request = { kind: 'kubernetes', kubernetes, worker: timing };
  } else if (values.executor !== undefined) {
    if (values.executor !== 'slurm')
      problems.push(`--executor: expected slurm or kubernetes, got "${values.executor}"`);
    if (values.tasks === undefined && values.resubmit === undefined)
      problems.push('--executor slurm: --tasks <n> is required (the number of array tasks)');
    const slurm: SlurmRequest = {
      tasks: values.tasks !== undefined ? (attempt(() => wholeNumber(values.tasks!, '--tasks', 1)) ?? 1) : 1,
      partition: values.partition,
      time: values.time,
      cpusPerTask:
        values['cpus-per-task'] !== undefined
          ? attempt(() => wholeNumber(values['cpus-per-task']!, '--cpus-per-task', 1))
          : undefined,
      gres: values.gres,
      sbatchArguments: values['sbatch-arg'] ?? [],
      wait: values.wait ?? false,
      resubmit: values.resubmit,
      dynamic: !values.static,
    };
    if (slurm.resubmit !== undefined && !/^\d+$/.test(slurm.resubmit))
      problems.push(`--resubmit: expected a Slurm job id (digits), got "${slurm.resubmit}"`);
    attempt(() =>
      validateSlurmOptions({
        ...slurm,
        jobName: 'hkd',
        workDirectory: '.',
        logDirectory: '.',
        command: ['node'],
        sbatchArguments: slurm.sbatchArguments,
      }),
    );
    request = { kind: 'slurm', slurm, worker: timing };
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return request;
}

/** Options that take a value (both `--name value` and `--name=value` forms are removed with it). */
const valuedFlags = new Set([
  'shard',
  'workers',
  'executor',
  'tasks',
  'partition',
  'time',
  'cpus-per-task',
  'gres',
  'sbatch-arg',
  'resubmit',
  'image',
  'volume-claim',
  'mount-path',
]);
const flags = new Set(['dynamic', 'static', 'wait']);

const timingFlags = ['worker-wait', 'claim-heartbeat', 'stale-heartbeats'];

/**
 * The command line without the flags that start workers (--workers, --executor and the Slurm
 * options, --shard, --dynamic, --static): what each worker runs (plus its own mode), and with
 * `withoutTiming` also without the workers' timing flags: what collects the results.
 */
export function withoutClusterFlags(argv: string[], withoutTiming = false): string[] {
  const valued = withoutTiming ? new Set([...valuedFlags, ...timingFlags]) : valuedFlags;
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const name = argument.startsWith('--') ? argument.slice(2).split('=')[0] : '';
    if (flags.has(name)) continue;
    if (valued.has(name)) {
      if (!argument.includes('=')) index++;
      continue;
    }
    kept.push(argument);
  }
  return kept;
}

/** `argv` with `--runs-dir` made absolute (or added: `runsDirectory`), so workers on any node and cwd share it. */
export function withAbsoluteRunsDirectory(argv: string[], runsDirectory: string): string[] {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--runs-dir') index++;
    else if (!argv[index].startsWith('--runs-dir=')) kept.push(argv[index]);
  }
  return [...kept, '--runs-dir', path.resolve(runsDirectory)];
}
