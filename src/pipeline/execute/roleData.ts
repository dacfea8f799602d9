import type { FloatMatrix } from '../../tensors/matrix';
import type { PlannedRun } from '../plan/planRuns';
import type { PreparedExperimentData, PreparedSplit } from '../prepare/prepareData';
import { labelledRowsOf, takeRows } from '../prepare/runRows';

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
 * every row with a labelled mask ('distill').
 */
export function runTrainingData(run: PlannedRun, data: PreparedExperimentData): RunTrainingData {
  if (run.role.kind === 'teacher' && data.teacherFeatures) {
    const own = data.teacherFeatures;
    return {
      train: withFeatures(data.train, own.train),
      validation: withFeatures(data.validation, own.validation),
      test: withFeatures(data.test, own.test),
      inputDimension: own.inputDimension,
    };
  }
  const splits = {
    train: data.train,
    validation: data.validation,
    test: data.test,
    inputDimension: data.inputDimension,
  };
  const labelled = labelledRowsOf(run, data);
  if (!labelled) return splits;
  if ((run.runConfig.training.unlabelledInputs ?? 'drop') === 'drop')
    return { ...splits, train: takeSplitRows(data.train, labelled), keptRows: labelled };
  const labelledMask = new Uint8Array(data.train.x.rows);
  for (const row of labelled) labelledMask[row] = 1;
  return { ...splits, labelledMask };
}

/** A teacher's logits on the rows this run trains on (all rows, or the kept rows of a 'drop' student). */
export function teacherLogitsForRows(
  logits: FloatMatrix | undefined,
  training: RunTrainingData,
): FloatMatrix | undefined {
  if (!logits || !training.keptRows) return logits;
  return takeRows(logits, training.keptRows);
}
