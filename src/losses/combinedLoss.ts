import * as tf from '@tensorflow/tfjs';
import { type PerModel, requireUnitInterval } from './validation';

/**
 * The total knowledge-distillation loss, a weighted average of the two terms:
 *
 *   L = a · L_student + (1 - a) · L_distillation
 *
 * Sources: Hinton et al. 2015 (weighted average of the hard-label and soft-target
 * objectives); Yu & Kim 2022, J. KSCI 27(10) (a = studentLossWeight; their worked example
 * uses a = 0.1: 0.1 × 0.5108 + 0.9 × 0.0851 = 0.1277).
 *
 * Stacked models: both losses of shape [K] (one per model) and `a` a number or a [K]
 * tensor give [K].
 *
 * @param studentLoss cross-entropy on the true labels (scalar, or [K])
 * @param distillationLoss the T²-scaled KL term (scalar, or [K])
 * @param studentLossWeight a in [0, 1] (or a [K] tensor)
 */
export function combinedLoss(studentLoss: tf.Scalar, distillationLoss: tf.Scalar, studentLossWeight: number): tf.Scalar;
export function combinedLoss(
  studentLoss: tf.Tensor1D,
  distillationLoss: tf.Tensor1D,
  studentLossWeight: PerModel,
): tf.Tensor1D;
export function combinedLoss(
  studentLoss: tf.Tensor,
  distillationLoss: tf.Tensor,
  studentLossWeight: PerModel,
): tf.Tensor {
  const stacked = studentLoss.rank === 1;
  if (
    studentLoss.rank > 1 ||
    distillationLoss.rank !== studentLoss.rank ||
    (stacked && studentLoss.shape[0] !== distillationLoss.shape[0])
  ) {
    throw new Error(
      `combinedLoss: both losses must be scalars (or both [models]), got shapes [${studentLoss.shape.join(', ')}] and [${distillationLoss.shape.join(', ')}]`,
    );
  }
  requireUnitInterval(
    studentLossWeight,
    'studentLossWeight',
    'combinedLoss',
    stacked ? studentLoss.shape[0] : undefined,
  );
  return tf.tidy(() => {
    if (typeof studentLossWeight === 'number')
      return tf.add(tf.mul(studentLoss, studentLossWeight), tf.mul(distillationLoss, 1 - studentLossWeight));
    return tf.add(tf.mul(studentLoss, studentLossWeight), tf.mul(distillationLoss, tf.sub(1, studentLossWeight)));
  });
}
