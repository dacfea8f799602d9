import * as tf from '@tensorflow/tfjs';
import { builtInMethods, objectiveByName, teacherRoles } from '../methods/registry';
import { distillationLayerName, predictionLayerName } from '../models/student';
import { FloatMatrix, validateMatrix } from '../tensors/matrix';
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

/** Letters used in the write-up (from the method registry). */
export const studentMethodLetters: Record<StudentMethod, string> = Object.fromEntries(builtInMethods.map((method) => [method.name, method.letter])) as Record<StudentMethod, string>;

/** True for the methods whose student needs the `distillation` (coarse) head (from the method registry). */
export function needsDistillationHead(method: TrainingMethod | StudentMethod | string): boolean {
  return method === 'teacher' ? false : objectiveByName(method).distillationHead;
}

/** True when the objective trains on (and is evaluated against) coarse labels. */
export function targetsCoarseLabels(objective: TrainingObjective): boolean {
  return objective.method === 'teacher' && objective.target === 'coarse';
}

/** The registry method, settings and teacher logits of a {@link TrainingObjective} (the `teacher` objective maps to `teacher-coarse` / `teacher-fine`). */
export function memberForObjective(objective: TrainingObjective): { method: string; settings: Record<string, number>; teacherLogits?: FloatMatrix } {
  switch (objective.method) {
    case 'teacher':
      return { method: teacherRoles[objective.target].name, settings: {} };
    case 'heterogeneous':
    case 'traditional':
      return { method: objective.method, settings: { temperature: objective.temperature, studentLossWeight: objective.studentLossWeight }, teacherLogits: objective.teacherLogits };
    case 'coarse-auxiliary':
      return { method: objective.method, settings: { studentLossWeight: objective.studentLossWeight } };
    case 'label-smoothing':
      return { method: objective.method, settings: { smoothing: objective.smoothing } };
  }
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
 * Runs the model on a batch in training mode (dropout on) and returns the loss terms,
 * built by the method's registry objective on a stack of one model.
 * Call inside the optimizer's loss closure (gradients flow through `total`).
 */
export function objectiveLoss(objective: TrainingObjective, model: tf.LayersModel, batch: ObjectiveBatch): LossTerms {
  const member = memberForObjective(objective);
  const definition = objectiveByName(member.method);
  const outputs = model.apply(batch.x, { training: true }) as tf.Tensor | tf.Tensor[];
  const list = Array.isArray(outputs) ? outputs : [outputs];
  const one = <T extends tf.Tensor>(tensor: tf.Tensor | undefined) => (tensor ? (tf.expandDims(tensor, 0) as T) : undefined);
  const distillationIndex = model.outputNames.indexOf(distillationLayerName);
  const terms = definition.objective({
    prediction: one<tf.Tensor3D>(list[predictionOutputIndex(model)])!,
    distillation: distillationIndex >= 0 ? one<tf.Tensor3D>(list[distillationIndex]) : undefined,
    fineLabels: one<tf.Tensor2D>(batch.fineLabels)!,
    coarseLabels: one<tf.Tensor2D>(batch.coarseLabels),
    teacherLogits: one<tf.Tensor3D>(batch.teacherLogits),
    settings: Object.fromEntries(Object.entries(member.settings).map(([name, value]) => [name, tf.tensor1d([value])])),
  });
  const scalar = (tensor: tf.Tensor1D | undefined) => (tensor ? (tf.squeeze(tensor) as tf.Scalar) : undefined);
  return { total: scalar(terms.total)!, student: scalar(terms.student)!, distillation: scalar(terms.distillation), auxiliary: scalar(terms.auxiliary) };
}
