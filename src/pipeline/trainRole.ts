import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { activeBackend } from '../backend/backend';
import { epochsToReach } from '../metrics';
import { buildStudent, buildTeacher, countParameters } from '../models';
import { loadModelFromRun, loadRun, startRun } from '../runs';
import {
  evaluateModel,
  needsDistillationHead,
  studentMethodLetters,
  trainModel,
  type FloatMatrix,
  type TrainingObjective,
} from '../training';
import { pathExists } from '../util/atomicFile';
import type { ProgressListener } from '../util/progress';
import { methodConfigKeys, type NewsgroupsExperimentConfig, type RoleConfig } from './experimentConfig';
import type { PreparedExperimentData, PreparedSplit } from './prepareData';
import { roleName, type PipelineRunSummary, type Role, type SplitScores } from './runSummary';

/** What {@link trainRole} needs besides the role. */
export interface TrainRoleContext {
  config: NewsgroupsExperimentConfig;
  data: PreparedExperimentData;
  seed: number;
  /** Folder of this experiment's runs. */
  experimentDirectory: string;
  /** Teacher logits on the training split and the teacher's run id (methods A and B). */
  teacher?: { logits: FloatMatrix; runId: string };
  /** Retrain even when a finished run with the same config exists. */
  fresh?: boolean;
  progress?: ProgressListener;
}

/** The outcome of one training (or of reusing a finished identical run). */
export interface RoleResult {
  runId: string;
  directory: string;
  reused: boolean;
  summary: PipelineRunSummary;
  /** The trained network (teachers' logits are computed from it); caller disposes. */
  model: tf.LayersModel;
}

function objectiveFor(role: Role, config: NewsgroupsExperimentConfig, teacher: TrainRoleContext['teacher']): TrainingObjective {
  if (role.kind === 'teacher') return { method: 'teacher', target: role.target };
  const methods = config.methods;
  const needTeacher = (): FloatMatrix => {
    if (!teacher) throw new Error(`method ${role.method} needs teacher logits`);
    return teacher.logits;
  };
  switch (role.method) {
    case 'heterogeneous':
      return { method: 'heterogeneous', teacherLogits: needTeacher(), ...methods.heterogeneous! };
    case 'traditional':
      return { method: 'traditional', teacherLogits: needTeacher(), ...methods.traditional! };
    case 'plain':
      return { method: 'teacher', target: 'fine' };
    case 'coarse-auxiliary':
      return { method: 'coarse-auxiliary', ...methods.coarseAuxiliary! };
    case 'label-smoothing':
      return { method: 'label-smoothing', ...methods.labelSmoothing! };
  }
}

function methodSettings(role: Role, config: NewsgroupsExperimentConfig): unknown {
  if (role.kind === 'teacher') return {};
  return config.methods[methodConfigKeys[role.method]] ?? {};
}

function buildModel(role: Role, training: RoleConfig, data: PreparedExperimentData, seed: number): tf.LayersModel {
  if (training.model.kind !== 'dense') throw new Error(`model kind "${training.model.kind}" has no builder yet (only "dense")`);
  const hiddenUnits = training.model.hiddenUnits;
  const fineClassCount = data.hierarchy.fineLabelNames.length;
  const coarseClassCount = data.hierarchy.coarseLabelNames.length;
  if (role.kind === 'teacher') {
    return buildTeacher({
      inputDimension: data.inputDimension,
      classCount: role.target === 'coarse' ? coarseClassCount : fineClassCount,
      hiddenUnits,
      dropoutRate: training.dropoutRate,
      seed,
    });
  }
  return buildStudent({
    inputDimension: data.inputDimension,
    hiddenUnits,
    dropoutRate: training.dropoutRate,
    fineClassCount,
    coarseClassCount: needsDistillationHead(role.method) ? coarseClassCount : undefined,
    seed,
  });
}

function scores(model: tf.LayersModel, split: PreparedSplit, role: Role, data: PreparedExperimentData, detailed: boolean): SplitScores {
  const coarse = role.kind === 'teacher' && role.target === 'coarse';
  const evaluation = evaluateModel(model, split.x, coarse ? split.coarseLabels : split.fineLabels, {
    fineClassCount: coarse ? data.hierarchy.coarseLabelNames.length : data.hierarchy.fineLabelNames.length,
    fineToCoarse: coarse ? undefined : data.hierarchy.fineToCoarse,
  });
  return {
    accuracy: evaluation.accuracy,
    macroF1: evaluation.macroF1,
    crossEntropy: evaluation.crossEntropy,
    impliedCoarseAccuracy: evaluation.impliedCoarseAccuracy,
    ...(detailed ? { perClassF1: evaluation.perClassF1, confusionMatrix: evaluation.confusionMatrix } : {}),
  };
}

