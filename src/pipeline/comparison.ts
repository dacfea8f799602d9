import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { predictLogits, type StudentMethod } from '../training';
import { formatDuration, type ProgressListener } from '../util/progress';
import { runsDirectory as defaultRunsDirectory } from '../util/paths';
import { methodConfigKeys, type MethodsConfig, type NewsgroupsExperimentConfig } from './experimentConfig';
import { prepareExperimentData, type PreparedExperimentData } from './prepareData';
import type { PipelineRunSummary, Role } from './runSummary';
import { roleName } from './runSummary';
import { trainRole, type RoleResult } from './trainRole';

/** The student methods a config asks for, in the paper's order A-E. */
export function configuredMethods(methods: MethodsConfig): StudentMethod[] {
  return (Object.keys(methodConfigKeys) as StudentMethod[]).filter((method) => methods[methodConfigKeys[method]] !== undefined);
}

/** Options of {@link runComparison}. */
export interface ComparisonOptions {
  /** Default: `runsDirectory()/<experiment name>`. */
  experimentDirectory?: string;
  /** Only the teachers (`teachers`) or only the fine teacher (`baseline`, the plain DNN classifier). */
  stage?: 'all' | 'teachers' | 'baseline';
  /** Retrain even when identical finished runs exist. */
  fresh?: boolean;
  /** Already prepared data (notebooks prepare once and reuse). */
  data?: PreparedExperimentData;
  log?: (line: string) => void;
  progress?: ProgressListener;
}

/** Everything one comparison produced. */
export interface ComparisonResult {
  config: NewsgroupsExperimentConfig;
  experimentDirectory: string;
  data: PreparedExperimentData;
  teachers: PipelineRunSummary[];
  students: PipelineRunSummary[];
  /** Run folder of every summary, by `seed<k>-<role>`. */
  runDirectories: Record<string, string>;
  seconds: number;
}

function plannedRoles(config: NewsgroupsExperimentConfig, stage: ComparisonOptions['stage']): Role[] {
  if (stage === 'baseline') return [{ kind: 'teacher', target: 'fine' }];
  const teachers: Role[] = [
    { kind: 'teacher', target: 'coarse' },
    { kind: 'teacher', target: 'fine' },
  ];
  if (stage === 'teachers') return teachers;
  return [...teachers, ...configuredMethods(config.methods).map((method): Role => ({ kind: 'student', method }))];
}

/**
 * Runs the whole comparison of an experiment: for every seed, trains the coarse and the
 * fine teacher once, computes their logits on the training split, then trains each
 * configured student (A heterogeneous, B traditional, C plain, D coarse-auxiliary,
 * E label smoothing) on the same split. Each training is a run record; finished runs with
 * the same config are reused, so an interrupted comparison resumes.
 */
export async function runComparison(config: NewsgroupsExperimentConfig, options: ComparisonOptions = {}): Promise<ComparisonResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const experimentDirectory = options.experimentDirectory ?? path.join(defaultRunsDirectory(), config.name);
  const data = options.data ?? (await prepareExperimentData(config, { log, progress: options.progress }));
  const roles = plannedRoles(config, options.stage ?? 'all');
  const totalJobs = roles.length * config.seeds.length;
  let jobsDone = 0;
  let trainedSeconds = 0;
  let trainedJobs = 0;
  const teachers: PipelineRunSummary[] = [];
  const students: PipelineRunSummary[] = [];
  const runDirectories: Record<string, string> = {};

  for (const seed of config.seeds) {
    const teacherResults: Partial<Record<'coarse' | 'fine', RoleResult>> = {};
    const teacherLogits: Partial<Record<'coarse' | 'fine', { logits: ReturnType<typeof predictLogits>; runId: string }>> = {};
    const models: tf.LayersModel[] = [];
    try {
      for (const role of roles) {
        const jobStart = Date.now();
        let teacher: { logits: ReturnType<typeof predictLogits>; runId: string } | undefined;
        if (role.kind === 'student' && (role.method === 'heterogeneous' || role.method === 'traditional')) {
          const target = role.method === 'heterogeneous' ? 'coarse' : 'fine';
          const teacherResult = teacherResults[target];
          if (!teacherResult) throw new Error(`method ${role.method} needs the ${target} teacher, which this stage does not train`);
          teacher = teacherLogits[target] ??= { logits: predictLogits(teacherResult.model, data.train.x), runId: teacherResult.runId };
        }
        const result = await trainRole(role, {
          config,
          data,
          seed,
          experimentDirectory,
          teacher,
          fresh: options.fresh,
          progress: options.progress,
        });
        if (role.kind === 'teacher') {
          // Teachers stay in memory until the seed's students have their logits.
          models.push(result.model);
          teacherResults[role.target] = result;
          teachers.push(result.summary);
        } else {
          result.model.dispose();
          students.push(result.summary);
        }
        runDirectories[`seed${seed}-${roleName(role)}`] = result.directory;
        jobsDone++;
        const jobSeconds = (Date.now() - jobStart) / 1000;
        if (!result.reused) {
          trainedSeconds += jobSeconds;
          trainedJobs++;
        }
        const perJob = trainedJobs > 0 ? trainedSeconds / trainedJobs : 0;
        const eta = formatDuration(perJob * (totalJobs - jobsDone));
        const test = result.summary.test;
        log(
          `[${jobsDone}/${totalJobs}] seed ${seed} ${roleName(role)}: test accuracy ${test.accuracy.toFixed(4)}, macro-F1 ${test.macroF1.toFixed(4)}` +
            `, best epoch ${result.summary.bestEpoch}/${result.summary.epochsRun}` +
            (result.reused ? ' (reused finished run)' : ` (${formatDuration(jobSeconds)})`) +
            ` | elapsed ${formatDuration((Date.now() - started) / 1000)}, ETA ${eta}, tensors ${tf.memory().numTensors}`,
        );
      }
    } finally {
      for (const model of models) model.dispose();
    }
  }
  return { config, experimentDirectory, data, teachers, students, runDirectories, seconds: (Date.now() - started) / 1000 };
}
