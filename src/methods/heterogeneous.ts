/**
 * Method A, heterogeneous knowledge distillation (Yu & Kim 2022, J. KSCI 27(10); 2024 on
 * Fashion-MNIST). The teacher was trained on the COARSE labels; the student has two heads:
 * `prediction` (one logit per fine class, learns the fine labels) and `distillation` (one
 * logit per coarse class, learns the teacher's temperature-softened distribution):
 *
 *   L = a · CE(prediction, fine) + (1 - a) · T² · KL(softmax(t / T) ‖ softmax(d / T))
 *
 * t = the coarse teacher's logits, d = the distillation head's logits, a = studentLossWeight,
 * T = temperature; the KL term and its T² factor follow Hinton et al. 2015, section 2.
 */
import { combinedLoss, distillationLoss } from '../losses';
import type { MethodDefinition } from './definition';
import { fineLabelTerm, requiredInput, type StackedObjective } from './objective';
import { studentLossWeightSetting, temperatureSetting } from './settings';

/** A's objective on K stacked students: per-model `student`, `distillation` and `total` [K]. */
export const heterogeneousObjective: StackedObjective = (inputs) => {
  const student = fineLabelTerm(inputs);
  const distillation = distillationLoss(
    requiredInput(inputs.teacherLogits, 'teacherLogits', 'heterogeneous'),
    requiredInput(inputs.distillation, 'the distillation head', 'heterogeneous'),
    inputs.settings.temperature,
  );
  return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
};

/** A in the registry (defaults a = 0.3, T = 28: the paper's tuned values on 20 Newsgroups). */
export const heterogeneousMethod: MethodDefinition = {
  name: 'heterogeneous',
  letter: 'A',
  label: 'heterogeneous KD',
  configKey: 'heterogeneous',
  teacher: 'coarse',
  distillationHead: true,
  settings: { studentLossWeight: studentLossWeightSetting(0.3), temperature: temperatureSetting(28) },
  lossTerms: ['student', 'distillation'],
  order: 1,
  kind: 'paper',
  objective: heterogeneousObjective,
};
