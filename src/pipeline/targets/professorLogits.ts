import { createHash } from 'node:crypto';
import { disposeProfessor } from '../../professor/model';
import { resolveProfessorSettings, type ProfessorSettings } from '../../professor/professorSettings';
import {
  classCorrelationMatrix,
  correlationDistance,
  softmaxRows,
  trueClassFirstRate,
} from '../../professor/targetMetrics';
import { refineTargets, trainProfessor } from '../../professor/trainProfessor';
import type { ExperimentConfig, RoleConfig } from '../../config/types';
import type { FloatMatrix } from '../../tensors/matrix';
import { canonicalHash } from '../../util/canonicalHash';
import type { PreparedExperimentData } from '../prepare/prepareData';
import { labelledRowsOf, takeRows } from '../prepare/runRows';
import type { TargetProvider, TargetRun } from './provider';
import type { TargetNeed } from './targetNeeds';
import type { ProfessorSummary, ProfessorTargetMetrics } from '../../professor/professorSummary';

export type { ProfessorSummary, ProfessorTargetMetrics } from '../../professor/professorSummary';

/** Refined logits and their record. */
export interface ProfessorTargets {
  refined: FloatMatrix;
  summary: ProfessorSummary;
}

/** What a professor adds to the config of a run that distils from it (so its settings are part of the run id). */
export interface ProfessorRunConfigEntries {
  /** The professor's settings. */
  professor?: ProfessorSettings;
  /**
   * 'labelled-rows' for a FINE professor of a student with `labelledFraction` < 1: it sees
   * only the labelled rows' fine labels (see professorLabelledRows). Set only there, so
   * other ids are unchanged and runs trained before this guard are never reused.
   */
  professorLabels?: 'labelled-rows';
  /**
   * 'labelled-rows' for every professor student that trains on unlabelled inputs
   * (`labelledFraction` < 1 with `unlabelledInputs: 'distill'`): its fine-label term reads the
   * labelled rows only. Runs trained before that mask reached the professor objectives read
   * every row's fine label; this entry gives the corrected runs new ids so those are never
   * reused. Set only there: no other run id changes.
   */
  studentLabels?: 'labelled-rows';
}

/** The professor settings of a config (defaults for anything absent): what a professor run's config records. */
export function professorSettingsOf(config: ExperimentConfig): ProfessorSettings {
  return resolveProfessorSettings(config.professor);
}

/** The run-config entries of a student that distils from a professor refining its `need.teacher` teacher. */
export function professorRunConfigEntries(
  need: TargetNeed,
  config: ExperimentConfig,
  training: RoleConfig,
): ProfessorRunConfigEntries {
  const fewLabels = training.labelledFraction !== undefined && training.labelledFraction < 1;
  return {
    professor: professorSettingsOf(config),
    ...(need.teacher === 'fine' && training.labelledFraction !== undefined
      ? { professorLabels: 'labelled-rows' as const }
      : {}),
    ...(fewLabels && training.unlabelledInputs === 'distill' ? { studentLabels: 'labelled-rows' as const } : {}),
  };
}

/** True-class-first rates and correlation distances of teacher vs refined logits (labels in the teacher's label space). */
export function professorTargetMetrics(
  teacherLogits: FloatMatrix,
  refined: FloatMatrix,
  labels: ArrayLike<number>,
  temperature: number,
): ProfessorTargetMetrics {
  const classCount = teacherLogits.columns;
  const atTemperature = (logits: FloatMatrix) =>
    classCorrelationMatrix(softmaxRows(logits, temperature), labels, classCount);
  const offTrue = (logits: FloatMatrix) =>
    classCorrelationMatrix(softmaxRows(logits, 1), labels, classCount, { mode: 'offTrueClass' });
  return {
    teacherTrueClassFirst: trueClassFirstRate(teacherLogits, labels),
    refinedTrueClassFirst: trueClassFirstRate(refined, labels),
    correlationDistanceAtTemperature: correlationDistance(atTemperature(teacherLogits), atTemperature(refined)),
    correlationDistanceOffTrueClass: correlationDistance(offTrue(teacherLogits), offTrue(refined)),
  };
}

/** Refined targets already computed in this process, by {@link professorKey}. */
const cache = new Map<string, ProfessorTargets>();

/** Fingerprint of a logits matrix (so a retrained teacher never reuses another's refinement). */
function logitsFingerprint(logits: FloatMatrix): string {
  return createHash('sha256')
    .update(Buffer.from(logits.data.buffer, logits.data.byteOffset, logits.data.byteLength))
    .digest('hex')
    .slice(0, 16);
}

/** The cache key of a professor: teacher run (and its logits), temperature, settings, seed and the rows whose label it saw (undefined = all). */
export function professorKey(
  teacherRunId: string,
  teacherLogits: FloatMatrix,
  temperature: number,
  settings: ProfessorSettings,
  seed: number,
  labelledRows?: readonly number[],
): string {
  return canonicalHash({
    teacherRunId,
    logits: logitsFingerprint(teacherLogits),
    temperature,
    settings,
    seed,
    labelled: labelledRows ? canonicalHash(labelledRows) : 'all',
  });
}

/**
 * The training rows whose label a professor may condition on. A professor is trained with
 * the TRUE labels of its rows (its classification term, and the label fed to its encoder and
 * decoder). The coarse teacher's labels are available for every row (the teachers keep the
 * whole training split), but a FINE professor of a student that sees only some fine labels
 * (`student.labelledFraction` < 1) would otherwise pass the other rows' fine labels to the
 * student through its refined targets: it sees only the student's labelled rows.
 */
