import * as tf from '@tensorflow/tfjs';
import { combinedLoss, crossEntropyLoss, distillationLoss, maskedCrossEntropyLoss, maskedSoftCrossEntropyLoss, smoothedTargets, softCrossEntropyLoss } from '../losses';

/**
 * What a method's objective sees for one training batch of K stacked models (K = 1 for
 * a single model). Every tensor has the leading model axis; row n of model k is the
 * same training example in every tensor (its own shuffled batch).
 */
export interface StackedObjectiveInputs {
  /** Fine-class logits of the `prediction` head, [K, B, F] (coarse logits for a coarse teacher). */
  prediction: tf.Tensor3D;
  /** Logits of the `distillation` (coarse) head, [K, B, C], when the method has that head. */
  distillation?: tf.Tensor3D;
  /** True fine labels, int32 [K, B]. */
  fineLabels: tf.Tensor2D;
  /** True coarse labels, int32 [K, B], when the training split has them. */
  coarseLabels?: tf.Tensor2D;
  /** The teacher's logits for each model's batch rows, [K, B, T], when the method needs a teacher. */
  teacherLogits?: tf.Tensor3D;
  /** The professor's refined logits for the same rows, [K, B, T], when the method needs the professor (`professor: true`). */
  professorLogits?: tf.Tensor3D;
  /** Each setting of the method, one float per model: [K]. */
  settings: Record<string, tf.Tensor1D>;
  /**
   * 1 where model k may use row n's label, 0 where it may not, float32 [K, B]; absent =
   * every label seen. The label terms average over the labelled rows only
   * (maskedBatchMean); distillation terms run on every row.
   */
  labelledMask?: tf.Tensor2D;
}

/** Cross-entropy on true labels: the batch mean, or the mean over the labelled rows when a mask is given. */
function labelCrossEntropy(labels: tf.Tensor2D, logits: tf.Tensor3D, mask: tf.Tensor2D | undefined): tf.Tensor1D {
  return mask ? maskedCrossEntropyLoss(labels, logits, mask) : crossEntropyLoss(labels, logits);
}

/** Per-model loss terms (batch means), [K] each; `total` is what is minimised. */
export type StackedLossTerms = { total: tf.Tensor1D } & Record<string, tf.Tensor1D>;

/** How a method's loss is built from stacked outputs (see {@link StackedObjectiveInputs}). */
export type StackedObjective = (inputs: StackedObjectiveInputs) => StackedLossTerms;

function required<T>(value: T | undefined, what: string, method: string): T {
  if (value === undefined) throw new Error(`objective ${method}: ${what} is missing`);
  return value;
}

/**
 * A (heterogeneous KD): a·CE(prediction, fine) + (1-a)·T²·KL(softmax(coarse teacher/T) ‖ softmax(distillation head/T)).
 * Yu & Kim 2022: the distillation head has one logit per coarse class.
 */
export const heterogeneousObjective: StackedObjective = (inputs) => {
  const student = labelCrossEntropy(inputs.fineLabels, inputs.prediction, inputs.labelledMask);
  const distillation = distillationLoss(
    required(inputs.teacherLogits, 'teacherLogits', 'heterogeneous'),
    required(inputs.distillation, 'the distillation head', 'heterogeneous'),
    inputs.settings.temperature,
  );
  return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
};

/** B (traditional KD, Hinton et al. 2015): a·CE(prediction, fine) + (1-a)·T²·KL(softmax(fine teacher/T) ‖ softmax(prediction/T)). */
export const traditionalObjective: StackedObjective = (inputs) => {
  const student = labelCrossEntropy(inputs.fineLabels, inputs.prediction, inputs.labelledMask);
  const distillation = distillationLoss(required(inputs.teacherLogits, 'teacherLogits', 'traditional'), inputs.prediction, inputs.settings.temperature);
  return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
};

/** C (plain student): CE(prediction, fine). */
export const plainObjective: StackedObjective = (inputs) => {
  const student = labelCrossEntropy(inputs.fineLabels, inputs.prediction, inputs.labelledMask);
  return { total: student, student };
};

/** D (coarse-label auxiliary control): a·CE(prediction, fine) + (1-a)·CE(distillation head, TRUE coarse labels); no teacher. */
export const coarseAuxiliaryObjective: StackedObjective = (inputs) => {
  const student = labelCrossEntropy(inputs.fineLabels, inputs.prediction, inputs.labelledMask);
  const auxiliary = labelCrossEntropy(
    required(inputs.coarseLabels, 'coarseLabels', 'coarse-auxiliary'),
    required(inputs.distillation, 'the distillation head', 'coarse-auxiliary'),
    inputs.labelledMask,
  );
  return { total: combinedLoss(student, auxiliary, inputs.settings.studentLossWeight), student, auxiliary };
};

/** E (label-smoothing control, Szegedy et al. 2016): soft CE of prediction on smoothedTargets(fine, F, ε). */
export const labelSmoothingObjective: StackedObjective = (inputs) => {
  const targets = smoothedTargets(inputs.fineLabels, inputs.prediction.shape[2], inputs.settings.smoothing);
  const student = inputs.labelledMask ? maskedSoftCrossEntropyLoss(targets, inputs.prediction, inputs.labelledMask) : softCrossEntropyLoss(targets, inputs.prediction);
  return { total: student, student };
};

/** A teacher: CE of its `prediction` head on coarse (or fine) labels. */
export function teacherObjective(target: 'coarse' | 'fine'): StackedObjective {
  return (inputs) => {
    const labels = target === 'coarse' ? required(inputs.coarseLabels, 'coarseLabels', `${target} teacher`) : inputs.fineLabels;
    const student = crossEntropyLoss(labels, inputs.prediction);
    return { total: student, student };
  };
}
