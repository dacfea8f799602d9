import * as tf from '@tensorflow/tfjs';
import { requireMatrix, requireSameShape, requireTemperature } from './validation';

/**
 * Temperature-softened class probabilities (Hinton et al. 2015, eq. 1):
 *
 *   q_i = exp(z_i / T) / Σ_j exp(z_j / T)
 *
 * T = 1 is the ordinary softmax; larger T gives a softer distribution.
 *
 * @param logits shape [N, classes]
 * @param temperature T > 0
 */
export function softenedProbabilities(logits: tf.Tensor2D, temperature: number): tf.Tensor2D {
  requireMatrix(logits, 'logits', 'softenedProbabilities');
  requireTemperature(temperature, 'softenedProbabilities');
  return tf.tidy(() => tf.softmax(tf.div(logits, temperature)) as tf.Tensor2D);
}

/**
 * The distillation loss: KL divergence from the teacher's softened distribution to the
 * student's, averaged over the batch and scaled by T²:
 *
 *   p = softmax(t / T),  q = softmax(s / T)
 *   L = T² · (1/N) Σ_n Σ_k p_nk (log p_nk - log q_nk)
 *
 * Sources: Hinton et al. 2015, "Distilling the Knowledge in a Neural Network", section 2
 * (soft targets at temperature T; gradients scale as 1/T², so the soft term is multiplied
 * by T² to keep its weight when T changes); Yu & Kim 2022, J. KSCI 27(10) (the student's
 * distillation layer, one logit per coarse class, against the coarse teacher). Both
 * log-probabilities come from log-softmax, so it stays finite for large logits and
 * for teacher probabilities that underflow to 0. Gradients flow to both arguments;
 * pass the teacher's logits as constants.
 *
 * @param teacherLogits shape [N, classes]
 * @param studentLogits the student's distillation-layer logits, same shape
 * @param temperature T > 0
 * @param scaleByTemperatureSquared multiply by T² (default true, as Hinton et al.)
 */
export function distillationLoss(
  teacherLogits: tf.Tensor2D,
  studentLogits: tf.Tensor2D,
  temperature: number,
  scaleByTemperatureSquared = true,
): tf.Scalar {
  requireMatrix(teacherLogits, 'teacherLogits', 'distillationLoss');
  requireSameShape(teacherLogits, studentLogits, ['teacherLogits', 'studentLogits'], 'distillationLoss');
  requireTemperature(temperature, 'distillationLoss');
  return tf.tidy(() => {
    const teacherLogProbabilities = tf.logSoftmax(tf.div(teacherLogits, temperature));
    const studentLogProbabilities = tf.logSoftmax(tf.div(studentLogits, temperature));
    const teacherProbabilities = tf.exp(teacherLogProbabilities);
    const perExample = tf.sum(tf.mul(teacherProbabilities, tf.sub(teacherLogProbabilities, studentLogProbabilities)), 1);
    const mean = tf.mean(perExample);
    return (scaleByTemperatureSquared ? tf.mul(mean, temperature * temperature) : mean) as tf.Scalar;
  });
}