/** Stable short hash of a JSON-able value (keys sorted). */
export function configHash(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, item) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 8);
}

/**
 * Trains one teacher or student for one seed and records it as a run
 * (`<experiment>/seed<k>-<role>-<config hash>/`). A finished run with the same id (same
 * resolved config, data, features and teacher) is reused instead of retrained, so an
 * interrupted pipeline picks up where it stopped and teachers are trained once per seed.
 */
export async function trainRole(role: Role, context: TrainRoleContext): Promise<RoleResult> {
  const { config, data, seed } = context;
  const training = role.kind === 'teacher' ? config.teacher : config.student;
  const name = roleName(role);
  const runConfig = {
    experiment: config.name,
    role: role.kind,
    method: name,
    target: role.kind === 'teacher' ? role.target : 'fine',
    methodSettings: methodSettings(role, config),
    training,
    dataset: config.dataset,
    encoder: config.features.kind === 'encoder' ? config.features.encoder : config.features,
    hierarchy: { name: data.hierarchy.name, fineToCoarse: data.hierarchy.fineToCoarse, coarseLabelNames: data.hierarchy.coarseLabelNames },
    features: data.featuresId,
    inputDimension: data.inputDimension,
    teacherRunId: context.teacher?.runId ?? null,
  };
  const runId = `seed${seed}-${name}-${configHash({ runConfig, seed })}`;
  const finishedDirectory = path.join(context.experimentDirectory, runId);
  if (!context.fresh && (await pathExists(path.join(finishedDirectory, 'summary.json')))) {
    const record = await loadRun(finishedDirectory);
    const model = await loadModelFromRun(finishedDirectory);
    // The target accuracy is an analysis setting, not part of the run: recompute it from the curve.
    const summary: PipelineRunSummary = {
      ...(record.summary as PipelineRunSummary),
      epochsToTarget: epochsToReach(record.epochs.map((epoch) => epoch.testAccuracy ?? 0), config.targetAccuracy) ?? null,
      targetAccuracy: config.targetAccuracy,
    };
    return { runId, directory: finishedDirectory, reused: true, summary, model };
  }
  if (context.fresh && (await pathExists(finishedDirectory))) {
    const { rm } = await import('node:fs/promises');
    await rm(finishedDirectory, { recursive: true, force: true });
  }

  const model = buildModel(role, training, data, seed);
  const writer = await startRun({ runsDirectory: context.experimentDirectory, runId, config: runConfig, seed });
  try {
    const result = await trainModel({
      model,
      objective: objectiveFor(role, config, context.teacher),
      data: { train: data.train, validation: data.validation, test: data.test },
      epochs: training.epochs,
      batchSize: training.batchSize,
      learningRate: training.learningRate,
      seed,
      earlyStopping: training.earlyStopping === false ? false : { ...training.earlyStopping, restoreBestWeights: true },
      onEpoch: (record) => writer.appendEpoch(record),
      progress: context.progress,
      task: `seed ${seed} ${name}`,
    });
    const testCurve = result.history.map((record) => record.testAccuracy ?? 0);
    const summary: PipelineRunSummary = {
      experiment: config.name,
      role: role.kind,
      method: name,
      letter: role.kind === 'student' ? studentMethodLetters[role.method] : undefined,
      target: runConfig.target as 'coarse' | 'fine',
      seed,
      parameters: countParameters(model),
      bestEpoch: result.bestEpoch,
      epochsRun: result.stoppedEpoch,
      stoppedEarly: result.stoppedEarly,
      epochsToTarget: epochsToReach(testCurve, config.targetAccuracy) ?? null,
      targetAccuracy: config.targetAccuracy,
      trainingSeconds: result.seconds,
      backend: activeBackend()?.name ?? 'unknown',
      validation: scores(model, data.validation, role, data, false),
      test: scores(model, data.test, role, data, true),
    };
    await writer.saveWeights(model);
    const directory = await writer.finish(summary);
    return { runId, directory, reused: false, summary, model };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
