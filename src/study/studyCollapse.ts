/**
 * Collapsed runs in the study's tables: the study reads each run's validation-loss curve
 * (metrics.jsonl) and judges it by the results layer's rule (collapseOf); a summary the
 * study did not load is judged from its summary alone (the kept epoch). The tables leave
 * collapsed runs out of means and paired tests, mark the cells that lost a seed with
 * {@link collapsedMarker} and name each collapsed run in a footnote.
 */
import * as path from 'node:path';
import { loadExperimentResults } from '../results';
import { collapseOf, collapsedMarker, collapseWarning, type CollapseVerdict } from '../results/collapse';
import type { PipelineRunSummary } from '../results/runSummary';
import { runDirectoryOf, type SweepPointRuns } from '../pipeline/sweepSummary';
import { methodLabel } from '../results';

/** Verdicts of summaries whose curves the study read (keyed by the summary object itself). */
const judged = new WeakMap<PipelineRunSummary, CollapseVerdict>();

/** The collapse verdict of one run of the study: from its curve when the study loaded it, else from its summary. */
export function collapseOfRun(summary: PipelineRunSummary): CollapseVerdict {
  const known = judged.get(summary);
  if (known) return known;
  return collapseOf({
    bestEpoch: summary.bestEpoch,
    epochsRun: summary.epochsRun,
    testAccuracy: summary.test.accuracy,
    classes: summary.test.perClassF1?.length,
  });
}

/** Records a verdict for a summary (the study's loaded curve, or a test's hand-made one). */
export function recordCollapse(summary: PipelineRunSummary, verdict: CollapseVerdict): void {
  judged.set(summary, verdict);
}

/**
 * Reads the curves of every run of `points` (their run folders in `experimentDirectory`) and
 * records each run's verdict; returns one warning line per collapsed run (a run shared by
 * several points once).
 */
export async function judgeCollapse(experimentDirectory: string, points: SweepPointRuns[]): Promise<string[]> {
  const folderOf = new Map<PipelineRunSummary, string>();
  for (const point of points)
    for (const summary of point.summaries) {
      const folder = runDirectoryOf(point, summary);
      if (folder) folderOf.set(summary, path.basename(folder));
    }
  const folders = [...new Set(folderOf.values())];
  if (folders.length > 0) {
    const results = await loadExperimentResults(experimentDirectory, { runFolders: folders });
    const byFolder = new Map(results.runs.map((run) => [path.basename(run.directory), run]));
    for (const [summary, folder] of folderOf) {
      const run = byFolder.get(folder);
      if (run) recordCollapse(summary, { collapsed: run.collapsed, reason: run.collapseReason });
    }
  }
  const warned = new Set<string>();
  const lines: string[] = [];
  for (const point of points)
    for (const summary of point.summaries) {
      const verdict = collapseOfRun(summary);
      const key = folderOf.get(summary) ?? `${point.label}|${summary.method}|${summary.seed}`;
      if (!verdict.collapsed || warned.has(key)) continue;
      warned.add(key);
      lines.push(collapseWarning(summary, verdict, point.label));
    }
  return lines;
}

/** The runs of a list that are not collapsed (what means and paired tests read). */
export function keptRuns(runs: PipelineRunSummary[]): PipelineRunSummary[] {
  return runs.filter((run) => !collapseOfRun(run).collapsed);
}

/** `collapsedMarker` when any of the runs collapsed (the cell's mean leaves them out), else ''. */
export function collapseMark(runs: PipelineRunSummary[]): string {
  return runs.some((run) => collapseOfRun(run).collapsed) ? ` ${collapsedMarker}` : '';
}

/** One collapsed run of a table: where, which method and seed, why. */
export interface CollapsedRun {
  where: string;
  method: string;
  seed: number;
  reason: string;
}

/**
 * The footnote of a table whose cells left collapsed runs out: one line per run (method,
 * seed, where, the rule's reason) after the rule itself; [] when none collapsed.
 */
export function collapseFootnote(collapsed: CollapsedRun[]): string[] {
  const unique = [
    ...new Map(collapsed.map((run) => [`${run.where}|${run.method}|${run.seed}`, run] as const)).values(),
  ];
  if (unique.length === 0) return [];
  return [
    `${collapsedMarker} Collapsed runs (kept epoch 1 or validation loss never improved, at under 2 x chance test accuracy; or validation loss never improved on epoch 1's) are left out of the marked cells' mean ± std and out of every paired test: a paired difference's n counts the seeds left in both.`,
    '',
    ...unique.map(
      (run) => `- ${collapsedMarker} ${methodLabel(run.method)}, seed ${run.seed}, ${run.where}: ${run.reason}`,
    ),
  ];
}

/** The collapsed runs among some points' runs of `methods` (`where` names the point, for the run's method). */
export function collapsedRunsIn(
  points: SweepPointRuns[],
  methods: string[],
  where: (point: SweepPointRuns, method: string) => string = (point) => point.label,
): CollapsedRun[] {
  return points.flatMap((point) =>
    point.summaries
      .filter((summary) => methods.includes(summary.method))
      .flatMap((summary) => {
        const verdict = collapseOfRun(summary);
        return verdict.collapsed
          ? [
              {
                where: where(point, summary.method),
                method: summary.method,
                seed: summary.seed,
                reason: verdict.reason ?? '',
              },
            ]
          : [];
      }),
  );
}
