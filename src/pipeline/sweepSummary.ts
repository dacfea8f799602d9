import type { DataFrame } from 'danfojs-node';
import { hierarchyByName } from '../hierarchy/builtInHierarchies';
import { isDiscoveredHierarchySpec, referenceHierarchyNames } from '../hierarchy/discoverySpec';
import { adjustedRandIndex } from '../metrics/clusterAgreement';
import { mean, standardDeviation } from '../metrics/statistics';
import type { PipelineRunSummary } from '../results/runSummary';
import { renderText } from '../results/table';

/** The finished runs of one sweep point (every seed, every method). */
export interface SweepPointRuns {
  label: string;
  /** Key path -> value of this point (see expandSweep). */
  assignments: Record<string, unknown>;
  summaries: PipelineRunSummary[];
  /** The hierarchy the point's runs used (as prepared: a discovered one is the derived grouping). */
  hierarchy?: SweepPointHierarchy;
  /** Run folder by `seed<k>-<role>` (as runPoints gives it): tells which runs points share. */
  runDirectories?: Record<string, string>;
}

/** A sweep point's hierarchy: the config value and the grouping it resolved to. */
export interface SweepPointHierarchy {
  /** The config's `hierarchy` value, e.g. `newsgroups-paper` or `discovered:confusion:6`. */
  configValue: string;
  name: string;
  fineToCoarse: number[];
  coarseLabelNames: string[];
  /** The data set kind (its hand-made reference hierarchy: newsgroups-paper, fashion-mnist-5). */
  datasetKind: string;
  /** Where a discovered hierarchy was saved. */
  file?: string;
}

/** One point's hierarchy against the data set's hand-made one. */
export interface SweepHierarchyRow {
  point: string;
  configValue: string;
  name: string;
  /** Coarse group names (a discovered group is named by its members). */
  groups: string[];
  /** The hand-made hierarchy compared with and the adjusted Rand index of the two groupings (1 = the same partition, about 0 = chance). */
  reference?: { name: string; adjustedRandIndex: number };
  file?: string;
}

/** Mean and sample standard deviation over seeds (std 0 with one seed). */
export interface MeanStd {
  mean: number;
  std: number;
}

/** One point x method: scores over its seeds. */
export interface SweepSummaryRow {
  point: string;
  assignments: Record<string, unknown>;
  method: string;
  seeds: number;
  validationAccuracy: MeanStd;
  validationMacroF1: MeanStd;
  testAccuracy: MeanStd;
  testMacroF1: MeanStd;
}

/** A sweep's result: a row per point and method, and each method's best point. */
export interface SweepSummary {
  /** The swept key paths, in sweep order. */
  keys: string[];
  rows: SweepSummaryRow[];
  /** Per method, the row with the highest mean VALIDATION accuracy (earlier point on ties); its test score is reported, never used to choose. */
  best: SweepSummaryRow[];
  /** Present when the points' hierarchies differ or one is discovered: each point's grouping and its ARI against the hand-made one. */
  hierarchies?: SweepHierarchyRow[];
  /** Methods with the same runs at every point (one row, point {@link everyPoint}, no best point). */
  shared?: string[];
}

/** The run folder of one of a point's summaries (undefined when the point does not record folders). */
export function runDirectoryOf(point: SweepPointRuns, summary: PipelineRunSummary): string | undefined {
  return point.runDirectories?.[`seed${summary.seed}-${summary.method}`];
}

/** The run folders of one method's runs at a point, in its summaries' order (undefined where the point records none). */
export function methodRunDirectories(point: SweepPointRuns, method: string): Array<string | undefined> {
  return point.summaries
    .filter((summary) => summary.method === method)
    .map((summary) => runDirectoryOf(point, summary));
}

/** The distinct runs of some points: a run several points share (teachers, C) once, keyed by its run folder. */
export function distinctRuns(points: SweepPointRuns[]): PipelineRunSummary[] {
  const keyed = points.flatMap((point) =>
    point.summaries.map(
      (summary) =>
        [runDirectoryOf(point, summary) ?? `${point.label}:${summary.method}:${summary.seed}`, summary] as const,
    ),
  );
  return [...new Map(keyed).values()];
}

