import * as tf from '@tensorflow/tfjs';
import { combinedLoss, crossEntropyLoss, distillationLoss, smoothedTargets, softCrossEntropyLoss } from '../losses';
import { distillationLayerName, predictionLayerName } from '../models/student';
import { FloatMatrix, validateMatrix } from './matrix';
import { predictionOutputIndex } from './predict';

/**
 * What one training run minimises. Every loss takes LOGITS (see src/losses).
 * - `teacher`: cross-entropy on the model's own targets (`fine` or `coarse` labels);
 *   also the plain student (C) with `target: 'fine'`.
 * - `heterogeneous` (A): two-head student; a*CE(prediction, fine) +
 *   (1-a)*T^2*KL(softmax(coarse teacher/T) || softmax(distillation head/T)).
 * - `traditional` (B): one-head student; a*CE(prediction, fine) +
 *   (1-a)*T^2*KL(softmax(fine teacher/T) || softmax(prediction/T)).
 * - `coarse-auxiliary` (D): two-head student, no teacher; a*CE(prediction, fine) +
 *   (1-a)*CE(distillation head, TRUE coarse labels).
 * - `label-smoothing` (E): one-head student; soft CE on smoothedTargets(fine, K, smoothing).
 * `teacherLogits` are the teacher's logits on the TRAINING split, one row per training
 * example in the same order (precompute them with `predictLogits`).
 */
export type TrainingObjective =
  | { method: 'teacher'; target: 'fine' | 'coarse' }
  | { method: 'heterogeneous'; teacherLogits: FloatMatrix; temperature: number; studentLossWeight: number }
  | { method: 'traditional'; teacherLogits: FloatMatrix; temperature: number; studentLossWeight: number }
  | { method: 'coarse-auxiliary'; studentLossWeight: number }
  | { method: 'label-smoothing'; smoothing: number };

/** The training method names. */
export type TrainingMethod = TrainingObjective['method'];

/** The five students compared (A-E); `plain` trains with the `teacher` objective on fine labels. */
export type StudentMethod = 'heterogeneous' | 'traditional' | 'plain' | 'coarse-auxiliary' | 'label-smoothing';

/** Letters used in the write-up. */
export const studentMethodLetters: Record<StudentMethod, string> = {
  heterogeneous: 'A',
  traditional: 'B',
  plain: 'C',
  'coarse-auxiliary': 'D',
  'label-smoothing': 'E',
};

/** True for the methods whose student needs the `distillation` (coarse) head. */
export function needsDistillationHead(method: TrainingMethod | StudentMethod): boolean {
  return method === 'heterogeneous' || method === 'coarse-auxiliary';
}

/** True when the objective trains on (and is evaluated against) coarse labels. */
export function targetsCoarseLabels(objective: TrainingObjective): boolean {
  return objective.method === 'teacher' && objective.target === 'coarse';
}

/** One batch, already gathered: features and the label/teacher rows the objective needs. */
export interface ObjectiveBatch {
  x: tf.Tensor2D;
  fineLabels: tf.Tensor1D;
  coarseLabels?: tf.Tensor1D;
  teacherLogits?: tf.Tensor2D;
}

/** The loss terms of one batch (batch means). */
export interface LossTerms {
  total: tf.Scalar;
  /** Loss of the prediction head on its targets (the a-weighted term). */
  student: tf.Scalar;
  /** The T^2-scaled KL term (heterogeneous, traditional). */
  distillation?: tf.Scalar;
  /** The coarse head's CE on true coarse labels (coarse-auxiliary). */
  auxiliary?: tf.Scalar;
}

