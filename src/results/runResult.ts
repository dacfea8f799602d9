/**
 * One finished run as every table, claim and notebook reads it: the result layer's record,
 * built from a run folder's config.json, summary.json and metrics.jsonl (see loadResults.ts).
 */
import * as path from 'node:path';
import { epochsToReach } from '../metrics';
import type { ProfessorSummary } from '../professor/professorSummary';
import type { PipelineRunSummary, SplitScores } from './runSummary';
import type { RunRecord } from '../runs';
import { collapseOf } from './collapse';

/** The scores of one split that the results read from a run's summary (the fields of summary.json's split scores they use). */
export type RunScores = Pick<SplitScores, 'accuracy' | 'macroF1' | 'impliedCoarseAccuracy' | 'withinGroupErrorShare'> &
  Partial<Pick<SplitScores, CalibrationScore | 'reliabilityBins'>>;

/** The mistake-severity, top-3 and calibration scores of a split (absent from runs recorded before they existed). */
export type CalibrationScore =
  | 'crossEntropy'
  | 'topThreeAccuracy'
  | 'mistakeSeverity'
  | 'hierarchicalDistance'
  | 'expectedCalibrationError'
  | 'temperature'
  | 'scaledCrossEntropy'
  | 'scaledExpectedCalibrationError'
  | 'treeMistakeSeverity';

/** Every {@link CalibrationScore}, in the order tables show them. */
export const calibrationScores: readonly CalibrationScore[] = [
  'crossEntropy',
  'topThreeAccuracy',
  'mistakeSeverity',
  'hierarchicalDistance',
  'expectedCalibrationError',
  'temperature',
  'scaledCrossEntropy',
  'scaledExpectedCalibrationError',
  'treeMistakeSeverity',
];

/**
 * One finished run (from config.json, summary.json and metrics.jsonl): what every table and
 * claim reads. Its summary fields are those of the record the pipeline writes
 * ({@link PipelineRunSummary}, summary.json), plus the run's identity, its per-epoch curves
 * and its config.
 */
export interface RunResult
  extends Pick<
    PipelineRunSummary,
    | 'method'
    | 'role'
    | 'seed'
    | 'parameters'
    | 'bestEpoch'
    | 'epochsRun'
    | 'trainingSeconds'
    | 'backend'
    | 'featuresSeconds'
    | 'professor'
    | 'group'
  > {
  id: string;
  directory: string;
  /** NaN when the summary recorded none. */
  trainingSeconds: number;
  test: RunScores;
  validation?: RunScores;
  /** Test accuracy after each epoch (metrics.jsonl), when logged. */
  testAccuracyCurve: number[];
  /** Test macro-F1 after each epoch, when logged. */
  testMacroF1Curve: number[];
  /** Validation accuracy after each epoch. */
  validationAccuracyCurve: number[];
  /** Validation loss (cross-entropy on the run's own targets) after each epoch. */
  validationLossCurve: number[];
  /** The run's resolved config (features, encoder, training settings). */
  config: Record<string, unknown>;
  finishedAt: string;
  /** When it started (config.json), absent in records that do not say. */
  startedAt?: string;
  /** summary.targetAccuracy, when the run recorded one. */
  targetAccuracy?: number;
  /** The intra-op threads of its native backend (config.json's backend.threads), when recorded. */
  threads?: number;
  /** The run failed to train (see collapseOf in collapse.ts): tables mark it and leave it out of means and paired tests. */
  collapsed: boolean;
  /** Which clause of the collapse rule fired, with the numbers (collapsed runs only). */
  collapseReason?: string;
}

function field<T>(value: unknown, key: string, check: (item: unknown) => boolean, expected: string, source: string): T {
  const item = (value as Record<string, unknown> | null)?.[key];
  if (!check(item)) throw new Error(`${source}: summary.${key} should be ${expected}, got ${JSON.stringify(item)}`);
  return item as T;
}

const isNumber = (item: unknown) => typeof item === 'number' && Number.isFinite(item);
const isScores = (item: unknown) =>
  item !== null &&
  typeof item === 'object' &&
  isNumber((item as RunScores).accuracy) &&
  isNumber((item as RunScores).macroF1);

const isProfessor = (item: unknown) => {
  const metrics = (item as { metrics?: Record<string, unknown> } | undefined)?.metrics;
  return (
    metrics !== undefined &&
    [
      'teacherTrueClassFirst',
      'refinedTrueClassFirst',
      'correlationDistanceAtTemperature',
      'correlationDistanceOffTrueClass',
    ].every((key) => isNumber(metrics[key]))
  );
};

const isGroup = (item: unknown) =>
  isNumber((item as { size?: unknown } | undefined)?.size) && isNumber((item as { index?: unknown }).index);

const isReliability = (item: unknown): item is SplitScores['reliabilityBins'] =>
  Array.isArray(item) &&
  item.every(
    (bin) =>
      isNumber(bin?.count) &&
      (bin.confidence === null || isNumber(bin.confidence)) &&
      (bin.accuracy === null || isNumber(bin.accuracy)),
  );