/** The point label of a shared method's single row. */
export const everyPoint = '(every point)';

/**
 * Each point's hierarchy with the adjusted Rand index of its grouping against the data
 * set's hand-made hierarchy ({@link referenceHierarchyNames}); undefined when every point
 * uses the same, not discovered, hierarchy (nothing to compare).
 */
export function sweepHierarchyRows(points: SweepPointRuns[]): SweepHierarchyRow[] | undefined {
  const known = points.filter(
    (point): point is SweepPointRuns & { hierarchy: SweepPointHierarchy } => point.hierarchy !== undefined,
  );
  if (known.length === 0) return undefined;
  const differ = new Set(known.map((point) => point.hierarchy.name)).size > 1;
  if (!differ && !known.some((point) => isDiscoveredHierarchySpec(point.hierarchy.configValue))) return undefined;
  return known.map(({ label, hierarchy }) => {
    const referenceName = referenceHierarchyNames[hierarchy.datasetKind];
    const reference = referenceName
      ? {
          name: referenceName,
          adjustedRandIndex: adjustedRandIndex(hierarchy.fineToCoarse, hierarchyByName(referenceName).fineToCoarse),
        }
      : undefined;
    return {
      point: label,
      configValue: hierarchy.configValue,
      name: hierarchy.name,
      groups: hierarchy.coarseLabelNames,
      ...(reference ? { reference } : {}),
      ...(hierarchy.file ? { file: hierarchy.file } : {}),
    };
  });
}

/** The hierarchy rows as text: one line per point (name, k, ARI vs the hand-made one), then its groups. */
export function formatSweepHierarchies(rows: SweepHierarchyRow[]): string {
  return rows
    .map((row) => {
      const ari = row.reference
        ? `adjusted Rand index vs ${row.reference.name} ${row.reference.adjustedRandIndex.toFixed(3)}`
        : 'no hand-made hierarchy to compare';
      return `${row.point}: ${row.name}, ${row.groups.length} groups, ${ari}\n${row.groups.map((group, index) => `    ${index + 1}. ${group}`).join('\n')}`;
    })
    .join('\n');
}

function meanStd(values: number[]): MeanStd {
  return { mean: mean(values), std: values.length > 1 ? standardDeviation(values) : 0 };
}

/**
 * Summarises a sweep: mean ± std over seeds of validation and test accuracy and macro-F1
 * per point and method, and per method the best point chosen on validation accuracy only
 * (choosing on test would leak the test set into the choice). A method whose runs are the
 * same at every point (a teacher, or C while A's T and a are swept) appears once.
 */
export function summarizeSweep(points: SweepPointRuns[]): SweepSummary {
  const keys = [...new Set(points.flatMap((point) => Object.keys(point.assignments)))];
  const rows: SweepSummaryRow[] = [];
  for (const point of points) {
    const methods = [...new Set(point.summaries.map((summary) => summary.method))];
    for (const method of methods) {
      const runs = point.summaries.filter((summary) => summary.method === method);
      rows.push({
        point: point.label,
        assignments: point.assignments,
        method,
        seeds: runs.length,
        validationAccuracy: meanStd(runs.map((run) => run.validation.accuracy)),
        validationMacroF1: meanStd(runs.map((run) => run.validation.macroF1)),
        testAccuracy: meanStd(runs.map((run) => run.test.accuracy)),
        testMacroF1: meanStd(runs.map((run) => run.test.macroF1)),
      });
    }
  }
  // A method whose runs every point shares (teachers, or C while T and a are swept) gives the
  // same row at every point: keep one row, marked 'every point', and pick no best point for it.
  const methods = [...new Set(rows.map((row) => row.method))];
  const shared =
    points.length > 1
      ? methods.filter((method) => {
          const first = methodRunDirectories(points[0], method);
          return (
            first.length > 0 &&
            first.every(Boolean) &&
            points.every((point) => JSON.stringify(methodRunDirectories(point, method)) === JSON.stringify(first))
          );
        })
      : [];
  const kept = rows
    .filter(
      (row, index) => !shared.includes(row.method) || rows.findIndex((other) => other.method === row.method) === index,
    )
    .map((row) => (shared.includes(row.method) ? { ...row, point: everyPoint, assignments: {} } : row));
  const best: SweepSummaryRow[] = [];
  for (const method of methods.filter((name) => !shared.includes(name))) {
    const candidates = kept.filter((row) => row.method === method);
    best.push(
      candidates.reduce((chosen, row) => (row.validationAccuracy.mean > chosen.validationAccuracy.mean ? row : chosen)),
    );
  }
  const hierarchies = sweepHierarchyRows(points);
  return { keys, rows: kept, best, ...(shared.length > 0 ? { shared } : {}), ...(hierarchies ? { hierarchies } : {}) };
}

