import * as tf from '@tensorflow/tfjs';
import { type PerModel, perModelForRows, requireMatrix, requireTemperature, stackedModels } from './validation';

/** How a composed teacher splits a group's probability among the group's fine classes. */
export type WithinGroup = 'student' | 'uniform';

/** Added to a logit outside the group so that it drops out of the group's log-sum-exp (its exp is 0 in float32). */
const excluded = -1e9;

/** `tensor` in the forward pass, with no gradient flowing back through it (tfjs has no stop-gradient op). */
function stopGradient(tensor: tf.Tensor): tf.Tensor {
  const constant = tf.customGrad((input) => ({
    value: tf.clone(input as tf.Tensor),
    gradFunc: (dy) => tf.zerosLike(dy as tf.Tensor),
  })) as (input: tf.Tensor) => tf.Tensor;
  return constant(tensor);
}

/**
 * Each fine class's value of its group, x[.., g(c)], as x · membershipᵀ ([.., G] x [G, F]):
 * a gather by fineToCoarse written as a product, whose gradient every backend has (the
 * gradient of gather needs UnsortedSegmentSum, which WebAssembly lacks).
 */
function groupToFine(values: tf.Tensor, membership: tf.Tensor2D): tf.Tensor {
  const [fine, groups] = membership.shape;
  const rows = tf.reshape(values, [-1, groups]) as tf.Tensor2D;
  return tf.reshape(tf.matMul(rows, membership, false, true), [...values.shape.slice(0, -1), fine]);
}

function checkInputs(coarseTeacherLogits: tf.Tensor, fineToCoarse: tf.Tensor, fineLogits: tf.Tensor | undefined): void {
  const where = 'composedTeacher';
  requireMatrix(coarseTeacherLogits, 'coarseTeacherLogits', where);
  if (fineToCoarse.rank !== 1 || fineToCoarse.dtype !== 'int32')
    throw new Error(
      `${where}: fineToCoarse must be int32 [fine classes] (the group of each fine class), got ${fineToCoarse.dtype} [${fineToCoarse.shape.join(', ')}]`,
    );
  if (!fineLogits) return;
  const rows = coarseTeacherLogits.shape.slice(0, -1);
  const expected = [...rows, fineToCoarse.shape[0]];
  if (fineLogits.rank !== expected.length || !fineLogits.shape.every((size, axis) => size === expected[axis]))
    throw new Error(
      `${where}: the student's fine logits must have shape [${expected.join(', ')}] (the teacher's rows, one logit per fine class of fineToCoarse), got [${fineLogits.shape.join(', ')}]`,
    );
}

/**
 * A fine-class target composed from a COARSE teacher (our design; the coarse teacher of
 * heterogeneous KD, Yu & Kim 2022, used for the fine head). The teacher gives each group g
 * a probability P(g) = softmax(t / T)_g; the group's share is split among its fine classes
 * c (g(c) = fineToCoarse[c]) by the student's own distribution within the group, or uniformly:
 *
 *   'student':  q_c = P(g(c)) · exp(z_c / T) / Σ_{c' : g(c') = g(c)} exp(z_c' / T)
 *   'uniform':  q_c = P(g(c)) / |g(c)|
 *
 * Returns log q (computed from log-softmax and log-sum-exps, finite for large logits).
 * The student's logits enter WITHOUT gradient: the target is a constant for the student.
 * A group with no fine class gets no share (q sums to 1 - Σ of those groups' P).
 *
 * @param coarseTeacherLogits t, [N, G] (or [K, N, G] stacked)
 * @param fineToCoarse int32 [F]: the group of each fine class, in 0..G-1 (not read back; validate it once)
 * @param temperature T > 0 (or a [K] tensor for stacked input)
 * @param within how a group's share is split
 * @param fineLogits z, the student's fine logits [N, F] (or [K, N, F]); needed for 'student'
 * @returns log q, [N, F] (or [K, N, F])
 */
export function composedTeacherLogProbabilities(
  coarseTeacherLogits: tf.Tensor,
  fineToCoarse: tf.Tensor,
  temperature: PerModel,
  within: WithinGroup,
  fineLogits?: tf.Tensor,
): tf.Tensor {
  checkInputs(coarseTeacherLogits, fineToCoarse, fineLogits);
  if (within === 'student' && !fineLogits)
    throw new Error("composedTeacher: 'student' within-group split needs the student's fine logits");
  requireTemperature(temperature, 'composedTeacher', stackedModels(coarseTeacherLogits));
  return tf.tidy(() => {
    const rowTemperature = perModelForRows(temperature);
    const groups = coarseTeacherLogits.shape[coarseTeacherLogits.rank - 1];
    const membership = tf.oneHot(fineToCoarse, groups).toFloat() as tf.Tensor2D; // [F, G]
    const logGroup = groupToFine(tf.logSoftmax(tf.div(coarseTeacherLogits, rowTemperature)), membership);
    if (within === 'uniform') {
      const groupSizes = groupToFine(tf.sum(membership, 0), membership); // |g(c)|, [F]
      return tf.sub(logGroup, tf.log(groupSizes));
    }
    const scaled = tf.div(stopGradient(fineLogits!), rowTemperature); // [.., F]
    // LSE over each group's members: [.., F, 1] + [F, G] (0 inside, excluded outside) -> LSE over F -> [.., G].
    const groupLse = tf.logSumExp(tf.add(tf.expandDims(scaled, -1), tf.mul(tf.sub(1, membership), excluded)), -2);
    return tf.add(logGroup, tf.sub(scaled, groupToFine(groupLse, membership)));
  });
}

/**
 * The composed-teacher distillation term: KL from the composed target q (see
 * {@link composedTeacherLogProbabilities}) to the student's softened fine distribution,
 * batch mean, times T² (Hinton et al. 2015, section 2, as the other distillation terms):
 *
 *   L = T² · (1/N) Σ_n Σ_c q_nc (log q_nc - log softmax(z_n / T)_c)
 *
 * With 'student', q and softmax(z / T) share the within-group shape, so the term only moves
 * the student's group probabilities Σ_{c ∈ g} softmax(z / T)_c towards the teacher's P(g):
 * it equals T² · KL(P ‖ P_student) over the groups (a group-level heterogeneous KD on the
 * fine head). With 'uniform' it also flattens each group.
 *
 * @returns a scalar (or [K] for stacked input)
 */
export function composedTeacherLoss(
  coarseTeacherLogits: tf.Tensor,
  fineLogits: tf.Tensor,
  fineToCoarse: tf.Tensor,
  temperature: PerModel,
  within: WithinGroup,
): tf.Tensor {
  checkInputs(coarseTeacherLogits, fineToCoarse, fineLogits);
  return tf.tidy(() => {
    const logTarget = composedTeacherLogProbabilities(
      coarseTeacherLogits,
      fineToCoarse,
      temperature,
      within,
      fineLogits,
    );
    const logStudent = tf.logSoftmax(tf.div(fineLogits, perModelForRows(temperature)));
    const perRow = tf.sum(tf.mul(tf.exp(logTarget), tf.sub(logTarget, logStudent)), -1);
    const squared = typeof temperature === 'number' ? temperature * temperature : tf.square(temperature);
    return tf.mul(tf.mean(perRow, -1), squared);
  });
}