/** Checks an objective against the model and training split before any training. */
export function validateObjective(objective: TrainingObjective, model: tf.LayersModel, trainRows: number, hasCoarseLabels: boolean): void {
  const where = `objective ${objective.method}`;
  predictionOutputIndex(model);
  if (needsDistillationHead(objective.method) && !model.outputNames.includes(distillationLayerName)) {
    throw new Error(`${where}: model "${model.name}" has no "${distillationLayerName}" head (build the student with coarseClassCount)`);
  }
  if ((objective.method === 'coarse-auxiliary' || targetsCoarseLabels(objective)) && !hasCoarseLabels) {
    throw new Error(`${where}: the training split has no coarseLabels`);
  }
  if (objective.method === 'heterogeneous' || objective.method === 'traditional') {
    validateMatrix(objective.teacherLogits, `${where}: teacherLogits`);
    if (objective.teacherLogits.rows !== trainRows) throw new Error(`${where}: teacherLogits has ${objective.teacherLogits.rows} rows, the training split ${trainRows}`);
    const headName = objective.method === 'heterogeneous' ? distillationLayerName : predictionLayerName;
    const head = model.outputs[model.outputNames.indexOf(headName)];
    const headWidth = head.shape[head.shape.length - 1];
    if (objective.teacherLogits.columns !== headWidth) {
      throw new Error(`${where}: teacherLogits has ${objective.teacherLogits.columns} columns but the student's "${headName}" head has ${headWidth} logits (${objective.method === 'heterogeneous' ? 'use a COARSE teacher' : 'use a FINE teacher'})`);
    }
    if (!(objective.temperature > 0)) throw new Error(`${where}: temperature must be > 0, got ${objective.temperature}`);
  }
  if ('studentLossWeight' in objective && !(objective.studentLossWeight >= 0 && objective.studentLossWeight <= 1)) {
    throw new Error(`${where}: studentLossWeight must be in [0, 1], got ${objective.studentLossWeight}`);
  }
  if (objective.method === 'label-smoothing' && !(objective.smoothing >= 0 && objective.smoothing < 1)) {
    throw new Error(`${where}: smoothing must be in [0, 1), got ${objective.smoothing}`);
  }
}

/**
 * Runs the model on a batch in training mode (dropout on) and returns the loss terms.
 * Call inside the optimizer's loss closure (gradients flow through `total`).
 */
export function objectiveLoss(objective: TrainingObjective, model: tf.LayersModel, batch: ObjectiveBatch): LossTerms {
  const outputs = model.apply(batch.x, { training: true }) as tf.Tensor | tf.Tensor[];
  const list = Array.isArray(outputs) ? outputs : [outputs];
  const prediction = list[predictionOutputIndex(model)] as tf.Tensor2D;
  const distillationHead = () => list[model.outputNames.indexOf(distillationLayerName)] as tf.Tensor2D;
  switch (objective.method) {
    case 'teacher': {
      const labels = objective.target === 'coarse' ? batch.coarseLabels! : batch.fineLabels;
      const loss = crossEntropyLoss(labels, prediction);
      return { total: loss, student: loss };
    }
    case 'heterogeneous': {
      const student = crossEntropyLoss(batch.fineLabels, prediction);
      const distillation = distillationLoss(batch.teacherLogits!, distillationHead(), objective.temperature);
      return { total: combinedLoss(student, distillation, objective.studentLossWeight), student, distillation };
    }
    case 'traditional': {
      const student = crossEntropyLoss(batch.fineLabels, prediction);
      const distillation = distillationLoss(batch.teacherLogits!, prediction, objective.temperature);
      return { total: combinedLoss(student, distillation, objective.studentLossWeight), student, distillation };
    }
    case 'coarse-auxiliary': {
      const student = crossEntropyLoss(batch.fineLabels, prediction);
      const auxiliary = crossEntropyLoss(batch.coarseLabels!, distillationHead());
      return { total: combinedLoss(student, auxiliary, objective.studentLossWeight), student, auxiliary };
    }
    case 'label-smoothing': {
      const targets = smoothedTargets(batch.fineLabels, prediction.shape[1], objective.smoothing);
      const loss = softCrossEntropyLoss(targets, prediction);
      return { total: loss, student: loss };
    }
  }
}
