import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { BackendInfo } from '../backend/backend';
import type { EpochRecord } from '../training/trainModel';
import { pathExists, readJson } from '../util/atomicFile';
import type { CodeVersion } from './codeVersion';
import { readClaim, type ClaimHolder } from './runClaim';
import { modelJsonFile, weightsFile } from './modelFiles';
import {
  configFile,
  incompleteSuffix,
  metricsFile,
  type RunConfigFile,
  type RunSummaryFile,
  type RunVersions,
  summaryFile,
} from './runWriter';

/** One finished run, as loaded from its folder. */
export interface RunRecord {
  id: string;
  directory: string;
  /** The run's resolved configuration (config.json's `config`). */
  config: unknown;
  seed: number;
  backend: BackendInfo;
  versions: RunVersions;
  /** Training code and package version that made the run (undefined for records made before it was recorded). */
  codeVersion?: CodeVersion;
  startedAt: string;
  finishedAt: string;
  /** What finish() was given. */
  summary: unknown;
  /** metrics.jsonl, one record per line (empty when the run logged no epochs). */
  epochs: EpochRecord[];
  /** True when the run's saved model is complete (model.json and weights.bin). */
  hasModel: boolean;
  /** The model files that are absent (both names when the run saved no model; empty when complete). */
  missingModelFiles: string[];
}

/** An interrupted run: a `<id>.incomplete` folder. */
export interface IncompleteRun {
  id: string;
  directory: string;
  startedAt?: string;
  /** Epoch lines written so far. */
  epochsLogged: number;
  /** Who is writing it now (a live or stale claim); undefined when nobody claims it (interrupted). */
  claimedBy?: ClaimHolder;
}

/** Parses metrics.jsonl text; a bad line throws naming the file and the line number. */
export function parseMetricsLines(text: string, filePath: string): EpochRecord[] {
  const records: EpochRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${filePath} line ${index + 1}: not valid JSON (${(error as Error).message})`);
    }
    if (
      value === null ||
      typeof value !== 'object' ||
      Array.isArray(value) ||
      typeof (value as { epoch?: unknown }).epoch !== 'number'
    ) {
      throw new Error(`${filePath} line ${index + 1}: expected an object with a numeric "epoch"`);
    }
    records.push(value as EpochRecord);
  });
  return records;
}

/**
 * A run folder that is not a well-formed finished record; the message names the folder,
 * the defect and the fix.
 */
export class MalformedRunError extends Error {
  constructor(
    readonly directory: string,
    readonly defect: string,
  ) {
    super(
      `malformed run record ${directory}: ${defect}. Delete that folder (or rerun with --fresh) to train the run again`,
    );
    this.name = 'MalformedRunError';
  }
}

async function readRecordJson(directory: string, file: string, why: string): Promise<Record<string, unknown>> {
  const filePath = path.join(directory, file);
  if (!(await pathExists(filePath))) throw new MalformedRunError(directory, `${filePath} is missing (${why})`);
  let value: unknown;
  try {
    value = JSON.parse(await fs.readFile(filePath, 'utf8'));
  } catch (error) {
    throw new MalformedRunError(directory, `${filePath} is unreadable: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new MalformedRunError(directory, `${filePath} is not a JSON object`);
  return value as Record<string, unknown>;
}

function requireFields(
  directory: string,
  filePath: string,
  value: Record<string, unknown>,
  fields: Record<string, (item: unknown) => boolean>,
): void {
  const missing = Object.entries(fields)
    .filter(([field, check]) => !check(value[field]))
    .map(([field]) => field);
  if (missing.length > 0)
    throw new MalformedRunError(directory, `${filePath} lacks or has a wrong type for ${missing.join(', ')}`);
}

const isString = (value: unknown) => typeof value === 'string';
const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Checks that epochs are numbered 1, 2, …, n, each once, in order. */
export function checkEpochSequence(epochs: readonly { epoch: number }[], metricsPath: string): string | undefined {
  for (let index = 0; index < epochs.length; index++) {
    if (epochs[index].epoch !== index + 1) {
      const seen = epochs.slice(0, index).some((record) => record.epoch === epochs[index].epoch);
      return (
        `${metricsPath} line ${index + 1} is epoch ${epochs[index].epoch}, expected ${index + 1}` +
        (seen
          ? ` (epoch ${epochs[index].epoch} is there twice: two processes probably wrote this run at once)`
          : ' (epochs must run 1..n, each once)')
      );
    }
  }
  return undefined;
}

