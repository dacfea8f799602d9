/**
 * Method G, the hierarchical cross-entropy HXE (Bertinetto, Mueller, Tertikas, Samangooei
 * & Lord 2020, "Making Better Mistakes: Leveraging Class Hierarchies with Deep Networks",
 * CVPR, section 3): a teacher-free baseline that uses the same hierarchy as A. The fine
 * head's probability of the true class is factorised along its path to the root and each
 * factor is weighted by its node's height h:
 *
 *   L = -Σ_l exp(-α h(C_l)) log p(C_l | C_{l+1})
 *     = -log p(y | g) - exp(-α) · log p(g)          (two levels: fine y in group g)
 *
 * p(g) = Σ_{c in g} softmax(z)_c (the fine head's mass on the true group), p(y | g) =
 * softmax(z)_y / p(g); α = alpha (α = 0: the plain cross-entropy). One head (`prediction`),
 * no teacher. Logged terms: `fine` = mean -log p(y | g), `group` = mean -log p(g);
 * `total` = fine + exp(-α) · group. Label terms (few-label mode: labelled rows only).
 */
import * as tf from '@tensorflow/tfjs';
import { hierarchyPathLogProbabilities } from '../losses';
import type { MethodDefinition } from './definition';
import { hierarchyInput, labelRowMean, type StackedObjective } from './objective';

/** G's objective on K stacked students: per-model `fine`, `group` and `total` [K]. */
export const hierarchicalCrossEntropyObjective: StackedObjective = (inputs) => {
  const path = hierarchyPathLogProbabilities(inputs.fineLabels, inputs.prediction, hierarchyInput(inputs, 'hxe'));
  const fine = labelRowMean(inputs, tf.neg(path.fineGivenGroup) as tf.Tensor2D);
  const group = labelRowMean(inputs, tf.neg(path.group) as tf.Tensor2D);
  const total = tf.add(fine, tf.mul(tf.exp(tf.neg(inputs.settings.alpha)), group)) as tf.Tensor1D;
  return { total, fine, group };
};

/** G in the registry (default α = 0.5, ours: the group term weighs exp(-0.5) ≈ 0.61). */
export const hierarchicalCrossEntropyMethod: MethodDefinition = {
  name: 'hxe',
  letter: 'G',
  label: 'hierarchical cross-entropy (no teacher)',
  configKey: 'hierarchicalCrossEntropy',
  teacher: 'none',
  distillationHead: false,
  settings: {
    alpha: {
      description: 'alpha: the group term weighs exp(-alpha); 0 = plain cross-entropy',
      minimum: 0,
      default: 0.5,
    },
  },
  lossTerms: ['fine', 'group'],
  order: 22,
  kind: 'extension',
  objective: hierarchicalCrossEntropyObjective,
  needsHierarchy: true,
};
