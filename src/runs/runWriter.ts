import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { activeBackend, type BackendInfo } from '../backend/backend';
import type { EpochRecord } from '../training/trainModel';
import { pathExists, readJson, writeJsonAtomic } from '../util/atomicFile';
import { type CodeVersion, currentCodeVersion, packageVersion } from './codeVersion';
import { noteFinishedRun } from './interrupt';
import { saveModelFiles } from './modelFiles';
import { claimRun, type RunClaim, type ClaimOptions } from './runClaim';

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
  /** What made the run (absent in records made before it was recorded). */
  codeVersion?: CodeVersion;
  /** The resolved, JSON-able configuration of the run. */
  config: unknown;
}

/** Contents of summary.json. */
export interface RunSummaryFile {
  finishedAt: string;
  /** Repeated from config.json so summary.json alone says what made the numbers (absent in old records). */
  codeVersion?: CodeVersion;
  backend?: string;
  summary: unknown;
}

/** Node, tfjs and package versions of this process. */
export function collectVersions(): RunVersions {
  return { node: process.version, tfjs: tf.version.tfjs, package: packageVersion() };
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
  /** Default: {@link currentCodeVersion}(). */
  codeVersion?: CodeVersion;
  /**
   * The claim on this run id, taken by the caller with claimRun (e.g. through beginRun);
   * the caller releases it. Without one, startRun claims the run itself (never waiting:
   * it throws when another process holds it) and releases it on finish() or abandon().
   */
  claim?: RunClaim;
  /** Options of the claim startRun takes itself (`wait` is always false). */
  claimOptions?: Omit<ClaimOptions, 'wait'>;
}

const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Checks a run id, so that it is a plain folder name. */
export function validateRunId(runId: string): void {
  if (!runIdPattern.test(runId) || runId.endsWith(incompleteSuffix)) {
    throw new Error(
      `run id "${runId}" must be letters, digits, '.', '_' or '-' (not starting with one of the last three) and must not end with ${incompleteSuffix}`,
    );
  }
}

