import type { PipelineRunSummary } from '../../results/runSummary';
import type { FloatMatrix } from '../../tensors/matrix';
import type { PlannedRun } from '../plan/planRuns';
import type { PreparedExperimentData, PreparedSplit } from '../prepare/prepareData';
import { fewLabelProtocolOf } from '../prepare/fewLabelProtocol';
import { labelledRowsOf, takeRows, validationRowsOf } from '../prepare/runRows';

/** The three splits a run trains and is scored on. */
export interface RoleSplits {
  train: PreparedSplit;
  validation: PreparedSplit;
  test: PreparedSplit;
}

/** What one run (or a stacked group of runs with the same training config) trains on. */
export interface RunTrainingData extends RoleSplits {
  /** Columns of `train.x`. */
  inputDimension: number;
  /** 'distill' students: 1 for rows whose fine label the student sees, 0 otherwise (one per training row). */
  labelledMask?: Uint8Array;
  /** 'drop' students: the training rows kept (indices into the experiment's training split); the teacher logits are cut to them. */
  keptRows?: number[];
  /**
   * 'distill' students whose coarse teacher saw every row's coarse label (`coarseTeacherRows`
   * 'all'): their coarse label terms (D's) cover every row; fine label terms stay masked.
   */
  coarseLabelsEverywhere?: boolean;
}

function withFeatures(split: PreparedSplit, x: FloatMatrix): PreparedSplit {
  return { ...split, x };
}

function takeSplitRows(split: PreparedSplit, rows: readonly number[]): PreparedSplit {
  return {
    x: takeRows(split.x, rows),
    fineLabels: rows.map((row) => split.fineLabels[row]),
    coarseLabels: rows.map((row) => split.coarseLabels[row]),
  };
}

/**
 * The data of a run: teachers read their own features (`teacher.features`) when set;
 * students with `labelledFraction` < 1 train on the labelled rows only ('drop') or on
 * every row with a labelled mask ('distill'); teachers planned on the labelled rows only
 * (run config `labelledRows`) train on those rows. Under `validationRows` 'scaled' both
 * stop early on a stratified share of the validation split; the test split is whole.
 */
export function runTrainingData(run: PlannedRun, data: PreparedExperimentData): RunTrainingData {
  const own = run.role.kind === 'teacher' ? data.teacherFeatures : undefined;
  const whole = own
    ? {
        train: withFeatures(data.train, own.train),
        validation: withFeatures(data.validation, own.validation),
        test: withFeatures(data.test, own.test),
        inputDimension: own.inputDimension,
      }
    : { train: data.train, validation: data.validation, test: data.test, inputDimension: data.inputDimension };
  const validationRows = validationRowsOf(run, data);
  const splits = validationRows ? { ...whole, validation: takeSplitRows(whole.validation, validationRows) } : whole;
  const labelled = labelledRowsOf(run, data);
  if (!labelled) return splits;
  const protocol = run.role.kind === 'student' ? fewLabelProtocolOf(run.runConfig.training) : undefined;
  if (!protocol || protocol.unlabelledInputs === 'drop')
    return { ...splits, train: takeSplitRows(splits.train, labelled), keptRows: labelled };
  const labelledMask = new Uint8Array(data.train.x.rows);
  for (const row of labelled) labelledMask[row] = 1;
  return { ...splits, labelledMask, ...(protocol.coarseTeacherRows === 'all' ? { coarseLabelsEverywhere: true } : {}) };
}

/** A teacher's logits on the rows this run trains on (all rows, or the kept rows of a 'drop' student). */
export function teacherLogitsForRows(
  logits: FloatMatrix | undefined,
  training: RunTrainingData,
): FloatMatrix | undefined {
  if (!logits || !training.keptRows) return logits;
  return takeRows(logits, training.keptRows);
}

/** A few-label run's data protocol and the rows it used, for its summary (nothing for an all-label run). */
export function dataProtocolSummary(run: PlannedRun, training: RunTrainingData): Partial<PipelineRunSummary> {
  const rule = run.role.kind === 'teacher' ? run.runConfig.labelledRows : fewLabelProtocolOf(run.runConfig.training);
  if (!rule) return {};
  return {
    dataProtocol: {
      ...rule,
      ...(run.role.kind === 'teacher' ? { teacherRows: 'labelled' as const } : {}),
      trainRows: training.train.x.rows,
      validationRowsUsed: training.validation.x.rows,
    },
  };
}
