import * as tf from '@tensorflow/tfjs';
import { requireLabelsForRows, requireMatrix, requireSameShape, requireUnitInterval } from './validation';

/**
 * Cross-entropy of integer class labels against logits, averaged over the batch:
 *
 *   L = -(1/N) Σ_n log softmax(z_n)[y_n]
 *
 * The student loss of knowledge distillation (Hinton et al. 2015, "Distilling the
 * Knowledge in a Neural Network"; Yu & Kim 2022, J. KSCI 27(10): the prediction
 * layer's loss on the true fine labels). Computed through log-softmax, so it stays
 * finite for large logits. Labels outside 0..classes-1 are not checked here (that
 * would need a device read on every step) and contribute 0: validate them once when
 * loading data.
 *
 * @param labels int32 class ids, shape [N]
 * @param logits unnormalised scores, shape [N, classes]
 */
export function crossEntropyLoss(labels: tf.Tensor1D, logits: tf.Tensor2D): tf.Scalar {
  requireMatrix(logits, 'logits', 'crossEntropyLoss');
  requireLabelsForRows(labels, logits, 'crossEntropyLoss');
  return tf.tidy(() => {
    const classCount = logits.shape[1];
    const oneHot = tf.oneHot(labels.dtype === 'int32' ? labels : labels.toInt(), classCount).toFloat() as tf.Tensor2D;
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
 * @param targetProbabilities rows summing to 1, shape [N, classes]
 * @param logits shape [N, classes]
 */
export function softCrossEntropyLoss(targetProbabilities: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar {
  requireMatrix(logits, 'logits', 'softCrossEntropyLoss');
  requireSameShape(targetProbabilities, logits, ['targetProbabilities', 'logits'], 'softCrossEntropyLoss');
  return tf.tidy(() => softCrossEntropyCore(targetProbabilities, logits));
}

function softCrossEntropyCore(targetProbabilities: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar {
  const logProbabilities = tf.logSoftmax(logits);
  return tf.neg(tf.mean(tf.sum(tf.mul(targetProbabilities, logProbabilities), 1))) as tf.Scalar;
}

/**
 * Label-smoothed targets (Szegedy et al. 2016, "Rethinking the Inception Architecture
 * for Computer Vision", section 7):
 *
 *   q_k = (1 - ε) · 1[k = y] + ε / K
 *
 * @param labels int32 class ids, shape [N]
 * @param classCount K
 * @param smoothing ε in [0, 1]; 0 gives one-hot rows, 1 the uniform distribution
 * @returns shape [N, K], rows summing to 1
 */
export function smoothedTargets(labels: tf.Tensor1D, classCount: number, smoothing: number): tf.Tensor2D {
  if (!Number.isInteger(classCount) || classCount < 1) throw new Error(`smoothedTargets: classCount must be an integer >= 1, got ${classCount}`);
  requireUnitInterval(smoothing, 'smoothing', 'smoothedTargets');
  if (labels.rank !== 1) throw new Error(`smoothedTargets: labels must be 1-D class ids, got shape [${labels.shape.join(', ')}]`);
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels.dtype === 'int32' ? labels : labels.toInt(), classCount).toFloat();
    return tf.add(tf.mul(oneHot, 1 - smoothing), smoothing / classCount) as tf.Tensor2D;
  });
}
