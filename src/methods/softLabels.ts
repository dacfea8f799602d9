/**
 * Method F, hierarchy soft labels (Bertinetto, Mueller, Tertikas, Samangooei & Lord 2020,
 * "Making Better Mistakes: Leveraging Class Hierarchies with Deep Networks", CVPR, section
 * 3): a teacher-free baseline that uses the same hierarchy as A. The fine head learns soft
 * targets that give the classes of the true class's group more mass than the others:
 *
 *   y_soft(c) = exp(-β d(y, c)) / Σ_c' exp(-β d(y, c')),    L = -(1/N) Σ_n Σ_c y_soft,n(c) log softmax(z_n)_c
 *
 * d(y, c) = the height of the lowest common ancestor of y and c in the experiment's
 * two-level hierarchy: 0 (same class), 1 (same group), 2 (different groups); β = beta.
 * One head (`prediction`), no teacher; a label term (few-label mode: labelled rows only).
 */
import { hierarchySoftTargets } from '../losses';
import type { MethodDefinition } from './definition';
import { hierarchyInput, labelTerm, type StackedObjective } from './objective';

/** F's objective on K stacked students: per-model `student` = `total` [K]. */
export const softLabelsObjective: StackedObjective = (inputs) => {
  const targets = hierarchySoftTargets(
    inputs.fineLabels,
    hierarchyInput(inputs, 'soft-labels'),
    inputs.settings.beta,
  ) as typeof inputs.prediction;
  const student = labelTerm(inputs, inputs.prediction, targets);
  return { total: student, student };
};

/** F in the registry (default β = 4, ours: about 0.93 of the mass on the true class with 20 classes in groups of 3-5). */
export const softLabelsMethod: MethodDefinition = {
  name: 'soft-labels',
  letter: 'F',
  label: 'hierarchy soft labels (no teacher)',
  configKey: 'softLabels',
  teacher: 'none',
  distillationHead: false,
  settings: {
    beta: {
      description: 'beta: sharpness of the soft labels exp(-beta * d(true, c)); larger = closer to one-hot',
      minimum: 0,
      default: 4,
    },
  },
  lossTerms: ['student'],
  order: 21,
  kind: 'extension',
  objective: softLabelsObjective,
  needsHierarchy: true,
};
