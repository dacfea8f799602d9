import * as path from 'node:path';
import type { SweepPoint } from '../config/sweep';
import { writeJsonAtomic } from '../util/atomicFile';
import type { ProgressListener } from '../util/progress';
import { runsDirectory as defaultRunsDirectory } from '../util/paths';
import { runPoints, type ComparisonOptions } from './comparison';
import { formatSweepSummary, summarizeSweep, type SweepPointRuns, type SweepSummary } from './sweepSummary';

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** Default: `runsDirectory()/<experiment name>`; every point's runs go here (run ids are config hashes, so shared teachers and finished points are reused). */
  experimentDirectory?: string;
  stage?: ComparisonOptions['stage'];
  fresh?: boolean;
  /** Rescore reused runs from their saved models with this code's metrics. */
  rescore?: boolean;
  /** Both teachers (default), or only those the methods distil from. */
  teachers?: ComparisonOptions['teachers'];
  /** Most runs trained at once (default: the config's engine.groupSize). */
  groupSize?: number;
  log?: (line: string) => void;
  progress?: ProgressListener;
  /** One of several workers over one runs folder: trains its selection, writes no summary (the final pass does). */
  worker?: ComparisonOptions['worker'];
}

/** What {@link runSweep} returns. */
export interface SweepResult {
  experimentDirectory: string;
  points: SweepPointRuns[];
  summary: SweepSummary;
  seconds: number;
}

/**
 * Runs every point of a sweep for every seed (data prepared once per distinct data set,
 * features and hierarchy; all runs planned at once, each distinct run trained once,
 * students of many points stacked into groups), prints the sweep summary and writes it to
 * `<experiment>/sweep.json`. An interrupted sweep resumes: finished point x seed runs are
 * reused.
 */
export async function runSweep(points: SweepPoint[], options: SweepOptions = {}): Promise<SweepResult> {
  if (points.length === 0) throw new Error('runSweep: no sweep points');
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const experimentDirectory = options.experimentDirectory ?? path.join(defaultRunsDirectory(), points[0].config.name);
  // Points that share data (dataset, features, hierarchy) are planned and trained together:
  // teachers once per seed, each distinct run once, students of many points stacked.
  const byData = new Map<string, SweepPoint[]>();
  for (const point of points) {
    const dataKey = JSON.stringify([
      point.config.dataset,
      point.config.features,
      point.config.teacher.features ?? null,
      point.config.hierarchy,
    ]);
    byData.set(dataKey, [...(byData.get(dataKey) ?? []), point]);
  }
  const byLabel = new Map<string, SweepPointRuns>();
  for (const samePoints of byData.values()) {
    const result = await runPoints(samePoints, {
      experimentDirectory,
      stage: options.stage,
      fresh: options.fresh,
      rescore: options.rescore,
      teachers: options.teachers,
      groupSize: options.groupSize,
      log,
      progress: options.progress,
      worker: options.worker,
    });
    if (options.worker) continue;
    for (const pointResult of result.points) {
      const { hierarchy, hierarchyFile } = result.data;
      byLabel.set(pointResult.point.label, {
        label: pointResult.point.label,
        assignments: pointResult.point.assignments,
        summaries: [...pointResult.teachers, ...pointResult.students],
        runDirectories: pointResult.runDirectories,
        hierarchy: {
          configValue: pointResult.point.config.hierarchy,
          name: hierarchy.name,
          fineToCoarse: hierarchy.fineToCoarse,
          coarseLabelNames: hierarchy.coarseLabelNames,
          datasetKind: pointResult.point.config.dataset.kind,
          ...(hierarchyFile ? { file: hierarchyFile } : {}),
        },
      });
    }
  }
  if (options.worker)
    return { experimentDirectory, points: [], summary: summarizeSweep([]), seconds: (Date.now() - started) / 1000 };
  const results = points.map((point) => byLabel.get(point.label)!);
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
