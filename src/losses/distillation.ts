import * as tf from '@tensorflow/tfjs';
import {
  type PerModel,
  perModelForRows,
  requireMatrix,
  requireSameShape,
  requireTemperature,
  stackedModels,
} from './validation';

/**
 * Temperature-softened class probabilities (Hinton et al. 2015, eq. 1):
 *
 *   q_i = exp(z_i / T) / Σ_j exp(z_j / T)
 *
 * T = 1 is the ordinary softmax; larger T gives a softer distribution.
 *
 * @param logits shape [N, classes] (or [K, N, classes] with a [K] temperature tensor)
 * @param temperature T > 0
 */
export function softenedProbabilities(logits: tf.Tensor2D, temperature: number): tf.Tensor2D;
export function softenedProbabilities(logits: tf.Tensor3D, temperature: PerModel): tf.Tensor3D;
export function softenedProbabilities(logits: tf.Tensor, temperature: PerModel): tf.Tensor {
  requireMatrix(logits, 'logits', 'softenedProbabilities');
  requireTemperature(temperature, 'softenedProbabilities', stackedModels(logits));
  return tf.tidy(() => tf.softmax(tf.div(logits, perModelForRows(temperature))));
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
 * Stacked models: logits [K, N, classes] and a temperature that is a number or a [K]
 * tensor (one T per model) give one loss per model, shape [K].
 *
 * @param teacherLogits shape [N, classes] (or [K, N, classes])
 * @param studentLogits the student's distillation-layer logits, same shape
 * @param temperature T > 0 (or a [K] tensor)
 * @param scaleByTemperatureSquared multiply by T² (default true, as Hinton et al.)
 */
export function distillationLoss(
  teacherLogits: tf.Tensor2D,
  studentLogits: tf.Tensor2D,
  temperature: number,
  scaleByTemperatureSquared?: boolean,
): tf.Scalar;
export function distillationLoss(
  teacherLogits: tf.Tensor3D,
  studentLogits: tf.Tensor3D,
  temperature: PerModel,
  scaleByTemperatureSquared?: boolean,
): tf.Tensor1D;
export function distillationLoss(
  teacherLogits: tf.Tensor,
  studentLogits: tf.Tensor,
  temperature: PerModel,
  scaleByTemperatureSquared = true,
): tf.Tensor {
  requireMatrix(teacherLogits, 'teacherLogits', 'distillationLoss');
  requireSameShape(teacherLogits, studentLogits, ['teacherLogits', 'studentLogits'], 'distillationLoss');
  requireTemperature(temperature, 'distillationLoss', stackedModels(teacherLogits));
  return tf.tidy(() => {
    const rowTemperature = perModelForRows(temperature);
    const teacherLogProbabilities = tf.logSoftmax(tf.div(teacherLogits, rowTemperature));
    const studentLogProbabilities = tf.logSoftmax(tf.div(studentLogits, rowTemperature));
    const teacherProbabilities = tf.exp(teacherLogProbabilities);
    const perExample = tf.sum(
      tf.mul(teacherProbabilities, tf.sub(teacherLogProbabilities, studentLogProbabilities)),
      -1,
    );
    const mean = tf.mean(perExample, -1);
    if (!scaleByTemperatureSquared) return mean;
    return typeof temperature === 'number'
      ? tf.mul(mean, temperature * temperature)
      : tf.mul(mean, tf.square(temperature));
  });
}
