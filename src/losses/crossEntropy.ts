import * as tf from '@tensorflow/tfjs';
import {
  type PerModel,
  perModelForRows,
  requireLabelsForRows,
  requireMatrix,
  requireSameShape,
  requireUnitInterval,
} from './validation';

/**
 * Cross-entropy of integer class labels against logits, averaged over the batch:
 *
 *   L = -(1/N) Σ_n log softmax(z_n)[y_n]
 *
 * With a leading model axis (K models stacked: labels [K, N], logits [K, N, classes]) it
 * returns one batch mean per model, shape [K], each equal to the 2-D formula on its slice.
 *
 * The student loss of knowledge distillation (Hinton et al. 2015, "Distilling the
 * Knowledge in a Neural Network"; Yu & Kim 2022, J. KSCI 27(10): the prediction
 * layer's loss on the true fine labels). Computed through log-softmax, so it stays
 * finite for large logits. Labels outside 0..classes-1 are not checked here (that
 * would need a device read on every step) and contribute 0: validate them once when
 * loading data.
 *
 * @param labels int32 class ids, shape [N] (or [K, N])
 * @param logits unnormalised scores, shape [N, classes] (or [K, N, classes])
 * @returns a scalar (or [K])
 */
export function crossEntropyLoss(labels: tf.Tensor1D, logits: tf.Tensor2D): tf.Scalar;
export function crossEntropyLoss(labels: tf.Tensor2D, logits: tf.Tensor3D): tf.Tensor1D;
export function crossEntropyLoss(labels: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  requireMatrix(logits, 'logits', 'crossEntropyLoss');
  requireLabelsForRows(labels, logits, 'crossEntropyLoss');
  return tf.tidy(() => {
    const classCount = logits.shape[logits.rank - 1];
    const oneHot = tf.oneHot(labels.dtype === 'int32' ? labels : labels.toInt(), classCount).toFloat();
    return softCrossEntropyCore(oneHot, logits);
  });
}

/**
 * Cross-entropy of target distributions (soft labels) against logits, averaged over the batch:
 *
 *   L = -(1/N) Σ_n Σ_k p_nk log softmax(z_n)_k
 *
 * With one-hot targets it equals {@link crossEntropyLoss}; with smoothed targets it is the
 * label-smoothing loss (Szegedy et al. 2016); with a teacher's softmax(t/T) against z/T it
 * is Hinton et al.'s soft-target term (which differs from the KL form only by the teacher's
 * entropy, a constant for the student).
 *
 * Stacked models: targets and logits [K, N, classes] give one batch mean per model, [K].
 *
 * @param targetProbabilities rows summing to 1, shape [N, classes] (or [K, N, classes])
 * @param logits shape [N, classes] (or [K, N, classes])
 */
export function softCrossEntropyLoss(targetProbabilities: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar;
export function softCrossEntropyLoss(targetProbabilities: tf.Tensor3D, logits: tf.Tensor3D): tf.Tensor1D;
export function softCrossEntropyLoss(targetProbabilities: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  requireMatrix(logits, 'logits', 'softCrossEntropyLoss');
  requireSameShape(targetProbabilities, logits, ['targetProbabilities', 'logits'], 'softCrossEntropyLoss');
  return tf.tidy(() => softCrossEntropyCore(targetProbabilities, logits));
}

function softCrossEntropyCore(targetProbabilities: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  const logProbabilities = tf.logSoftmax(logits);
  return tf.neg(tf.mean(tf.sum(tf.mul(targetProbabilities, logProbabilities), -1), -1));
}

/**
 * Label-smoothed targets (Szegedy et al. 2016, "Rethinking the Inception Architecture
 * for Computer Vision", section 7):
 *
 *   q_k = (1 - ε) · 1[k = y] + ε / K
 *
 * @param labels int32 class ids, shape [N] (or [M, N] for M stacked models)
 * @param classCount K
 * @param smoothing ε in [0, 1]; 0 gives one-hot rows, 1 the uniform distribution; or a
 *   [M] tensor (one ε per stacked model) with [M, N] labels
 * @returns shape [N, K] (or [M, N, K]), rows summing to 1
 */
export function smoothedTargets(labels: tf.Tensor1D, classCount: number, smoothing: number): tf.Tensor2D;
export function smoothedTargets(labels: tf.Tensor2D, classCount: number, smoothing: PerModel): tf.Tensor3D;
export function smoothedTargets(labels: tf.Tensor, classCount: number, smoothing: PerModel): tf.Tensor {
  if (!Number.isInteger(classCount) || classCount < 1)
    throw new Error(`smoothedTargets: classCount must be an integer >= 1, got ${classCount}`);
  requireUnitInterval(smoothing, 'smoothing', 'smoothedTargets', labels.rank === 2 ? labels.shape[0] : undefined);
  if (labels.rank !== 1 && !(labels.rank === 2 && smoothing instanceof tf.Tensor)) {
    throw new Error(
      `smoothedTargets: labels must be 1-D class ids (or [models, N] with a [models] smoothing tensor), got shape [${labels.shape.join(', ')}]`,
    );
  }
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels.dtype === 'int32' ? labels : labels.toInt(), classCount).toFloat();
    if (typeof smoothing === 'number') return tf.add(tf.mul(oneHot, 1 - smoothing), smoothing / classCount);
    const perModel = perModelForRows(smoothing);
    return tf.add(tf.mul(oneHot, tf.sub(1, perModel)), tf.div(perModel, classCount));
  });
}
