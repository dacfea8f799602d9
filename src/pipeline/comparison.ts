import * as path from 'node:path';
import { runsDirectory as defaultRunsDirectory } from '../util/paths';
import type { ProgressListener } from '../util/progress';
import type { ExperimentConfig } from '../config/types';
import { executePlan, type ExecutedPlan } from './execute/executePlan';
import { withEngineTiming, type WorkerOptions } from './execute/workerSelection';
import {
  planRuns,
  type PlanPoint,
  type PlannedRun,
  type TrainingPlan,
  type Stage,
  type TeacherChoice,
} from './plan/planRuns';
import { prepareExperimentData, type PreparedExperimentData } from './prepare/prepareData';
import type { PipelineRunSummary } from '../results/runSummary';
import { methodOrder } from '../results/grouping';

export { configuredMethods } from './plan/planRuns';

/** Options of {@link runComparison} and {@link runPoints}. */
export interface ComparisonOptions {
  /** Default: `runsDirectory()/<experiment name>`. */
  experimentDirectory?: string;
  /** Only the teachers (`teachers`) or only the fine teacher (`baseline`, the plain DNN classifier). */
  stage?: Stage;
  /** Retrain even when identical finished runs exist. */
  fresh?: boolean;
  /** Rescore reused runs from their saved models with this code's metrics. */
  rescore?: boolean;
  /** Both teachers (default), or only those the methods distil from. */
  teachers?: TeacherChoice;
  /** Already prepared data (notebooks prepare once and reuse). */
  data?: PreparedExperimentData;
  /** Most runs trained at once as one stacked model (default: the config's engine.groupSize). */
  groupSize?: number;
  log?: (line: string) => void;
  progress?: ProgressListener;
  /** One of several workers over one runs folder: trains only its selection (see executePlan). */
  worker?: WorkerOptions;
}

/** Everything one comparison produced. */
export interface ComparisonResult {
  config: ExperimentConfig;
  experimentDirectory: string;
  data: PreparedExperimentData;
  teachers: PipelineRunSummary[];
  students: PipelineRunSummary[];
  /** Run folder of every summary, by `seed<k>-<role>`. */
  runDirectories: Record<string, string>;
  seconds: number;
}

/** The runs of one point of a sweep, finished. */
export interface PointResult {
  point: PlanPoint;
  teachers: PipelineRunSummary[];
  students: PipelineRunSummary[];
  runDirectories: Record<string, string>;
}

/** What {@link runPoints} returns. */
export interface PointsResult {
  experimentDirectory: string;
  data: PreparedExperimentData;
  plan: TrainingPlan;
  points: PointResult[];
  executed: ExecutedPlan;
  seconds: number;
}

function groupSizeOf(config: ExperimentConfig, options: ComparisonOptions): number {
  return options.groupSize ?? config.engine?.groupSize ?? 1;
}

function collect(
  point: PlanPoint,
  runs: PlannedRun[],
  executed: ExecutedPlan,
): { summaries: PipelineRunSummary[]; directories: Record<string, string> } {
  const summaries: PipelineRunSummary[] = [];
  const directories: Record<string, string> = {};
  for (const run of runs) {
    // A static-shard worker's plan is incomplete: it has only its own runs.
    if (!run.points.includes(point.label) || !executed.summaries.has(run.runId)) continue;
    summaries.push(executed.summaries.get(run.runId)!);
    directories[`seed${run.seed}-${run.runConfig.method}`] = executed.directories.get(run.runId)!;
  }
  summaries.sort((a, b) => methodOrder(a.method) - methodOrder(b.method) || a.seed - b.seed);
  return { summaries, directories };
}

/**
 * Runs every point of a sweep (or one comparison = one point) for every seed: plans all
 * runs first (teachers shared across points, each run once), reuses finished identical
 * runs, trains the rest in stacked groups, and returns each point's summaries.
 * All points must share the data (dataset, features, hierarchy): the data are prepared once.
 */
export async function runPoints(points: PlanPoint[], options: ComparisonOptions = {}): Promise<PointsResult> {
  if (points.length === 0) throw new Error('runPoints: no points to run');
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const base = points[0].config;
  const experimentDirectory = options.experimentDirectory ?? path.join(defaultRunsDirectory(), base.name);
  const data =
    options.data ??
    (await prepareExperimentData(base, { log, progress: options.progress, hierarchyDirectory: experimentDirectory }));
  const plan = planRuns(points, data, options.stage ?? 'all', options.teachers ?? 'all');
  log(
    `plan: ${plan.teachers.length} teacher and ${plan.students.length} student runs over ${points.length} point(s); up to ${groupSizeOf(base, options)} trained at once`,
  );
  const executed = await executePlan(plan, data, {
    experimentDirectory,
    fresh: options.fresh,
    rescore: options.rescore,
    groupSize: groupSizeOf(base, options),
    maxGroupMegabytes: base.engine?.maxGroupMegabytes,
    targetAccuracy: base.targetAccuracy,
    log,
    progress: options.progress,
    worker: options.worker && withEngineTiming(options.worker, base.engine),
  });
  const results = points.map((point): PointResult => {
    const teachers = collect(point, plan.teachers, executed);
    const students = collect(point, plan.students, executed);
    return {
      point,
      teachers: teachers.summaries,
      students: students.summaries,
      runDirectories: { ...teachers.directories, ...students.directories },
    };
  });
  return { experimentDirectory, data, plan, points: results, executed, seconds: (Date.now() - started) / 1000 };
}

/**
 * Runs the whole comparison of an experiment: for every seed, the coarse and the fine
 * teacher once, their logits on the training split, then each configured student
 * (the registry's methods: A heterogeneous, B traditional, C plain, D coarse-auxiliary,
 * E label smoothing, ...) on the same split. Each training is a run record; finished
 * runs with the same config are reused, so an interrupted comparison resumes.
 */
export async function runComparison(
  config: ExperimentConfig,
  options: ComparisonOptions = {},
): Promise<ComparisonResult> {
  const result = await runPoints([{ label: '', assignments: {}, config }], options);
  const [point] = result.points;
  return {
    config,
    experimentDirectory: result.experimentDirectory,
    data: result.data,
    teachers: point.teachers,
    students: point.students,
    runDirectories: point.runDirectories,
    seconds: result.seconds,
  };
}
