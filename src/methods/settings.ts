import type { MethodDefinition, NumberSetting } from './definition';

/**
 * Method settings: their declarations (default and range, shared by the methods that
 * use them) and {@link resolveMethodSettings}, the one place that fills defaults and
 * checks ranges (the config schema, the CLI, the run plan and training all call it).
 */

/** a: weight of the student loss in L = a·L_student + (1 - a)·L_other, in [0, 1]. */
export const studentLossWeightSetting = (defaultValue: number): NumberSetting => ({
  description: 'a: weight of the student (fine cross-entropy) loss; 1 - a weighs the other term',
  minimum: 0,
  maximum: 1,
  default: defaultValue,
});

/** T > 0: softmax temperature of a distillation term T²·KL(softmax(t/T) ‖ softmax(s/T)). */
export const temperatureSetting = (defaultValue: number): NumberSetting => ({
  description: 'T: softmax temperature of the distillation term (KL times T^2)',
  exclusiveMinimum: 0,
  default: defaultValue,
});

/** The problem with `value` for `setting` ('must be >= 0'), or undefined when it is allowed. */
export function settingProblem(setting: NumberSetting, value: number): string | undefined {
  return typeof value !== 'number' || !Number.isFinite(value)
    ? 'must be a finite number'
    : setting.integer && !Number.isInteger(value)
      ? 'must be an integer'
      : setting.minimum !== undefined && value < setting.minimum
        ? `must be >= ${setting.minimum}`
        : setting.maximum !== undefined && value > setting.maximum
          ? `must be <= ${setting.maximum}`
          : setting.exclusiveMinimum !== undefined && value <= setting.exclusiveMinimum
            ? `must be > ${setting.exclusiveMinimum}`
            : setting.exclusiveMaximum !== undefined && value >= setting.exclusiveMaximum
              ? `must be < ${setting.exclusiveMaximum}`
              : undefined;
}

/** Throws `method <name>: <what> <key> <problem>, got <value>` when `value` is outside the setting's range. */
export function checkSetting(method: string, key: string, setting: NumberSetting, value: number, what: string): void {
  const problem = settingProblem(setting, value);
  if (problem) throw new Error(`method ${method}: ${what} ${key} ${problem}, got ${value}`);
}

/**
 * The method's settings with the registry's defaults filled in, in the order the method
 * declares them; throws on an unknown key or a value out of its range (naming the
 * method, the key and the range). The one place defaults and ranges are applied.
 */
export function resolveMethodSettings(
  definition: MethodDefinition,
  given: Record<string, number> = {},
): Record<string, number> {
  for (const key of Object.keys(given)) {
    if (!(key in definition.settings)) {
      const known = Object.keys(definition.settings);
      throw new Error(
        `method ${definition.name}: unknown setting "${key}"; ${known.length ? `known: ${known.join(', ')}` : 'it has no settings'}`,
      );
    }
  }
  const resolved: Record<string, number> = {};
  for (const [key, setting] of Object.entries(definition.settings)) {
    const value = given[key] ?? setting.default;
    checkSetting(definition.name, key, setting, value, 'setting');
    resolved[key] = value;
  }
  return resolved;
}
