import { spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as readline from 'node:readline';

/** Options of {@link runLocalWorkers}. */
export interface LocalWorkersOptions {
  /** How many worker processes. */
  workers: number;
  /** Dynamic workers (`--dynamic`) instead of static shards (`--shard i/N`). */
  dynamic: boolean;
  /** The CLI script every worker runs (node <script>). */
  script: string;
  /** The worker's arguments, without its mode (added per worker). */
  argv: string[];
  /** Where each prefixed worker line goes (default stdout). */
  write?: (line: string) => void;
  /** Cores to share (default os.availableParallelism()). */
  cores?: number;
}

/** Threads of one worker: an equal share of the cores, at least 1. */
export function threadsPerWorker(cores: number, workers: number): number {
  return Math.max(1, Math.floor(cores / workers));
}

/**
 * Starts N worker processes of the same CLI on this machine (each `--shard i/N`, or
 * `--dynamic`), with TF_NUM_INTRAOP_THREADS and OMP_NUM_THREADS set to cores / N; streams their
 * output lines prefixed `[w1]`, `[w2]`, ...; waits for all. Ctrl-C (SIGINT) or SIGTERM is passed
 * on to every worker (each releases its claims), then this process ends. Throws when a worker fails,
 * naming it and its exit code.
 */
export async function runLocalWorkers(options: LocalWorkersOptions): Promise<void> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const threads = String(threadsPerWorker(options.cores ?? os.availableParallelism(), options.workers));
  write(
    `starting ${options.workers} ${options.dynamic ? 'dynamic workers' : 'workers (static shards)'}, ${threads} thread(s) each`,
  );
  const children: ChildProcess[] = [];
  const exits: Array<Promise<{ code: number | null; signal: NodeJS.Signals | null }>> = [];
  for (let index = 0; index < options.workers; index++) {
    const mode = options.dynamic ? ['--dynamic'] : ['--shard', `${index}/${options.workers}`];
    const child = spawn(process.execPath, [options.script, ...options.argv, ...mode], {
      env: { ...process.env, TF_NUM_INTRAOP_THREADS: threads, OMP_NUM_THREADS: threads },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `[w${index + 1}]`;
    for (const stream of [child.stdout!, child.stderr!])
      readline.createInterface({ input: stream }).on('line', (line) => write(`${prefix} ${line}`));
    children.push(child);
    exits.push(new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal }))));
  }
  let interrupted: NodeJS.Signals | undefined;
  const forward = (signal: NodeJS.Signals) => {
    interrupted = signal;
    write(`${signal}: stopping ${children.length} workers`);
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    const results = await Promise.all(exits);
    if (interrupted)
      throw new Error(`stopped by ${interrupted}; finished runs are kept and reused by the next command`);
    const failed = results.map((result, index) => ({ ...result, index })).filter((result) => result.code !== 0);
    if (failed.length > 0) {
      throw new Error(
        `${failed.map((result) => `worker w${result.index + 1} ${result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`}`).join('; ')}; rerun the same command: finished runs are reused`,
      );
    }
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}
