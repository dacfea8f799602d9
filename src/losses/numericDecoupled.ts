/**
 * Plain-number versions of decoupled knowledge distillation and of the composed teacher
 * (one example, double precision, straight from the definitions with probabilities), for
 * teaching and for checking the TensorFlow.js versions (decoupledDistillation.ts,
 * composedTeacher.ts), which work with log-sum-exps instead.
 */
import { klDivergence, softmax } from './numericLosses';

function requireClass(index: number, classCount: number, what: string, functionName: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= classCount)
    throw new Error(`${functionName}: ${what} ${index} is not a class id in 0..${classCount - 1}`);
}

/**
 * TCKD and NCKD of one example (Zhao et al. 2022, "Decoupled Knowledge Distillation", eq. 1-5),
 * p = softmax(t / T), q = softmax(s / T), y = `target`:
 *
 *   TCKD = T² · KL((p_y, 1 - p_y) ‖ (q_y, 1 - q_y))
 *   NCKD = T² · KL(p_{i≠y} / (1 - p_y) ‖ q_{i≠y} / (1 - q_y))
 */
export function decoupledDistillationValues(
  teacherLogits: number[],
  studentLogits: number[],
  target: number,
  temperature: number,
): { targetClass: number; nonTargetClass: number } {
  if (teacherLogits.length !== studentLogits.length || teacherLogits.length < 2)
    throw new Error('decoupledDistillationValues: teacher and student need the same number (>= 2) of logits');
  requireClass(target, teacherLogits.length, 'target', 'decoupledDistillationValues');
  const p = softmax(teacherLogits, temperature);
  const q = softmax(studentLogits, temperature);
  const others = (probabilities: number[]) => {
    const rest = probabilities.filter((_, index) => index !== target);
    const total = rest.reduce((sum, value) => sum + value, 0);
    return rest.map((value) => value / total);
  };
  const squared = temperature * temperature;
  return {
    targetClass: squared * klDivergence([p[target], 1 - p[target]], [q[target], 1 - q[target]]),
    nonTargetClass: squared * klDivergence(others(p), others(q)),
  };
}

/**
 * The composed teacher's fine-class target of one example: the coarse teacher's group
 * probabilities P = softmax(t / T) split within each group by softmax(z / T) restricted
 * to the group (`studentLogits` given), or uniformly (omitted):
 *
 *   q_c = P_{g(c)} · exp(z_c / T) / Σ_{c' ∈ g(c)} exp(z_c' / T)    or    q_c = P_{g(c)} / |g(c)|
 */
export function composedTeacherTarget(
  coarseTeacherLogits: number[],
  fineToCoarse: number[],
  temperature: number,
  studentLogits?: number[],
): number[] {
  fineToCoarse.forEach((group) => requireClass(group, coarseTeacherLogits.length, 'group', 'composedTeacherTarget'));
  if (studentLogits && studentLogits.length !== fineToCoarse.length)
    throw new Error(
      `composedTeacherTarget: ${studentLogits.length} student logits for ${fineToCoarse.length} fine classes`,
    );
  const groupProbabilities = softmax(coarseTeacherLogits, temperature);
  const weights = fineToCoarse.map((_, fine) => (studentLogits ? Math.exp(studentLogits[fine] / temperature) : 1));
  const groupWeight = (group: number) =>
    fineToCoarse.reduce((sum, other, fine) => (other === group ? sum + weights[fine] : sum), 0);
  return fineToCoarse.map((group, fine) => (groupProbabilities[group] * weights[fine]) / groupWeight(group));
}

/** The composed teacher's distillation term of one example: T² · KL(q ‖ softmax(z / T)), q from {@link composedTeacherTarget}. */
export function composedTeacherValue(
  coarseTeacherLogits: number[],
  studentLogits: number[],
  fineToCoarse: number[],
  temperature: number,
  within: 'student' | 'uniform',
): number {
  const target = composedTeacherTarget(
    coarseTeacherLogits,
    fineToCoarse,
    temperature,
    within === 'student' ? studentLogits : undefined,
  );
  return temperature * temperature * klDivergence(target, softmax(studentLogits, temperature));
}
