/**
 * Methods J and K, decoupled knowledge distillation (Zhao, Cui, Song, Qiu & Liang 2022,
 * "Decoupled Knowledge Distillation", CVPR). Classical KD splits into a target-class part
 * (TCKD: the binary KL of (p_y, 1 - p_y)) and a non-target part (NCKD: the KL of the
 * distributions over the other classes, renormalised), KD = TCKD + (1 - p_y) · NCKD;
 * DKD weighs them freely (src/losses/decoupledDistillation.ts, both at temperature T, times T²):
 *
 *   DKD = α · TCKD + β · NCKD
 *   L   = a · CE(prediction, fine) + (1 - a) · DKD
 *
 * J (`decoupled`): B's setting: the FINE teacher's logits into the `prediction` head, y = the
 * true fine class. K (`decoupled-coarse`): A's setting: the COARSE teacher's logits into the
 * `distillation` head of A's two-headed student, y = the true GROUP (coarse class) of the row.
 *
 * The target class is a label: on a row whose label the model may not use (few-label
 * training, `labelledMask` 0) y is the teacher's top class instead, so no hidden label leaks.
 *
 * Defaults a = 0.5, T = 4, α = 1, β = 8: the reference implementation (mdistiller's `DKD`,
 * CIFAR-100) minimises CE + DKD with α = 1, β = 8, T = 4; a = 0.5 gives the same balance
 * (half of it; Adam's steps do not change when the loss is scaled). Its linear warm-up of
 * the DKD term over the first 20 epochs is not reproduced.
 */
import * as tf from '@tensorflow/tfjs';
import { combinedLoss, decoupledDistillationTerms } from '../losses';
import type { MethodDefinition, NumberSetting } from './definition';
import {
  type DistillingHead,
  fineLabelTerm,
  headLogits,
  requiredInput,
  type StackedObjective,
  type StackedObjectiveInputs,
} from './objective';
import { studentLossWeightSetting, temperatureSetting } from './settings';

/** α >= 0: weight of the target-class term TCKD. */
const targetWeight: NumberSetting = {
  description: 'alpha: weight of the target-class term (TCKD, binary KL of target vs the rest)',
  minimum: 0,
  default: 1,
};

/** β >= 0: weight of the non-target term NCKD. */
const nonTargetWeight: NumberSetting = {
  description: 'beta: weight of the non-target term (NCKD, KL over the non-target classes)',
  minimum: 0,
  default: 8,
};

/**
 * One-hot rows of each row's target class, [K, B, C]: the true label where the model may
 * use it (`labelledMask` 1 or absent), the teacher's top class where it may not.
 */
export function targetClassRows(
  inputs: StackedObjectiveInputs,
  labels: tf.Tensor2D,
  teacherLogits: tf.Tensor3D,
): tf.Tensor3D {
  const classes = teacherLogits.shape[2];
  const labelled = tf.oneHot(labels, classes).toFloat() as tf.Tensor3D;
  const mask = inputs.labelledMask;
  if (!mask) return labelled;
  const teacherTop = tf.oneHot(tf.argMax(teacherLogits, -1), classes).toFloat();
  const rowMask = tf.expandDims(mask, -1);
  return tf.add(tf.mul(labelled, rowMask), tf.mul(teacherTop, tf.sub(1, rowMask))) as tf.Tensor3D;
}

/**
 * DKD's objective with `head` distilling against the labels of `target`: per-model
 * `student`, `distillation` (= α·TCKD + β·NCKD), `targetClass`, `nonTargetClass`, `total` [K].
 */
export function decoupledObjective(head: DistillingHead, target: 'fine' | 'coarse', method: string): StackedObjective {
  return (inputs) => {
    const student = fineLabelTerm(inputs);
    const teacherLogits = requiredInput(inputs.teacherLogits, 'teacherLogits', method);
    const labels = target === 'fine' ? inputs.fineLabels : requiredInput(inputs.coarseLabels, 'coarseLabels', method);
    const { targetClass, nonTargetClass } = decoupledDistillationTerms(
      teacherLogits,
      headLogits(inputs, head, method),
      targetClassRows(inputs, labels, teacherLogits),
      inputs.settings.temperature,
    ) as { targetClass: tf.Tensor1D; nonTargetClass: tf.Tensor1D };
    const distillation = tf.add(
      tf.mul(inputs.settings.targetWeight, targetClass),
      tf.mul(inputs.settings.nonTargetWeight, nonTargetClass),
    ) as tf.Tensor1D;
    return {
      total: combinedLoss(student, distillation, inputs.settings.studentLossWeight),
      student,
      distillation,
      targetClass,
      nonTargetClass,
    };
  };
}

const decoupledSettings = () => ({
  studentLossWeight: studentLossWeightSetting(0.5),
  temperature: temperatureSetting(4),
  targetWeight,
  nonTargetWeight,
});

/** J: DKD from the fine teacher into the prediction head (B's student). */
export const decoupledMethod: MethodDefinition = {
  name: 'dkd',
  letter: 'J',
  label: 'decoupled KD (fine teacher)',
  configKey: 'decoupled',
  teacher: 'fine',
  distillationHead: false,
  settings: decoupledSettings(),
  lossTerms: ['student', 'distillation', 'targetClass', 'nonTargetClass'],
  order: 9.1,
  kind: 'extension',
  objective: decoupledObjective('prediction', 'fine', 'dkd'),
};

/** K: DKD from the coarse teacher into the distillation head (A's two-headed student), target = the true group. */
export const decoupledCoarseMethod: MethodDefinition = {
  name: 'dkd-coarse',
  letter: 'K',
  label: 'decoupled heterogeneous KD (coarse teacher)',
  configKey: 'decoupledCoarse',
  teacher: 'coarse',
  distillationHead: true,
  settings: decoupledSettings(),
  lossTerms: ['student', 'distillation', 'targetClass', 'nonTargetClass'],
  order: 9.2,
  kind: 'extension',
  objective: decoupledObjective('distillation', 'coarse', 'dkd-coarse'),
  needsCoarseLabels: true,
};