function defaultRunId(seed: number): string {
  const time = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${time}-seed${seed}-${Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, '0')}`;
}

/**
 * Writes one run's record. The run lives in `<runs>/<id>.incomplete/` until
 * {@link RunWriter.finish} renames it to `<runs>/<id>/` (an atomic rename), so an
 * interrupted run is never mistaken for a finished one.
 */
export class RunWriter {
  private finished = false;
  private abandoned = false;
  private lastEpoch = 0;
  private claim: RunClaim | undefined;
  private ownsClaim = false;

  private constructor(
    readonly id: string,
    readonly runsDirectory: string,
    readonly backendName: string,
    readonly codeVersion: CodeVersion,
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
   * Claims the run id (see StartRunOptions.claim), then creates
   * `<runs>/<id>.incomplete/config.json`. An incomplete folder with the same id (an
   * interrupted earlier attempt, whose claim is gone) is replaced; a finished one is an
   * error; a run claimed by another process is an error naming that process.
   */
  static async start(options: StartRunOptions): Promise<RunWriter> {
    const runId = options.runId ?? defaultRunId(options.seed);
    validateRunId(runId);
    const backend = options.backend ?? activeBackend();
    if (!backend) throw new Error('startRun: no backend given and none active; call initializeBackend() first');
    const runsDirectory = path.resolve(options.runsDirectory);
    const writer = new RunWriter(runId, runsDirectory, backend.name, options.codeVersion ?? currentCodeVersion());
    if (options.claim) {
      if (options.claim.runId !== runId || path.dirname(options.claim.file) !== runsDirectory) {
        throw new Error(`startRun: the claim given is for ${options.claim.file}, not run ${runId} in ${runsDirectory}`);
      }
      await options.claim.check();
      writer.claim = options.claim;
    } else {
      const result = await claimRun(runsDirectory, runId, {
        supersedeOwnProcess: true,
        ...options.claimOptions,
        wait: false,
        log: options.claimOptions?.log ?? (() => undefined),
      });
      if (!result.claimed) {
        throw new Error(
          `startRun: ${result.message}; two writers must never share one run folder: wait for it to finish (claimRun with wait: true) or use another runs folder`,
        );
      }
      writer.claim = result.claim;
      writer.ownsClaim = true;
    }
    try {
      if (await pathExists(writer.finishedDirectory)) {
        throw new Error(
          `run "${runId}" already finished in ${writer.finishedDirectory}; choose another id or delete that folder`,
        );
      }
      await fs.rm(writer.directory, { recursive: true, force: true });
      await fs.mkdir(writer.directory, { recursive: true });
      const contents: RunConfigFile = {
        id: runId,
        startedAt: new Date().toISOString(),
        seed: options.seed,
        backend,
        versions: options.versions ?? collectVersions(),
        codeVersion: writer.codeVersion,
        config: options.config,
      };
      await writeJsonAtomic(path.join(writer.directory, configFile), JSON.parse(JSON.stringify(contents)));
    } catch (error) {
      if (writer.ownsClaim) await writer.claim.release();
      throw error;
    }
    return writer;
  }

  private assertOpen(action: string): void {
    if (this.finished) throw new Error(`run "${this.id}": cannot ${action} after finish()`);
    if (this.abandoned) throw new Error(`run "${this.id}": cannot ${action} after abandon()`);
  }

  /**
   * Appends one line to metrics.jsonl. Epochs must come 1, 2, 3, … (each once), and the
   * claim must still be this process's, so two writers can never interleave a record.
   */
  async appendEpoch(record: EpochRecord | Record<string, unknown>): Promise<void> {
    this.assertOpen('append an epoch');
    const epoch = (record as { epoch?: unknown }).epoch;
    if (epoch !== this.lastEpoch + 1) {
      throw new Error(
        `run "${this.id}": appended epoch ${JSON.stringify(epoch)} after epoch ${this.lastEpoch}; epochs must be 1, 2, 3, … each once`,
      );
    }
    await this.claim?.check();
    await fs.appendFile(path.join(this.directory, metricsFile), `${JSON.stringify(record)}\n`);
    this.lastEpoch = epoch;
  }

  /**
   * Stops writing without finishing (e.g. training failed): the folder stays `<id>.incomplete`
   * (listIncompleteRuns reports it; the next attempt replaces it) and a claim startRun took
   * is released. Safe to call after finish() or twice.
   */
  async abandon(): Promise<void> {
    if (this.finished || this.abandoned) return;
    this.abandoned = true;
    if (this.ownsClaim) await this.claim?.release();
  }

  /** Saves the model as model.json + weights.bin in the run folder (see saveModelFiles). */
  async saveWeights(model: tf.LayersModel): Promise<void> {
    this.assertOpen('save weights');
    await saveModelFiles(model, this.directory);
  }

  /**
   * Writes summary.json (and an empty metrics.jsonl when no epoch was logged), then renames
   * the folder to `<runs>/<id>/`, then releases a claim startRun took. Returns that folder.
   */
  async finish(summary: unknown): Promise<string> {
    this.assertOpen('finish twice');
    if (summary === null || typeof summary !== 'object' || Array.isArray(summary))
      throw new Error(`run "${this.id}": finish() needs a summary object, got ${JSON.stringify(summary)}`);
    await this.claim?.check();
    const metricsPath = path.join(this.directory, metricsFile);
    if (!(await pathExists(metricsPath))) await fs.writeFile(metricsPath, '');
    const contents: RunSummaryFile = {
      finishedAt: new Date().toISOString(),
      codeVersion: this.codeVersion,
      backend: this.backendName,
      summary,
    };
    await writeJsonAtomic(path.join(this.directory, summaryFile), JSON.parse(JSON.stringify(contents)));
    if (await pathExists(this.finishedDirectory))
      throw new Error(`run "${this.id}": ${this.finishedDirectory} appeared while the run was writing`);
    await fs.rename(this.directory, this.finishedDirectory);
    this.finished = true;
    noteFinishedRun(this.id);
    if (this.ownsClaim) await this.claim?.release();
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
