import * as path from 'node:path';
import { paperNewsgroupsExperiment } from '../config/builtInExperiments';
import type { ExperimentConfig } from '../config/types';
import { runPoints } from '../pipeline/comparison';
import type { PipelineRunSummary } from '../results/runSummary';
import type { WorkerOptions } from '../pipeline/execute/workerSelection';
import { runSweep } from '../pipeline/sweep';
import { distinctRuns } from '../pipeline/sweepSummary';
import type { RunResult } from '../results';
import { writeJsonAtomic } from '../util/atomicFile';
import { projectRoot, runsDirectory as defaultRunsDirectory } from '../util/paths';
import { formatDuration, type ProgressListener } from '../util/progress';
import { localMachine, type WorkerMachine } from './workerMachine';
import { costModelLines, measuredRunsIn, predictStudyCost, type MeasuredFolder } from './costModelReport';
import { countStudyRuns, estimateStudyCost, type CostEstimate } from './studyCost';
import {
  buildStudyParts,
  studySettingsFor,
  type StudyPart,
  type StudyPartResult,
  type StudySettings,
} from './studyParts';
import { judgeCollapse } from './studyCollapse';
import { studyRecordOf, studyReportInputFromRecord } from './studyRecord';
import { writeStudyReport } from './studyReport';

/** Training rows of the full data set: paper 1's 8,765 posts, or Fashion-MNIST's 60,000 images less validation. */
export function fullTrainingRows(config: ExperimentConfig): number {
  if (config.dataset.kind === 'fashion-mnist')
    return Math.round(60000 * (1 - (config.dataset.validationFraction ?? 0.1)));
  return 8765;
}

/** Options of {@link runStudy}. */
export interface StudyOptions {
  /** The tiny slice (smoke settings and grids): a minute or two. */
  smoke?: boolean;
  /** Default paper1-newsgroups (USE lite, the default encoder); `fashion-mnist` gets the Fashion-MNIST settings. */
  base?: ExperimentConfig;
  settings?: StudySettings;
  /** The labelled fractions of the regimes part and of the baselines part (e.g. one regime and its all-label point). */
  fractions?: number[];
  /** The baselines part's fractions alone (after `fractions`): e.g. [1] keeps it to all labels while the regimes take several. */
  baselineFractions?: number[];
  /** Only these parts (by name: grid, curves, regimes, hierarchies, features, featureSets, baselines); default all. */
  parts?: string[];
  /** Folder of experiments (default runs/ or HKD_RUNS_DIR); the study's runs go to `<runs>/<study name>/`. */
  runsDirectory?: string;
  /** Where `<study name>.md` and its charts go (default `<project>/reports/local/`, wherever the caller runs, e.g. a notebook). */
  outputDirectory?: string;
  fresh?: boolean;
  /** Rescore reused runs from their saved models with this code's metrics. */
  rescore?: boolean;
  groupSize?: number;
  /** Runs folder whose finished runs of this experiment give the cost model its seconds per epoch and typical epochs (default the study's own). */
  costsFrom?: string;
  log?: (line: string) => void;
  progress?: ProgressListener;
  /** What the cost model's wall times assume: default this machine's cores and a 5 s start-up per worker; `cores` absent: each worker with the cores of the measured runs (cluster tasks). */
  machine?: WorkerMachine;
}

/** The study's settings, chosen parts (validated), name and experiment folder. */
function studyPlan(options: StudyOptions): {
  settings: StudySettings;
  parts: StudyPart[];
  name: string;
  experimentDirectory: string;
  experimentName: string;
} {
  const base = options.base ?? paperNewsgroupsExperiment;
  const defaults = options.settings ?? studySettingsFor(base, options.smoke);
  const withFractions = options.fractions
    ? { ...defaults, fractions: options.fractions, baselineFractions: options.fractions }
    : defaults;
  const settings = options.baselineFractions
    ? { ...withFractions, baselineFractions: options.baselineFractions }
    : withFractions;
  const allParts = buildStudyParts(base, settings, options.smoke);
  const unknown = (options.parts ?? []).filter((name) => !allParts.some((part) => part.name === name));
  if (unknown.length > 0)
    throw new Error(
      `study parts: unknown ${unknown.map((name) => `"${name}"`).join(', ')}; expected some of ${allParts.map((part) => part.name).join(', ')}`,
    );
  const parts = options.parts ? allParts.filter((part) => options.parts!.includes(part.name)) : allParts;
  if (parts.length === 0) throw new Error('study parts: none chosen');
  // Runs live in the experiment's own folder (run ids do not depend on the folder), so the
  // study reuses what `npm run pipeline` and sweeps of the same experiment already trained.
  const experimentName = parts[0].points[0].config.name;
  return {
    settings,
    parts,
    name: `${experimentName}-study`,
    experimentDirectory: path.join(options.runsDirectory ?? defaultRunsDirectory(), experimentName),
    experimentName,
  };
}

