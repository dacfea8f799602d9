/**
 * The method registry: every student method is ONE entry here. The objective, the
 * comparison, run roles, tables, the CLI and config validation read this registry;
 * nothing else switches on method names.
 *
 * (Skeleton: descriptive fields and settings schema. The training engine adds the
 * objective — how the method's loss is built — to each entry.)
 */

/** Which teacher's logits a method distils from. */
export type TeacherNeed = 'none' | 'coarse' | 'fine';

/** A numeric setting of a method, with its allowed range (validated before any data work). */
export interface NumberSetting {
  description: string;
  /** Inclusive bounds. */
  minimum?: number;
  maximum?: number;
  /** Exclusive bounds. */
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  integer?: boolean;
  /** Value used when a config enables the method without giving this setting. */
  default: number;
}

/** One student method. */
export interface MethodDefinition {
  /** Stable name used in run ids, `--methods` and records: 'heterogeneous'. */
  name: string;
  /** Letter in tables and the write-up: 'A'. */
  letter: string;
  /** Human label: 'heterogeneous KD'. */
  label: string;
  /** Key under `methods` in an experiment config: 'heterogeneous'. */
  configKey: string;
  /** Which teacher it needs (its logits on the training split). */
  teacher: TeacherNeed;
  /** True when the student has the `distillation` (coarse) head besides `prediction`. */
  distillationHead: boolean;
  /** Its settings and their ranges. */
  settings: Record<string, NumberSetting>;
  /** Names of the loss terms it logs per epoch besides the total. */
  lossTerms: string[];
  /** Row order in tables (ascending). */
  order: number;
  /** Whether it is one of the paper's methods or our control. */
  kind: 'paper' | 'control' | 'extension';
}

const studentLossWeight = (defaultValue: number): NumberSetting => ({
  description: 'a: weight of the student (fine cross-entropy) loss; 1 - a weighs the other term',
  minimum: 0,
  maximum: 1,
  default: defaultValue,
});
const temperature = (defaultValue: number): NumberSetting => ({
  description: 'T: softmax temperature of the distillation term (KL times T^2)',
  exclusiveMinimum: 0,
  default: defaultValue,
});

/** The built-in methods A-E. */
export const builtInMethods: MethodDefinition[] = [
  {
    name: 'heterogeneous', letter: 'A', label: 'heterogeneous KD', configKey: 'heterogeneous', teacher: 'coarse', distillationHead: true,
    settings: { studentLossWeight: studentLossWeight(0.3), temperature: temperature(28) }, lossTerms: ['student', 'distillation'], order: 1, kind: 'paper',
  },
  {
    name: 'traditional', letter: 'B', label: 'traditional KD', configKey: 'traditional', teacher: 'fine', distillationHead: false,
    settings: { studentLossWeight: studentLossWeight(0.2), temperature: temperature(23) }, lossTerms: ['student', 'distillation'], order: 2, kind: 'paper',
  },
  {
    name: 'plain', letter: 'C', label: 'plain student', configKey: 'plain', teacher: 'none', distillationHead: false,
    settings: {}, lossTerms: ['student'], order: 3, kind: 'paper',
  },
  {
    name: 'coarse-auxiliary', letter: 'D', label: 'coarse-label auxiliary (control)', configKey: 'coarseAuxiliary', teacher: 'none', distillationHead: true,
    settings: { studentLossWeight: studentLossWeight(0.3) }, lossTerms: ['student', 'auxiliary'], order: 4, kind: 'control',
  },
  {
    name: 'label-smoothing', letter: 'E', label: 'label smoothing (control)', configKey: 'labelSmoothing', teacher: 'none', distillationHead: false,
    settings: { smoothing: { description: 'label smoothing factor', minimum: 0, exclusiveMaximum: 1, default: 0.1 } }, lossTerms: ['student'], order: 5, kind: 'control',
  },
];
