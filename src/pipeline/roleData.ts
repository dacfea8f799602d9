import { stratifiedSubset } from '../data/split';
import type { FloatMatrix } from '../training';
import type { PlannedRun } from './plan';
import type { PreparedExperimentData, PreparedSplit } from './prepareData';

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

/** The teachers' training features: `teacher.features` when set, else the experiment's. */
export function teacherTrainFeatures(data: PreparedExperimentData): FloatMatrix {
  return data.teacherFeatures?.train ?? data.train.x;
}

function withFeatures(split: PreparedSplit, x: FloatMatrix): PreparedSplit {
  return { ...split, x };
}

/** Rows `rows` of a row-major matrix. */
export function takeRows(matrix: FloatMatrix, rows: readonly number[]): FloatMatrix {
  const data = new Float32Array(rows.length * matrix.columns);
  rows.forEach((row, position) => data.set(matrix.data.subarray(row * matrix.columns, (row + 1) * matrix.columns), position * matrix.columns));
  return { data, rows: rows.length, columns: matrix.columns };
}

function takeSplitRows(split: PreparedSplit, rows: readonly number[]): PreparedSplit {
  return { x: takeRows(split.x, rows), fineLabels: rows.map((row) => split.fineLabels[row]), coarseLabels: rows.map((row) => split.coarseLabels[row]) };
}

/**
 * The training rows whose fine label a student of this run sees, or undefined when it sees
 * all (`student.labelledFraction` absent or 1): a stratified (by fine label) share seeded
 * by `dataset.splitSeed`, so every seed and method uses the same rows.
 */
export function labelledRowsOf(run: PlannedRun, data: PreparedExperimentData): number[] | undefined {
  if (run.role.kind === 'teacher') return undefined;
  const fraction = run.runConfig.training.labelledFraction;
  if (fraction === undefined || fraction === 1) return undefined;
  return stratifiedSubset(data.train.fineLabels, fraction, run.config.dataset.splitSeed);
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
  const splits = { train: data.train, validation: data.validation, test: data.test, inputDimension: data.inputDimension };
  const labelled = labelledRowsOf(run, data);
  if (!labelled) return splits;
  if ((run.runConfig.training.unlabelledInputs ?? 'drop') === 'drop') return { ...splits, train: takeSplitRows(data.train, labelled), keptRows: labelled };
  const labelledMask = new Uint8Array(data.train.x.rows);
  for (const row of labelled) labelledMask[row] = 1;
  return { ...splits, labelledMask };
}

/** A teacher's logits on the rows this run trains on (all rows, or the kept rows of a 'drop' student). */
export function teacherLogitsForRows(logits: FloatMatrix | undefined, training: RunTrainingData): FloatMatrix | undefined {
  if (!logits || !training.keptRows) return logits;
  return takeRows(logits, training.keptRows);
}