/**
 * Loads one finished run folder, checking it: config.json (id equal to the folder name,
 * seed, startedAt, config) and summary.json (finishedAt, summary object) readable,
 * metrics.jsonl present with epochs 1..n each once. A defect throws a
 * {@link MalformedRunError} naming the folder, the file and the fix.
 */
export async function loadRun(directory: string): Promise<RunRecord> {
  const configPath = path.join(directory, configFile);
  const summaryPath = path.join(directory, summaryFile);
  const metricsPath = path.join(directory, metricsFile);
  const configContents = await readRecordJson(
    directory,
    configFile,
    `a finished run folder needs ${configFile}, ${summaryFile} and ${metricsFile}`,
  );
  requireFields(directory, configPath, configContents, {
    id: isString,
    seed: (value) => typeof value === 'number',
    startedAt: isString,
    config: (value) => value !== undefined,
  });
  if (configContents.id !== path.basename(directory)) {
    throw new MalformedRunError(
      directory,
      `${configPath} says id "${configContents.id}" but the folder is named "${path.basename(directory)}"`,
    );
  }
  const summaryContents = await readRecordJson(
    directory,
    summaryFile,
    `a finished run folder needs ${configFile}, ${summaryFile} and ${metricsFile}`,
  );
  requireFields(directory, summaryPath, summaryContents, { finishedAt: isString, summary: isObject });
  if (!(await pathExists(metricsPath)))
    throw new MalformedRunError(
      directory,
      `${summaryPath} exists but ${metricsPath} is missing (a summary without its metrics)`,
    );
  let epochs: EpochRecord[];
  try {
    epochs = parseMetricsLines(await fs.readFile(metricsPath, 'utf8'), metricsPath);
  } catch (error) {
    throw new MalformedRunError(directory, (error as Error).message);
  }
  const sequenceProblem = checkEpochSequence(epochs, metricsPath);
  if (sequenceProblem) throw new MalformedRunError(directory, sequenceProblem);
  const config = configContents as unknown as RunConfigFile;
  const summary = summaryContents as unknown as RunSummaryFile;
  const missingModelFiles: string[] = [];
  for (const file of [modelJsonFile, weightsFile])
    if (!(await pathExists(path.join(directory, file)))) missingModelFiles.push(file);
  return {
    id: config.id,
    directory,
    config: config.config,
    seed: config.seed,
    backend: config.backend,
    versions: config.versions,
    codeVersion: config.codeVersion,
    startedAt: config.startedAt,
    finishedAt: summary.finishedAt,
    summary: summary.summary,
    epochs,
    hasModel: missingModelFiles.length === 0,
    missingModelFiles,
  };
}

async function runFolders(runsDirectory: string): Promise<string[]> {
  if (!(await pathExists(runsDirectory))) return [];
  const entries = await fs.readdir(runsDirectory, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Every FINISHED run under `runsDirectory` (sorted by id), optionally filtered.
 * `.incomplete` folders are skipped (see {@link listIncompleteRuns}); a missing
 * runs folder gives []. A malformed record throws a {@link MalformedRunError} naming
 * its folder and defect (see {@link loadRun}); claim files (`<id>.claim`) are not folders and are skipped.
 */
export async function loadRuns(runsDirectory: string, filter?: (run: RunRecord) => boolean): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  for (const name of await runFolders(runsDirectory)) {
    if (name.endsWith(incompleteSuffix)) continue;
    const run = await loadRun(path.join(runsDirectory, name));
    if (!filter || filter(run)) runs.push(run);
  }
  return runs;
}

/**
 * The unfinished runs (`<id>.incomplete` folders) under `runsDirectory`: interrupted ones
 * (`claimedBy` undefined) and ones being trained now (`claimedBy` names the process).
 */
export async function listIncompleteRuns(runsDirectory: string): Promise<IncompleteRun[]> {
  const found: IncompleteRun[] = [];
  for (const name of await runFolders(runsDirectory)) {
    if (!name.endsWith(incompleteSuffix)) continue;
    const directory = path.join(runsDirectory, name);
    let startedAt: string | undefined;
    try {
      startedAt = (await readJson<RunConfigFile>(path.join(directory, configFile))).startedAt;
    } catch {
      startedAt = undefined; // config.json itself may be what the interruption cut short
    }
    const metricsPath = path.join(directory, metricsFile);
    const epochsLogged = (await pathExists(metricsPath))
      ? (await fs.readFile(metricsPath, 'utf8')).split('\n').filter((line) => line.trim()).length
      : 0;
    const id = name.slice(0, -incompleteSuffix.length);
    found.push({ id, directory, startedAt, epochsLogged, claimedBy: await readClaim(runsDirectory, id) });
  }
  return found;
}
