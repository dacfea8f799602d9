/**
 * The teachers (Yu & Kim 2022): networks trained by plain cross-entropy of their
 * `prediction` head on the COARSE labels (the heterogeneous teacher of A) or the FINE
 * labels (the traditional teacher of B):
 *
 *   L = CE(prediction, coarse)   or   L = CE(prediction, fine)
 *
 * They are objectives like the student methods (usable wherever a method name is:
 * `trainModel`, `trainGroup`), but not student methods: not listed by registeredMethods.
 */
import type { MethodDefinition } from './definition';
import { labelTerm, requiredInput, type StackedObjective } from './objective';

/** A teacher's objective: `student` = `total` = CE of its prediction head on coarse or fine labels. */
export function teacherObjective(target: 'coarse' | 'fine'): StackedObjective {
  return (inputs) => {
    const labels =
      target === 'coarse' ? requiredInput(inputs.coarseLabels, 'coarseLabels', `${target} teacher`) : inputs.fineLabels;
    const student = labelTerm(inputs, inputs.prediction, labels);
    return { total: student, student };
  };
}

/** The registry entry of the teacher trained on `target` labels. */
function teacherRole(target: 'coarse' | 'fine'): MethodDefinition {
  const upper = target === 'coarse' ? 'Coarse' : 'Fine';
  return {
    name: `teacher-${target}`,
    letter: `T${upper[0]}`,
    label: `${target} teacher`,
    configKey: `teacher${upper}`,
    teacher: 'none',
    distillationHead: false,
    settings: {},
    lossTerms: ['student'],
    order: 0,
    kind: 'extension',
    objective: teacherObjective(target),
    predictionTarget: target,
    ...(target === 'coarse' ? { needsCoarseLabels: true } : {}),
  };
}

/** The teacher roles `teacher-coarse` and `teacher-fine`. */
export const teacherRoles: Record<'coarse' | 'fine', MethodDefinition> = {
  coarse: teacherRole('coarse'),
  fine: teacherRole('fine'),
};
