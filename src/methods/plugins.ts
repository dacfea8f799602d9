import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as losses from '../losses';
import type { MethodDefinition } from './definition';
import { fineLabelTerm, headLogits, labelTerm, requiredInput } from './objective';
import { registerMethod } from './registry';
import { settingProblem, studentLossWeightSetting, temperatureSetting } from './settings';

/**
 * Methods from outside the repository: a plugin is a CommonJS JavaScript file (`.js` /
 * `.cjs`) that adds student methods to the registry before any config is validated, so
 * `npm run pipeline -- --plugin ./my-method.js --methods my-method` trains a method
 * without editing src/. Its `module.exports` is one of:
 *
 * - a function `(api) => definition | definition[]`, called with {@link pluginApi} (the
 *   library's TensorFlow.js instance, the loss functions and the objective helpers: the
 *   plugin needs no path to this package);
 * - a method definition, or an array of them (a plugin that `require`s the built library).
 *
 * Each definition is a {@link MethodDefinition} and goes through `registerMethod` (its
 * checks: fields, settings' defaults in range, no name / letter / configKey taken).
 * Example: src/methods/examples/confidencePenalty.js.
 */

/** What a plugin function receives. */
export const pluginApi = {
  /** The TensorFlow.js module the library trains with (build tensors with this one). */
  tf,
  /** src/losses: crossEntropyLoss, distillationLoss, combinedLoss, maskedBatchMean, ... */
  losses,
  /** The label term every objective uses for true labels (applies the labelled mask). */
  labelTerm,
  /** labelTerm of the prediction head on the fine labels. */
  fineLabelTerm,
  /** The value, or an error naming the objective and the missing input. */
  requiredInput,
  /** The logits of the distilling head ('distillation' or 'prediction'). */
  headLogits,
  /** Setting declarations shared with the built-in methods. */
  studentLossWeightSetting,
  temperatureSetting,
  settingProblem,
};

export type PluginApi = typeof pluginApi;

/** Absolute paths of the plugins loaded in this process, and the method names each registered. */
const loaded = new Map<string, string[]>();

/**
 * Loads each plugin file (a path relative to `workingDirectory`, default the current
 * directory) and registers its methods; returns the names registered, in order. A file
 * already loaded in this process is skipped. Throws naming the file when it is missing,
 * cannot be loaded, exports no method, or registers a name / letter / configKey already taken.
 */
export function loadMethodPlugins(files: readonly string[], workingDirectory: string = process.cwd()): string[] {
  const names: string[] = [];
  for (const file of files) {
    const absolute = path.resolve(workingDirectory, file);
    const where = `plugin ${file}${absolute === file ? '' : ` (${absolute})`}`;
    const already = loaded.get(absolute);
    if (already) {
      names.push(...already);
      continue;
    }
    if (!existsSync(absolute) || !statSync(absolute).isFile())
      throw new Error(`${where}: no such file (paths are relative to ${workingDirectory})`);
    let exported: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = require(absolute);
    } catch (error) {
      throw new Error(`${where}: could not be loaded: ${(error as Error).message}`);
    }
    if (exported && typeof exported === 'object' && 'default' in exported && Object.keys(exported).length === 1)
      exported = (exported as { default: unknown }).default;
    if (typeof exported === 'function') {
      try {
        exported = exported(pluginApi);
      } catch (error) {
        throw new Error(`${where}: its exported function threw: ${(error as Error).message}`);
      }
    }
    const definitions = (Array.isArray(exported) ? exported : [exported]).filter(
      (entry) => entry !== undefined && entry !== null,
    );
    const empty =
      definitions.length === 0 ||
      (definitions.length === 1 &&
        typeof definitions[0] === 'object' &&
        Object.keys(definitions[0] as object).length === 0);
    if (empty) {
      throw new Error(
        `${where}: exports no method; set module.exports to a method definition, an array of them, or a function (api) => definition(s)`,
      );
    }
    const registered: string[] = [];
    for (const definition of definitions) {
      try {
        registerMethod(definition as MethodDefinition);
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}`);
      }
      registered.push((definition as MethodDefinition).name);
    }
    loaded.set(absolute, registered);
    names.push(...registered);
  }
  return names;
}
