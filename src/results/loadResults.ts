/**
 * Loading run results: the one function every table, claim and notebook reads runs through,
 * from an experiment's run folders or from its results bundle (`<experiment>.runs.jsonl.gz`,
 * see resultsBundle.ts) alike.
 */
import * as path from 'node:path';
import { loadRun, loadRuns, type RunRecord } from '../runs';
import { pathExists, readJson } from '../util/atomicFile';
import { UserFacingError } from '../util/cliErrors';
import { isResultsBundlePath, readResultsBundle } from './resultsBundle';
import { toRunResult, type RunResult } from './runResult';

/** The runs of one experiment, chosen for the tables. */
export interface ExperimentResults {
  experiment: string;
  /** The experiment folder, or the results bundle file, the runs were read from. */
  experimentDirectory: string;
  runs: RunResult[];
  /** Seeds with at least one run, ascending. */
  seeds: number[];
  /** Test accuracy for "epochs to reach": comparison.json's config, else the runs' summaries, else undefined. */
  targetAccuracy?: number;
  /** Where the run list came from. */
  source: 'comparison.json' | 'run folders' | 'listed runs';
  /** Runs left out because a later run of the same method and seed replaced them. */
  superseded: string[];
  /** Every finished run in the folder (the 'Discovered hierarchies' section picks its comparable runs from these). */
  allRuns: RunResult[];
}

/** Options of {@link loadExperimentResults}. */
export interface LoadResultsOptions {
  /**
   * Exactly these run folders (paths or names inside the experiment folder), e.g. the runs
   * a comparison just produced, before its comparison.json is written.
   */
  runFolders?: string[];
  /** The "epochs to reach" target, overriding what the runs and comparison.json record. */
  targetAccuracy?: number;
}

/** comparison.json's fields the loader uses (written by the pipeline CLI after a comparison). */
interface ComparisonFile {
  config?: { name?: string; targetAccuracy?: number };
  runs?: Record<string, string>;
}

/** Where an experiment's runs are read from: its folder or its results bundle. */
interface RunSource {
  /** The experiment's name before comparison.json's `config.name` (the folder name, or the bundle's). */
  name: string;
  /** comparison.json, when the experiment has one (read only when the runs are not listed). */
  comparison: () => Promise<ComparisonFile | undefined>;
  /** Every finished run. */
  all: () => Promise<RunRecord[]>;
  /** The runs of the given folders (paths or names). */
  listed: (folders: string[]) => Promise<RunRecord[]>;
}

function folderSource(directory: string): RunSource {
  const comparisonPath = path.join(directory, 'comparison.json');
  return {
    name: path.basename(directory),
    comparison: async () =>
      (await pathExists(comparisonPath)) ? await readJson<ComparisonFile>(comparisonPath) : undefined,
    all: () => loadRuns(directory),
    listed: (folders) => Promise.all(folders.map((folder) => loadRun(path.resolve(directory, folder)))),
  };
}

async function bundleSource(file: string): Promise<RunSource> {
  const bundle = await readResultsBundle(file);
  const byFolder = new Map(bundle.runs.map((run) => [path.basename(run.directory), run]));
  return {
    name: bundle.header.experiment,
    comparison: async () => bundle.header.comparison as ComparisonFile | undefined,
    all: async () => bundle.runs,
    listed: async (folders) =>
      folders.map((folder) => {
        const run = byFolder.get(path.basename(folder));
        if (!run) throw new UserFacingError(`${file} holds no run folder "${path.basename(folder)}"`);
        return run;
      }),
  };
}

/**
 * The records (config, summary, per-epoch metrics) of exactly these run folders of an
 * experiment folder or results bundle: for readers that need a run's whole summary.json
 * (e.g. a study report rebuilt from its record), not just the tables' view of it.
 */
export async function loadRunRecords(experimentDirectory: string, folders: string[]): Promise<RunRecord[]> {
  const directory = path.resolve(experimentDirectory);
  if (!(await pathExists(directory))) throw new UserFacingError(`${directory} does not exist`);
  const runSource = isResultsBundlePath(directory) ? await bundleSource(directory) : folderSource(directory);
  return runSource.listed(folders);
}

/**
 * Loads the finished runs of an experiment folder, or of a results bundle (a path ending
 * `.runs.jsonl.gz`, read exactly as the folder it was exported from). With `runFolders`,
 * exactly those; else, when `<experiment>/comparison.json` lists its runs, exactly those
 * (the latest comparison); otherwise every finished run folder, keeping for each method and
 * seed the run that finished last.
 */
export async function loadExperimentResults(
  experimentDirectory: string,
  options: LoadResultsOptions = {},
): Promise<ExperimentResults> {
  const directory = path.resolve(experimentDirectory);
  if (!(await pathExists(directory)))
    throw new Error(
      isResultsBundlePath(directory)
        ? `results bundle ${directory} does not exist`
        : `experiment folder ${directory} does not exist (run the pipeline first, or pass --runs-dir)`,
    );
  const runSource = isResultsBundlePath(directory) ? await bundleSource(directory) : folderSource(directory);
  if (options.runFolders) {
    const runs = (await runSource.listed(options.runFolders)).map(toRunResult);
    return {
      experiment: runSource.name,
      experimentDirectory: directory,
      runs: [...runs].sort((a, b) => a.method.localeCompare(b.method) || a.seed - b.seed),
      seeds: [...new Set(runs.map((run) => run.seed))].sort((a, b) => a - b),
      targetAccuracy: options.targetAccuracy ?? runs.find((run) => run.targetAccuracy !== undefined)?.targetAccuracy,
      source: 'listed runs',
      superseded: [],
      allRuns: runs,
    };
  }
  const comparison = await runSource.comparison();
  const all = (await runSource.all()).map(toRunResult);
  let chosen: RunResult[];
  let source: ExperimentResults['source'] = 'run folders';
  const listed = comparison?.runs
    ? new Set(Object.values(comparison.runs).map((folder) => path.basename(folder)))
    : undefined;
  if (listed && listed.size > 0 && all.some((run) => listed.has(path.basename(run.directory)))) {
    chosen = all.filter((run) => listed.has(path.basename(run.directory)));
    source = 'comparison.json';
  } else {
    const latest = new Map<string, RunResult>();
    for (const run of all) {
      const key = `${run.method}:${run.seed}`;
      const previous = latest.get(key);
      if (!previous || previous.finishedAt < run.finishedAt) latest.set(key, run);
    }
    chosen = [...latest.values()];
  }
  const kept = new Set(chosen);
  return {
    experiment: comparison?.config?.name ?? runSource.name,
    experimentDirectory: directory,
    runs: chosen.sort((a, b) => a.method.localeCompare(b.method) || a.seed - b.seed),
    seeds: [...new Set(chosen.map((run) => run.seed))].sort((a, b) => a - b),
    targetAccuracy:
      options.targetAccuracy ??
      comparison?.config?.targetAccuracy ??
      chosen.find((run) => run.targetAccuracy !== undefined)?.targetAccuracy,
    source,
    superseded: all
      .filter((run) => !kept.has(run))
      .map((run) => run.id)
      .sort(),
    allRuns: all,
  };
}
