import { shellQuote } from './sbatchScript';

/**
 * A Kubernetes Indexed Job that runs the same workers as a Slurm job array: N pods, each the
 * worker command with `--shard $JOB_COMPLETION_INDEX/N` (the index Kubernetes gives each pod of
 * an Indexed Job), over one shared volume that holds the built project and its runs folder at
 * the same path in every pod. Written as JSON (kubectl accepts it as it accepts YAML):
 * `kubectl apply -f indexed-job.json`.
 */
export interface KubernetesJobOptions {
  /** Pods (workers), 1 or more; all run at once unless `parallelism` is lower. */
  tasks: number;
  /** Job name (lower-case letters, digits and '-', at most 63 characters). */
  name: string;
  /** Container image with Node.js 20 (and the native backend's libraries if the project was built with it). */
  image: string;
  /** PersistentVolumeClaim (ReadWriteMany) holding the project and the runs folder. */
  volumeClaim: string;
  /** Where the claim is mounted in each pod: the folder that holds the project as it was built. */
  mountPath: string;
  /** The project folder on that volume (the pods' working directory). */
  workDirectory: string;
  /** The worker command without the shard argument. */
  command: string[];
  /** CPU cores requested per pod; TensorFlow's thread count follows it. */
  cpusPerTask?: number;
  /** Environment variables of every pod. */
  environment?: Record<string, string>;
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Checks every option, naming the one that is wrong and what was expected. */
export function validateKubernetesJobOptions(options: KubernetesJobOptions): void {
  if (!Number.isInteger(options.tasks) || options.tasks < 1)
    throw new Error(`--tasks must be a whole number >= 1 (got ${options.tasks})`);
  if (!dnsLabel.test(options.name) || options.name.length > 63)
    throw new Error(`job name "${options.name}" must be lower-case letters, digits and '-' (at most 63)`);
  if (!/^\S+$/.test(options.image)) throw new Error(`--image "${options.image}" is not an image reference`);
  if (!dnsLabel.test(options.volumeClaim))
    throw new Error(`--volume-claim "${options.volumeClaim}" is not a PersistentVolumeClaim name`);
  if (!options.mountPath.startsWith('/')) throw new Error(`--mount-path "${options.mountPath}" must be absolute`);
  const inside = (folder: string) =>
    folder === options.mountPath || folder.startsWith(`${options.mountPath.replace(/\/$/, '')}/`);
  if (!inside(options.workDirectory))
    throw new Error(
      `the project ${options.workDirectory} is not under --mount-path ${options.mountPath}: pods would not see it`,
    );
  if (options.cpusPerTask !== undefined && (!Number.isInteger(options.cpusPerTask) || options.cpusPerTask < 1))
    throw new Error(`--cpus-per-task must be a whole number >= 1 (got ${options.cpusPerTask})`);
  if (options.command.length === 0) throw new Error('the worker command is empty');
}

/** The Indexed Job manifest (a Kubernetes object, to write as JSON). */
export function kubernetesIndexedJob(options: KubernetesJobOptions): Record<string, unknown> {
  validateKubernetesJobOptions(options);
  const threads = String(options.cpusPerTask ?? 1);
  const environment = { ...options.environment, TF_NUM_INTRAOP_THREADS: threads, OMP_NUM_THREADS: threads };
  const worker = `exec ${options.command.map(shellQuote).join(' ')} --shard "$JOB_COMPLETION_INDEX/${options.tasks}"`;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: options.name, labels: { app: 'hkd' } },
    spec: {
      completionMode: 'Indexed',
      completions: options.tasks,
      parallelism: options.tasks,
      // A failed pod is retried (its finished runs are reused, its claims taken over).
      backoffLimit: 2 * options.tasks,
      template: {
        metadata: { labels: { app: 'hkd', job: options.name } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'worker',
              image: options.image,
              workingDir: options.workDirectory,
              command: ['sh', '-c', worker],
              env: Object.entries(environment).map(([name, value]) => ({ name, value })),
              ...(options.cpusPerTask ? { resources: { requests: { cpu: threads }, limits: { cpu: threads } } } : {}),
              volumeMounts: [{ name: 'shared', mountPath: options.mountPath }],
            },
          ],
          volumes: [{ name: 'shared', persistentVolumeClaim: { claimName: options.volumeClaim } }],
        },
      },
    },
  };
}
