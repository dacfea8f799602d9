import { readFileSync } from 'node:fs';
import { applySmoke, experiments } from './builtInExperiments';
import { didYouMean } from './didYouMean';
import { experimentSchema } from './experimentSchema';
import type { Schema } from './schemaTypes';
import type { ExperimentConfig } from './types';
import { checkExperimentConfig } from './validateExperiment';
import { ConfigError, objectVariant, type ConfigProblem } from './validate';

type JsonObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A deep copy of JSON data. */
export function cloneJson<Value>(value: Value): Value {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as Value);
}

/**
 * `override` merged onto `base`: objects merge key by key (recursively), arrays and other
 * values replace, `null` removes the key. An object whose `kind` differs from the base's
 * replaces it whole (switching `dataset.kind` drops the old kind's fields).
 */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return cloneJson(override);
  if ('kind' in override && override.kind !== base.kind) return stripNulls(override);
  const result: JsonObject = cloneJson(base);
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete result[key];
    else result[key] = key in result ? deepMerge(result[key], value) : stripNulls(value);
  }
  return result;
}

function stripNulls(value: unknown): unknown {
  if (!isPlainObject(value)) return cloneJson(value);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, inner]) => inner !== null)
      .map(([key, inner]) => [key, stripNulls(inner)]),
  );
}

/** A command-line value: JSON when it parses (`28`, `false`, `[64,32]`, `{"kind":"hashing"}`), else the text itself. */
export function parseCommandLineValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Splits `a,b,[1,2],{"x":1}` at commas outside brackets, braces and quotes. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '\\') index++;
      else if (character === '"') quoted = false;
    } else if (character === '"') quoted = true;
    else if (character === '[' || character === '{') depth++;
    else if (character === ']' || character === '}') depth--;
    else if (character === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim());
}

/**
 * Checks that `path` names a field of the experiment schema, given the current config
 * (tagged unions take the variant of the current `kind`). Returns a problem, or undefined.
 */
export function checkSchemaPath(config: unknown, path: string, what: string): string | undefined {
  if (!/^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)*$/.test(path))
    return `${what}: "${path}" is not a key path like methods.heterogeneous.temperature`;
  let schema: Schema = experimentSchema();
  let current: unknown = config;
  const segments = path.split('.');
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    const parent = segments.slice(0, index).join('.') || 'the config';
    const object = objectVariant(schema, current);
    if (!object) return `${what}: ${parent} is not an object (it takes a single value), so it has no key "${segment}"`;
    const property = object.properties[segment];
    if (!property) {
      return `${what}: ${segments.slice(0, index + 1).join('.')} is not a config key${didYouMean(segment, Object.keys(object.properties))}; ${parent} takes ${Object.keys(object.properties).join(', ')}`;
    }
    schema = property.schema;
    current = isPlainObject(current) ? current[segment] : undefined;
  }
  return undefined;
}

/** Sets `path` (dotted) in a JSON object, creating missing parent objects; `null` removes the key. */
export function setPath(config: JsonObject, path: string, value: unknown): void {
  const segments = path.split('.');
  let current = config;
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(current[segment])) current[segment] = {};
    current = current[segment] as JsonObject;
  }
  const last = segments[segments.length - 1];
  if (value === null) delete current[last];
  else current[last] = cloneJson(value);
}

/** Parses `key.path=value`; throws naming the option when there is no `=`. */
export function parseAssignment(text: string, option: string): { path: string; value: string } {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new Error(`${option} "${text}": expected key.path=value`);
  return { path: text.slice(0, equals).trim(), value: text.slice(equals + 1) };
}

function readJsonFile(filePath: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new Error(
      `${what} ${filePath} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} ${filePath} is not valid JSON: ${(error as Error).message}`);
  }
}

/** What {@link resolveExperimentConfig} layers, lowest first. */
export interface ResolveOptions {
  /** A built-in experiment name, or a .json file holding a whole config. */
  base: string;
  /** A partial config (JSON file) merged onto the base. */
  file?: string;
  /** Apply the smoke settings (after the file, before `set`). */
  smoke?: boolean;
  /** `key.path=value` assignments, applied in order. */
  set?: string[];
}

/** The layers as one line, for error messages: `experiment paper1-newsgroups + my.json + --set seeds=[1]`. */
function describeLayers(options: ResolveOptions): string {
  return [
    `experiment ${options.base}`,
    ...(options.file ? [options.file] : []),
    ...(options.smoke ? ['--smoke'] : []),
    ...(options.set ?? []).map((entry) => `--set ${entry}`),
  ].join(' + ');
}

/**
 * Resolves an experiment config from layers: the base (built-in name or whole-config .json),
 * then the partial file (deep merge; arrays replace; null removes), then the smoke
 * settings, then each `--set key.path=value` (value parsed as JSON when it parses, else a
 * string; the path must be a schema key). Then validates everything. Throws one
 * {@link ConfigError} listing every problem (bad --set paths and invalid fields together).
 */
export function resolveExperimentConfig(options: ResolveOptions): ExperimentConfig {
  let config: unknown;
  if (experiments[options.base]) config = cloneJson(experiments[options.base]);
  else if (options.base.endsWith('.json')) config = readJsonFile(options.base, 'experiment config file');
  else {
    throw new Error(
      `unknown experiment "${options.base}"${didYouMean(options.base, Object.keys(experiments))}; built-in: ${Object.keys(experiments).join(', ')}; or give a .json file`,
    );
  }
  if (options.file !== undefined) {
    const partial = readJsonFile(options.file, 'config file');
    if (!isPlainObject(partial))
      throw new Error(
        `config file ${options.file}: expected a JSON object (a partial experiment config), got ${JSON.stringify(partial)?.slice(0, 40)}`,
      );
    config = deepMerge(config, partial);
  }
  if (options.smoke && isPlainObject(config)) config = applySmoke(config);
  const notes: string[] = [];
  for (const entry of options.set ?? []) {
    let assignment: { path: string; value: string };
    try {
      assignment = parseAssignment(entry, '--set');
    } catch (error) {
      notes.push((error as Error).message);
      continue;
    }
    const problem = checkSchemaPath(config, assignment.path, `--set ${entry}`);
    if (problem) {
      notes.push(problem);
      continue;
    }
    if (!isPlainObject(config)) config = {};
    setPath(config as JsonObject, assignment.path, parseCommandLineValue(assignment.value));
  }
  const { config: checked, problems } = checkExperimentConfig(config);
  if (notes.length > 0 || problems.length > 0) throw new ConfigError(describeLayers(options), problems, notes);
  return checked;
}

export type { ConfigProblem };
