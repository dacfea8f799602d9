import * as tf from '@tensorflow/tfjs';
import { objectiveByName, resolveMethodSettings } from '../methods/registry';
import { distillationLayerName } from '../models/student';
import type { FloatMatrix } from '../tensors/matrix';
import { predictionOutputIndex } from './predict';

/**
 * What a model is trained on: a registered method (src/methods) or teacher role by name,
 * its settings (missing ones take the registry's defaults) and the targets derived for it
 * (the teacher's logits and the derived targets on the training split, one row per training example
 * in the same order; precompute them with `predictLogits`). `trainModel` takes one.
 */
export interface MethodObjective {
  /** A student method ('heterogeneous', a plugin's name, ...) or 'teacher-coarse' / 'teacher-fine'. */
  method: string;
  /** The method's settings; missing ones take the registry defaults, out-of-range ones are rejected. */
  settings?: Record<string, number>;
  /** The teacher's logits on the training split, for methods with a teacher. */
  teacherLogits?: FloatMatrix;
  /** The derived targets the method declares (`derivedTargets`), by kind (same shape as teacherLogits each). */
  targets?: Readonly<Record<string, FloatMatrix>>;
  /** 1/0 per training row: which labels the model may use (absent = all; see MemberSpec.labelledMask). */
  labelledMask?: ArrayLike<number>;
  /** With a labelledMask: the model may use every row's coarse label (see MemberSpec.coarseLabelsEverywhere). */
  coarseLabelsEverywhere?: boolean;
}

/** One batch, already gathered: features and the label / target rows the objective needs. */
export interface ObjectiveBatch {
  x: tf.Tensor2D;
  fineLabels: tf.Tensor1D;
  coarseLabels?: tf.Tensor1D;
  /** The teacher's logits of these rows. */
  teacherLogits?: tf.Tensor2D;
  /** The derived targets of these rows, by kind. */
  targets?: Readonly<Record<string, tf.Tensor2D>>;
  /** 1/0 per row (float32): which labels may be used. */
  labelledMask?: tf.Tensor1D;
  /** 1/0 per row (float32): which coarse labels may be used (absent = labelledMask). */
  coarseLabelledMask?: tf.Tensor1D;
  /** The label hierarchy, int32 [F] (index = fine class, value = coarse class), for methods that read it. */
  fineToCoarse?: tf.Tensor1D;
}

/** The loss terms of one batch (batch means): `total` and each of the method's `lossTerms` ('student', 'distillation', ...). */
export type LossTerms = { total: tf.Scalar; student: tf.Scalar } & Record<string, tf.Scalar | undefined>;

/**
 * Runs the model on a batch in training mode (dropout on) and returns the loss terms,
 * built by the method's registry objective on a stack of one model (the same function
 * the training loop runs). Call inside the optimizer's loss closure (gradients flow
 * through `total`).
 */
export function objectiveLoss(
  objective: Pick<MethodObjective, 'method' | 'settings'>,
  model: tf.LayersModel,
  batch: ObjectiveBatch,
): LossTerms {
  const definition = objectiveByName(objective.method);
  const settings = resolveMethodSettings(definition, objective.settings);
  const outputs = model.apply(batch.x, { training: true }) as tf.Tensor | tf.Tensor[];
  const list = Array.isArray(outputs) ? outputs : [outputs];
  // A stack of one model: a leading model axis of size 1 on every tensor.
  const one = <T extends tf.Tensor>(tensor: tf.Tensor) => tf.expandDims(tensor, 0) as T;
  const optional = <T extends tf.Tensor>(tensor: tf.Tensor | undefined) => (tensor ? one<T>(tensor) : undefined);
  const distillationIndex = model.outputNames.indexOf(distillationLayerName);
  const terms = definition.objective({
    prediction: one<tf.Tensor3D>(list[predictionOutputIndex(model)]),
    distillation: distillationIndex >= 0 ? one<tf.Tensor3D>(list[distillationIndex]) : undefined,
    fineLabels: one<tf.Tensor2D>(batch.fineLabels),
    coarseLabels: optional<tf.Tensor2D>(batch.coarseLabels),
    teacherLogits: optional<tf.Tensor3D>(batch.teacherLogits),
    targets: Object.fromEntries(
      Object.entries(batch.targets ?? {}).map(([kind, rows]) => [kind, one<tf.Tensor3D>(rows)]),
    ),
    settings: Object.fromEntries(Object.entries(settings).map(([name, value]) => [name, tf.tensor1d([value])])),
    ...(batch.labelledMask ? { labelledMask: one<tf.Tensor2D>(batch.labelledMask) } : {}),
    ...(batch.coarseLabelledMask ? { coarseLabelledMask: one<tf.Tensor2D>(batch.coarseLabelledMask) } : {}),
    ...(batch.fineToCoarse ? { fineToCoarse: batch.fineToCoarse } : {}),
  });
  return Object.fromEntries(
    Object.entries(terms).map(([name, tensor]) => [name, tf.squeeze(tensor) as tf.Scalar]),
  ) as LossTerms;
}
