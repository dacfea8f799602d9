import * as tf from '@tensorflow/tfjs';
import { requireLabelsForRows, requireMatrix, requireSameShape } from './validation';

/**
 * Mean of per-example losses over the MARKED rows of each model's batch (the label terms
 * of a student that sees only some fine labels, while its distillation term runs on every
 * row):
 *
 *   L_k = Σ_n m_kn ℓ_kn / max(1, Σ_n m_kn)
 *
 * with m_kn = 1 for a row whose label model k may use and 0 otherwise. A batch without a
 * labelled row contributes 0 (and no gradient) for that model. With every m_kn = 1 it is
 * the ordinary batch mean (1/N) Σ_n ℓ_kn. Our definition (semi-supervised distillation as
 * in Hinton et al. 2015, section 5, where the soft targets also cover inputs without
 * labels).
 *
 * @param perExample losses, shape [N] (or [K, N])
 * @param mask 1 (labelled) or 0 per row, same shape
 * @returns a scalar (or [K])
 */
export function maskedBatchMean(perExample: tf.Tensor1D, mask: tf.Tensor1D): tf.Scalar;
export function maskedBatchMean(perExample: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D;
export function maskedBatchMean(perExample: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  if (perExample.rank !== 1 && perExample.rank !== 2)
    throw new Error(
      `maskedBatchMean: perExample must be [N] or [models, N], got shape [${perExample.shape.join(', ')}]`,
    );
  requireSameShape(perExample, mask, ['perExample', 'mask'], 'maskedBatchMean');
  return tf.tidy(() => {
    const weights = mask.dtype === 'float32' ? mask : tf.cast(mask, 'float32');
    return tf.div(tf.sum(tf.mul(perExample, weights), -1), tf.maximum(tf.sum(weights, -1), 1));
  });
}

/**
 * Cross-entropy of integer labels against logits, averaged over the labelled rows only:
 *
 *   L_k = -Σ_n m_kn log softmax(z_kn)[y_kn] / max(1, Σ_n m_kn)
 *
 * (see {@link maskedBatchMean}; with every m = 1 it equals crossEntropyLoss). Labels of
 * unlabelled rows are read but weigh nothing.
 *
 * @param labels int32 [N] (or [K, N]); @param logits [N, classes] (or [K, N, classes]); @param mask [N] (or [K, N])
 */
export function maskedCrossEntropyLoss(labels: tf.Tensor1D, logits: tf.Tensor2D, mask: tf.Tensor1D): tf.Scalar;
export function maskedCrossEntropyLoss(labels: tf.Tensor2D, logits: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor1D;
export function maskedCrossEntropyLoss(labels: tf.Tensor, logits: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  requireMatrix(logits, 'logits', 'maskedCrossEntropyLoss');
  requireLabelsForRows(labels, logits, 'maskedCrossEntropyLoss');
  return tf.tidy(() => {
    const oneHot = tf
      .oneHot(labels.dtype === 'int32' ? labels : labels.toInt(), logits.shape[logits.rank - 1])
      .toFloat();
    return maskedBatchMean(
      tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1)) as tf.Tensor2D,
      mask as tf.Tensor2D,
    );
  });
}

/**
 * Cross-entropy of target distributions against logits over the labelled rows only:
 *
 *   L_k = -Σ_n m_kn Σ_c p_knc log softmax(z_kn)_c / max(1, Σ_n m_kn)
 *
 * (label smoothing's loss when the targets are smoothedTargets of rows whose label is seen).
 */
export function maskedSoftCrossEntropyLoss(
  targetProbabilities: tf.Tensor2D,
  logits: tf.Tensor2D,
  mask: tf.Tensor1D,
): tf.Scalar;
export function maskedSoftCrossEntropyLoss(
  targetProbabilities: tf.Tensor3D,
  logits: tf.Tensor3D,
  mask: tf.Tensor2D,
): tf.Tensor1D;
export function maskedSoftCrossEntropyLoss(
  targetProbabilities: tf.Tensor,
  logits: tf.Tensor,
  mask: tf.Tensor,
): tf.Tensor {
  requireMatrix(logits, 'logits', 'maskedSoftCrossEntropyLoss');
  requireSameShape(targetProbabilities, logits, ['targetProbabilities', 'logits'], 'maskedSoftCrossEntropyLoss');
  return tf.tidy(() =>
    maskedBatchMean(
      tf.neg(tf.sum(tf.mul(targetProbabilities, tf.logSoftmax(logits)), -1)) as tf.Tensor2D,
      mask as tf.Tensor2D,
    ),
  );
}
