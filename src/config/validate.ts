import { didYouMean } from './didYouMean';
import { describeSchema, isOptional, type ObjectSchema, type Schema } from './schemaTypes';

/** One thing wrong with a config: where, what was there, what is allowed. */
export interface ConfigProblem {
  /** Dotted key path (`methods.heterogeneous.temperature`), `seeds[1]` for array items. */
  path: string;
  got: unknown;
  expected: string;
}

/** A value for an error message: JSON (strings quoted, so "28" shows it is a string), shortened. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `key: got <value>; expected <what>`. */
export function formatProblem(problem: ConfigProblem): string {
  return `${problem.path || '(config)'}: got ${formatValue(problem.got)}; expected ${problem.expected}`;
}

/** The error thrown for a list of problems: every problem on its own line, all at once. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ConfigProblem[],
    readonly notes: string[] = [],
  ) {
    const lines = [...notes, ...problems.map(formatProblem)];
    super(`${source}: ${lines.length} problem${lines.length === 1 ? '' : 's'}:\n  - ${lines.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function typeFits(schema: Schema, value: unknown): boolean {
  switch (schema.type) {
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'literal':
      return value === schema.value;
    case 'array':
      return Array.isArray(value);
    case 'object':
    case 'tagged':
      return isPlainObject(value);
    case 'anyOf':
      return schema.options.some((option) => typeFits(option, value));
  }
}

function checkObject(
  schema: ObjectSchema,
  value: unknown,
  path: string,
  problems: ConfigProblem[],
  extraKeys: Record<string, unknown> = {},
): unknown {
  if (!isPlainObject(value)) {
    problems.push({ path, got: value, expected: describeSchema(schema) });
    return value;
  }
  const known = Object.keys(schema.properties);
  const result: Record<string, unknown> = { ...extraKeys };
  for (const [key, inner] of Object.entries(value)) {
    if (key in extraKeys) continue;
    const property = schema.properties[key];
    if (!property) {
      problems.push({
        path: join(path, key),
        got: inner,
        expected: `no such key${didYouMean(key, known)}; ${path || 'the config'} takes ${known.join(', ') || 'no keys'}`,
      });
      continue;
    }
    if (inner === undefined) continue;
    result[key] = checkValue(property.schema, inner, join(path, key), problems);
  }
  for (const [key, property] of Object.entries(schema.properties)) {
    if (result[key] !== undefined || value[key] !== undefined) continue;
    const inner = property.schema;
    if ('default' in inner && inner.default !== undefined) result[key] = inner.default;
    else if (property.fillDefaults) result[key] = checkValue(inner, {}, join(path, key), problems);
    else if (!isOptional(property))
      problems.push({ path: join(path, key), got: undefined, expected: describeSchema(inner) });
  }
  const present = Object.keys(value).filter(
    (key) => schema.properties[key] !== undefined && value[key] !== undefined,
  ).length;
  if (schema.minProperties !== undefined && present < schema.minProperties) {
    problems.push({ path, got: value, expected: `at least ${schema.minProperties} of the keys ${known.join(', ')}` });
  }
  if (schema.check) {
    for (const [subpath, got, expected] of schema.check(result))
      problems.push({ path: subpath ? join(path, subpath) : path, got, expected });
  }
  return result;
}

/**
 * Checks `value` against `schema`, appending every problem found (it never stops at the
 * first) and returning the value with defaults filled in for absent optional fields.
 */
