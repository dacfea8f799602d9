import { stratifiedSubset } from '../../data/split';
import type { FloatMatrix } from '../../tensors/matrix';
import type { PreparedExperimentData } from './prepareData';

/** What {@link labelledRowsOf} reads of a planned run. */
export interface LabelledRowsRun {
  role: { kind: 'teacher' | 'student' };
  runConfig: { training: { labelledFraction?: number } };
  config: { dataset: { splitSeed: number } };
}

/** The teachers' training features: `teacher.features` when set, else the experiment's. */
export function teacherTrainFeatures(data: PreparedExperimentData): FloatMatrix {
  return data.teacherFeatures?.train ?? data.train.x;
}

/** Rows `rows` of a row-major matrix. */
export function takeRows(matrix: FloatMatrix, rows: readonly number[]): FloatMatrix {
  const data = new Float32Array(rows.length * matrix.columns);
  rows.forEach((row, position) =>
    data.set(matrix.data.subarray(row * matrix.columns, (row + 1) * matrix.columns), position * matrix.columns),
  );
  return { data, rows: rows.length, columns: matrix.columns };
}

/**
 * The training rows whose fine label a student of this run sees, or undefined when it sees
 * all (`student.labelledFraction` absent or 1): a stratified (by fine label) share seeded
 * by `dataset.splitSeed`, so every seed and method uses the same rows.
 */
export function labelledRowsOf(run: LabelledRowsRun, data: PreparedExperimentData): number[] | undefined {
  if (run.role.kind === 'teacher') return undefined;
  const fraction = run.runConfig.training.labelledFraction;
  if (fraction === undefined || fraction === 1) return undefined;
  return stratifiedSubset(data.train.fineLabels, fraction, run.config.dataset.splitSeed);
}
