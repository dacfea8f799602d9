import * as path from 'node:path';
import type { SweepPoint } from '../config/sweep';
import { writeJsonAtomic } from '../util/atomicFile';
import type { ProgressListener } from '../util/progress';
import { runsDirectory as defaultRunsDirectory } from '../util/paths';
import { runComparison, type ComparisonOptions } from './comparison';
import { prepareExperimentData, type PreparedExperimentData } from './prepareData';
import { formatSweepSummary, summarizeSweep, type SweepPointRuns, type SweepSummary } from './sweepSummary';

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** Default: `runsDirectory()/<experiment name>`; every point's runs go here (run ids are config hashes, so shared teachers and finished points are reused). */
  experimentDirectory?: string;
  stage?: ComparisonOptions['stage'];
  fresh?: boolean;
  log?: (line: string) => void;
  progress?: ProgressListener;
}

/** What {@link runSweep} returns. */
export interface SweepResult {
  experimentDirectory: string;
  points: SweepPointRuns[];
  summary: SweepSummary;
  seconds: number;
}

/**
 * Runs every point of a sweep for every seed, one comparison per point (data prepared once
 * per distinct data set, features and hierarchy), prints the sweep summary and writes it to
 * `<experiment>/sweep.json`. An interrupted sweep resumes: finished point x seed runs are
 * reused. (A straightforward loop; grouped training of students across points comes later.)
 */
export async function runSweep(points: SweepPoint[], options: SweepOptions = {}): Promise<SweepResult> {
  if (points.length === 0) throw new Error('runSweep: no sweep points');
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const experimentDirectory = options.experimentDirectory ?? path.join(defaultRunsDirectory(), points[0].config.name);
  const prepared = new Map<string, PreparedExperimentData>();
  const results: SweepPointRuns[] = [];
  for (const [index, point] of points.entries()) {
    log(`\nsweep point ${index + 1}/${points.length}: ${point.label}`);
    const dataKey = JSON.stringify([point.config.dataset, point.config.features, point.config.hierarchy]);
    let data = prepared.get(dataKey);
    if (!data) {
      data = await prepareExperimentData(point.config, { log, progress: options.progress });
      prepared.set(dataKey, data);
    }
    const result = await runComparison(point.config, { experimentDirectory, stage: options.stage, fresh: options.fresh, data, log, progress: options.progress });
    results.push({ label: point.label, assignments: point.assignments, summaries: [...result.teachers, ...result.students] });
  }
  const summary = summarizeSweep(results);
  log(`\nSweep (${points.length} points x ${points[0].config.seeds.length} seeds; mean ± std over seeds):`);
  log(formatSweepSummary(summary));
  const seconds = (Date.now() - started) / 1000;
  await writeJsonAtomic(path.join(experimentDirectory, 'sweep.json'), {
    finishedAt: new Date().toISOString(),
    seconds,
    points: points.map((point) => ({ label: point.label, assignments: point.assignments, config: point.config })),
    summary,
  });
  return { experimentDirectory, points: results, summary, seconds };
}
