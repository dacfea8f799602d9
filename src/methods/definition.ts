import type { StackedObjective } from './objective';

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

/** One student method (or teacher role): one entry of the registry (src/methods/registry.ts). */
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
  /**
   * How its loss is built, on stacked outputs [K, B, classes] with per-model settings [K];
   * returns per-model terms [K]: `total` and each name in `lossTerms`. Label terms go
   * through `labelTerm` (src/methods/objective.ts), which applies the labelled mask.
   */
  objective: StackedObjective;
  /** Labels of the `prediction` head, for its loss and its evaluation (default 'fine'; 'coarse' for a coarse teacher). */
  predictionTarget?: 'fine' | 'coarse';
  /** True when its objective reads the true coarse labels of the training split. */
  needsCoarseLabels?: boolean;
  /**
   * Derived targets its objective reads besides the teacher's logits, by kind (for example
   * `'professor-logits'`: the teacher's logits refined by a professor, src/professor). The
   * pipeline computes each with the target provider of that kind (src/pipeline/targets);
   * training hands them to the objective as `inputs.targets[kind]`: rows of the training
   * split in the teacher's label space. A method with derived targets needs a teacher, except
   * for the kinds in {@link teacherFreeTargetKinds} (rows in the prediction head's label space).
   */
  derivedTargets?: readonly string[];
  /**
   * True when its objective reads the label hierarchy (`inputs.fineToCoarse`: the coarse
   * class of every fine class), e.g. to measure how far apart two fine classes are. Training
   * then needs `fineToCoarse` in its data (the pipeline passes the experiment's hierarchy).
   */
  needsHierarchy?: boolean;
}

/**
 * Derived target kinds that do not build on a teacher's logits, so a method with teacher
 * 'none' may declare them: `'self-logits'`, the fine logits of a plain student of the same
 * architecture, training and seed (teacher-free self-distillation, src/methods/teacherFreeSelf.ts).
 */
export const teacherFreeTargetKinds: readonly string[] = ['self-logits'];

/** The name of a student method: any registered method's `name` (the registry is open; plugins add names). */
export type StudentMethod = string;
