/**
 * The method registry: every student method is ONE entry here. The objective, the
 * comparison, run roles, tables, the CLI and config validation read this registry;
 * nothing else switches on method names.
 *
 * Each built-in method is one file in this folder (its formula, source, objective and
 * entry; listed in builtIn.ts). Adding a method = one {@link registerMethod} call with
 * its objective, plus its tests, or a plugin file outside the repository
 * (src/methods/plugins.ts, `--plugin`). The teacher roles are objectives too
 * ({@link teacherRoles}: `teacher-coarse`, `teacher-fine`), not listed as student methods.
 */
import { builtInMethods } from './builtIn';
import { type MethodDefinition, teacherFreeTargetKinds } from './definition';
import { checkSetting } from './settings';
import { teacherRoles } from './teacher';

export type { MethodDefinition, NumberSetting, StudentMethod, TeacherNeed } from './definition';
export { builtInMethods, professorComparisons } from './builtIn';
export { resolveMethodSettings } from './settings';
export { teacherRoles } from './teacher';

const registered: MethodDefinition[] = [...builtInMethods];

/** Student methods, sorted by `order` (table rows). */
export function registeredMethods(): MethodDefinition[] {
  return [...registered].sort((first, second) => first.order - second.order);
}

/** The student method called `name`; the error lists the known names. */
export function methodByName(name: string): MethodDefinition {
  const found = registered.find((method) => method.name === name);
  if (!found)
    throw new Error(
      `unknown method "${name}"; known methods: ${registeredMethods()
        .map((method) => method.name)
        .join(', ')}`,
    );
  return found;
}

/** A student method or a teacher role (`teacher-coarse`, `teacher-fine`) by name. */
export function objectiveByName(name: string): MethodDefinition {
  const teacher = Object.values(teacherRoles).find((role) => role.name === name);
  if (teacher) return teacher;
  const found = registered.find((method) => method.name === name);
  if (!found) {
    const known = [
      ...registeredMethods().map((method) => method.name),
      ...Object.values(teacherRoles).map((role) => role.name),
    ];
    throw new Error(`unknown method "${name}"; known methods: ${known.join(', ')}`);
  }
  return found;
}

/**
 * Adds a student method. Validates the entry and rejects a name, letter or configKey
 * already taken (by a method or a teacher role).
 */
export function registerMethod(definition: MethodDefinition): void {
  if (definition === null || typeof definition !== 'object')
    throw new Error(
      `registerMethod: expected a method definition object, got ${definition === null ? 'null' : typeof definition}`,
    );
  const where = `registerMethod ${JSON.stringify(definition.name)}`;
  for (const field of ['name', 'letter', 'label', 'configKey'] as const) {
    if (typeof definition[field] !== 'string' || definition[field].trim() === '')
      throw new Error(`${where}: ${field} must be a non-empty string`);
  }
  if (!['none', 'coarse', 'fine'].includes(definition.teacher))
    throw new Error(`${where}: teacher must be 'none', 'coarse' or 'fine', got ${definition.teacher}`);
  if (typeof definition.distillationHead !== 'boolean')
    throw new Error(`${where}: distillationHead must be true or false`);
  if (typeof definition.objective !== 'function')
    throw new Error(`${where}: objective must be a function (stacked outputs -> per-model loss terms)`);
  if (
    !Array.isArray(definition.lossTerms) ||
    definition.lossTerms.length === 0 ||
    definition.lossTerms.includes('total')
  ) {
    throw new Error(`${where}: lossTerms must name at least one term besides 'total'`);
  }
  if (!Number.isFinite(definition.order)) throw new Error(`${where}: order must be a finite number`);
  if (!['paper', 'control', 'extension'].includes(definition.kind))
    throw new Error(`${where}: kind must be 'paper', 'control' or 'extension', got ${definition.kind}`);
  if (definition.settings === null || typeof definition.settings !== 'object')
    throw new Error(`${where}: settings must be an object (name -> { description, default, range })`);
  if (definition.derivedTargets !== undefined) {
    if (
      !Array.isArray(definition.derivedTargets) ||
      definition.derivedTargets.some((kind) => typeof kind !== 'string' || kind === '')
    )
      throw new Error(`${where}: derivedTargets must be a list of target kinds such as ['professor-logits']`);
    const onTeacher = definition.derivedTargets.filter((kind) => !teacherFreeTargetKinds.includes(kind));
    if (onTeacher.length > 0 && definition.teacher === 'none')
      throw new Error(
        `${where}: a method with derivedTargets (${onTeacher.join(', ')}) needs a teacher ('coarse' or 'fine'), whose logits they derive from`,
      );
  }
  if (definition.predictionTarget !== undefined && !['fine', 'coarse'].includes(definition.predictionTarget)) {
    throw new Error(`${where}: predictionTarget must be 'fine' or 'coarse'`);
  }
  for (const [key, setting] of Object.entries(definition.settings))
    checkSetting(definition.name, key, setting, setting.default, 'default of setting');
  for (const other of [...registered, ...Object.values(teacherRoles)]) {
    for (const field of ['name', 'letter', 'configKey'] as const) {
      if (other[field] === definition[field])
        throw new Error(`${where}: ${field} "${definition[field]}" is already used by method ${other.name}`);
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
