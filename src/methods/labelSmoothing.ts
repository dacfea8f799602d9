/**
 * Method E, the label-smoothing control (Szegedy et al. 2016, "Rethinking the Inception
 * Architecture for Computer Vision", section 7): soft targets without a teacher, to tell
 * apart "any softened target helps" from "the teacher's knowledge helps":
 *
 *   q_k = (1 - ε) · 1[k = y] + ε / F,    L = -(1/N) Σ_n Σ_k q_nk log softmax(z_n)_k
 *
 * F = the number of fine classes, ε = smoothing.
 */
import { smoothedTargets } from '../losses';
import type { MethodDefinition } from './definition';
import { labelTerm, type StackedObjective } from './objective';

/** E's objective on K stacked students: per-model `student` = `total` [K]. */
export const labelSmoothingObjective: StackedObjective = (inputs) => {
  const targets = smoothedTargets(inputs.fineLabels, inputs.prediction.shape[2], inputs.settings.smoothing);
  const student = labelTerm(inputs, inputs.prediction, targets);
  return { total: student, student };
};

/** E in the registry (default ε = 0.1). */
export const labelSmoothingMethod: MethodDefinition = {
  name: 'label-smoothing',
  letter: 'E',
  label: 'label smoothing (control)',
  configKey: 'labelSmoothing',
  teacher: 'none',
  distillationHead: false,
  settings: { smoothing: { description: 'label smoothing factor', minimum: 0, exclusiveMaximum: 1, default: 0.1 } },
  lossTerms: ['student'],
  order: 5,
  kind: 'control',
  objective: labelSmoothingObjective,
};
