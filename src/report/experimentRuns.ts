import * as path from 'node:path';
import { epochsToReach } from '../metrics';
import type { ProfessorSummary } from '../pipeline/targets/professorLogits';
import { loadRuns, type RunRecord } from '../runs';
import { pathExists, readJson } from '../util/atomicFile';

/** The scores of one split that the report reads from a run's summary. */
export interface ReportScores {
  accuracy: number;
  macroF1: number;
  /** Fine runs: accuracy of the coarse groups implied by the fine predictions. */
  impliedCoarseAccuracy?: number;
  /** Fine runs: the share of wrong predictions that stay in the true class's coarse group. */
  withinGroupErrorShare?: number;
}

/** One finished run as the report sees it (from config.json, summary.json and metrics.jsonl). */
export interface ReportRun {
  id: string;
  directory: string;
  /** 'teacher-coarse', 'teacher-fine', 'heterogeneous', 'traditional', 'plain', ... */
  method: string;
  role: 'teacher' | 'student';
  seed: number;
  parameters: number;
  bestEpoch: number;
  epochsRun: number;
  trainingSeconds: number;
  test: ReportScores;
  validation?: ReportScores;
  /** Test accuracy after each epoch (metrics.jsonl), when logged. */
  testAccuracyCurve: number[];
  /** Test macro-F1 after each epoch, when logged. */
  testMacroF1Curve: number[];
  /** Validation accuracy after each epoch. */
  validationAccuracyCurve: number[];
  /** The run's resolved config (features, encoder, training settings). */
  config: Record<string, unknown>;
  finishedAt: string;
  backend: string;
  /** Seconds to compute the run's features (embedding or TF-IDF fit + transform), when recorded as summary.featuresSeconds. */
  featuresSeconds?: number;
  /** summary.targetAccuracy, when the run recorded one. */
  targetAccuracy?: number;
  /** summary.professor of a professor-* student: its settings, history and target metrics. */
  professor?: ProfessorSummary;
}

/** The runs of one experiment, chosen for the report. */
export interface ExperimentRuns {
  experiment: string;
  experimentDirectory: string;
  runs: ReportRun[];
  /** Seeds with at least one run, ascending. */
  seeds: number[];
  /** Test accuracy for "epochs to reach": comparison.json's config, else the runs' summaries, else undefined. */
  targetAccuracy?: number;
  /** Where the run list came from. */
  source: 'comparison.json' | 'run folders';
  /** Runs left out because a later run of the same method and seed replaced them. */
  superseded: string[];
  /** Every finished run in the folder (the 'Discovered hierarchies' section picks its comparable runs from these). */
  allRuns: ReportRun[];
}

function field<T>(value: unknown, key: string, check: (item: unknown) => boolean, expected: string, source: string): T {
  const item = (value as Record<string, unknown> | null)?.[key];
  if (!check(item)) throw new Error(`${source}: summary.${key} should be ${expected}, got ${JSON.stringify(item)}`);
  return item as T;
}

const isNumber = (item: unknown) => typeof item === 'number' && Number.isFinite(item);
const isScores = (item: unknown) => item !== null && typeof item === 'object' && isNumber((item as ReportScores).accuracy) && isNumber((item as ReportScores).macroF1);

const isProfessor = (item: unknown) => {
  const metrics = (item as { metrics?: Record<string, unknown> } | undefined)?.metrics;
  return metrics !== undefined && ['teacherTrueClassFirst', 'refinedTrueClassFirst', 'correlationDistanceAtTemperature', 'correlationDistanceOffTrueClass'].every((key) => isNumber(metrics[key]));
};

/** The scores the report reads (accuracy, macro-F1, and the group scores of fine runs when recorded). */
function groupScores(scores: ReportScores): ReportScores {
  const kept: ReportScores = { accuracy: scores.accuracy, macroF1: scores.macroF1 };
  if (isNumber(scores.impliedCoarseAccuracy)) kept.impliedCoarseAccuracy = scores.impliedCoarseAccuracy;
  if (isNumber(scores.withinGroupErrorShare)) kept.withinGroupErrorShare = scores.withinGroupErrorShare;
  return kept;
}

