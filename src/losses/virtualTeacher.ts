import * as tf from '@tensorflow/tfjs';
import { type PerModel, perModelForRows, requireUnitInterval } from './validation';

/**
 * The virtual teacher of teacher-free knowledge distillation, Tf-KD_reg (Yuan, Tay, Li,
 * Wang & Feng 2020, "Revisiting Knowledge Distillation via Label Smoothing Regularization",
 * CVPR, section 4): a hand-made "100 % accurate" teacher that puts probability a on the
 * true class and spreads the rest uniformly over the other F - 1 classes,
 *
 *   p^d(k) = a if k = y,   (1 - a) / (F - 1) otherwise,
 *
 * returned as logits, log p^d, so that softmax(log p^d / T) is its distribution softened
 * at temperature T (p^d(k)^{1/T} renormalised) and the usual distillation term
 * T² · KL(softmax(log p^d / T) ‖ softmax(s / T)) applies unchanged.
 *
 * @param labels int32 class ids [N] (or [K, N])
 * @param classCount F >= 2
 * @param correctProbability a in (0, 1), a number or a [K] tensor (one per stacked model)
 * @returns [N, F] (or [K, N, F])
 */
export function virtualTeacherLogits(labels: tf.Tensor, classCount: number, correctProbability: PerModel): tf.Tensor {
  if (!Number.isInteger(classCount) || classCount < 2)
    throw new Error(`virtualTeacherLogits: classCount must be an integer >= 2, got ${classCount}`);
  requireUnitInterval(
    correctProbability,
    'correctProbability',
    'virtualTeacherLogits',
    labels.rank === 2 ? labels.shape[0] : undefined,
  );
  if (typeof correctProbability === 'number' && (correctProbability <= 0 || correctProbability >= 1))
    throw new Error(`virtualTeacherLogits: correctProbability must be in (0, 1), got ${correctProbability}`);
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels.dtype === 'int32' ? labels : labels.toInt(), classCount).toFloat();
    const correct = perModelForRows(correctProbability);
    const logCorrect = tf.log(correct);
    const logOther = tf.log(tf.div(tf.sub(1, correct), classCount - 1));
    // one-hot · log a + (1 - one-hot) · log((1 - a) / (F - 1))
    return tf.add(tf.mul(oneHot, logCorrect), tf.mul(tf.sub(1, oneHot), logOther));
  });
}