export function checkValue(schema: Schema, value: unknown, path: string, problems: ConfigProblem[]): unknown {
  switch (schema.type) {
    case 'number': {
      const what = describeSchema(schema);
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        const numeric = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
        problems.push({ path, got: value, expected: numeric ? `${what} (a JSON number, not a string)` : what });
      } else if (
        (schema.integer && !Number.isInteger(value)) ||
        (schema.minimum !== undefined && value < schema.minimum) ||
        (schema.maximum !== undefined && value > schema.maximum) ||
        (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) ||
        (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      ) {
        problems.push({ path, got: value, expected: what });
      }
      return value;
    }
    case 'string':
      if (typeof value !== 'string') problems.push({ path, got: value, expected: describeSchema(schema) });
      else if (schema.enum && !schema.enum.includes(value))
        problems.push({ path, got: value, expected: `${describeSchema(schema)}${didYouMean(value, schema.enum)}` });
      else if ((schema.nonEmpty && value === '') || (schema.pattern && !schema.pattern.test(value)))
        problems.push({ path, got: value, expected: describeSchema(schema) });
      return value;
    case 'boolean':
    case 'literal':
      if (!typeFits(schema, value)) problems.push({ path, got: value, expected: describeSchema(schema) });
      return value;
    case 'array': {
      if (!Array.isArray(value)) {
        problems.push({ path, got: value, expected: describeSchema(schema) });
        return value;
      }
      if (schema.minItems !== undefined && value.length < schema.minItems)
        problems.push({ path, got: value, expected: describeSchema(schema) });
      const items = value.map((item, index) => checkValue(schema.items, item, `${path}[${index}]`, problems));
      if (schema.unique) {
        const repeated = [
          ...new Set(
            items
              .filter(
                (item, index) => items.findIndex((other) => JSON.stringify(other) === JSON.stringify(item)) !== index,
              )
              .map((item) => JSON.stringify(item)),
          ),
        ];
        if (repeated.length > 0)
          problems.push({ path, got: value, expected: `${describeSchema(schema)} (repeated: ${repeated.join(', ')})` });
      }
      return items;
    }
    case 'object':
      return checkObject(schema, value, path, problems);
    case 'tagged': {
      const kinds = Object.keys(schema.variants);
      if (!isPlainObject(value)) {
        problems.push({ path, got: value, expected: describeSchema(schema) });
        return value;
      }
      const kind = value.kind;
      if (typeof kind !== 'string' || !kinds.includes(kind)) {
        const hint = typeof kind === 'string' ? didYouMean(kind, kinds) : '';
        problems.push({
          path: join(path, 'kind'),
          got: kind,
          expected: `one of ${kinds.map((name) => JSON.stringify(name)).join(', ')}${hint}`,
        });
        return value;
      }
      return checkObject(schema.variants[kind], value, path, problems, { kind });
    }
    case 'anyOf': {
      for (const option of schema.options) {
        const trial: ConfigProblem[] = [];
        const checked = checkValue(option, value, path, trial);
        if (trial.length === 0) return checked;
      }
      const fitting = schema.options.find(
        (option) => typeFits(option, value) || (option.type === 'object' && isPlainObject(value)),
      );
      if (fitting) return checkValue(fitting, value, path, problems);
      problems.push({ path, got: value, expected: describeSchema(schema) });
      return value;
    }
  }
}

/** The keys a (possibly tagged or anyOf) schema accepts at this level, given the current value; undefined when it takes no keys. */
export function objectVariant(schema: Schema, current: unknown): ObjectSchema | undefined {
  if (schema.type === 'object') return schema;
  if (schema.type === 'tagged') {
    const kind = isPlainObject(current) ? current.kind : undefined;
    if (typeof kind === 'string' && schema.variants[kind]) {
      return {
        type: 'object',
        properties: {
          kind: { schema: { type: 'string', enum: Object.keys(schema.variants) } },
          ...schema.variants[kind].properties,
        },
      };
    }
    const properties: ObjectSchema['properties'] = {
      kind: { schema: { type: 'string', enum: Object.keys(schema.variants) } },
    };
    for (const variant of Object.values(schema.variants)) Object.assign(properties, variant.properties);
    return { type: 'object', properties };
  }
  if (schema.type === 'anyOf') {
    for (const option of schema.options) {
      const found = objectVariant(option, current);
      if (found) return found;
    }
  }
  return undefined;
}
