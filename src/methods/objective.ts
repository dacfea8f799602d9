import * as tf from '@tensorflow/tfjs';
import {
  crossEntropyLoss,
  maskedBatchMean,
  maskedCrossEntropyLoss,
  maskedSoftCrossEntropyLoss,
  softCrossEntropyLoss,
} from '../losses';

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
  /** True fine labels, int32 [K, B]. Read them through {@link labelTerm} only (it applies `labelledMask`). */
  fineLabels: tf.Tensor2D;
  /** True coarse labels, int32 [K, B], when the training split has them. Read them through {@link labelTerm} only. */
  coarseLabels?: tf.Tensor2D;
  /** The teacher's logits for each model's batch rows, [K, B, T], when the method needs a teacher. */
  teacherLogits?: tf.Tensor3D;
  /** The derived targets the method declares (`derivedTargets`) for the same rows, [K, B, T] each, by kind. */
  targets?: Readonly<Record<string, tf.Tensor3D>>;
  /** Each setting of the method, one float per model: [K]. */
  settings: Record<string, tf.Tensor1D>;
  /**
   * 1 where model k may use row n's label, 0 where it may not, float32 [K, B]; absent =
   * every label seen. Label terms ({@link labelTerm}) average over the labelled rows only;
   * distillation terms run on every row.
   */
  labelledMask?: tf.Tensor2D;
  /**
   * 1 where model k may use row n's COARSE label, float32 [K, B]; absent = `labelledMask`.
   * Set when a few-label student's coarse labels are known for every row (the coarse teacher
   * saw them all): {@link coarseLabelTerm} reads it.
   */
  coarseLabelledMask?: tf.Tensor2D;
  /**
   * The label hierarchy, int32 [F]: index = fine class, value = its coarse class (the same
   * for every stacked model), whenever training was given it (`TrainingData.fineToCoarse`);
   * a method that cannot work without it declares `needsHierarchy`.
   */
  fineToCoarse?: tf.Tensor1D;
}

/** Per-model loss terms (batch means), [K] each; `total` is what is minimised. */
export type StackedLossTerms = { total: tf.Tensor1D } & Record<string, tf.Tensor1D>;

/** How a method's loss is built from stacked outputs (see {@link StackedObjectiveInputs}). */
export type StackedObjective = (inputs: StackedObjectiveInputs) => StackedLossTerms;

/**
 * The ONE label term of every objective: cross-entropy of a head's logits z against true
 * labels (class ids y, or target distributions p such as smoothed labels), averaged over
 * the rows whose label model k may use:
 *
 *   L_k = -Σ_n m_kn Σ_c p_knc log softmax(z_kn)_c / max(1, Σ_n m_kn)     (p = one-hot(y) for class ids)
 *
 * with m = `inputs.labelledMask` (src/losses/maskedMean.ts). Without a mask it is the
 * ordinary batch mean -(1/N) Σ_n Σ_c p_nc log softmax(z_n)_c (crossEntropyLoss /
 * softCrossEntropyLoss, bit for bit). An unlabelled row's label then weighs exactly 0:
 * it changes neither the loss nor any gradient. Every method reads labels through this
 * function, so none can forget the mask.
 *
 * @param inputs the objective's inputs (their `labelledMask` is applied)
 * @param logits a head's logits, [K, B, classes]
 * @param labels int32 class ids [K, B], or target probabilities [K, B, classes]
 * @returns [K]
 */
export function labelTerm(
  inputs: StackedObjectiveInputs,
  logits: tf.Tensor3D,
  labels: tf.Tensor2D | tf.Tensor3D,
): tf.Tensor1D {
  const mask = inputs.labelledMask;
  if (labels.rank === 3) {
    const targets = labels as tf.Tensor3D;
    return mask ? maskedSoftCrossEntropyLoss(targets, logits, mask) : softCrossEntropyLoss(targets, logits);
  }
  const classIds = labels as tf.Tensor2D;
  return mask ? maskedCrossEntropyLoss(classIds, logits, mask) : crossEntropyLoss(classIds, logits);
}

/** The student loss of every student method: {@link labelTerm} of the `prediction` head on the fine labels. */
export function fineLabelTerm(inputs: StackedObjectiveInputs): tf.Tensor1D {
  return labelTerm(inputs, inputs.prediction, inputs.fineLabels);
}

/**
 * {@link labelTerm} of a head against the TRUE COARSE labels, averaged over the rows whose
 * coarse label model k may use: `inputs.coarseLabelledMask` when set (every row, for a
 * 'distill' student whose coarse teacher saw every row), else `inputs.labelledMask`.
 */
export function coarseLabelTerm(inputs: StackedObjectiveInputs, logits: tf.Tensor3D, method: string): tf.Tensor1D {
  const coarseLabels = requiredInput(inputs.coarseLabels, 'coarseLabels', method);
  const mask = inputs.coarseLabelledMask ?? inputs.labelledMask;
  return labelTerm({ ...inputs, labelledMask: mask }, logits, coarseLabels);
}

/** `value`, or an error naming the objective and what it lacks. */
export function requiredInput<T>(value: T | undefined, what: string, method: string): T {
  if (value === undefined) throw new Error(`objective ${method}: ${what} is missing`);
  return value;
}

/** Which head distils: the coarse `distillation` head (heterogeneous) or the fine `prediction` head (traditional). */
export type DistillingHead = 'distillation' | 'prediction';

/** The logits of that head. */
export function headLogits(inputs: StackedObjectiveInputs, head: DistillingHead, method: string): tf.Tensor3D {
  return head === 'distillation'
    ? requiredInput(inputs.distillation, 'the distillation head', method)
    : inputs.prediction;
}

/**
 * A label loss that is not a cross-entropy against one target (such as the hierarchical
 * cross-entropy), given per row ℓ_kn, averaged as {@link labelTerm} averages: over the rows
 * whose label model k may use,
 *
 *   L_k = Σ_n m_kn ℓ_kn / max(1, Σ_n m_kn)      (the plain batch mean without a mask)
 *
 * @param inputs the objective's inputs (their `labelledMask` is applied)
 * @param perRow per-row losses computed from the true labels, [K, B]
 * @returns [K]
 */
export function labelRowMean(inputs: StackedObjectiveInputs, perRow: tf.Tensor2D): tf.Tensor1D {
  const mask = inputs.labelledMask;
  return mask ? maskedBatchMean(perRow, mask) : (tf.mean(perRow, -1) as tf.Tensor1D);
}

/** The label hierarchy of a method that declares `needsHierarchy`, or an error naming the method. */
export function hierarchyInput(inputs: StackedObjectiveInputs, method: string): tf.Tensor1D {
  return requiredInput(inputs.fineToCoarse, 'the label hierarchy (fineToCoarse)', method);
}
