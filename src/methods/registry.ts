/**
 * The method registry: every student method is ONE entry here. The objective, the
 * comparison, run roles, tables, the CLI and config validation read this registry;
 * nothing else switches on method names.
 *
 * Adding a method = one {@link registerMethod} call (or one entry in {@link builtInMethods})
 * with its objective, plus its tests. The teacher roles are objectives too
 * ({@link teacherRoles}: `teacher-coarse`, `teacher-fine`), not listed as student methods.
 */
import {
  coarseAuxiliaryObjective,
  heterogeneousObjective,
  labelSmoothingObjective,
  plainObjective,
  StackedObjective,
  teacherObjective,
  traditionalObjective,
} from './objectives';
import { dualProfessorObjective, professorObjective } from './professorObjectives';

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
  /**
   * How its loss is built, on stacked outputs [K, B, classes] with per-model settings [K];
   * returns per-model terms [K]: `total` and each name in `lossTerms`.
   */
  objective: StackedObjective;
  /** Labels of the `prediction` head, for its loss and its evaluation (default 'fine'; 'coarse' for a coarse teacher). */
  predictionTarget?: 'fine' | 'coarse';
  /** True when its objective reads the true coarse labels of the training split. */
  needsCoarseLabels?: boolean;
  /**
   * True when it distils from the professor's refined targets (src/professor): the
   * pipeline trains a professor on its teacher's training-split logits and passes the
   * refined logits as the member's `professorLogits` (beside `teacherLogits`).
   */
  professor?: boolean;
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

const teacherWeight: NumberSetting = {
  description: 'w: share of the teacher in P2\'s distillation term, w·KL(teacher) + (1 - w)·KL(professor)',
  minimum: 0,
  maximum: 1,
  default: 0.5,
};

/** The built-in methods: A-E, then the professor strategies P1-A, P2-A, P1-B, P2-B. */
export const builtInMethods: MethodDefinition[] = [
  {
    name: 'heterogeneous', letter: 'A', label: 'heterogeneous KD', configKey: 'heterogeneous', teacher: 'coarse', distillationHead: true,
    settings: { studentLossWeight: studentLossWeight(0.3), temperature: temperature(28) }, lossTerms: ['student', 'distillation'], order: 1, kind: 'paper', objective: heterogeneousObjective,
  },
  {
    name: 'traditional', letter: 'B', label: 'traditional KD', configKey: 'traditional', teacher: 'fine', distillationHead: false,
    settings: { studentLossWeight: studentLossWeight(0.2), temperature: temperature(23) }, lossTerms: ['student', 'distillation'], order: 2, kind: 'paper', objective: traditionalObjective,
  },
  {
    name: 'plain', letter: 'C', label: 'plain student', configKey: 'plain', teacher: 'none', distillationHead: false,
    settings: {}, lossTerms: ['student'], order: 3, kind: 'paper', objective: plainObjective,
  },
  {
    name: 'coarse-auxiliary', letter: 'D', label: 'coarse-label auxiliary (control)', configKey: 'coarseAuxiliary', teacher: 'none', distillationHead: true,
    settings: { studentLossWeight: studentLossWeight(0.3) }, lossTerms: ['student', 'auxiliary'], order: 4, kind: 'control', objective: coarseAuxiliaryObjective, needsCoarseLabels: true,
  },
  {
    name: 'label-smoothing', letter: 'E', label: 'label smoothing (control)', configKey: 'labelSmoothing', teacher: 'none', distillationHead: false,
    settings: { smoothing: { description: 'label smoothing factor', minimum: 0, exclusiveMaximum: 1, default: 0.1 } }, lossTerms: ['student'], order: 5, kind: 'control', objective: labelSmoothingObjective,
  },
  // Professor strategies (issue 11 §1, our design after Bang, Lee & Shim 2021): P1 distils from the refined targets, P2 from teacher and professor.
  {
    name: 'professor-heterogeneous', letter: 'P1-A', label: 'heterogeneous KD from the professor (P1)', configKey: 'professorHeterogeneous', teacher: 'coarse', distillationHead: true, professor: true,
    settings: { studentLossWeight: studentLossWeight(0.3), temperature: temperature(28) }, lossTerms: ['student', 'distillation'], order: 6, kind: 'extension', objective: professorObjective('distillation', 'professor-heterogeneous'),
  },
  {
    name: 'professor-dual-heterogeneous', letter: 'P2-A', label: 'heterogeneous KD from teacher and professor (P2)', configKey: 'professorDualHeterogeneous', teacher: 'coarse', distillationHead: true, professor: true,
    settings: { studentLossWeight: studentLossWeight(0.3), temperature: temperature(28), teacherWeight: teacherWeight }, lossTerms: ['student', 'distillation'], order: 7, kind: 'extension', objective: dualProfessorObjective('distillation', 'professor-dual-heterogeneous'),
  },
  {
    name: 'professor-traditional', letter: 'P1-B', label: 'traditional KD from the professor (P1)', configKey: 'professorTraditional', teacher: 'fine', distillationHead: false, professor: true,
    settings: { studentLossWeight: studentLossWeight(0.2), temperature: temperature(23) }, lossTerms: ['student', 'distillation'], order: 8, kind: 'extension', objective: professorObjective('prediction', 'professor-traditional'),
  },
  {
    name: 'professor-dual-traditional', letter: 'P2-B', label: 'traditional KD from teacher and professor (P2)', configKey: 'professorDualTraditional', teacher: 'fine', distillationHead: false, professor: true,
    settings: { studentLossWeight: studentLossWeight(0.2), temperature: temperature(23), teacherWeight: teacherWeight }, lossTerms: ['student', 'distillation'], order: 9, kind: 'extension', objective: dualProfessorObjective('prediction', 'professor-dual-traditional'),
  },
];