export function professorLabelledRows(run: TargetRun, data: PreparedExperimentData): number[] | undefined {
  return run.method?.teacher === 'fine' ? labelledRowsOf(run, data) : undefined;
}

/** Forgets the refined targets cached in this process (tests). */
export function clearProfessorCache(): void {
  cache.clear();
}

/**
 * The professor's refined logits for a student run whose method declares `derivedTargets: ['professor-logits']`:
 * trains a professor on the teacher's TRAINING-split logits (coarse labels for the coarse
 * teacher, fine for the fine one) at the run's temperature with the run config's
 * professor settings and the run's seed, refines the same logits, and measures them.
 * Once per (teacher run, temperature, settings, seed, labelled rows) in a process.
 *
 * Few labels: when the student sees only some fine labels, a FINE professor is trained,
 * applied and measured on those labelled rows only ({@link professorLabelledRows}); the
 * other rows keep the teacher's own logits (what a 'distill' student distils there; a
 * 'drop' student never reads them). A coarse professor uses every row's coarse label.
 */
export async function professorTargetsFor(
  run: TargetRun,
  teacherLogits: FloatMatrix,
  data: PreparedExperimentData,
  log: (line: string) => void,
): Promise<ProfessorTargets> {
  const method = run.method;
  if (!method?.derivedTargets?.includes('professor-logits') || method.teacher === 'none')
    throw new Error(
      `run ${run.runId}: method ${method?.name ?? run.runConfig.method} does not distil from a professor`,
    );
  const settings = (run.runConfig as ProfessorRunConfigEntries).professor;
  if (!settings) throw new Error(`run ${run.runId}: its run config has no professor settings`);
  const teacherRunId = run.runConfig.teacherRunId!;
  const temperature = run.settings.temperature;
  const labelledRows = professorLabelledRows(run, data);
  const key = professorKey(teacherRunId, teacherLogits, temperature, settings, run.seed, labelledRows);
  const cached = cache.get(key);
  if (cached) return cached;
  const target = method.teacher;
  const allLabels = target === 'coarse' ? data.train.coarseLabels : data.train.fineLabels;
  // The rows whose label the professor may see, their teacher logits and labels.
  const seenLogits = labelledRows ? takeRows(teacherLogits, labelledRows) : teacherLogits;
  const labels = labelledRows ? labelledRows.map((row) => allLabels[row]) : allLabels;
  const started = Date.now();
  const { professor, history } = await trainProfessor({
    teacherLogits: seenLogits,
    labels,
    classCount: teacherLogits.columns,
    temperature,
    ...settings,
    seed: run.seed,
  });
  let refinedSeen: FloatMatrix;
  try {
    refinedSeen = refineTargets(professor, seenLogits, labels, temperature);
  } finally {
    disposeProfessor(professor);
  }
  const metrics = professorTargetMetrics(seenLogits, refinedSeen, labels, temperature);
  const refined = labelledRows ? withRowsReplaced(teacherLogits, labelledRows, refinedSeen) : refinedSeen;
  const seconds = (Date.now() - started) / 1000;
  log(
    `professor (seed ${run.seed}, ${target} teacher${labelledRows ? `, ${labelledRows.length} labelled rows of ${teacherLogits.rows}` : ''}, T = ${temperature}, ${settings.epochs} epochs, ${seconds.toFixed(1)} s): true class first ` +
      `${metrics.teacherTrueClassFirst.toFixed(3)} (teacher) -> ${metrics.refinedTrueClassFirst.toFixed(3)} (refined); correlation distance ` +
      `${metrics.correlationDistanceAtTemperature.toFixed(4)} at T, ${metrics.correlationDistanceOffTrueClass.toFixed(4)} off-true at T = 1`,
  );
  const summary: ProfessorSummary = {
    settings,
    temperature,
    seed: run.seed,
    teacherRunId,
    target,
    seconds,
    ...(labelledRows ? { labelledRows: labelledRows.length } : {}),
    metrics,
    history,
  };
  const result: ProfessorTargets = { refined, summary };
  cache.set(key, result);
  return result;
}

/** A copy of `matrix` whose rows `rows` are replaced by the rows of `replacement` (in order). */
function withRowsReplaced(matrix: FloatMatrix, rows: readonly number[], replacement: FloatMatrix): FloatMatrix {
  const data = Float32Array.from(matrix.data);
  rows.forEach((row, position) =>
    data.set(
      replacement.data.subarray(position * matrix.columns, (position + 1) * matrix.columns),
      row * matrix.columns,
    ),
  );
  return { data, rows: matrix.rows, columns: matrix.columns };
}

/**
 * The professor's refinement of a run's teacher logits ({@link professorTargetsFor}, built
 * on the `teacher-logits` target); the run's summary records what the professor did
 * under `professor`.
 */
export const professorLogitsProvider: TargetProvider = {
  kind: 'professor-logits',
  describe: () => "the professor's refined targets",
  runConfigEntries: professorRunConfigEntries,
  columns: (need, data) =>
    (need.teacher === 'coarse' ? data.hierarchy.coarseLabelNames : data.hierarchy.fineLabelNames).length,
  async compute(run, _need, context) {
    const { refined, summary } = await professorTargetsFor(
      run,
      context.targetOf('teacher-logits', run).logits,
      context.data,
      context.log,
    );
    return { logits: refined, summary: { professor: summary } };
  },
};
