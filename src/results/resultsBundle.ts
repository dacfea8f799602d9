/**
 * Results bundles: the finished runs of one experiment in ONE file, `<experiment>.runs.jsonl.gz`,
 * so that results can be shared, archived and reported without the run folders (and without
 * their model weights). The file is gzip-compressed JSON Lines:
 *
 * - line 1, the header:
 *   `{"format":"hkd-results-bundle","version":1,"experiment":"<name>","exportedAt":"<ISO time>","runs":N,
 *   "comparison":{...},"study":{...}}` (`comparison` is the experiment's comparison.json, only when
 *   it has one and every run is exported; `study` only in a study bundle: the study record, whose
 *   points name the bundle's run folders);
 * - then one line per finished run, sorted by folder name:
 *   `{"runId":"<id>","folder":"<folder name>","config":{config.json},"summary":{summary.json},"epochs":[metrics.jsonl records]}`.
 *
 * config.json, summary.json and the metrics records are copied as the run wrote them (same keys in
 * the same order), and every line's keys come in the order above, so the same runs always give the
 * same bytes apart from `exportedAt`. The file is written atomically. {@link readResultsBundle}
 * checks it as strictly as run folders are checked (see loadRun) and gives back the same
 * {@link RunRecord}s, each with `directory` `<bundle path>/<folder name>`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { checkEpochSequence, configFile, loadRun, loadRuns, type RunRecord, summaryFile } from '../runs';
import type { EpochRecord } from '../training/trainModel';
import { pathExists, readJson, writeFileAtomic } from '../util/atomicFile';
import { UserFacingError } from '../util/cliErrors';

/** The file name ending that marks a results bundle. */
export const bundleSuffix = '.runs.jsonl.gz';
/** The header's `format`. */
export const bundleFormat = 'hkd-results-bundle';
/** The header's `version` this code writes and reads. */
export const bundleVersion = 1;

/** True when `filePath` names a results bundle (ends with `.runs.jsonl.gz`). */
export function isResultsBundlePath(filePath: string): boolean {
  return filePath.endsWith(bundleSuffix);
}

/** Line 1 of a bundle. */
export interface BundleHeader {
  format: typeof bundleFormat;
  version: typeof bundleVersion;
  experiment: string;
  exportedAt: string;
  runs: number;
  /** The experiment's comparison.json, when it has one. */
  comparison?: unknown;
  /** A study bundle's study record (`<study name>.json`: its settings, parts and each point's run folders). */
  study?: unknown;
}

/** A bundle read back: its header and its runs as run records. */
export interface ResultsBundle {
  header: BundleHeader;
  runs: RunRecord[];
}

/** Options of {@link exportResultsBundle}. */
export interface ExportBundleOptions {
  /** `<runs>/<experiment>`: the run folders (and comparison.json) of one experiment. */
  experimentDirectory: string;
  /** The bundle to write; must end with `.runs.jsonl.gz`. */
  outputFile: string;
  /** The header's `exportedAt` (default: now). */
  exportedAt?: string;
  /** Only these run folders (names), e.g. the runs a study record names; default every finished run. */
  runFolders?: string[];
  /** The study record to carry in the header (a study bundle; the report rebuilds the study from it). */
  study?: unknown;
  /** Called after each run is added. */
  onProgress?: (done: number, total: number, folder: string) => void;
}

/** What {@link exportResultsBundle} wrote. */
export interface ExportedBundle {
  file: string;
  runs: number;
  bytes: number;
}

