/**
 * Strategy P2, distillation from teacher AND professor (our reading of "two distillation
 * strategies that use teacher and professor together" in Bang, Lee & Shim 2021; the exact
 * form is our design, see src/professor/README.md):
 *
 *   L = a · CE(prediction, fine) + (1 - a) · T² · (1/N) Σ_n [ w · KL(p_t ‖ q) + (1 - w) · KL(p_r ‖ q) ]
 *
 * p_t = softmax(t / T) (teacher), p_r = softmax(r / T) (professor), q = softmax(s / T) with
 * s the `distillation` head (P2-A) or the `prediction` head (P2-B); w = teacherWeight
 * (`dualDistillationLoss`, src/losses/dualDistillation.ts). w = 1 is A/B, w = 0 is P1.
 */
import type * as tf from '@tensorflow/tfjs';
import { combinedLoss, dualDistillationLoss } from '../losses';
import type { MethodDefinition, NumberSetting } from './definition';
import { type DistillingHead, fineLabelTerm, headLogits, requiredInput, type StackedObjective } from './objective';
import { studentLossWeightSetting, temperatureSetting } from './settings';

/** w in [0, 1]: the teacher's share of the distillation term (default 0.5). */
const teacherWeight: NumberSetting = {
  description: "w: share of the teacher in P2's distillation term, w·KL(teacher) + (1 - w)·KL(professor)",
  minimum: 0,
  maximum: 1,
  default: 0.5,
};

/** P2's objective with `head` distilling: per-model `student`, `distillation` and `total` [K]. */
export function dualProfessorObjective(head: DistillingHead, method: string): StackedObjective {
  return (inputs) => {
    const student = fineLabelTerm(inputs);
    const distillation = dualDistillationLoss(
      requiredInput(inputs.teacherLogits, 'teacherLogits', method),
      requiredInput(inputs.targets?.['professor-logits'], 'the professor-logits target', method),
      headLogits(inputs, head, method),
      inputs.settings.temperature,
      inputs.settings.teacherWeight,
    ) as tf.Tensor1D;
    return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
  };
}

/** P2-A: A's student distilling from the coarse teacher and its professor; A's defaults and w. */
export const professorDualHeterogeneousMethod: MethodDefinition = {
  name: 'professor-dual-heterogeneous',
  letter: 'P2-A',
  label: 'heterogeneous KD from teacher and professor (P2)',
  configKey: 'professorDualHeterogeneous',
  teacher: 'coarse',
  distillationHead: true,
  derivedTargets: ['professor-logits'],
  settings: { studentLossWeight: studentLossWeightSetting(0.3), temperature: temperatureSetting(28), teacherWeight },
  lossTerms: ['student', 'distillation'],
  order: 7,
  kind: 'extension',
  objective: dualProfessorObjective('distillation', 'professor-dual-heterogeneous'),
};

/** P2-B: B's student distilling from the fine teacher and its professor; B's defaults and w. */
export const professorDualTraditionalMethod: MethodDefinition = {
  name: 'professor-dual-traditional',
  letter: 'P2-B',
  label: 'traditional KD from teacher and professor (P2)',
  configKey: 'professorDualTraditional',
  teacher: 'fine',
  distillationHead: false,
  derivedTargets: ['professor-logits'],
  settings: { studentLossWeight: studentLossWeightSetting(0.2), temperature: temperatureSetting(23), teacherWeight },
  lossTerms: ['student', 'distillation'],
  order: 9,
  kind: 'extension',
  objective: dualProfessorObjective('prediction', 'professor-dual-traditional'),
};
