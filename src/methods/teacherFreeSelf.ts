/**
 * Method I, teacher-free self-distillation, Tf-KD_self (Yuan, Tay, Li, Wang & Feng 2020,
 * "Revisiting Knowledge Distillation via Label Smoothing Regularization", CVPR, section 4):
 * the teacher is the student itself, pretrained: a plain student (C) of the same
 * architecture, training settings and seed, trained first; its fine logits u are distilled
 * into the fine head as in traditional KD (B):
 *
 *   L = a · CE(prediction, fine) + (1 - a) · T² · KL(softmax(u / T) ‖ softmax(s / T))
 *
 * a = studentLossWeight, T = temperature, s = the prediction head's logits. No trained
 * teacher and no hierarchy: it tells apart "a softened target from a trained network helps"
 * from "the coarse teacher's knowledge helps". u comes from the `self-logits` target
 * provider (src/pipeline/targets/selfTeacherLogits.ts, its plain twin in src/pipeline/execute/selfTeacher.ts), which loads C's finished run of
 * that seed or trains the same network.
 */
import { combinedLoss, distillationLoss } from '../losses';
import type { MethodDefinition } from './definition';
import { fineLabelTerm, requiredInput, type StackedObjective } from './objective';
import { studentLossWeightSetting, temperatureSetting } from './settings';

/** I's objective on K stacked students: per-model `student`, `distillation` and `total` [K]. */
export const teacherFreeSelfObjective: StackedObjective = (inputs) => {
  const student = fineLabelTerm(inputs);
  const distillation = distillationLoss(
    requiredInput(inputs.targets?.['self-logits'], 'the self-logits target (the plain student)', 'tf-kd-self'),
    inputs.prediction,
    inputs.settings.temperature,
  );
  return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
};

/** I in the registry (defaults B's: a = 0.2, T = 23, so I and B differ only in the teacher). */
export const teacherFreeSelfMethod: MethodDefinition = {
  name: 'tf-kd-self',
  letter: 'I',
  label: 'teacher-free KD, self teacher (Tf-KD self)',
  configKey: 'teacherFreeSelf',
  teacher: 'none',
  distillationHead: false,
  derivedTargets: ['self-logits'],
  settings: { studentLossWeight: studentLossWeightSetting(0.2), temperature: temperatureSetting(23) },
  lossTerms: ['student', 'distillation'],
  order: 24,
  kind: 'extension',
  objective: teacherFreeSelfObjective,
};