/** The scores the results read (accuracy, macro-F1, and the group scores of fine runs when recorded). */
function groupScores(scores: RunScores): RunScores {
  const kept: RunScores = { accuracy: scores.accuracy, macroF1: scores.macroF1 };
  if (isNumber(scores.impliedCoarseAccuracy)) kept.impliedCoarseAccuracy = scores.impliedCoarseAccuracy;
  if (isNumber(scores.withinGroupErrorShare)) kept.withinGroupErrorShare = scores.withinGroupErrorShare;
  for (const score of calibrationScores) if (isNumber(scores[score])) kept[score] = scores[score] as number;
  if (isReliability(scores.reliabilityBins)) kept.reliabilityBins = scores.reliabilityBins;
  return kept;
}

/**
 * Classes of a run's target: the length of its test per-class F1, else its run config's hierarchy
 * (fine: one per fine class; coarse: one per group); undefined when neither is recorded.
 */
export function targetClassesOf(summary: unknown, config: unknown): number | undefined {
  const perClass = (summary as { test?: { perClassF1?: unknown } } | null)?.test?.perClassF1;
  if (Array.isArray(perClass) && perClass.length >= 2) return perClass.length;
  const inner = (config ?? {}) as Record<string, unknown>;
  const fineToCoarse = (inner.hierarchy as { fineToCoarse?: unknown } | undefined)?.fineToCoarse;
  if (!Array.isArray(fineToCoarse) || fineToCoarse.length < 2) return undefined;
  return inner.target === 'coarse' ? new Set(fineToCoarse).size : fineToCoarse.length;
}

/** Reads the fields the results need from one run record; a missing or wrong field is an error naming the run folder. */
export function toRunResult(record: RunRecord): RunResult {
  const source = path.join(record.directory, 'summary.json');
  const summary = record.summary;
  const role = field<string>(
    summary,
    'role',
    (item) => item === 'teacher' || item === 'student',
    '"teacher" or "student"',
    source,
  );
  const validation = (summary as { validation?: unknown }).validation;
  const bestEpoch = field<number>(summary, 'bestEpoch', isNumber, 'a number', source);
  const epochsRun = field<number>(summary, 'epochsRun', isNumber, 'a number', source);
  const test = groupScores(
    field<RunScores>(summary, 'test', isScores, 'an object with numeric accuracy and macroF1', source),
  );
  const validationLossCurve = record.epochs.map((epoch) => epoch.validationLoss);
  const collapse = collapseOf({
    bestEpoch,
    epochsRun,
    testAccuracy: test.accuracy,
    classes: targetClassesOf(summary, record.config),
    validationLossCurve,
  });
  return {
    id: record.id,
    directory: record.directory,
    method: field<string>(
      summary,
      'method',
      (item) => typeof item === 'string' && item !== '',
      'a method name',
      source,
    ),
    role: role as RunResult['role'],
    seed: record.seed,
    parameters: field<number>(summary, 'parameters', isNumber, 'a number', source),
    bestEpoch,
    epochsRun,
    trainingSeconds: (summary as { trainingSeconds?: number }).trainingSeconds ?? Number.NaN,
    test,
    validation: isScores(validation) ? (validation as RunScores) : undefined,
    testAccuracyCurve: record.epochs.map((epoch) => epoch.testAccuracy ?? Number.NaN),
    testMacroF1Curve: record.epochs.map((epoch) => epoch.testMacroF1 ?? Number.NaN),
    validationAccuracyCurve: record.epochs.map((epoch) => epoch.validationAccuracy),
    validationLossCurve,
    config: (record.config ?? {}) as Record<string, unknown>,
    finishedAt: record.finishedAt,
    ...(record.startedAt ? { startedAt: record.startedAt } : {}),
    backend: (summary as { backend?: string }).backend ?? record.backend?.name ?? 'unknown',
    featuresSeconds: isNumber((summary as { featuresSeconds?: unknown }).featuresSeconds)
      ? (summary as { featuresSeconds: number }).featuresSeconds
      : undefined,
    targetAccuracy: isNumber((summary as { targetAccuracy?: unknown }).targetAccuracy)
      ? (summary as { targetAccuracy: number }).targetAccuracy
      : undefined,
    professor: isProfessor((summary as { professor?: unknown }).professor)
      ? (summary as { professor: ProfessorSummary }).professor
      : undefined,
    ...(isGroup((summary as { group?: unknown }).group)
      ? { group: (summary as { group: RunResult['group'] }).group }
      : {}),
    ...(isNumber(record.backend?.threads) ? { threads: record.backend.threads } : {}),
    collapsed: collapse.collapsed,
    ...(collapse.reason ? { collapseReason: collapse.reason } : {}),
  };
}

/** First epoch whose test accuracy reaches `target`; undefined when it never does. */
export function epochsToTarget(run: RunResult, target: number): number | undefined {
  return epochsToReach(
    run.testAccuracyCurve.map((value) => (Number.isNaN(value) ? 0 : value)),
    target,
  );
}
