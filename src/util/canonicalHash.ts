import { createHash } from 'node:crypto';

/**
 * One canonical text for a JSON-able value, for hashing (run ids, cache keys) and for
 * comparing stored and new configurations:
 * - object keys sorted by UTF-16 code unit at every level (locale-independent);
 * - object entries whose value is `undefined` dropped (as JSON.stringify does);
 *   `undefined` elsewhere (array element, top level) written as `null`;
 * - numbers as JSON.stringify writes them (the shortest text that reads back to the same
 *   double, fixed by ECMAScript, so equal numbers give equal text on every machine);
 *   `-0` is written `0`; NaN and ±Infinity are refused with the path of the value, since
 *   JSON would silently turn them into `null`;
 * - no whitespace.
 * Strings, booleans and null are written as JSON.stringify writes them. Functions,
 * symbols and bigints are refused. Objects with a `toJSON` (e.g. Date) are written as their
 * `toJSON()` value.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, where: string): string {
  if (value === undefined || value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value))
        throw new Error(`canonicalJson: ${where} is ${value}; only finite numbers can be hashed`);
      return JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new Error(`canonicalJson: ${where} is a ${typeof value}, which has no JSON form`);
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return write(withJson.toJSON(), where);
  if (Array.isArray(value)) return `[${value.map((item, index) => write(item, `${where}[${index}]`)).join(',')}]`;
  if (ArrayBuffer.isView(value)) return write(Array.from(value as unknown as ArrayLike<number>), where);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([first], [second]) => (first < second ? -1 : first > second ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${write(entry, `${where}.${key}`)}`).join(',')}}`;
}

/** Default length of {@link canonicalHash}: 8 hex digits, as the run ids have always had. */
export const defaultHashLength = 8;

/**
 * The first `length` hex digits of the SHA-256 of {@link canonicalJson}(value). Two values
 * that differ in any leaf give different hashes (up to collisions: 8 hex digits are 32
 * bits); key order and `undefined` entries do not matter. Used for run ids (8 digits) and
 * embedding cache file names (32 digits).
 */
export function canonicalHash(value: unknown, length: number = defaultHashLength): string {
  if (!Number.isInteger(length) || length < 1 || length > 64)
    throw new Error(`canonicalHash: length must be an integer from 1 to 64, got ${length}`);
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, length);
}

/**
 * Where two JSON-able values first differ, as `path: stored vs new` (or undefined when their
 * canonical JSON is equal). For messages such as "the stored config differs at training.epochs".
 */
export function firstDifference(stored: unknown, current: unknown, where = '$'): string | undefined {
  if (canonicalJson(stored) === canonicalJson(current)) return undefined;
  const isObject = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value);
  if (Array.isArray(stored) && Array.isArray(current)) {
    if (stored.length !== current.length) return `${where}: ${stored.length} items vs ${current.length}`;
    for (let index = 0; index < stored.length; index++) {
      const inner = firstDifference(stored[index], current[index], `${where}[${index}]`);
      if (inner) return inner;
    }
  } else if (isObject(stored) && isObject(current)) {
    const keys = [...new Set([...Object.keys(stored), ...Object.keys(current)])].sort();
    for (const key of keys) {
      const inner = firstDifference(stored[key], current[key], `${where}.${key}`);
      if (inner) return inner;
    }
  }
  const show = (value: unknown) => (value === undefined ? 'absent' : canonicalJson(value));
  return `${where}: ${show(stored)} vs ${show(current)}`;
}
