import { coarseAuxiliary } from './coarseAuxiliary';
import type { MethodDefinition } from './definition';
import { professorDualHeterogeneous, professorDualTraditional } from './dualProfessor';
import { heterogeneous } from './heterogeneous';
import { labelSmoothing } from './labelSmoothing';
import { plain } from './plain';
import { professorHeterogeneous, professorTraditional } from './professor';
import { traditional } from './traditional';

/** The built-in methods, one file each: A-E, then the professor strategies P1-A, P2-A, P1-B, P2-B. */
export const builtInMethods: MethodDefinition[] = [
  heterogeneous,
  traditional,
  plain,
  coarseAuxiliary,
  labelSmoothing,
  professorHeterogeneous,
  professorDualHeterogeneous,
  professorTraditional,
  professorDualTraditional,
];

/** The paper methods each professor strategy is compared with (paired over seeds): P1-A/P2-A vs A, P1-B/P2-B vs B. */
export const professorComparisons: Array<[string, string]> = [
  ['professor-heterogeneous', 'heterogeneous'],
  ['professor-dual-heterogeneous', 'heterogeneous'],
  ['professor-traditional', 'traditional'],
  ['professor-dual-traditional', 'traditional'],
];
