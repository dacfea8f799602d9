/**
 * Which results a notebook (or a reader) sees: the reader's own comparison when one has run
 * here, else the reference runs shipped with the project (data/reference/), always saying
 * which, so no one mistakes a smoke run for the study or the reference for their own runs.
 */
import * as path from 'node:path';
import { pathExists } from '../util/atomicFile';
import { referenceResultsDirectory, runsDirectory } from '../util/paths';
import { type ExperimentResults, loadExperimentResults } from './loadResults';

/** Results with where they came from, and one sentence that says it. */
export interface ShownResults {
  results: ExperimentResults;
  origin: 'your runs' | 'shipped reference';
  /** One markdown sentence naming the origin (a notebook prints it above its tables). */
  banner: string;
}

/** Options of {@link resultsToShow}. */
export interface ResultsToShowOptions {
  /** The folder of experiment folders (default runs/, or HKD_RUNS_DIR). */
  runsDirectory?: string;
  /** The folder of shipped bundles (default data/reference/). */
  referenceDirectory?: string;
  /** 'reference' shows the shipped runs even when local ones exist. */
  prefer?: 'yours' | 'reference';
}

/**
 * The experiment's results to show: `<runs>/<experiment>/` when a comparison has finished
 * there (it has comparison.json), else `data/reference/<experiment>.runs.jsonl.gz`, else
 * undefined (neither exists).
 */
export async function resultsToShow(
  experiment: string,
  options: ResultsToShowOptions = {},
): Promise<ShownResults | undefined> {
  const local = path.join(options.runsDirectory ?? runsDirectory(), experiment);
  const bundle = path.join(options.referenceDirectory ?? referenceResultsDirectory, `${experiment}.runs.jsonl.gz`);
  const hasLocal = await pathExists(path.join(local, 'comparison.json'));
  const hasBundle = await pathExists(bundle);
  if (hasLocal && !(options.prefer === 'reference' && hasBundle)) {
    const results = await loadExperimentResults(local);
    return {
      results,
      origin: 'your runs',
      banner: `**Your runs** of \`${experiment}\` (${local}, seeds ${results.seeds.join(', ')}), not the shipped reference.`,
    };
  }
  if (!hasBundle) return undefined;
  const results = await loadExperimentResults(bundle);
  return {
    results,
    origin: 'shipped reference',
    banner:
      `**The shipped reference runs** of \`${experiment}\` (data/reference/${path.basename(bundle)}, ` +
      `${results.runs.length} runs, seeds ${results.seeds.join(', ')}), not runs made on this machine.`,
  };
}
