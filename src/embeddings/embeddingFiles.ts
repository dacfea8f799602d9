import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { endianness } from 'node:os';
import { writeFileAtomic } from '../util/atomicFile';

/** SHA-256 of bytes (or a string as UTF-8), as hex. */
export function sha256Hex(contents: Uint8Array | string): string {
  return createHash('sha256').update(contents).digest('hex');
}

/** JSON with object keys sorted at every level (see src/util/canonicalHash.ts; kept here for existing imports). */
export { canonicalJson } from '../util/canonicalHash';

const littleEndian = endianness() === 'LE';

/** Float32 values as little-endian bytes (a view, not a copy, on little-endian machines). */
export function float32ToBytes(values: Float32Array): Uint8Array {
  if (littleEndian) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return bytes;
}

/** Little-endian float32 bytes as a fresh Float32Array; throws when the length is not a multiple of 4. */
export function bytesToFloat32(bytes: Uint8Array, source: string): Float32Array {
  if (bytes.byteLength % 4 !== 0)
    throw new Error(`${source} holds ${bytes.byteLength} bytes, not a whole number of float32 values`);
  const values = new Float32Array(bytes.byteLength / 4);
  if (littleEndian) {
    new Uint8Array(values.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let index = 0; index < values.length; index++) values[index] = view.getFloat32(index * 4, true);
  }
  return values;
}

/** Writes float32 values as a little-endian binary file, atomically; returns the SHA-256 of the bytes. */
export async function writeFloat32File(filePath: string, values: Float32Array): Promise<string> {
  const bytes = float32ToBytes(values);
  await writeFileAtomic(filePath, bytes);
  return sha256Hex(bytes);
}

/**
 * Reads a float32 file written by {@link writeFloat32File} and checks it against the
 * expected value count and SHA-256; returns undefined (never a partial matrix) when the
 * file is missing, has the wrong size or the wrong checksum, with the reason in `problems`.
 */
export async function readVerifiedFloat32File(
  filePath: string,
  expectedValues: number,
  expectedSha256: string,
  problems: string[],
): Promise<Float32Array | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(filePath);
  } catch (error) {
    problems.push(`${filePath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return undefined;
  }
  if (bytes.byteLength !== expectedValues * 4) {
    problems.push(`${filePath}: ${bytes.byteLength} bytes, expected ${expectedValues * 4}`);
    return undefined;
  }
  const actual = sha256Hex(bytes);
  if (actual !== expectedSha256) {
    problems.push(
      `${filePath}: SHA-256 ${actual.slice(0, 12)}... does not match the manifest's ${String(expectedSha256).slice(0, 12)}...`,
    );
    return undefined;
  }
  return bytesToFloat32(bytes, filePath);
}
