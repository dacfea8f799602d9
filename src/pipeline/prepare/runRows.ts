import { stratifiedSubset } from '../../data/split';
import type { RoleConfig } from '../../config/types';
import type { FloatMatrix } from '../../tensors/matrix';
import { fewLabelProtocolOf, subsetSeed, type TeacherRowsEntry } from './fewLabelProtocol';
import type { PreparedExperimentData } from './prepareData';

/** What {@link labelledRowsOf} reads of a planned run. */
export interface LabelledRowsRun {
  role: { kind: 'teacher' | 'student' };
  seed: number;
  runConfig: { training: RoleConfig; labelledRows?: TeacherRowsEntry };
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

/** The labelled-rows rule of a run: a few-label student's, a labelled-rows teacher's, or undefined (every row). */
function rowsRuleOf(run: LabelledRowsRun): TeacherRowsEntry | undefined {
  if (run.role.kind === 'teacher') return run.runConfig.labelledRows;
  return fewLabelProtocolOf(run.runConfig.training);
}

/**
 * The training rows whose fine label a run sees, or undefined when it sees all: for a
 * student with `labelledFraction` f < 1, and for a teacher planned on those rows only
 * (its run config's `labelledRows`), a stratified (by fine label) share f seeded by
 * dataset.splitSeed ('shared') or by (dataset.splitSeed, run seed) ('per-seed'): every
 * method and teacher of one seed gets the same rows, nested across fractions.
 */
export function labelledRowsOf(run: LabelledRowsRun, data: PreparedExperimentData): number[] | undefined {
  const rule = rowsRuleOf(run);
  if (!rule) return undefined;
  const seed = subsetSeed(rule.labelledSubset, run.config.dataset.splitSeed, run.seed, 'train');
  return stratifiedSubset(data.train.fineLabels, rule.labelledFraction, seed);
}

/**
 * The validation rows a run stops early on and picks its best epoch by, or undefined for
 * the whole validation split: with `validationRows` 'scaled' (the few-label default), a
 * stratified share f of the validation split, seeded like the labelled rows (per seed or
 * shared), for the students and the teachers that see only labelled rows.
 */
export function validationRowsOf(run: LabelledRowsRun, data: PreparedExperimentData): number[] | undefined {
  const rule = rowsRuleOf(run);
  if (!rule || rule.validationRows === 'all') return undefined;
  const seed = subsetSeed(rule.labelledSubset, run.config.dataset.splitSeed, run.seed, 'validation');
  return stratifiedSubset(data.validation.fineLabels, rule.labelledFraction, seed);
}
