/**
 * A small schema language for configs: enough to check every field of an experiment
 * config (types, ranges, enums, unknown keys, tagged unions) and to walk a `key.path`.
 */

/** A number, with optional inclusive/exclusive bounds. */
export interface NumberSchema {
  type: 'number';
  integer?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** Filled in when the field is absent (the field is then optional). */
  default?: number;
}

export interface StringSchema {
  type: 'string';
  /** Allowed values. */
  enum?: readonly string[];
  nonEmpty?: boolean;
  /** The whole value must match (e.g. names used as folder names), described in words by `patternDescription`. */
  pattern?: RegExp;
  patternDescription?: string;
  default?: string;
}

export interface BooleanSchema {
  type: 'boolean';
  default?: boolean;
}

/** Exactly this value (e.g. `false` for "early stopping off"). */
export interface LiteralSchema {
  type: 'literal';
  value: string | number | boolean | null;
}

export interface ArraySchema {
  type: 'array';
  items: Schema;
  minItems?: number;
  unique?: boolean;
}

/** One property of an object. */
export interface PropertySchema {
  schema: Schema;
  /** May be absent (a `default` in the schema also makes it optional). */
  optional?: boolean;
  /** When absent, filled with the object its schema's defaults make (e.g. `engine`). */
  fillDefaults?: boolean;
  description?: string;
}

export interface ObjectSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
  /** At least this many properties present (e.g. `methods` needs one). */
  minProperties?: number;
  /** Extra check of the whole object (fields may still be invalid: guard); returns problems as [subpath, got, expected]. */
  check?: (value: Record<string, unknown>) => Array<[string, unknown, string]>;
}

/** Objects told apart by a `kind` field; each variant lists its other properties. */
export interface TaggedUnionSchema {
  type: 'tagged';
  variants: Record<string, ObjectSchema>;
}

/** The first alternative whose type fits (e.g. `false | { monitor, patience }`). */
export interface AnyOfSchema {
  type: 'anyOf';
  options: Schema[];
}

export type Schema =
  | NumberSchema
  | StringSchema
  | BooleanSchema
  | LiteralSchema
  | ArraySchema
  | ObjectSchema
  | TaggedUnionSchema
  | AnyOfSchema;

/** Whether a property may be left out. */
export function isOptional(property: PropertySchema): boolean {
  const schema = property.schema;
  return property.optional === true || ('default' in schema && schema.default !== undefined);
}

/** What a schema allows, in words: "an integer >= 1", "one of \"a\", \"b\"". */
export function describeSchema(schema: Schema): string {
  switch (schema.type) {
    case 'number': {
      const bounds: string[] = [];
      if (schema.minimum !== undefined) bounds.push(`>= ${schema.minimum}`);
      if (schema.exclusiveMinimum !== undefined) bounds.push(`> ${schema.exclusiveMinimum}`);
      if (schema.maximum !== undefined) bounds.push(`<= ${schema.maximum}`);
      if (schema.exclusiveMaximum !== undefined) bounds.push(`< ${schema.exclusiveMaximum}`);
      return `${schema.integer ? 'an integer' : 'a number'}${bounds.length > 0 ? ` ${bounds.join(' and ')}` : ''}`;
    }
    case 'string':
      if (schema.enum) return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`;
      if (schema.patternDescription) return schema.patternDescription;
      return schema.nonEmpty ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'literal':
      return JSON.stringify(schema.value);
    case 'array':
      return `${schema.minItems ? 'a non-empty array' : 'an array'}${schema.unique ? ' of unique values' : ''}, each ${describeSchema(schema.items)}`;
    case 'object':
      return `an object with keys ${Object.keys(schema.properties).join(', ') || '(none)'}`;
    case 'tagged':
      return `an object with "kind" one of ${Object.keys(schema.variants)
        .map((kind) => JSON.stringify(kind))
        .join(', ')}`;
    case 'anyOf':
      return schema.options.map(describeSchema).join(' or ');
  }
}
