/**
 * Strategy P1, distillation from the professor (our design after Bang, Lee & Shim 2021,
 * Information Sciences 576; see src/professor/README.md). A professor network is trained
 * on the teacher's training-split logits and refines them; the student then distils from
 * the refined logits r instead of the teacher's t, with A's or B's formula:
 *
 *   L = a · CE(prediction, fine) + (1 - a) · T² · KL(softmax(r / T) ‖ softmax(s / T))
 *
 * s = the `distillation` head (P1-A, after A) or the `prediction` head (P1-B, after B),
 * at the same temperature T as the teacher's.
 */
import { combinedLoss, distillationLoss } from '../losses';
import type { MethodDefinition } from './definition';
import { type DistillingHead, fineLabelTerm, headLogits, requiredInput, type StackedObjective } from './objective';
import { studentLossWeightSetting, temperatureSetting } from './settings';

/** P1's objective with `head` distilling: per-model `student`, `distillation` and `total` [K]. */
export function professorObjective(head: DistillingHead, method: string): StackedObjective {
  return (inputs) => {
    const student = fineLabelTerm(inputs);
    const distillation = distillationLoss(
      requiredInput(inputs.targets?.['professor-logits'], 'the professor-logits target', method),
      headLogits(inputs, head, method),
      inputs.settings.temperature,
    );
    return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
  };
}

/** P1-A: A (heterogeneous, coarse teacher) with the professor's targets; A's defaults. */
export const professorHeterogeneousMethod: MethodDefinition = {
  name: 'professor-heterogeneous',
  letter: 'P1-A',
  label: 'heterogeneous KD from the professor (P1)',
  configKey: 'professorHeterogeneous',
  teacher: 'coarse',
  distillationHead: true,
  derivedTargets: ['professor-logits'],
  settings: { studentLossWeight: studentLossWeightSetting(0.3), temperature: temperatureSetting(28) },
  lossTerms: ['student', 'distillation'],
  order: 6,
  kind: 'extension',
  objective: professorObjective('distillation', 'professor-heterogeneous'),
};

/** P1-B: B (traditional, fine teacher) with the professor's targets; B's defaults. */
export const professorTraditionalMethod: MethodDefinition = {
  name: 'professor-traditional',
  letter: 'P1-B',
  label: 'traditional KD from the professor (P1)',
  configKey: 'professorTraditional',
  teacher: 'fine',
  distillationHead: false,
  derivedTargets: ['professor-logits'],
  settings: { studentLossWeight: studentLossWeightSetting(0.2), temperature: temperatureSetting(23) },
  lossTerms: ['student', 'distillation'],
  order: 8,
  kind: 'extension',
  objective: professorObjective('prediction', 'professor-traditional'),
};
