/**
 * Method D, the coarse-label auxiliary control (ours): A's two-headed student, but its
 * `distillation` head learns the TRUE coarse labels instead of a teacher's distribution,
 * which separates "knowing the coarse classes" from "distilling a teacher":
 *
 *   L = a · CE(prediction, fine) + (1 - a) · CE(distillation, coarse)
 *
 * Both are label terms: in few-label mode both average over the labelled rows only.
 */
import { combinedLoss } from '../losses';
import type { MethodDefinition } from './definition';
import { fineLabelTerm, labelTerm, requiredInput, type StackedObjective } from './objective';
import { studentLossWeightSetting } from './settings';

/** D's objective on K stacked students: per-model `student`, `auxiliary` and `total` [K]. */
export const coarseAuxiliaryObjective: StackedObjective = (inputs) => {
  const student = fineLabelTerm(inputs);
  const auxiliary = labelTerm(
    inputs,
    requiredInput(inputs.distillation, 'the distillation head', 'coarse-auxiliary'),
    requiredInput(inputs.coarseLabels, 'coarseLabels', 'coarse-auxiliary'),
  );
  return { total: combinedLoss(student, auxiliary, inputs.settings.studentLossWeight), student, auxiliary };
};

/** D in the registry (default a = 0.3, as A). */
export const coarseAuxiliaryMethod: MethodDefinition = {
  name: 'coarse-auxiliary',
  letter: 'D',
  label: 'coarse-label auxiliary (control)',
  configKey: 'coarseAuxiliary',
  teacher: 'none',
  distillationHead: true,
  settings: { studentLossWeight: studentLossWeightSetting(0.3) },
  lossTerms: ['student', 'auxiliary'],
  order: 4,
  kind: 'control',
  objective: coarseAuxiliaryObjective,
  needsCoarseLabels: true,
};
