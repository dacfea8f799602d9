import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { BackendInfo } from '../backend/backend';
import type { EpochRecord } from '../training/trainModel';
import { pathExists, readJson } from '../util/atomicFile';
import { modelJsonFile } from './modelFiles';
import { configFile, incompleteSuffix, metricsFile, RunConfigFile, RunSummaryFile, RunVersions, summaryFile } from './runWriter';

/** One finished run, as loaded from its folder. */
export interface RunRecord {
  id: string;
  directory: string;
  /** The run's resolved configuration (config.json's `config`). */
  config: unknown;
  seed: number;
  backend: BackendInfo;
  versions: RunVersions;
  startedAt: string;
  finishedAt: string;
  /** What finish() was given. */
  summary: unknown;
  /** metrics.jsonl, one record per line (empty when the run logged no epochs). */
  epochs: EpochRecord[];
  /** True when the run saved a model (model.json). */
  hasModel: boolean;
}

/** An interrupted run: a `<id>.incomplete` folder. */
export interface IncompleteRun {
  id: string;
  directory: string;
  startedAt?: string;
  /** Epoch lines written before it stopped. */
  epochsLogged: number;
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
    if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { epoch?: unknown }).epoch !== 'number') {
      throw new Error(`${filePath} line ${index + 1}: expected an object with a numeric "epoch"`);
    }
    records.push(value as EpochRecord);
  });
  return records;
}

async function readChecked<T>(filePath: string, check: (value: T) => boolean, expected: string): Promise<T> {
  if (!(await pathExists(filePath))) throw new Error(`${filePath} is missing (a finished run folder needs ${configFile} and ${summaryFile})`);
  const value = await readJson<T>(filePath);
  if (value === null || typeof value !== 'object' || !check(value)) throw new Error(`${filePath}: ${expected}`);
  return value;
}

/** Loads one finished run folder. */
export async function loadRun(directory: string): Promise<RunRecord> {
  const configContents = await readChecked<RunConfigFile>(
    path.join(directory, configFile),
    (value) => typeof value.id === 'string' && typeof value.seed === 'number' && 'config' in value,
    'expected an object with id, seed and config',
  );
  const summaryContents = await readChecked<RunSummaryFile>(path.join(directory, summaryFile), (value) => 'summary' in value, 'expected an object with summary');
  const metricsPath = path.join(directory, metricsFile);
  const epochs = (await pathExists(metricsPath)) ? parseMetricsLines(await fs.readFile(metricsPath, 'utf8'), metricsPath) : [];
  return {
    id: configContents.id,
    directory,
    config: configContents.config,
    seed: configContents.seed,
    backend: configContents.backend,
    versions: configContents.versions,
    startedAt: configContents.startedAt,
    finishedAt: summaryContents.finishedAt,
    summary: summaryContents.summary,
    epochs,
    hasModel: await pathExists(path.join(directory, modelJsonFile)),
  };
}

async function runFolders(runsDirectory: string): Promise<string[]> {
  if (!(await pathExists(runsDirectory))) return [];
  const entries = await fs.readdir(runsDirectory, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
}

/**
 * Every FINISHED run under `runsDirectory` (sorted by id), optionally filtered.
 * `.incomplete` folders are skipped (see {@link listIncompleteRuns}); a missing
 * runs folder gives []. A malformed file throws an Error naming it.
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

/** The interrupted runs (`<id>.incomplete` folders) under `runsDirectory`. */
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
    const epochsLogged = (await pathExists(metricsPath)) ? (await fs.readFile(metricsPath, 'utf8')).split('\n').filter((line) => line.trim()).length : 0;
    found.push({ id: name.slice(0, -incompleteSuffix.length), directory, startedAt, epochsLogged });
  }
  return found;
}
