/**
 * Method H, teacher-free knowledge distillation with a virtual teacher, Tf-KD_reg (Yuan,
 * Tay, Li, Wang & Feng 2020, "Revisiting Knowledge Distillation via Label Smoothing
 * Regularization", CVPR, section 4): B's loss with a hand-made teacher instead of a
 * trained one. The virtual teacher puts probability a_c on the true class and the rest
 * uniformly on the others, p^d(k) = a_c if k = y else (1 - a_c) / (F - 1):
 *
 *   L = a · CE(prediction, fine) + (1 - a) · T² · KL(softmax(log p^d / T) ‖ softmax(s / T))
 *
 * a = studentLossWeight, T = temperature, a_c = correctProbability, s = the prediction
 * head's logits; softmax(log p^d / T) is p^d softened at temperature T. The paper writes the
 * term (1 - α) H(q, p) + α D_KL(p^d_τ, p_τ); here α = 1 - a and, as for A and B, the KL
 * term is scaled by T² (Hinton et al. 2015). (The authors' released code softens by
 * softmax(p^d / T), treating probabilities as logits, and averages the KL over classes too;
 * we keep the distribution-softening form above.)
 *
 * The virtual teacher is built from the true label, so BOTH terms are label terms: in
 * few-label mode they average over the labelled rows only. The KL is computed as
 * CE(p^d_T, s / T) - H(p^d_T) through {@link labelTerm}, which equals the unmasked
 * distillationLoss(log p^d, s, T) / T² exactly without a mask.
 */
import * as tf from '@tensorflow/tfjs';
import { combinedLoss, virtualTeacherLogits } from '../losses';
import type { MethodDefinition } from './definition';
import { fineLabelTerm, labelTerm, type StackedObjective } from './objective';
import { studentLossWeightSetting, temperatureSetting } from './settings';

/** H's objective on K stacked students: per-model `student`, `distillation` and `total` [K]. */
export const teacherFreeVirtualObjective: StackedObjective = (inputs) => {
  const student = fineLabelTerm(inputs);
  const temperature = tf.reshape(inputs.settings.temperature, [-1, 1, 1]);
  const virtualLogits = virtualTeacherLogits(
    inputs.fineLabels,
    inputs.prediction.shape[2],
    inputs.settings.correctProbability,
  );
  const softenedLogits = tf.div(virtualLogits, temperature) as tf.Tensor3D;
  const softened = tf.softmax(softenedLogits) as tf.Tensor3D;
  const crossEntropy = labelTerm(inputs, tf.div(inputs.prediction, temperature) as tf.Tensor3D, softened);
  const teacherEntropy = labelTerm(inputs, softenedLogits, softened);
  const distillation = tf.mul(
    tf.sub(crossEntropy, teacherEntropy),
    tf.square(inputs.settings.temperature),
  ) as tf.Tensor1D;
  return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
};

/** H in the registry (defaults ours: a = 0.5, T = 20, a_c = 0.9). */
export const teacherFreeVirtualMethod: MethodDefinition = {
  name: 'tf-kd-virtual',
  letter: 'H',
  label: 'teacher-free KD, virtual teacher (Tf-KD reg)',
  configKey: 'teacherFreeVirtual',
  teacher: 'none',
  distillationHead: false,
  settings: {
    studentLossWeight: studentLossWeightSetting(0.5),
    temperature: temperatureSetting(20),
    correctProbability: {
      description: "a_c: the virtual teacher's probability of the true class (the rest is spread uniformly)",
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      default: 0.9,
    },
  },
  lossTerms: ['student', 'distillation'],
  order: 23,
  kind: 'extension',
  objective: teacherFreeVirtualObjective,
};
