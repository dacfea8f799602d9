import * as tf from '@tensorflow/tfjs';
import { requireUnitInterval } from './validation';

/**
 * The total knowledge-distillation loss, a weighted average of the two terms:
 *
 *   L = a · L_student + (1 - a) · L_distillation
 *
 * Sources: Hinton et al. 2015 (weighted average of the hard-label and soft-target
 * objectives); Yu & Kim 2022, J. KSCI 27(10) (a = studentLossWeight; their worked example
 * uses a = 0.1: 0.1 × 0.5108 + 0.9 × 0.0851 = 0.1277).
 *
 * @param studentLoss cross-entropy on the true labels (scalar)
 * @param distillationLoss the T²-scaled KL term (scalar)
 * @param studentLossWeight a in [0, 1]
 */
export function combinedLoss(studentLoss: tf.Scalar, distillationLoss: tf.Scalar, studentLossWeight: number): tf.Scalar {
  requireUnitInterval(studentLossWeight, 'studentLossWeight', 'combinedLoss');
  if (studentLoss.rank !== 0 || distillationLoss.rank !== 0) {
    throw new Error(`combinedLoss: both losses must be scalars, got shapes [${studentLoss.shape.join(', ')}] and [${distillationLoss.shape.join(', ')}]`);
  }
  return tf.tidy(() => tf.add(tf.mul(studentLoss, studentLossWeight), tf.mul(distillationLoss, 1 - studentLossWeight)) as tf.Scalar);
}
