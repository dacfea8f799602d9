/**
 * Named column specs of the method tables: each turns one method's runs (a group of
 * {@link groupByMethod}) into a cell, so the CLI, the report and the notebooks build their
 * tables from the same specs. Paired columns pair runs by seed (metrics/seedPairing).
 */
import {
  formatMeanStd,
  formatSignedDifference,
  mean,
  minimalDetectableEffectLine,
  pairedBySeedDifference,
  pairedFamilyCells,
  type PairedDifference,
} from '../metrics';
import { methodLabel, type MethodGroup } from './grouping';
import { type CalibrationScore, epochsToTarget as runEpochsToTarget, type RunResult } from './runResult';
import type { ColumnSpec } from './table';

/** A method's runs plus every group of the table (paired columns find their reference there). */
export interface MethodRow extends MethodGroup<RunResult> {
  groups: ReadonlyArray<MethodGroup<RunResult>>;
}

/** A column of a method table. */
export type MethodColumn = ColumnSpec<MethodRow>;

/** A score of a run's test split that tables and claims read. */
export type TestScore = 'accuracy' | 'macroF1' | 'impliedCoarseAccuracy' | 'withinGroupErrorShare';

const scoreOf = (score: TestScore) => (run: RunResult) => run.test[score] ?? Number.NaN;

/** The method's label ('A heterogeneous KD', 'coarse teacher (hierarchy groups)'). */
export const methodColumn = (header = 'Method'): MethodColumn => ({ header, cell: (row) => methodLabel(row.method) });

/** Parameter counts (distinct ones joined by ' / '), with thousands separators. */
export const parametersColumn = (header = 'Params'): MethodColumn => ({
  header,
  cell: (row) =>
    [...new Set(row.runs.map((run) => run.parameters))].map((count) => count.toLocaleString('en-US')).join(' / '),
});

/** How many seeds (runs) the method has. */
export const seedsColumn = (header = 'Seeds'): MethodColumn => ({ header, cell: (row) => String(row.runs.length) });

/** Mean ± std over seeds of the test accuracy. */
export const accuracyColumn = (header = 'Test accuracy'): MethodColumn => ({
  header,
  cell: (row) => formatMeanStd(row.runs.map((run) => run.test.accuracy)),
});

/** Mean ± std over seeds of the test macro-F1. */
export const macroF1Column = (header = 'Test macro-F1'): MethodColumn => ({
  header,
  cell: (row) => formatMeanStd(row.runs.map((run) => run.test.macroF1)),
});

/** Mean ± std over seeds of an optional test score; '' unless every run recorded it. */
export const scoreColumn = (score: TestScore, header: string): MethodColumn => ({
  header,
  cell: (row) => {
    const values = row.runs.map((run) => run.test[score]).filter((value): value is number => value !== undefined);
    return values.length === row.runs.length ? formatMeanStd(values) : '';
  },
});

/** Mean best epoch over seeds (one decimal). */
export const bestEpochColumn = (header = 'Best epoch'): MethodColumn => ({
  header,
  cell: (row) => mean(row.runs.map((run) => run.bestEpoch)).toFixed(1),
});

/**
 * Epochs to reach test accuracy `target`: the mean over the seeds that reached it and how
 * many did ('3.5 (2/3)', '- (0/3)'); '' without a target or when a run logged no curve.
 */
export const epochsToTargetColumn = (
  target: number | undefined,
  header = target === undefined ? 'Epochs to target' : `Epochs to ${target} (reached)`,
): MethodColumn => ({
  header,
  cell: (row) => {
    if (target === undefined || !row.runs.every((run) => run.testAccuracyCurve.length > 0)) return '';
    const reached = row.runs
      .map((run) => runEpochsToTarget(run, target))
      .filter((epochs): epochs is number => epochs !== undefined);
    return reached.length > 0
      ? `${mean(reached).toFixed(1)} (${reached.length}/${row.runs.length})`
      : `- (0/${row.runs.length})`;
  },
});

/**
 * The paired comparisons of every group of a table with `reference` on a test score, in the
 * groups' order: undefined for the reference itself, under 2 shared seeds, or when a run
 * lacks the score. One column of them is one family (Holm, minimal detectable effect).
 */
function pairedFamily(
  groups: ReadonlyArray<MethodGroup<RunResult>>,
  reference: string,
  score: TestScore,
): Array<PairedDifference | undefined> {
  const other = groups.find((group) => group.method === reference)?.runs;
  return groups.map(({ method, runs }) => {
    if (!other || method === reference) return undefined;
    const optional = score !== 'accuracy' && score !== 'macroF1';
    if (optional && ![...runs, ...other].every((run) => run.test[score] !== undefined)) return undefined;
    return pairedBySeedDifference(runs, other, scoreOf(score));
  });
}

