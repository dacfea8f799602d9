import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** The IDX element types (third magic byte) and their sizes in bytes. */
const idxTypes = {
  8: { name: 'uint8', bytes: 1 },
  9: { name: 'int8', bytes: 1 },
  11: { name: 'int16', bytes: 2 },
  12: { name: 'int32', bytes: 4 },
  13: { name: 'float32', bytes: 4 },
  14: { name: 'float64', bytes: 8 },
} as const;

export type IdxDataType = (typeof idxTypes)[keyof typeof idxTypes]['name'];

/** A parsed IDX array (the format of MNIST and Fashion-MNIST). */
export interface IdxArray {
  dataType: IdxDataType;
  /** Sizes of each dimension, outermost first (e.g. [60000, 28, 28]). */
  dimensions: number[];
  /** The values, row-major, in host byte order. */
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/**
 * Parses an IDX buffer: two zero bytes, a type byte, a dimension count, big-endian uint32
 * dimension sizes, then big-endian values. `fileName` names the source in errors.
 */
export function parseIdx(buffer: Buffer, fileName: string): IdxArray {
  if (buffer.length < 4 || buffer[0] !== 0 || buffer[1] !== 0) {
    const magic = buffer.subarray(0, 4).toString('hex');
    throw new Error(`${fileName} is not an IDX file: bad magic number 0x${magic} (expected 0x0000<type><dimensions>)`);
  }
  const typeCode = buffer[2] as keyof typeof idxTypes;
  const type = idxTypes[typeCode];
  if (type === undefined)
    throw new Error(`${fileName}: unknown IDX data type 0x${buffer[2].toString(16).padStart(2, '0')}`);
  const dimensionCount = buffer[3];
  const headerLength = 4 + 4 * dimensionCount;
  if (dimensionCount === 0 || buffer.length < headerLength) {
    throw new Error(`${fileName}: IDX header with ${dimensionCount} dimensions does not fit in ${buffer.length} bytes`);
  }
  const dimensions = Array.from({ length: dimensionCount }, (_, index) => buffer.readUInt32BE(4 + 4 * index));
  const count = dimensions.reduce((product, size) => product * size, 1);
  const expectedLength = headerLength + count * type.bytes;
  if (buffer.length !== expectedLength) {
    throw new Error(
      `${fileName}: wrong length for a ${type.name} array of shape [${dimensions.join(', ')}]: ` +
        `expected ${expectedLength} bytes, got ${buffer.length} (truncated or corrupt)`,
    );
  }
  const body = buffer.subarray(headerLength);
  let data: IdxArray['data'];
  switch (type.name) {
    case 'uint8':
      data = new Uint8Array(body); // copy: detached from the (possibly large) source buffer
      break;
    case 'int8':
      data = new Int8Array(body);
      break;
    case 'int16':
      data = Int16Array.from({ length: count }, (_, index) => body.readInt16BE(2 * index));
      break;
    case 'int32':
      data = Int32Array.from({ length: count }, (_, index) => body.readInt32BE(4 * index));
      break;
    case 'float32':
      data = Float32Array.from({ length: count }, (_, index) => body.readFloatBE(4 * index));
      break;
    case 'float64':
      data = Float64Array.from({ length: count }, (_, index) => body.readDoubleBE(8 * index));
      break;
  }
  return { dataType: type.name, dimensions, data };
}

/** Reads an IDX file, gunzipping it first when it starts with the gzip magic bytes. */
export async function readIdxFile(filePath: string): Promise<IdxArray> {
  let buffer = await fs.readFile(filePath);
  if (buffer.length >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) {
    try {
      buffer = await gunzipAsync(buffer);
    } catch (error) {
      throw new Error(`${filePath} is not a complete gzip file (truncated or corrupt): ${(error as Error).message}`);
    }
  }
  return parseIdx(buffer, filePath);
}
