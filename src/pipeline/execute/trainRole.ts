import type * as tf from '@tensorflow/tfjs';
import { activeBackend } from '../../backend/backend';
import { epochsToReach } from '../../metrics';
import {
  buildConvTeacher,
  buildImageStudent,
  buildStudent,
  buildTeacher,
  countParameters,
  studentHiddenUnitsFor,
  teacherHiddenUnitsFor,
} from '../../models';
import { startRun, type RunClaim, type RunWriter } from '../../runs';
import {
  estimateMemberBytes,
  trainGroup,
  trainModel,
  type EpochRecord,
  type FloatMatrix,
  type MemberSpec,
  type TrainGroupOptions,
  type TrainResult,
} from '../../training';
import { groupLabel } from '../../util/groupLabel';
import type { ProgressListener } from '../../util/progress';
import type { PlannedRun } from '../plan/planRuns';
import type { PreparedExperimentData } from '../prepare/prepareData';
import type { PipelineRunSummary } from '../../results/runSummary';
import { attachTarget, type ComputedTarget } from '../targets/provider';
import { targetProvider } from '../targets/providers';
import { targetNeedsOf, type TargetKind } from '../targets/targetNeeds';
import { dataProtocolSummary, runTrainingData, teacherLogitsForRows, type RunTrainingData } from './roleData';
import { splitScores } from './splitScores';

export { configHash } from '../plan/planRuns';

/** What training a planned run needs besides the run. */
export interface TrainRunContext {
  data: PreparedExperimentData;
  experimentDirectory: string;
  /** The derived targets of each student run (teacher logits, ...), by run id and kind (see targetNeedsOf). */
  targets: ReadonlyMap<string, ReadonlyMap<TargetKind, ComputedTarget>>;
  /** The claim held on each run to train (see beginRun in src/runs). */
  claims: Map<string, RunClaim>;
  targetAccuracy: number;
  progress?: ProgressListener;
}

/** A finished run: its folder and summary. */
export interface FinishedRun {
  directory: string;
  summary: PipelineRunSummary;
}

/** A run just trained: also the trained network (caller disposes). */
export interface TrainedRun extends FinishedRun {
  model: tf.LayersModel;
}

/** A run summary with "epochs to reach" recomputed for this target accuracy. */
export function withTarget(
  summary: PipelineRunSummary,
  curve: EpochRecord[],
  targetAccuracy: number,
): PipelineRunSummary {
  // The target accuracy is an analysis setting, not part of the run: recompute it from the curve.
  return {
    ...summary,
    epochsToTarget:
      epochsToReach(
        curve.map((epoch) => epoch.testAccuracy ?? 0),
        targetAccuracy,
      ) ?? null,
    targetAccuracy,
  };
}

/** The untrained network of a planned run (teacher or student architecture, seeded by the run). */
export function buildModel(run: PlannedRun, data: PreparedExperimentData): tf.LayersModel {
  const training = run.runConfig.training;
  const model = training.model;
  const fineClassCount = data.hierarchy.fineLabelNames.length;
  const coarseClassCount = data.hierarchy.coarseLabelNames.length;
  if (run.role.kind === 'teacher') {
    const classCount = run.role.target === 'coarse' ? coarseClassCount : fineClassCount;
    if (model.kind === 'conv') {
      return buildConvTeacher({
        classCount,
        filters: model.filters,
        kernelSize: model.kernelSize,
        denseUnits: model.denseUnits,
        dropoutRate: training.dropoutRate,
        seed: run.seed,
      });
    }
    return buildTeacher({
      inputDimension: run.runConfig.inputDimension,
      classCount,
      hiddenUnits: model.hiddenUnits,
      dropoutRate: training.dropoutRate,
      seed: run.seed,
    });
  }
  const studentCoarse = run.method!.distillationHead ? coarseClassCount : undefined;
  if (model.kind === 'conv') {
    return buildImageStudent({
      model,
      fineClassCount,
      coarseClassCount: studentCoarse,
      dropoutRate: training.dropoutRate,
      seed: run.seed,
    });
  }
  return buildStudent({
    inputDimension: run.runConfig.inputDimension,
    hiddenUnits: model.hiddenUnits,
    dropoutRate: training.dropoutRate,
    fineClassCount,
    coarseClassCount: studentCoarse,
    seed: run.seed,
  });
}

function openRecord(run: PlannedRun, context: TrainRunContext): Promise<RunWriter> {
  return startRun({
    runsDirectory: context.experimentDirectory,
    runId: run.runId,
    config: run.runConfig,
    seed: run.seed,
    claim: context.claims.get(run.runId),
  });
}