/** Prints the cost model of the chosen parts, priced from the finished runs in `--costs-from` (default the study's own folder). */
async function logCostModel(
  options: StudyOptions,
  parts: StudyPart[],
  experimentName: string,
  experimentDirectory: string,
  log: (line: string) => void,
): Promise<void> {
  const costDirectory = options.costsFrom ? path.join(options.costsFrom, experimentName) : experimentDirectory;
  // The cost model only informs: a folder it cannot read is said, and the study goes on.
  const read = async (directory: string): Promise<MeasuredFolder> => {
    try {
      return await measuredRunsIn(directory);
    } catch (error) {
      log(`cost model: not priced, the runs in ${directory} could not be read (${(error as Error).message})`);
      return { runs: [] };
    }
  };
  const measured = await read(costDirectory);
  // What is left: the runs not finished in the study's own folder (the one it trains into).
  const { finished } = costDirectory === experimentDirectory ? measured : await read(experimentDirectory);
  const machine = options.machine ?? localMachine();
  const groupSize = options.groupSize ?? parts[0].points[0].config.engine.groupSize;
  const prediction = predictStudyCost(parts, groupSize, measured, { finished, machine });
  costModelLines(prediction, costDirectory).forEach((line) => log(line));
}

/** The cost model alone, printed before workers start (the command that launches them trains nothing itself). */
export async function printStudyCostModel(options: StudyOptions): Promise<void> {
  const { parts, experimentName, experimentDirectory } = studyPlan(options);
  await logCostModel(options, parts, experimentName, experimentDirectory, options.log ?? ((line) => console.log(line)));
}

/**
 * One worker of a study shared by several processes over one runs folder (`--shard i/n` or
 * `--dynamic`): trains its selection of every part's runs and writes no report; the study
 * command without a worker mode then reuses every run and writes it. A dynamic worker of a
 * study with several parts goes over them twice: first it takes every part's free groups,
 * waiting for nothing (deferWaiting), then it waits part by part for what others hold (and
 * trains what a dead worker left), so that no worker idles at a part's end while a later
 * part has free groups.
 */
export async function runStudyWorker(options: StudyOptions & { worker: WorkerOptions }): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { parts, experimentDirectory } = studyPlan(options);
  const twoPasses = options.worker.mode.kind === 'dynamic' && parts.length > 1;
  const passes = twoPasses ? [{ ...options.worker, deferWaiting: true }, options.worker] : [options.worker];
  for (const [pass, worker] of passes.entries()) {
    if (twoPasses)
      log(
        pass === 0
          ? '\n== first pass: the free groups of every part =='
          : '\n== second pass: waiting for the groups other workers hold ==',
      );
    for (const part of parts) {
      log(`\n== study part: ${part.title} (${part.points.length} point(s)) ==`);
      await runSweep(part.points, {
        experimentDirectory,
        fresh: options.fresh && pass === 0,
        teachers: 'needed',
        groupSize: options.groupSize,
        log,
        progress: options.progress,
        worker,
      });
    }
  }
}

/** What {@link runStudy} returns. */
export interface StudyResult {
  name: string;
  experimentDirectory: string;
  parts: StudyPartResult[];
  /** The fixed-length curve runs, as the report reads them (per-epoch test accuracy and macro-F1). */
  curveRuns: RunResult[];
  /** The full study's run counts and cost, scaled from this call's measured seconds per epoch. */
  fullCost: CostEstimate;
  markdownPath: string;
  seconds: number;
}

/**
 * Runs the study through the pipeline (runSweep / runPoints, so every distinct run
 * trains once, in stacked groups, and finished runs are reused): the T x a grid for A and
 * B, fixed-length curves, few-label regimes, hierarchies and a teacher on other features;
 * then writes `<outputDirectory>/<study name>.md` with its charts and `<study name>.json` beside
 * the runs, and estimates what the full study costs from the measured throughput.
 */