/** Reads the fields the report needs from one run record; a missing or wrong field is an error naming the run folder. */
export function toReportRun(record: RunRecord): ReportRun {
  const source = path.join(record.directory, 'summary.json');
  const summary = record.summary;
  const role = field<string>(summary, 'role', (item) => item === 'teacher' || item === 'student', '"teacher" or "student"', source);
  const validation = (summary as { validation?: unknown }).validation;
  return {
    id: record.id,
    directory: record.directory,
    method: field<string>(summary, 'method', (item) => typeof item === 'string' && item !== '', 'a method name', source),
    role: role as ReportRun['role'],
    seed: record.seed,
    parameters: field<number>(summary, 'parameters', isNumber, 'a number', source),
    bestEpoch: field<number>(summary, 'bestEpoch', isNumber, 'a number', source),
    epochsRun: field<number>(summary, 'epochsRun', isNumber, 'a number', source),
    trainingSeconds: (summary as { trainingSeconds?: number }).trainingSeconds ?? Number.NaN,
    test: groupScores(field<ReportScores>(summary, 'test', isScores, 'an object with numeric accuracy and macroF1', source)),
    validation: isScores(validation) ? (validation as ReportScores) : undefined,
    testAccuracyCurve: record.epochs.map((epoch) => epoch.testAccuracy ?? Number.NaN),
    testMacroF1Curve: record.epochs.map((epoch) => epoch.testMacroF1 ?? Number.NaN),
    validationAccuracyCurve: record.epochs.map((epoch) => epoch.validationAccuracy),
    config: (record.config ?? {}) as Record<string, unknown>,
    finishedAt: record.finishedAt,
    backend: (summary as { backend?: string }).backend ?? record.backend?.name ?? 'unknown',
    featuresSeconds: isNumber((summary as { featuresSeconds?: unknown }).featuresSeconds) ? (summary as { featuresSeconds: number }).featuresSeconds : undefined,
    targetAccuracy: isNumber((summary as { targetAccuracy?: unknown }).targetAccuracy) ? (summary as { targetAccuracy: number }).targetAccuracy : undefined,
    professor: isProfessor((summary as { professor?: unknown }).professor) ? (summary as { professor: ProfessorSummary }).professor : undefined,
  };
}

/** comparison.json's fields the report uses (written by the pipeline CLI after a comparison). */
interface ComparisonFile {
  config?: { name?: string; targetAccuracy?: number };
  runs?: Record<string, string>;
}

/**
 * Loads the finished runs of an experiment folder. When `<experiment>/comparison.json`
 * lists its runs, exactly those are used (the latest comparison); otherwise every finished
 * run folder, keeping for each method and seed the run that finished last.
 */
export async function loadExperimentRuns(experimentDirectory: string): Promise<ExperimentRuns> {
  const directory = path.resolve(experimentDirectory);
  if (!(await pathExists(directory))) throw new Error(`experiment folder ${directory} does not exist (run the pipeline first, or pass --runs-dir)`);
  const comparisonPath = path.join(directory, 'comparison.json');
  const comparison = (await pathExists(comparisonPath)) ? await readJson<ComparisonFile>(comparisonPath) : undefined;
  const all = (await loadRuns(directory)).map(toReportRun);
  let chosen: ReportRun[];
  let source: ExperimentRuns['source'] = 'run folders';
  const listed = comparison?.runs ? new Set(Object.values(comparison.runs).map((folder) => path.basename(folder))) : undefined;
  if (listed && listed.size > 0 && all.some((run) => listed.has(path.basename(run.directory)))) {
    chosen = all.filter((run) => listed.has(path.basename(run.directory)));
    source = 'comparison.json';
  } else {
    const latest = new Map<string, ReportRun>();
    for (const run of all) {
      const key = `${run.method}:${run.seed}`;
      const previous = latest.get(key);
      if (!previous || previous.finishedAt < run.finishedAt) latest.set(key, run);
    }
    chosen = [...latest.values()];
  }
  const kept = new Set(chosen);
  return {
    experiment: comparison?.config?.name ?? path.basename(directory),
    experimentDirectory: directory,
    runs: chosen.sort((a, b) => a.method.localeCompare(b.method) || a.seed - b.seed),
    seeds: [...new Set(chosen.map((run) => run.seed))].sort((a, b) => a - b),
    targetAccuracy: comparison?.config?.targetAccuracy ?? chosen.find((run) => run.targetAccuracy !== undefined)?.targetAccuracy,
    source,
    superseded: all.filter((run) => !kept.has(run)).map((run) => run.id).sort(),
    allRuns: all,
  };
}

/** First epoch whose test accuracy reaches `target`; undefined when it never does. */
export function epochsToTarget(run: ReportRun, target: number): number | undefined {
  return epochsToReach(run.testAccuracyCurve.map((value) => (Number.isNaN(value) ? 0 : value)), target);
}
