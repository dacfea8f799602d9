import { coarseAuxiliaryMethod } from './coarseAuxiliary';
import { composedTeacherMethod, composedTeacherUniformMethod } from './composedTeacher';
import { decoupledCoarseMethod, decoupledMethod } from './decoupled';
import type { MethodDefinition } from './definition';
import { professorDualHeterogeneousMethod, professorDualTraditionalMethod } from './dualProfessor';
import { heterogeneousMethod } from './heterogeneous';
import { labelSmoothingMethod } from './labelSmoothing';
import { plainMethod } from './plain';
import { professorHeterogeneousMethod, professorTraditionalMethod } from './professor';
import { traditionalMethod } from './traditional';
import { softLabelsMethod } from './softLabels';
import { hierarchicalCrossEntropyMethod } from './hierarchicalCrossEntropy';
import { teacherFreeVirtualMethod } from './teacherFreeVirtual';
import { teacherFreeSelfMethod } from './teacherFreeSelf';

/** The built-in methods, one file each: A-E, the professor strategies P1-A, P2-A, P1-B, P2-B, then J-M. */
export const builtInMethods: MethodDefinition[] = [
  heterogeneousMethod,
  traditionalMethod,
  plainMethod,
  coarseAuxiliaryMethod,
  labelSmoothingMethod,
  professorHeterogeneousMethod,
  professorDualHeterogeneousMethod,
  professorTraditionalMethod,
  professorDualTraditionalMethod,
  // Decoupled KD (J, K) and the composed coarse-to-fine teacher (L, M): optional, not in the default comparison.
  decoupledMethod,
  decoupledCoarseMethod,
  composedTeacherMethod,
  composedTeacherUniformMethod,
  // Teacher-free baselines: the hierarchy without a teacher (F, G), a hand-made teacher (H), the plain student as teacher (I); optional.
  softLabelsMethod,
  hierarchicalCrossEntropyMethod,
  teacherFreeVirtualMethod,
  teacherFreeSelfMethod,
];

/** The paper methods each professor strategy is compared with (paired over seeds): P1-A/P2-A vs A, P1-B/P2-B vs B. */
export const professorComparisons: Array<[string, string]> = [
  ['professor-heterogeneous', 'heterogeneous'],
  ['professor-dual-heterogeneous', 'heterogeneous'],
  ['professor-traditional', 'traditional'],
  ['professor-dual-traditional', 'traditional'],
];
