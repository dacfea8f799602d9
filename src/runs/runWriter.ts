import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { activeBackend, BackendInfo } from '../backend/backend';
import type { EpochRecord } from '../training/trainModel';
import { pathExists, readJson, writeJsonAtomic } from '../util/atomicFile';
import { projectRoot } from '../util/paths';
import { saveModelFiles } from './modelFiles';

/** Suffix of a run folder that has not finished (never loaded as a result). */
export const incompleteSuffix = '.incomplete';
export const configFile = 'config.json';
export const metricsFile = 'metrics.jsonl';
export const summaryFile = 'summary.json';

/** Software versions recorded with every run. */
export interface RunVersions {
  node: string;
  tfjs: string;
  /** This project's package.json version. */
  package: string;
}

/** Contents of config.json. */
export interface RunConfigFile {
  id: string;
  startedAt: string;
  seed: number;
  backend: BackendInfo;
  versions: RunVersions;
  /** The resolved, JSON-able configuration of the run. */
  config: unknown;
}

/** Contents of summary.json. */
export interface RunSummaryFile {
  finishedAt: string;
  summary: unknown;
}

/** Node, tfjs and package versions of this process. */
export function collectVersions(): RunVersions {
  let packageVersion = '?';
  try {
    packageVersion = JSON.parse(require('node:fs').readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version;
  } catch {
    // keep '?'
  }
  return { node: process.version, tfjs: tf.version.tfjs, package: packageVersion };
}

/** Options of {@link startRun}. */
export interface StartRunOptions {
  runsDirectory: string;
  /** Folder name; default `<UTC time>-seed<seed>-<4 random hex>`. Letters, digits, `.`, `_`, `-`. */
  runId?: string;
  config: unknown;
  seed: number;
  /** Default: the active backend (initializeBackend must have run). */
  backend?: BackendInfo;
  versions?: RunVersions;
}

const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Checks a run id, so that it is a plain folder name. */
export function validateRunId(runId: string): void {
  if (!runIdPattern.test(runId) || runId.endsWith(incompleteSuffix)) {
    throw new Error(`run id "${runId}" must be letters, digits, '.', '_' or '-' (not starting with one of the last three) and must not end with ${incompleteSuffix}`);
  }
}

function defaultRunId(seed: number): string {
  const time = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${time}-seed${seed}-${Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0')}`;
}

/**
 * Writes one run's record. The run lives in `<runs>/<id>.incomplete/` until
 * {@link RunWriter.finish} renames it to `<runs>/<id>/` (an atomic rename), so an
 * interrupted run is never mistaken for a finished one.
 */
export class RunWriter {
  private finished = false;

  private constructor(
    readonly id: string,
    readonly runsDirectory: string,
  ) {}

  /** The folder now being written (`<id>.incomplete`). */
  get directory(): string {
    return path.join(this.runsDirectory, this.id + incompleteSuffix);
  }

  /** The folder the run will have once finished. */
  get finishedDirectory(): string {
    return path.join(this.runsDirectory, this.id);
  }

  /**
   * Creates `<runs>/<id>.incomplete/config.json` at once. An incomplete folder with the
   * same id (an interrupted earlier attempt) is replaced; a finished one is an error.
   */
  static async start(options: StartRunOptions): Promise<RunWriter> {
    const runId = options.runId ?? defaultRunId(options.seed);
    validateRunId(runId);
    const backend = options.backend ?? activeBackend();
    if (!backend) throw new Error('startRun: no backend given and none active; call initializeBackend() first');
    const runsDirectory = path.resolve(options.runsDirectory);
    const writer = new RunWriter(runId, runsDirectory);
    if (await pathExists(writer.finishedDirectory)) {
      throw new Error(`run "${runId}" already finished in ${writer.finishedDirectory}; choose another id or delete that folder`);
    }
    await fs.rm(writer.directory, { recursive: true, force: true });
    await fs.mkdir(writer.directory, { recursive: true });
    const contents: RunConfigFile = {
      id: runId,
      startedAt: new Date().toISOString(),
      seed: options.seed,
      backend,
      versions: options.versions ?? collectVersions(),
      config: options.config,
    };
    await writeJsonAtomic(path.join(writer.directory, configFile), JSON.parse(JSON.stringify(contents)));
    return writer;
  }

  private assertOpen(action: string): void {
    if (this.finished) throw new Error(`run "${this.id}": cannot ${action} after finish()`);
  }

  /** Appends one line to metrics.jsonl. */
  async appendEpoch(record: EpochRecord | Record<string, unknown>): Promise<void> {
    this.assertOpen('append an epoch');
    await fs.appendFile(path.join(this.directory, metricsFile), JSON.stringify(record) + '\n');
  }

  /** Saves the model as model.json + weights.bin in the run folder (see saveModelFiles). */
  async saveWeights(model: tf.LayersModel): Promise<void> {
    this.assertOpen('save weights');
    await saveModelFiles(model, this.directory);
  }

  /** Writes summary.json, then renames the folder to `<runs>/<id>/`. Returns that folder. */
  async finish(summary: unknown): Promise<string> {
    this.assertOpen('finish twice');
    const contents: RunSummaryFile = { finishedAt: new Date().toISOString(), summary };
    await writeJsonAtomic(path.join(this.directory, summaryFile), JSON.parse(JSON.stringify(contents)));
    if (await pathExists(this.finishedDirectory)) throw new Error(`run "${this.id}": ${this.finishedDirectory} appeared while the run was writing`);
    await fs.rename(this.directory, this.finishedDirectory);
    this.finished = true;
    return this.finishedDirectory;
  }

  /** The config.json of this run. */
  async readConfig(): Promise<RunConfigFile> {
    return readJson<RunConfigFile>(path.join(this.finished ? this.finishedDirectory : this.directory, configFile));
  }
}

/** Starts a run record (see {@link RunWriter.start}). */
export function startRun(options: StartRunOptions): Promise<RunWriter> {
  return RunWriter.start(options);
}