async function closeRecord(
  run: PlannedRun,
  writer: RunWriter,
  model: tf.LayersModel,
  result: TrainResult,
  context: TrainRunContext,
  training: RunTrainingData,
  group?: { size: number; index: number },
): Promise<TrainedRun> {
  const { data } = context;
  const featureSeconds =
    run.role.kind === 'teacher' && data.teacherFeatures ? data.teacherFeatures.featuresSeconds : data.featuresSeconds;
  const labelledRows =
    training.keptRows?.length ??
    (training.labelledMask ? training.labelledMask.reduce((sum, value) => sum + value, 0) : undefined);
  const summary: PipelineRunSummary = withTarget(
    {
      experiment: run.runConfig.experiment,
      role: run.role.kind,
      method: run.runConfig.method,
      letter: run.method?.letter,
      target: run.runConfig.target,
      seed: run.seed,
      parameters: countParameters(model),
      bestEpoch: result.bestEpoch,
      epochsRun: result.stoppedEpoch,
      stoppedEarly: result.stoppedEarly,
      epochsToTarget: null,
      targetAccuracy: context.targetAccuracy,
      trainingSeconds: result.seconds,
      backend: activeBackend()?.name ?? 'unknown',
      ...(featureSeconds
        ? { featuresSeconds: Object.values(featureSeconds).reduce((sum, seconds) => sum + seconds, 0) }
        : {}),
      ...(labelledRows !== undefined ? { labelledRows } : {}),
      ...(group ? { group } : {}),
      ...splitScores(model, training, run, data),
      ...targetSummaries(run, context),
      ...dataProtocolSummary(run, training),
    },
    result.history,
    context.targetAccuracy,
  );
  await writer.saveWeights(model);
  const directory = await writer.finish(summary);
  return { directory, summary, model };
}

/** What a run's targets add to its summary (how each was made), in the order the targets were computed. */
function targetSummaries(run: PlannedRun, context: TrainRunContext): Record<string, unknown> {
  const targets = context.targets.get(run.runId);
  return Object.assign({}, ...targetNeedsOf(run.method).map((need) => targets?.get(need.kind)?.summary ?? {}));
}

/** The registry method, settings, seed, derived targets (teacher logits, ...) and labelled mask of a run (teachers: `teacher-coarse` / `teacher-fine`). */
function memberOf(
  run: PlannedRun,
  context: TrainRunContext,
  training: RunTrainingData,
  cutLogits: (logits: FloatMatrix | undefined) => FloatMatrix | undefined,
): MemberSpec & { settings: Record<string, number> } {
  if (run.role.kind === 'teacher') return { method: `teacher-${run.role.target}`, settings: {}, seed: run.seed };
  const member: MemberSpec & { settings: Record<string, number> } = {
    method: run.method!.name,
    settings: run.settings,
    seed: run.seed,
    ...(training.labelledMask ? { labelledMask: training.labelledMask } : {}),
    ...(training.coarseLabelsEverywhere ? { coarseLabelsEverywhere: true } : {}),
  };
  for (const need of targetNeedsOf(run.method)) {
    const provider = targetProvider(need.kind);
    const target = context.targets.get(run.runId)?.get(need.kind);
    if (!target) throw new Error(`run ${run.runId} needs ${provider.describe(run)}, which were not computed`);
    attachTarget(member, need.kind, cutLogits(target.logits)!);
  }
  return member;
}

/** Cuts each derived target's logits to the run's training rows once (members sharing a teacher share the cut matrix). */
function logitsCutter(training: RunTrainingData): (logits: FloatMatrix | undefined) => FloatMatrix | undefined {
  const cut = new Map<FloatMatrix, FloatMatrix | undefined>();
  return (logits) => {
    if (!logits) return undefined;
    if (!cut.has(logits)) cut.set(logits, teacherLogitsForRows(logits, training));
    return cut.get(logits);
  };
}

/** The dense architecture shared by a group (stacked members may mix one- and two-head students). */
function architectureOf(run: PlannedRun, data: PreparedExperimentData): TrainGroupOptions['architecture'] {
  const training = run.runConfig.training;
  if (training.model.kind !== 'dense')
    throw new Error(`model kind "${training.model.kind}" cannot be stacked (only "dense")`);
  const fineClassCount = data.hierarchy.fineLabelNames.length;
  const coarseClassCount = data.hierarchy.coarseLabelNames.length;
  if (run.role.kind === 'teacher') {
    return {
      kind: 'teacher',
      inputDimension: run.runConfig.inputDimension,
      hiddenUnits: training.model.hiddenUnits,
      dropoutRate: training.dropoutRate,
      classCount: run.role.target === 'coarse' ? coarseClassCount : fineClassCount,
    };
  }
  return {
    inputDimension: run.runConfig.inputDimension,
    hiddenUnits: training.model.hiddenUnits,
    dropoutRate: training.dropoutRate,
    fineClassCount,
    coarseClassCount,
  };
}

