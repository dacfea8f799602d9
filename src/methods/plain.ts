/**
 * Method C, the plain student (the baseline of Yu & Kim 2022): the student's architecture
 * trained on the fine labels alone, no teacher:
 *
 *   L = CE(prediction, fine) = -(1/N) Σ_n log softmax(z_n)[y_n]
 */
import type { MethodDefinition } from './definition';
import { fineLabelTerm, type StackedObjective } from './objective';

/** C's objective on K stacked students: per-model `student` = `total` [K]. */
export const plainObjective: StackedObjective = (inputs) => {
  const student = fineLabelTerm(inputs);
  return { total: student, student };
};

/** C in the registry (no settings). */
export const plainMethod: MethodDefinition = {
  name: 'plain',
  letter: 'C',
  label: 'plain student',
  configKey: 'plain',
  teacher: 'none',
  distillationHead: false,
  settings: {},
  lossTerms: ['student'],
  order: 3,
  kind: 'paper',
  objective: plainObjective,
};