const format = (value: MeanStd): string => `${value.mean.toFixed(4)} ± ${value.std.toFixed(4)}`;

/** The sweep summary as text: a table of every point and method (best points starred), then each method's pick. */
export function formatSweepSummary(summary: SweepSummary): string {
  const bestRows = new Set(summary.best);
  const text = renderText({
    headers: ['Point', 'Method', 'Seeds', 'Val. accuracy', 'Val. macro-F1', 'Test accuracy', 'Test macro-F1'],
    rows: summary.rows.map((row) => [
      `${bestRows.has(row) ? '* ' : '  '}${row.point}`,
      row.method,
      String(row.seeds),
      format(row.validationAccuracy),
      format(row.validationMacroF1),
      format(row.testAccuracy),
      format(row.testMacroF1),
    ]),
  });
  const picks = summary.best.map(
    (row) =>
      `${row.method}: best point ${row.point} (validation accuracy ${format(row.validationAccuracy)}) -> test accuracy ${format(row.testAccuracy)}, macro-F1 ${format(row.testMacroF1)}`,
  );
  const hierarchies = summary.hierarchies
    ? `\n\nHierarchies (groups; adjusted Rand index against the hand-made grouping):\n${formatSweepHierarchies(summary.hierarchies)}`
    : '';
  return `${text}\n\n* = best point per method, chosen on mean validation accuracy only:\n${picks.join('\n')}${hierarchies}`;
}

/** A sweep value as a table cell: numbers and strings as they are, anything else as JSON text. */
function cell(value: unknown): number | string | boolean {
  if (value === undefined) return '';
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean'
    ? value
    : JSON.stringify(value);
}

/**
 * Flat rows for a data frame: point, method, one column per swept key (named by its key
 * path, holding the value), seeds, the means and standard deviations, and `best`.
 */
export function sweepSummaryRows(summary: SweepSummary): Array<Record<string, number | string | boolean>> {
  const bestRows = new Set(summary.best);
  return summary.rows.map((row) => ({
    point: row.point,
    method: row.method,
    ...Object.fromEntries(summary.keys.map((key) => [key, cell(row.assignments[key])])),
    seeds: row.seeds,
    validationAccuracyMean: row.validationAccuracy.mean,
    validationAccuracyStd: row.validationAccuracy.std,
    validationMacroF1Mean: row.validationMacroF1.mean,
    validationMacroF1Std: row.validationMacroF1.std,
    testAccuracyMean: row.testAccuracy.mean,
    testAccuracyStd: row.testAccuracy.std,
    testMacroF1Mean: row.testMacroF1.mean,
    testMacroF1Std: row.testMacroF1.std,
    best: bestRows.has(row),
  }));
}

/**
 * The sweep summary as a danfo.js DataFrame (columns of {@link sweepSummaryRows}), ready for a
 * heatmap: filter one method, pivot two swept keys against `validationAccuracyMean`.
 * danfojs is loaded lazily (and without switching the tfjs backend).
 */
export function sweepSummaryDataFrame(summary: SweepSummary): DataFrame {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { requireDanfoKeepingBackend } = require('../runs/dataFrame') as typeof import('../runs/dataFrame');
  const danfo = requireDanfoKeepingBackend();
  return new danfo.DataFrame(sweepSummaryRows(summary));
}