export async function runStudy(options: StudyOptions = {}): Promise<StudyResult> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const base = options.base ?? paperNewsgroupsExperiment;
  const { settings, parts, name, experimentDirectory, experimentName } = studyPlan(options);
  const counts = countStudyRuns(parts);
  log(
    `study ${name}: ${parts.map((part) => `${part.name} ${part.points.length} point(s)`).join(', ')}; ${counts.teachers} teacher and ${counts.students} student runs in all`,
  );
  await logCostModel(options, parts, experimentName, experimentDirectory, log);

  const results: StudyPartResult[] = [];
  let measuredRows = Number.NaN;
  for (const part of parts) {
    const partStarted = Date.now();
    log(`\n== study part: ${part.title} (${part.points.length} point(s)) ==`);
    // Only the teachers a part's methods distil from (the hierarchies part needs no fine teacher).
    const common = {
      experimentDirectory,
      fresh: options.fresh,
      rescore: options.rescore,
      teachers: 'needed' as const,
      groupSize: options.groupSize,
      log,
      progress: options.progress,
    };
    if (part.name === 'curves') {
      const result = await runPoints(part.points, common);
      measuredRows = result.data.sizes.train;
      results.push({
        part,
        points: result.points.map((point) => ({
          label: point.point.label,
          assignments: point.point.assignments,
          summaries: [...point.teachers, ...point.students],
          runDirectories: point.runDirectories,
        })),
        seconds: (Date.now() - partStarted) / 1000,
      });
    } else {
      const result = await runSweep(part.points, common);
      results.push({ part, points: result.points, seconds: (Date.now() - partStarted) / 1000 });
    }
    // Each collapsed run is said once per part; the report's tables mark them and leave them out.
    (await judgeCollapse(experimentDirectory, results[results.length - 1].points)).forEach((line) => log(line));
    log(`study part ${part.name}: ${formatDuration((Date.now() - partStarted) / 1000)}`);
  }

  // A run shared by several points (teachers, C) counts once.
  const unique = distinctRuns(results.flatMap((result) => result.points));
  const fullSettings = studySettingsFor(base, false);
  const fullCounts = countStudyRuns(buildStudyParts(base, fullSettings, false));
  const fullCost = estimateStudyCost(
    fullCounts,
    {
      students: unique.filter((summary: PipelineRunSummary) => summary.role === 'student'),
      teachers: unique.filter((summary) => summary.role === 'teacher'),
      rows: measuredRows,
    },
    { rows: fullTrainingRows(base), assumedEpochs: 15, fixedEpochs: fullSettings.curveEpochs },
  );
  const seconds = (Date.now() - started) / 1000;
  // The report is written from the record and the runs it names, exactly as `npm run report`
  // writes it from a study bundle: the two cannot drift apart.
  const record = studyRecordOf({
    finishedAt: new Date().toISOString(),
    seconds,
    name,
    base,
    smoke: options.smoke ?? false,
    settings,
    parts: results,
    fullCost,
  });
  await writeJsonAtomic(path.join(experimentDirectory, `${name}.json`), record);
  const input = await studyReportInputFromRecord(record, {
    runsSource: experimentDirectory,
    outputDirectory: options.outputDirectory ?? path.join(projectRoot, 'reports', 'local'),
    generatedAt: record.finishedAt,
  });
  const report = await writeStudyReport(input);
  log(`\nstudy ${name}: ${formatDuration(seconds)}; report ${report}`);
  log(
    Number.isFinite(measuredRows) && Number.isFinite(fullCost.seconds)
      ? `full study: ${fullCounts.teachers} teacher and ${fullCounts.students} student runs; estimated ${formatDuration(fullCost.seconds)} on this machine (${fullCost.studentSecondsPerEpoch.toFixed(3)} s per student epoch and ${fullCost.teacherSecondsPerEpoch.toFixed(3)} s per teacher epoch measured on ${measuredRows} rows, scaled to ${fullCost.fullRows}; ${fullCost.assumedEpochs} epochs per early-stopped run)`
      : `full study: ${fullCounts.teachers} teacher and ${fullCounts.students} student runs (no time estimate: it scales from the curves part, which this call did not run; the cost model above prices the study)`,
  );
  return {
    name,
    experimentDirectory,
    parts: results,
    curveRuns: input.curveRuns,
    fullCost,
    markdownPath: report,
    seconds,
  };
}
