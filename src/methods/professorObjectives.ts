import * as tf from '@tensorflow/tfjs';
import { combinedLoss, crossEntropyLoss, distillationLoss } from '../losses';
import { dualDistillationLoss } from '../professor/dualDistillationLoss';
import type { StackedObjective, StackedObjectiveInputs } from './objectives';

/**
 * Objectives of the professor strategies (issue 11 §1; our reading of Bang, Lee & Shim
 * 2021, see src/professor/README.md). `professorLogits` are the professor's refined
 * logits r for each model's batch rows (same shape as `teacherLogits`), used at the
 * same temperature T as the teacher's.
 */

function required<T>(value: T | undefined, what: string, method: string): T {
  if (value === undefined) throw new Error(`objective ${method}: ${what} is missing`);
  return value;
}

/** Which head distils: the coarse `distillation` head (A) or the fine `prediction` head (B). */
type DistillingHead = 'distillation' | 'prediction';

function headOf(inputs: StackedObjectiveInputs, head: DistillingHead, method: string): tf.Tensor3D {
  return head === 'distillation' ? required(inputs.distillation, 'the distillation head', method) : inputs.prediction;
}

/**
 * P1: the objective of A (head `distillation`) or B (head `prediction`) with the
 * professor's refined logits as the distillation target:
 * a·CE(prediction, fine) + (1-a)·T²·KL(softmax(r/T) ‖ softmax(s/T)).
 */
export function professorObjective(head: DistillingHead, method: string): StackedObjective {
  return (inputs) => {
    const student = crossEntropyLoss(inputs.fineLabels, inputs.prediction);
    const distillation = distillationLoss(required(inputs.professorLogits, 'professorLogits', method), headOf(inputs, head, method), inputs.settings.temperature);
    return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
  };
}

/**
 * P2: a·CE(prediction, fine) + (1-a)·T²·mean_n[w·KL(p_t ‖ q) + (1-w)·KL(p_r ‖ q)]
 * (`dualDistillationLoss`, w = `teacherWeight`): the student distils from the teacher
 * AND the professor; w = 1 is A/B, w = 0 is P1.
 */
export function dualProfessorObjective(head: DistillingHead, method: string): StackedObjective {
  return (inputs) => {
    const student = crossEntropyLoss(inputs.fineLabels, inputs.prediction);
    const distillation = dualDistillationLoss(
      required(inputs.teacherLogits, 'teacherLogits', method),
      required(inputs.professorLogits, 'professorLogits', method),
      headOf(inputs, head, method),
      inputs.settings.temperature,
      inputs.settings.teacherWeight,
    ) as tf.Tensor1D;
    return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
  };
}
