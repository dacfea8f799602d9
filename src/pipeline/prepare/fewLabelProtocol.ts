/**
 * The few-label data protocol: what each run of a regime with `student.labelledFraction`
 * f < 1 may see. Pure functions of the config (and the run's seed), shared by planning
 * (run configs and ids) and by the data a run trains on (src/pipeline/prepare/runRows.ts).
 *
 * - Labelled rows: a stratified share f of the training split, drawn per run seed
 *   ('per-seed', seeded by dataset.splitSeed and the seed) or once ('shared', seeded by
 *   dataset.splitSeed); every method and teacher of one seed sees the same rows.
 * - Teachers: the fine teacher trains on the labelled rows (`fineTeacherRows` 'labelled',
 *   default) or on all rows; the coarse teacher on all rows (`coarseTeacherRows` 'all',
 *   default) or on the labelled rows. A teacher of labelled rows is a run of its own
 *   fraction, subset rule and seed.
 * - Validation: a stratified share f of the validation split ('scaled', default) for the
 *   students and the labelled-row teachers, or all of it; the test split is always whole.
 *
 * At f = 1 (or no fraction) there is no protocol: nothing changes, no run id changes.
 */
import type { RoleConfig } from '../../config/types';
import { canonicalHash } from '../../util/canonicalHash';

/** The resolved few-label settings of a config (defaults filled in). */
export interface FewLabelProtocol {
  labelledFraction: number;
  unlabelledInputs: 'drop' | 'distill';
  labelledSubset: 'per-seed' | 'shared';
  fineTeacherRows: 'labelled' | 'all';
  coarseTeacherRows: 'all' | 'labelled';
  validationRows: 'scaled' | 'all';
}

/** What a teacher trained on labelled rows only records in its run config (and so its run id). */
export interface TeacherRowsEntry {
  labelledFraction: number;
  labelledSubset: 'per-seed' | 'shared';
  validationRows: 'scaled' | 'all';
}

/** The student config's few-label protocol, or undefined when every fine label is seen (f absent or 1). */
export function fewLabelProtocolOf(student: RoleConfig): FewLabelProtocol | undefined {
  const fraction = student.labelledFraction;
  if (fraction === undefined || fraction === 1) return undefined;
  return {
    labelledFraction: fraction,
    unlabelledInputs: student.unlabelledInputs ?? 'drop',
    labelledSubset: student.labelledSubset ?? 'per-seed',
    fineTeacherRows: student.fineTeacherRows ?? 'labelled',
    coarseTeacherRows: student.coarseTeacherRows ?? 'all',
    validationRows: student.validationRows ?? 'scaled',
  };
}

/**
 * The students' training config as run ids hash it: the few-label fields are left out when
 * every label is seen (fraction 1, the default), so an explicit 1 gives the same runs as
 * leaving it out; below 1 each is recorded with its default filled in.
 */
export function studentTraining(student: RoleConfig): RoleConfig {
  const {
    labelledFraction: _fraction,
    unlabelledInputs: _inputs,
    labelledSubset: _subset,
    fineTeacherRows: _fine,
    coarseTeacherRows: _coarse,
    validationRows: _validation,
    ...rest
  } = student;
  const protocol = fewLabelProtocolOf(student);
  return protocol ? { ...rest, ...protocol } : rest;
}

/** The labelled-rows entry of a `target` teacher planned with this student config, or undefined when it sees every row. */
export function teacherRowsOf(student: RoleConfig, target: 'coarse' | 'fine'): TeacherRowsEntry | undefined {
  const protocol = fewLabelProtocolOf(student);
  if (!protocol) return undefined;
  const rows = target === 'fine' ? protocol.fineTeacherRows : protocol.coarseTeacherRows;
  if (rows === 'all') return undefined;
  const { labelledFraction, labelledSubset, validationRows } = protocol;
  return { labelledFraction, labelledSubset, validationRows };
}

/**
 * The seed of a stratified subset of `split` ('train': the labelled rows; 'validation': the
 * scaled validation rows). 'shared' training rows keep dataset.splitSeed itself (the rows
 * every seed saw before per-seed subsets existed); the others are a hash of
 * (splitSeed, split[, run seed]) read as an unsigned 32-bit integer.
 */
export function subsetSeed(
  rule: 'per-seed' | 'shared',
  splitSeed: number,
  seed: number,
  split: 'train' | 'validation',
): number {
  if (rule === 'shared' && split === 'train') return splitSeed;
  const key = rule === 'shared' ? { splitSeed, split } : { splitSeed, split, seed };
  return Number.parseInt(canonicalHash(key, 8), 16) >>> 0;
}
