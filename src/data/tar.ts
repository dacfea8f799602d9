import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);
const blockSize = 512;

/** One regular file of a tar archive. */
export interface TarEntry {
  /** Path inside the archive, with `/` separators (long GNU and pax names resolved). */
  path: string;
  data: Buffer;
}

/** Reads a NUL-terminated (or field-filling) string from a header field. */
function readString(header: Buffer, offset: number, length: number): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** Reads an octal number field, or a GNU base-256 one (high bit of the first byte set). */
function readNumber(header: Buffer, offset: number, length: number, archiveName: string, field: string): number {
  const bytes = header.subarray(offset, offset + length);
  if (bytes[0] & 0x80) {
    let value = bytes[0] & 0x7f;
    for (let index = 1; index < length; index++) value = value * 256 + bytes[index];
    return value;
  }
  const text = bytes.toString('latin1').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text))
    throw new Error(`${archiveName}: corrupt tar header, ${field} field "${text}" is not octal`);
  return parseInt(text, 8);
}

/** True when the 512-byte header's stored checksum matches its bytes (checksum field read as spaces). */
function checksumMatches(header: Buffer, stored: number): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let index = 0; index < blockSize; index++) {
    const byte = index >= 148 && index < 156 ? 0x20 : header[index];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** Parses pax extended-header records (`"<length> <key>=<value>\n"`). */
function parsePaxRecords(data: Buffer, archiveName: string): Map<string, string> {
  const records = new Map<string, string>();
  let position = 0;
  while (position < data.length) {
    const space = data.indexOf(0x20, position);
    if (space === -1) break;
    const length = Number(data.subarray(position, space).toString('latin1'));
    if (!Number.isInteger(length) || length <= 0 || position + length > data.length) {
      throw new Error(`${archiveName}: corrupt pax extended header at byte ${position}`);
    }
    const record = data.subarray(space + 1, position + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    position += length;
  }
  return records;
}

/**
 * Parses an uncompressed tar archive (ustar, GNU and pax flavours) and yields its regular
 * files. Handles GNU long names (`L`), pax per-file headers (`x`: `path`, `size`) and skips
 * directories, links and pax global headers. `archiveName` is used in error messages.
 */
export function* parseTar(archive: Buffer, archiveName: string): Generator<TarEntry> {
  let position = 0;
  let longName: string | undefined;
  let pax: Map<string, string> | undefined;
  while (position + blockSize <= archive.length) {
    const header = archive.subarray(position, position + blockSize);
    if (header.every((byte) => byte === 0)) return; // end-of-archive marker
    const storedChecksum = readNumber(header, 148, 8, archiveName, 'checksum');
    if (!checksumMatches(header, storedChecksum)) {
      throw new Error(
        `${archiveName}: corrupt tar header at byte ${position} (checksum mismatch); the archive is damaged`,
      );
    }
    const typeFlag = String.fromCharCode(header[156]);
    let size = readNumber(header, 124, 12, archiveName, 'size');
    if (pax?.has('size')) size = Number(pax.get('size'));
    const magic = header.subarray(257, 263).toString('latin1');
    let name = readString(header, 0, 100);
    const prefix = magic === 'ustar\0' ? readString(header, 345, 155) : '';
    if (prefix !== '') name = `${prefix}/${name}`;
    const dataStart = position + blockSize;
    const dataEnd = dataStart + size;
    if (dataEnd > archive.length) {
      throw new Error(
        `${archiveName} is truncated: entry "${longName ?? pax?.get('path') ?? name}" needs ${size} bytes ` +
          `but the archive ends ${archive.length - dataStart} bytes after its header`,
      );
    }
    const data = archive.subarray(dataStart, dataEnd);
    position = dataStart + Math.ceil(size / blockSize) * blockSize;

    if (typeFlag === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (typeFlag === 'x') {
      pax = parsePaxRecords(data, archiveName);
      continue;
    }
    if (typeFlag === 'g' || typeFlag === 'K') continue; // global pax header, GNU long link name
    const entryPath = pax?.get('path') ?? longName ?? name;
    longName = undefined;
    pax = undefined;
    if (typeFlag === '0' || typeFlag === '\0' || typeFlag === '7') yield { path: entryPath, data };
  }
  if (position < archive.length) {
    throw new Error(`${archiveName} is truncated: it ends inside a tar header at byte ${position}`);
  }
}

/**
 * Reads a `.tar.gz` file and returns its regular files (optionally only those whose path
 * passes `filter`). A truncated or corrupt archive gives an error naming the archive.
 */
export async function readTarGz(archivePath: string, filter?: (entryPath: string) => boolean): Promise<TarEntry[]> {
  const compressed = await fs.readFile(archivePath);
  let archive: Buffer;
  try {
    archive = await gunzipAsync(compressed);
  } catch (error) {
    throw new Error(`${archivePath} is not a complete gzip file (truncated or corrupt): ${(error as Error).message}`);
  }
  const entries: TarEntry[] = [];
  for (const entry of parseTar(archive, archivePath)) {
    if (filter === undefined || filter(entry.path)) entries.push(entry);
  }
  return entries;
}
