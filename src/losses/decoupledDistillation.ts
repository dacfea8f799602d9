import * as tf from '@tensorflow/tfjs';
import {
  type PerModel,
  perModelForRows,
  requireMatrix,
  requireSameShape,
  requireTemperature,
  stackedModels,
} from './validation';

/** The two parts of decoupled knowledge distillation, each a T²-scaled batch mean (scalar, or [K] for stacked input). */
export interface DecoupledDistillationTerms {
  /** TCKD: KL of the binary (target, non-target) distributions. */
  targetClass: tf.Tensor;
  /** NCKD: KL of the distributions over the non-target classes, renormalised. */
  nonTargetClass: tf.Tensor;
}

/** Added to the target class's logit so that it drops out of a log-sum-exp (its exp is exactly 0 in float32). */
const excluded = -1e9;

/**
 * The two terms of decoupled knowledge distillation (Zhao, Cui, Song, Qiu & Liang 2022,
 * "Decoupled Knowledge Distillation", CVPR, eq. 1-5), with p = softmax(t / T) the teacher's
 * and q = softmax(s / T) the student's softened distributions and y the target class of the row:
 *
 *   b = (p_y, 1 - p_y),  b' = (q_y, 1 - q_y)                  (target vs all other classes)
 *   p̂_i = p_i / (1 - p_y),  q̂_i = q_i / (1 - q_y)  for i ≠ y  (distributions over the other classes)
 *   TCKD = T² · (1/N) Σ_n KL(b_n ‖ b'_n)
 *   NCKD = T² · (1/N) Σ_n Σ_{i ≠ y_n} p̂_ni (log p̂_ni - log q̂_ni)
 *
 * The paper shows KD = TCKD + (1 - p_y) · NCKD (per row, before the batch mean); DKD weighs
 * the two freely: α · TCKD + β · NCKD (see `decoupledDistillationLoss` in src/methods). The
 * reference implementation (mdistiller, `dkd_loss`) computes the same two terms with a
 * softmax of the logits minus 1000 at the target class; here the non-target
 * log-probabilities come from log-sum-exps over the other classes, exactly:
 *
 *   log(1 - p_y) = LSE_{i ≠ y}(t_i / T) - LSE_i(t_i / T),   log p̂_i = t_i / T - LSE_{j ≠ y}(t_j / T)
 *
 * so both terms stay finite when the teacher is certain (p_y -> 1). Gradients flow to both
 * logit arguments; pass the teacher's logits as constants.
 *
 * @param teacherLogits t, [N, C] (or [K, N, C]), C >= 2
 * @param studentLogits s, same shape
 * @param targetOneHot one-hot rows of the target class y (float, same shape): one 1 per row
 * @param temperature T > 0 (or a [K] tensor for stacked input)
 * @returns TCKD and NCKD: scalars, or [K] for stacked input
 */
export function decoupledDistillationTerms(
  teacherLogits: tf.Tensor,
  studentLogits: tf.Tensor,
  targetOneHot: tf.Tensor,
  temperature: PerModel,
): DecoupledDistillationTerms {
  const where = 'decoupledDistillationTerms';
  requireMatrix(teacherLogits, 'teacherLogits', where);
  requireSameShape(teacherLogits, studentLogits, ['teacherLogits', 'studentLogits'], where);
  requireSameShape(teacherLogits, targetOneHot, ['teacherLogits', 'targetOneHot'], where);
  const classes = teacherLogits.shape[teacherLogits.rank - 1];
  if (classes < 2)
    throw new Error(`${where}: needs at least 2 classes (a target and a non-target class), got ${classes}`);
  requireTemperature(temperature, where, stackedModels(teacherLogits));
  return tf.tidy(() => {
    const rowTemperature = perModelForRows(temperature);
    const otherMask = tf.sub(1, targetOneHot);
    const parts = (logits: tf.Tensor) => {
      const scaled = tf.div(logits, rowTemperature);
      const all = tf.logSumExp(scaled, -1, true);
      // The target's entry pushed to -1e9: it drops out of the sum, and its exp below is exactly 0.
      const withoutTarget = tf.add(scaled, tf.mul(targetOneHot, excluded));
      const others = tf.logSumExp(withoutTarget, -1, true);
      return {
        logTarget: tf.sub(tf.sum(tf.mul(scaled, targetOneHot), -1, true), all),
        logRest: tf.sub(others, all),
        logWithinRest: tf.sub(withoutTarget, others),
      };
    };
    const teacher = parts(teacherLogits);
    const student = parts(studentLogits);
    const binaryKl = tf.add(
      tf.mul(tf.exp(teacher.logTarget), tf.sub(teacher.logTarget, student.logTarget)),
      tf.mul(tf.exp(teacher.logRest), tf.sub(teacher.logRest, student.logRest)),
    );
    const targetClassPerRow = tf.squeeze(binaryKl, [-1 + binaryKl.rank]);
    const nonTargetClassPerRow = tf.sum(
      tf.mul(tf.mul(tf.exp(teacher.logWithinRest), otherMask), tf.sub(teacher.logWithinRest, student.logWithinRest)),
      -1,
    );
    const squared = typeof temperature === 'number' ? temperature * temperature : (tf.square(temperature) as tf.Tensor);
    return {
      targetClass: tf.mul(tf.mean(targetClassPerRow, -1), squared),
      nonTargetClass: tf.mul(tf.mean(nonTargetClassPerRow, -1), squared),
    };
  });
}