/** The paper methods each professor strategy is compared with (paired over seeds): P1-A/P2-A vs A, P1-B/P2-B vs B. */
export const professorComparisons: Array<[string, string]> = [
  ['professor-heterogeneous', 'heterogeneous'],
  ['professor-dual-heterogeneous', 'heterogeneous'],
  ['professor-traditional', 'traditional'],
  ['professor-dual-traditional', 'traditional'],
];

/**
 * The teacher roles as objectives (cross-entropy of the `prediction` head on coarse or
 * fine labels), usable wherever a method name is (`trainGroup`), but not student methods.
 */
export const teacherRoles: Record<'coarse' | 'fine', MethodDefinition> = {
  coarse: {
    name: 'teacher-coarse', letter: 'TC', label: 'coarse teacher', configKey: 'teacherCoarse', teacher: 'none', distillationHead: false,
    settings: {}, lossTerms: ['student'], order: 0, kind: 'extension', objective: teacherObjective('coarse'), predictionTarget: 'coarse', needsCoarseLabels: true,
  },
  fine: {
    name: 'teacher-fine', letter: 'TF', label: 'fine teacher', configKey: 'teacherFine', teacher: 'none', distillationHead: false,
    settings: {}, lossTerms: ['student'], order: 0, kind: 'extension', objective: teacherObjective('fine'), predictionTarget: 'fine',
  },
};

const registered: MethodDefinition[] = [...builtInMethods];

/** Student methods, sorted by `order` (table rows). */
export function registeredMethods(): MethodDefinition[] {
  return [...registered].sort((first, second) => first.order - second.order);
}

/** The student method called `name`; the error lists the known names. */
export function methodByName(name: string): MethodDefinition {
  const found = registered.find((method) => method.name === name);
  if (!found) throw new Error(`unknown method "${name}"; known methods: ${registeredMethods().map((method) => method.name).join(', ')}`);
  return found;
}

/** A student method or a teacher role (`teacher-coarse`, `teacher-fine`) by name. */
export function objectiveByName(name: string): MethodDefinition {
  const teacher = Object.values(teacherRoles).find((role) => role.name === name);
  if (teacher) return teacher;
  const found = registered.find((method) => method.name === name);
  if (!found) {
    const known = [...registeredMethods().map((method) => method.name), ...Object.values(teacherRoles).map((role) => role.name)];
    throw new Error(`unknown method "${name}"; known methods: ${known.join(', ')}`);
  }
  return found;
}