/** Estimated device memory of one run in a stacked group (weights, Adam moments, activations, teacher rows). */
export function estimateRunBytes(run: PlannedRun, data: PreparedExperimentData): number {
  const architecture = architectureOf(run, data);
  const hiddenUnits =
    architecture.hiddenUnits ??
    (architecture.kind === 'teacher'
      ? teacherHiddenUnitsFor(architecture.inputDimension)
      : studentHiddenUnitsFor(architecture.inputDimension));
  const headUnits =
    architecture.kind === 'teacher'
      ? [architecture.classCount]
      : [architecture.fineClassCount, architecture.coarseClassCount ?? 0].filter((units) => units > 0);
  // Each derived target (teacher logits, their refinement, ...) holds one row per training row.
  const teacherColumns = targetNeedsOf(run.method).reduce(
    (columns, need) => columns + targetProvider(need.kind).columns(need, data),
    0,
  );
  return estimateMemberBytes({
    inputDimension: architecture.inputDimension,
    hiddenUnits,
    headUnits,
    batchSize: run.runConfig.training.batchSize,
    trainRows: data.train.x.rows,
    teacherColumns,
  });
}

/** A planned run's early stopping (restoring the best weights), or false. */
export function earlyStoppingOf(run: PlannedRun) {
  const training = run.runConfig.training;
  return training.earlyStopping === false ? (false as const) : { ...training.earlyStopping, restoreBestWeights: true };
}

/**
 * Trains ONE planned run on its own (a tf.LayersModel; the step-by-step path) and records
 * it as `<experiment>/<run id>/` (config.json, metrics.jsonl, summary.json, weights).
 */
export async function trainPlannedRun(run: PlannedRun, context: TrainRunContext): Promise<TrainedRun> {
  const training = run.runConfig.training;
  const model = buildModel(run, context.data);
  const splits = runTrainingData(run, context.data);
  let writer: RunWriter | undefined;
  try {
    writer = await openRecord(run, context);
    const record = writer;
    const result = await trainModel({
      model,
      objective: memberOf(run, context, splits, logitsCutter(splits)),
      ...trainingInputs(splits, training, context),
      seed: run.seed,
      earlyStopping: earlyStoppingOf(run),
      onEpoch: (epoch) => record.appendEpoch(epoch),
      progress: context.progress,
      task: `seed ${run.seed} ${run.runConfig.method}`,
    });
    return await closeRecord(run, record, model, result, context, splits);
  } catch (error) {
    model.dispose();
    await writer?.abandon();
    throw error;
  }
}

/** The splits (with the hierarchy) and optimiser settings every training of a run gets. */
function trainingInputs(
  splits: RunTrainingData,
  training: PlannedRun['runConfig']['training'],
  context: TrainRunContext,
) {
  return {
    data: {
      train: splits.train,
      validation: splits.validation,
      test: splits.test,
      fineToCoarse: context.data.hierarchy.fineToCoarse,
    },
    epochs: training.epochs,
    batchSize: training.batchSize,
    learningRate: training.learningRate,
  };
}

/**
 * Trains several planned runs of one architecture as ONE stacked model (see trainGroup:
 * each member gets the batches, dropout masks, initial weights and early stopping it
 * would get alone) and records each as an ordinary run, whose summary names its group.
 */
export async function trainPlannedGroup(runs: PlannedRun[], context: TrainRunContext): Promise<TrainedRun[]> {
  const first = runs[0];
  const training = first.runConfig.training;
  // Members of one group share the training config (groupRuns), hence the rows they train on.
  const splits = runTrainingData(first, context.data);
  const cutLogits = logitsCutter(splits);
  const writers: RunWriter[] = [];
  try {
    for (const run of runs) writers.push(await openRecord(run, context));
  } catch (error) {
    for (const writer of writers) await writer.abandon();
    throw error;
  }
  let results: Awaited<ReturnType<typeof trainGroup>>;
  try {
    results = await trainGroup({
      members: runs.map((run) => memberOf(run, context, splits, cutLogits)),
      architecture: architectureOf(first, context.data),
      ...trainingInputs(splits, training, context),
      earlyStopping: earlyStoppingOf(first),
      onEpoch: (index: number, record: EpochRecord) => writers[index].appendEpoch(record),
      progress: context.progress,
      task: groupLabel(
        runs.map((run) => ({ name: run.method?.letter ?? run.runConfig.method, seed: run.seed })),
        first.role.kind === 'teacher' ? 'teachers' : 'students',
      ),
    });
  } catch (error) {
    for (const writer of writers) await writer.abandon();
    throw error;
  }
  const finished: TrainedRun[] = [];
  for (let index = 0; index < runs.length; index++) {
    finished.push(
      await closeRecord(runs[index], writers[index], results[index].model, results[index].result, context, splits, {
        size: runs.length,
        index,
      }),
    );
  }
  return finished;
}
