/**
 * Method B, traditional knowledge distillation (Hinton, Vinyals & Dean 2015, "Distilling
 * the Knowledge in a Neural Network"). The teacher was trained on the FINE labels; the
 * student's single `prediction` head learns both the fine labels and the teacher's
 * temperature-softened distribution:
 *
 *   L = a · CE(prediction, fine) + (1 - a) · T² · KL(softmax(t / T) ‖ softmax(s / T))
 *
 * t = the fine teacher's logits, s = the prediction head's logits (section 2: soft targets
 * at temperature T, the soft term times T² so its gradients keep their scale).
 */
import { combinedLoss, distillationLoss } from '../losses';
import type { MethodDefinition } from './definition';
import { fineLabelTerm, requiredInput, type StackedObjective } from './objective';
import { studentLossWeightSetting, temperatureSetting } from './settings';

/** B's objective on K stacked students: per-model `student`, `distillation` and `total` [K]. */
export const traditionalObjective: StackedObjective = (inputs) => {
  const student = fineLabelTerm(inputs);
  const distillation = distillationLoss(
    requiredInput(inputs.teacherLogits, 'teacherLogits', 'traditional'),
    inputs.prediction,
    inputs.settings.temperature,
  );
  return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
};

/** B in the registry (defaults a = 0.2, T = 23). */
export const traditionalMethod: MethodDefinition = {
  name: 'traditional',
  letter: 'B',
  label: 'traditional KD',
  configKey: 'traditional',
  teacher: 'fine',
  distillationHead: false,
  settings: { studentLossWeight: studentLossWeightSetting(0.2), temperature: temperatureSetting(23) },
  lossTerms: ['student', 'distillation'],
  order: 2,
  kind: 'paper',
  objective: traditionalObjective,
};