function checkSetting(method: string, key: string, setting: NumberSetting, value: number, what: string): void {
  const problem =
    typeof value !== 'number' || !Number.isFinite(value) ? 'must be a finite number'
    : setting.integer && !Number.isInteger(value) ? 'must be an integer'
    : setting.minimum !== undefined && value < setting.minimum ? `must be >= ${setting.minimum}`
    : setting.maximum !== undefined && value > setting.maximum ? `must be <= ${setting.maximum}`
    : setting.exclusiveMinimum !== undefined && value <= setting.exclusiveMinimum ? `must be > ${setting.exclusiveMinimum}`
    : setting.exclusiveMaximum !== undefined && value >= setting.exclusiveMaximum ? `must be < ${setting.exclusiveMaximum}`
    : undefined;
  if (problem) throw new Error(`method ${method}: ${what} ${key} ${problem}, got ${value}`);
}

/**
 * The method's settings with defaults filled in; throws on an unknown key or a value
 * out of its range (naming the method, the key and the range).
 */
export function resolveSettings(method: MethodDefinition, settings: Record<string, number> = {}): Record<string, number> {
  for (const key of Object.keys(settings)) {
    if (!(key in method.settings)) {
      const known = Object.keys(method.settings);
      throw new Error(`method ${method.name}: unknown setting "${key}"; ${known.length ? `known: ${known.join(', ')}` : 'it has no settings'}`);
    }
  }
  const resolved: Record<string, number> = {};
  for (const [key, setting] of Object.entries(method.settings)) {
    const value = settings[key] ?? setting.default;
    checkSetting(method.name, key, setting, value, 'setting');
    resolved[key] = value;
  }
  return resolved;
}

/**
 * Adds a student method. Validates the entry and rejects a name, letter or configKey
 * already taken (by a method or a teacher role).
 */
export function registerMethod(definition: MethodDefinition): void {
  const where = `registerMethod ${JSON.stringify(definition?.name)}`;
  for (const field of ['name', 'letter', 'label', 'configKey'] as const) {
    if (typeof definition[field] !== 'string' || definition[field].trim() === '') throw new Error(`${where}: ${field} must be a non-empty string`);
  }
  if (!['none', 'coarse', 'fine'].includes(definition.teacher)) throw new Error(`${where}: teacher must be 'none', 'coarse' or 'fine', got ${definition.teacher}`);
  if (typeof definition.objective !== 'function') throw new Error(`${where}: objective must be a function (stacked outputs -> per-model loss terms)`);
  if (!Array.isArray(definition.lossTerms) || definition.lossTerms.length === 0 || definition.lossTerms.includes('total')) {
    throw new Error(`${where}: lossTerms must name at least one term besides 'total'`);
  }
  if (!Number.isFinite(definition.order)) throw new Error(`${where}: order must be a finite number`);
  if (definition.professor && definition.teacher === 'none') throw new Error(`${where}: a method with professor: true needs a teacher ('coarse' or 'fine'), whose targets the professor refines`);
  if (definition.predictionTarget !== undefined && !['fine', 'coarse'].includes(definition.predictionTarget)) {
    throw new Error(`${where}: predictionTarget must be 'fine' or 'coarse'`);
  }
  for (const [key, setting] of Object.entries(definition.settings ?? {})) checkSetting(definition.name, key, setting, setting.default, 'default of setting');
  for (const other of [...registered, ...Object.values(teacherRoles)]) {
    for (const field of ['name', 'letter', 'configKey'] as const) {
      if (other[field] === definition[field]) throw new Error(`${where}: ${field} "${definition[field]}" is already used by method ${other.name}`);
    }
  }
  registered.push(definition);
}

/** Removes a method added with {@link registerMethod} (tests); built-in methods stay. */
export function unregisterMethod(name: string): void {
  if (builtInMethods.some((method) => method.name === name)) throw new Error(`unregisterMethod: ${name} is built in`);
  const index = registered.findIndex((method) => method.name === name);
  if (index >= 0) registered.splice(index, 1);
}