/** Writes the finished runs of one experiment folder as a results bundle (see the module comment). */
export async function exportResultsBundle(options: ExportBundleOptions): Promise<ExportedBundle> {
  const directory = path.resolve(options.experimentDirectory);
  const file = path.resolve(options.outputFile);
  if (!isResultsBundlePath(file))
    throw new UserFacingError(`${file}: a results bundle's name must end with "${bundleSuffix}"`);
  if (!(await pathExists(directory))) throw new UserFacingError(`experiment folder ${directory} does not exist`);
  const records = options.runFolders
    ? await Promise.all(
        [...new Set(options.runFolders.map((folder) => path.basename(folder)))]
          .sort()
          .map((folder) => loadRun(path.join(directory, folder))),
      )
    : await loadRuns(directory);
  if (records.length === 0) throw new UserFacingError(`no finished runs in ${directory}: nothing to export`);
  const comparisonPath = path.join(directory, 'comparison.json');
  const header: BundleHeader = {
    format: bundleFormat,
    version: bundleVersion,
    experiment: path.basename(directory),
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    runs: records.length,
  };
  if (!options.runFolders && (await pathExists(comparisonPath)))
    header.comparison = await readJson<unknown>(comparisonPath);
  if (options.study !== undefined) header.study = options.study;
  const lines = [JSON.stringify(header)];
  for (const [index, record] of records.entries()) {
    const folder = path.basename(record.directory);
    lines.push(
      JSON.stringify({
        runId: record.id,
        folder,
        config: await readJson<unknown>(path.join(record.directory, configFile)),
        summary: await readJson<unknown>(path.join(record.directory, summaryFile)),
        epochs: record.epochs,
      }),
    );
    options.onProgress?.(index + 1, records.length, folder);
  }
  const compressed = await promisify(gzip)(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
  await writeFileAtomic(file, compressed);
  return { file, runs: records.length, bytes: compressed.length };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function parseLine(line: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new UserFacingError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new UserFacingError(`${where}: expected a JSON object`);
  return value;
}

function checkHeader(value: Record<string, unknown>, where: string): BundleHeader {
  if (value.format !== bundleFormat)
    throw new UserFacingError(
      `${where}: not a results bundle (format ${JSON.stringify(value.format)}, expected "${bundleFormat}")`,
    );
  if (value.version !== bundleVersion)
    throw new UserFacingError(
      `${where}: bundle version ${JSON.stringify(value.version)} is not supported (this code reads version ${bundleVersion})`,
    );
  if (typeof value.experiment !== 'string' || typeof value.exportedAt !== 'string')
    throw new UserFacingError(`${where}: the header lacks "experiment" or "exportedAt"`);
  if (!Number.isInteger(value.runs) || (value.runs as number) < 0)
    throw new UserFacingError(`${where}: the header's "runs" should be a run count, got ${JSON.stringify(value.runs)}`);
  return value as unknown as BundleHeader;
}

/** One run line back as the record loadRun gives for its folder. */
function toRunRecord(value: Record<string, unknown>, file: string, where: string): RunRecord {
  const { runId, folder, config, summary, epochs } = value;
  if (typeof runId !== 'string' || typeof folder !== 'string' || !isObject(config) || !isObject(summary))
    throw new UserFacingError(`${where}: expected "runId", "folder", "config" and "summary" (objects)`);
  if (config.id !== runId || typeof config.seed !== 'number' || typeof config.startedAt !== 'string')
    throw new UserFacingError(`${where}: config should have id "${runId}", a numeric seed and startedAt`);
  if (typeof summary.finishedAt !== 'string' || !isObject(summary.summary))
    throw new UserFacingError(`${where}: summary should have finishedAt and a summary object`);
  if (!Array.isArray(epochs) || !epochs.every((epoch) => isObject(epoch) && typeof epoch.epoch === 'number'))
    throw new UserFacingError(`${where}: "epochs" should be a list of objects with a numeric "epoch"`);
  const sequenceProblem = checkEpochSequence(epochs as EpochRecord[], `${where}: the metrics.jsonl records,`);
  if (sequenceProblem) throw new UserFacingError(sequenceProblem);
  return {
    id: runId,
    directory: path.join(file, folder),
    config: config.config,
    seed: config.seed,
    backend: config.backend as RunRecord['backend'],
    versions: config.versions as RunRecord['versions'],
    codeVersion: config.codeVersion as RunRecord['codeVersion'],
    startedAt: config.startedAt,
    finishedAt: summary.finishedAt,
    summary: summary.summary,
    epochs: epochs as EpochRecord[],
    hasModel: false,
    missingModelFiles: ['model.json', 'weights.bin'],
  };
}

/** Reads and checks a results bundle; a defect throws naming the file, the line and what was expected. */
export async function readResultsBundle(bundlePath: string): Promise<ResultsBundle> {
  const file = path.resolve(bundlePath);
  let text: string;
  try {
    text = (await promisify(gunzip)(await fs.readFile(file))).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserFacingError(`${file} does not exist`);
    throw new UserFacingError(
      `${file} is not a complete gzip file (truncated, or not gzip-compressed): ${(error as Error).message}`,
    );
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new UserFacingError(`${file} is empty: expected a results bundle header`);
  const header = checkHeader(parseLine(lines[0], `${file} line 1`), `${file} line 1`);
  const runs = lines
    .slice(1)
    .map((line, index) => toRunRecord(parseLine(line, `${file} line ${index + 2}`), file, `${file} line ${index + 2}`));
  if (runs.length !== header.runs)
    throw new UserFacingError(
      `${file}: the header lists ${header.runs} runs but the file holds ${runs.length} (cut short or edited?)`,
    );
  return { header, runs };
}
