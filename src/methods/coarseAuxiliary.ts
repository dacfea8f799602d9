/**
 * Method D, the coarse-label auxiliary control (ours): A's two-headed student, but its
 * `distillation` head learns the TRUE coarse labels instead of a teacher's distribution,
 * which separates "knowing the coarse classes" from "distilling a teacher":
 *
 *   L = a · CE(prediction, fine) + (1 - a) · CE(distillation, coarse)
 *
 * Few labels (`student.labelledFraction` < 1): the fine CE averages over the labelled rows
 * only. The coarse CE gets the coarse information A's coarse teacher had: with
 * `unlabelledInputs` 'distill' and `coarseTeacherRows` 'all' (the defaults' teacher sees
 * every row's coarse label) it averages over EVERY training row (coarseLabelTerm reads the
 * all-ones coarse mask); with `coarseTeacherRows` 'labelled' it is masked like the fine CE;
 * in 'drop' mode D trains on the kept (labelled) rows only, as every student does there.
 */
import { combinedLoss } from '../losses';
import type { MethodDefinition } from './definition';
import { coarseLabelTerm, fineLabelTerm, requiredInput, type StackedObjective } from './objective';
import { studentLossWeightSetting } from './settings';

/** D's objective on K stacked students: per-model `student`, `auxiliary` and `total` [K]. */
export const coarseAuxiliaryObjective: StackedObjective = (inputs) => {
  const student = fineLabelTerm(inputs);
  const auxiliary = coarseLabelTerm(
    inputs,
    requiredInput(inputs.distillation, 'the distillation head', 'coarse-auxiliary'),
    'coarse-auxiliary',
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