/**
 * Mean paired difference of a test score to `reference`'s runs on the same seeds, its 95 %
 * interval and the paired t-test, with the Holm-adjusted p over the column's comparisons:
 * '+0.0123 [+0.0040, +0.0206] p 0.012 (Holm 0.036), n 5'; '' for the reference itself,
 * without it, under 2 shared seeds, or when a run lacks the score. The column's note is its
 * minimal detectable effect.
 */
export const pairedVs = (
  reference: string,
  score: TestScore = 'accuracy',
  header = `${score === 'accuracy' ? 'Accuracy' : score} vs ${reference} (paired t)`,
): MethodColumn => ({
  header,
  cell: (row) => {
    const index = row.groups.findIndex((group) => group.method === row.method);
    return index < 0 ? '' : pairedFamilyCells(pairedFamily(row.groups, reference, score))[index];
  },
  note: (rows) => {
    if (rows.length === 0) return undefined;
    const line = minimalDetectableEffectLine(pairedFamily(rows[0].groups, reference, score));
    return line === undefined ? undefined : `${header}: ${line}`;
  },
});

/** A paper's reference value for the method ('' when the paper has none), `digits` decimals or a thousands-separated count. */
export const paperReferenceColumn = (
  header: string,
  reference: (method: string) => number | undefined,
  format: 'fraction' | 'count' = 'fraction',
): MethodColumn => ({
  header,
  cell: (row) => {
    const value = reference(row.method);
    if (value === undefined) return '';
    return format === 'count' ? value.toLocaleString('en-US') : value.toFixed(4);
  },
});

/** Our mean test accuracy minus a paper's reference ('' when the paper has none). */
export const versusPaperColumn = (header: string, reference: (method: string) => number | undefined): MethodColumn => ({
  header,
  cell: (row) => {
    const value = reference(row.method);
    return value === undefined ? '' : formatSignedDifference(mean(row.runs.map((run) => run.test.accuracy)) - value);
  },
});

/** Rows of a method table: one per group, each seeing every group. */
export function methodRows(groups: ReadonlyArray<MethodGroup<RunResult>>): MethodRow[] {
  return groups.map((group) => ({ ...group, groups }));
}

/** A test score that runs recorded before it existed lack: shown as '—' (see {@link recordedScoreColumn}). */
export type RecordedScore = CalibrationScore | 'impliedCoarseAccuracy' | 'withinGroupErrorShare';

/** The cell of a method table where a run lacks the score. */
export const missingScoreCell = '—';

/**
 * Mean ± std over seeds of a test score that older runs may lack; '—' unless every run
 * recorded it (a NaN, e.g. the severity of a run without errors, counts as missing).
 */
export const recordedScoreColumn = (score: RecordedScore, header: string, digits = 4): MethodColumn => ({
  header,
  cell: (row) => {
    const values = row.runs.map((run) => run.test[score]);
    return values.every((value): value is number => typeof value === 'number' && Number.isFinite(value))
      ? formatMeanStd(values, digits)
      : missingScoreCell;
  },
});

/** Mean ± std of the mistake severity: mean LCA height of (true, predicted) over the errors (Bertinetto et al. 2020). */
export const severityColumn = (header = 'Mistake severity'): MethodColumn =>
  recordedScoreColumn('mistakeSeverity', header, 3);

/** Mean ± std of the test top-3 accuracy. */
export const top3Column = (header = 'Top-3 acc.'): MethodColumn => recordedScoreColumn('topThreeAccuracy', header);

/** Mean ± std of the test expected calibration error (15 bins), before (`scaled` false) or after temperature scaling. */
export const eceColumn = (scaled = false, header = scaled ? 'ECE (T-scaled)' : 'ECE'): MethodColumn =>
  recordedScoreColumn(scaled ? 'scaledExpectedCalibrationError' : 'expectedCalibrationError', header);

/** Mean ± std of the test NLL, before (`scaled` false) or after temperature scaling. */
export const nllColumn = (scaled = false, header = scaled ? 'NLL (T-scaled)' : 'NLL'): MethodColumn =>
  recordedScoreColumn(scaled ? 'scaledCrossEntropy' : 'crossEntropy', header);

/** Mean ± std of the temperature fitted on validation. */
export const temperatureColumn = (header = 'Fitted T'): MethodColumn => recordedScoreColumn('temperature', header, 2);
