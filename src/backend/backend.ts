import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';

/** The backends this project can run on, fastest first. */
export const backendNames = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];

/** What ran: recorded in every run and printed by every command. */
export interface BackendInfo {
  /** Our name for it (tensorflow-gpu, tensorflow, wasm, cpu). */
  name: BackendName;
  /** tfjs's own backend name (`tensorflow` for both native flavours). */
  tfjsBackend: string;
  /** One line for people, e.g. "native TensorFlow (CPU) via @tensorflow/tfjs-node 4.22.0". */
  description: string;
  /** Why faster backends were skipped, in order. */
  skipped: string[];
  tfjsVersion: string;
  /**
   * Threads one native op may use: TensorFlow's intra-op pool, TF_NUM_INTRAOP_THREADS when set
   * (local workers and cluster tasks set it), else every core (TensorFlow's default); absent
   * for wasm and cpu. The cost model reads it to compare runs trained on different thread counts.
   */
  threads?: number;
}

/** The intra-op threads native TensorFlow uses in this process (see BackendInfo.threads). */
export function nativeThreads(): number {
  const configured = Number(process.env.TF_NUM_INTRAOP_THREADS);
  return Number.isInteger(configured) && configured > 0 ? configured : os.availableParallelism();
}

let active: BackendInfo | undefined;

/** Environment variable that forces one backend: tensorflow-gpu | tensorflow | wasm | cpu. */
export const backendEnvironmentVariable = 'HKD_BACKEND';

function parseBackendName(value: string, source: string): BackendName {
  if ((backendNames as readonly string[]).includes(value)) return value as BackendName;
  // Accept the friendlier aliases people type.
  const aliases: Record<string, BackendName> = {
    native: 'tensorflow',
    node: 'tensorflow',
    gpu: 'tensorflow-gpu',
    js: 'cpu',
  };
  if (aliases[value]) return aliases[value];
  throw new Error(
    `${source}: unknown backend "${value}"; expected one of ${backendNames.join(', ')} (or native, gpu, js)`,
  );
}

function hasNvidiaGpu(): boolean {
  // libcuda needs a driver; /proc/driver/nvidia exists only where one is loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:fs').existsSync('/proc/driver/nvidia/version');
}

async function tryBackend(
  name: BackendName,
): Promise<{ ok: true; description: string } | { ok: false; reason: string }> {
  try {
    switch (name) {
      case 'tensorflow-gpu': {
        if (!hasNvidiaGpu()) return { ok: false, reason: 'tensorflow-gpu: no NVIDIA driver on this machine' };
        quietNativeLogs();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('@tensorflow/tfjs-node-gpu');
        await tf.setBackend('tensorflow');
        return {
          ok: true,
          description: `native TensorFlow (GPU) via @tensorflow/tfjs-node-gpu ${packageVersion('@tensorflow/tfjs-node-gpu')}`,
        };
      }
      case 'tensorflow': {
        quietNativeLogs();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('@tensorflow/tfjs-node');
        await tf.setBackend('tensorflow');
        return {
          ok: true,
          description: `native TensorFlow (CPU) via @tensorflow/tfjs-node ${packageVersion('@tensorflow/tfjs-node')}`,
        };
      }
      case 'wasm': {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('@tensorflow/tfjs-backend-wasm');
        if (!(await tf.setBackend('wasm'))) return { ok: false, reason: 'wasm: backend failed to initialise' };
        return {
          ok: true,
          description: `WebAssembly via @tensorflow/tfjs-backend-wasm ${packageVersion('@tensorflow/tfjs-backend-wasm')}`,
        };
      }
      case 'cpu': {
        await tf.setBackend('cpu');
        return { ok: true, description: 'pure JavaScript (tfjs cpu backend; slow)' };
      }
    }
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    const hint = name === 'tensorflow' ? ' (run `npm run setup:native` to build it)' : '';
    return { ok: false, reason: `${name}: ${message}${hint}` };
  }
}

/** TensorFlow's C++ start-up chatter (oneDNN, CPU features) hides our progress lines; keep warnings and errors. */
function quietNativeLogs(): void {
  if (process.env.TF_CPP_MIN_LOG_LEVEL === undefined) process.env.TF_CPP_MIN_LOG_LEVEL = '2';
}

function packageVersion(name: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`${name}/package.json`).version as string;
  } catch {
    return '?';
  }
}

/**
 * Picks and activates the TensorFlow.js backend, once per process.
 * Policy: `HKD_BACKEND` (or `forced`) names one and only that one is tried; otherwise
 * tfjs-node-gpu when installed and a GPU is present, else tfjs-node (native CPU),
 * else WebAssembly, else the pure-JS cpu backend. Later calls return the first answer.
 */
export async function initializeBackend(forced?: BackendName | string): Promise<BackendInfo> {
  if (active) {
    const wanted = forced ?? process.env[backendEnvironmentVariable];
    if (wanted && parseBackendName(wanted, 'backend') !== active.name) {
      throw new Error(`backend ${active.name} is already active in this process; cannot switch to ${wanted}`);
    }
    return active;
  }
  const source = forced ? 'initializeBackend()' : backendEnvironmentVariable;
  const requested = forced ?? process.env[backendEnvironmentVariable];
  const candidates: BackendName[] = requested ? [parseBackendName(requested, source)] : [...backendNames];
  const skipped: string[] = [];
  for (const name of candidates) {
    const result = await tryBackend(name);
    if (result.ok) {
      await tf.ready();
      active = {
        name,
        tfjsBackend: tf.getBackend(),
        description: result.description,
        skipped,
        tfjsVersion: tf.version.tfjs,
        ...(name === 'tensorflow' || name === 'tensorflow-gpu' ? { threads: nativeThreads() } : {}),
      };
      return active;
    }
    skipped.push(result.reason);
  }
  throw new Error(`no TensorFlow.js backend could be started: ${skipped.join('; ')}`);
}

/** The active backend, or undefined before {@link initializeBackend}. */
export function activeBackend(): BackendInfo | undefined {
  return active;
}
