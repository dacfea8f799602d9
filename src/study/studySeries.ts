import { mean, pairBySeed, standardDeviation } from '../metrics';
import type { PipelineRunSummary } from '../results/runSummary';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import { methodLabel } from '../results';
import { chosenPoint, methodRuns } from './studyTables';

/** A score of a run summary: accuracy or macro-F1 on the validation or test split. */
export interface ScoreChoice {
  /** Default 'test'. */
  split?: 'validation' | 'test';
  /** Default 'accuracy'. */
  metric?: 'accuracy' | 'macroF1';
}

/** Mean and sample standard deviation over seeds (std 0 with one seed, NaN for both with none). */
export interface SeedStatistics {
  mean: number;
  standardDeviation: number;
  /** Seeds that ran, ascending. */
  seeds: number[];
}

const score = (run: PipelineRunSummary, choice: ScoreChoice) =>
  run[choice.split ?? 'test'][choice.metric ?? 'accuracy'];

/** Mean ± std over seeds of a score of `runs`. */
export function seedStatistics(runs: PipelineRunSummary[], choice: ScoreChoice = {}): SeedStatistics {
  const values = runs.map((run) => score(run, choice));
  return {
    mean: values.length > 0 ? mean(values) : Number.NaN,
    standardDeviation: values.length > 1 ? standardDeviation(values) : values.length === 1 ? 0 : Number.NaN,
    seeds: runs.map((run) => run.seed).sort((a, b) => a - b),
  };
}

/** Mean ± std over seeds of `method` at one point (see {@link methodRuns}). */
export function pointStatistics(point: SweepPointRuns, method: string, choice: ScoreChoice = {}): SeedStatistics {
  return seedStatistics(methodRuns(point, method), choice);
}

/**
 * Per-seed differences first - second of a score, paired by SEED NUMBER (never by list
 * order): only seeds both ran, ascending. What paired tests and paired-difference charts read.
 */
export function seedPairedDifferences(
  first: PipelineRunSummary[],
  second: PipelineRunSummary[],
  choice: ScoreChoice = {},
): { seeds: number[]; differences: number[] } {
  const { seeds, differences } = pairBySeed(first, second, (run) => score(run, choice));
  return { seeds, differences };
}

/** One method's curve over the labelled fraction in one unlabelled-inputs mode. */
export interface RegimeSeries {
  /** 'drop' or 'distill'. */
  mode: string;
  method: string;
  /** methodLabel(method), e.g. 'A heterogeneous KD'. */
  name: string;
  /** Ascending. */
  fractions: number[];
  means: number[];
  standardDeviations: number[];
}

/**
 * The regimes part as chart data: for each unlabelled-inputs mode and method, mean ± std
 * over seeds of a score at each labelled fraction. The fraction-1 point (all labels: both
 * modes are the same runs, so the study keeps one point) belongs to every mode's series.
 */
export function regimeSeries(points: SweepPointRuns[], methods: string[], choice: ScoreChoice = {}): RegimeSeries[] {
  const fractionOf = (point: SweepPointRuns) => {
    const fraction = point.assignments['student.labelledFraction'];
    if (typeof fraction !== 'number')
      throw new Error(
        `regimeSeries: point "${point.label}" has no numeric student.labelledFraction (got ${JSON.stringify(fraction)})`,
      );
    return fraction;
  };
  const modeOf = (point: SweepPointRuns) => point.assignments['student.unlabelledInputs'] as string | undefined;
  const modes = [
    ...new Set(
      points
        .filter((point) => fractionOf(point) !== 1)
        .map(modeOf)
        .filter((mode): mode is string => typeof mode === 'string'),
    ),
  ];
  return modes.flatMap((mode) => {
    const chosen = points
      .filter((point) => fractionOf(point) === 1 || modeOf(point) === mode)
      .sort((a, b) => fractionOf(a) - fractionOf(b));
    return methods.map((method) => {
      // One point per fraction: with a per-regime (T, a) grid, A and B at the point chosen on
      // validation, the methods that do not read T or a at the first point holding them.
      const present = [...new Set(chosen.map(fractionOf))].flatMap((fraction) => {
        const holding = chosen.filter(
          (point) => fractionOf(point) === fraction && methodRuns(point, method).length > 0,
        );
        const pick = method === 'heterogeneous' || method === 'traditional' ? chosenPoint(holding, method) : holding[0];
        return pick ? [pick] : [];
      });
      const statistics = present.map((point) => pointStatistics(point, method, choice));
      return {
        mode,
        method,
        name: methodLabel(method),
        fractions: present.map(fractionOf),
        means: statistics.map((item) => item.mean),
        standardDeviations: statistics.map((item) => item.standardDeviation),
      };
    });
  });
}

/** Per-class F1 on a split, mean and std over the runs that recorded it (index = fine class id). */
export function perClassF1Statistics(
  runs: PipelineRunSummary[],
  split: 'validation' | 'test' = 'test',
): { mean: number[]; standardDeviation: number[]; runs: number } {
  const rows = runs.map((run) => run[split].perClassF1).filter((row): row is number[] => Array.isArray(row));
  if (rows.length === 0) return { mean: [], standardDeviation: [], runs: 0 };
  const classes = rows[0].length;
  if (rows.some((row) => row.length !== classes))
    throw new Error(
      `perClassF1Statistics: runs disagree on the number of classes (${[...new Set(rows.map((row) => row.length))].join(', ')})`,
    );
  const column = (index: number) => rows.map((row) => row[index]);
  return {
    mean: Array.from({ length: classes }, (_, index) => mean(column(index))),
    standardDeviation: Array.from({ length: classes }, (_, index) =>
      rows.length > 1 ? standardDeviation(column(index)) : 0,
    ),
    runs: rows.length,
  };
}
