import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathExists, readJson, writeJsonAtomic } from '../util/atomicFile';
import { dataDirectory } from '../util/paths';
import { ProgressTracker, consoleProgress, type ProgressListener } from '../util/progress';
import type { EmbeddingMatrix, Encoder } from './encoder';
import { canonicalHash, canonicalJson } from '../util/canonicalHash';
import { readVerifiedFloat32File, sha256Hex, writeFloat32File } from './embeddingFiles';

/** What identifies one embedding matrix; every field that changes the vectors belongs here. */
export interface EmbeddingCacheKey {
  /** Fingerprint of the data set and split (e.g. the SHA-256 of the archive plus the split name). */
  dataFingerprint: string;
  /** The text-cleaning settings (a name or the options object). */
  cleaning: string | Record<string, unknown>;
  /** Must equal `encoder.id`. */
  encoderId: string;
  pooling?: string;
  maxLength?: number;
}

/** Options of {@link embedTexts}. */
export interface EmbedTextsOptions {
  encoder: Encoder;
  texts: string[];
  cacheKey: EmbeddingCacheKey;
  /** Default: `dataDirectory()/embeddings`. */
  cacheDirectory?: string;
  /** Texts per `encoder.encode` call (progress is reported after each). Default 256. */
  batchSize?: number;
  /** Rows per resumable chunk on disk. Default 1024. */
  chunkSize?: number;
  /** Default: console lines (documents embedded, docs/s, ETA). */
  progress?: ProgressListener;
  /** Task name in progress lines and the manifest. Default `embed <encoder id>`. */
  label?: string;
}

/** The manifest written next to `<hash>.f32`, last and atomically. */
export interface EmbeddingManifest {
  format: 'hkd-embeddings-1';
  key: EmbeddingCacheKey;
  keyHash: string;
  /** SHA-256 over the texts (length-prefixed), so a changed text never reuses stale rows. */
  textsSha256: string;
  rows: number;
  dimension: number;
  /** SHA-256 of the `.f32` file (float32, little-endian, row-major). */
  sha256: string;
  encoderId: string;
  label: string;
  created: string;
}

interface ChunkRecord {
  index: number;
  rows: number;
  dimension: number;
  sha256: string;
}

interface PartialRecord {
  keyHash: string;
  rows: number;
  dimension: number;
  chunkSize: number;
}

/** The default cache folder, `dataDirectory()/embeddings`. */
export function defaultEmbeddingCacheDirectory(): string {
  return path.join(dataDirectory(), 'embeddings');
}

/** SHA-256 over all texts, each prefixed with its UTF-8 byte length. */
export function textsFingerprint(texts: string[]): string {
  const parts: Array<Buffer> = [];
  for (const text of texts) {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(bytes.byteLength));
    parts.push(length, bytes);
  }
  return sha256Hex(Buffer.concat(parts));
}

/**
 * The file stem for a key and texts: `canonicalHash({ key, textsSha256, rows }, 32)`, the
 * same canonical hash as run ids (src/util/canonicalHash.ts); unchanged from earlier
 * versions, so existing cache files stay valid.
 */
export function cacheFileStem(key: EmbeddingCacheKey, textsSha256: string, rows: number): string {
  return canonicalHash({ key, textsSha256, rows }, 32);
}

/** What {@link embedTexts} returns: the matrix (rows x columns = texts x encoder dimension) and where it came from. */
export type EmbeddedTexts = EmbeddingMatrix & {
  fromCache: boolean;
  file: string;
};

/**
 * Embeds `texts` with `encoder`, or reads the result from the cache. Storage in
 * `cacheDirectory`: `<hash>.f32` (float32 little-endian, rows x dimension) and `<hash>.json`
 * (manifest with key, shape and SHA-256 of the binary), the manifest written last and
 * atomically, so a half-written matrix never looks complete. A cached matrix is reused only
 * when its manifest matches the key and its size and checksum verify; otherwise it is
 * rebuilt. Work is saved in chunks of `chunkSize` rows under `<hash>.partial/` (each chunk
 * atomic with its own checksum), so an interrupted run resumes after the last complete chunk
 * and a damaged chunk is recomputed.
 */
export async function embedTexts(options: EmbedTextsOptions): Promise<EmbeddedTexts> {
  const { encoder, texts, cacheKey } = options;
  const batchSize = options.batchSize ?? 256;
  const chunkSize = options.chunkSize ?? 1024;
  const label = options.label ?? `embed ${encoder.id}`;
  const listener = options.progress ?? consoleProgress(' docs');
  if (!Array.isArray(texts)) throw new Error('embedTexts: texts must be an array of strings');
  const nonString = texts.findIndex((text) => typeof text !== 'string');
  if (nonString >= 0) throw new Error(`embedTexts: text ${nonString} is ${typeof texts[nonString]}, not a string`);
  if (cacheKey.encoderId !== encoder.id) {
    throw new Error(
      `embedTexts: cacheKey.encoderId "${cacheKey.encoderId}" differs from the encoder's id "${encoder.id}"`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`embedTexts: batchSize must be a positive integer, got ${batchSize}`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new Error(`embedTexts: chunkSize must be a positive integer, got ${chunkSize}`);

  const directory = options.cacheDirectory ?? defaultEmbeddingCacheDirectory();
  const rows = texts.length;
  const dimension = encoder.dimension;
  const textsSha256 = textsFingerprint(texts);
  const keyHash = cacheFileStem(cacheKey, textsSha256, rows);
  const binaryPath = path.join(directory, `${keyHash}.f32`);
  const manifestPath = path.join(directory, `${keyHash}.json`);
  const partialDirectory = path.join(directory, `${keyHash}.partial`);

  const cached = await readCachedMatrix(manifestPath, binaryPath, { keyHash, textsSha256, rows, dimension });
  if (cached.data) return { data: cached.data, rows, columns: dimension, fromCache: true, file: binaryPath };
  if (cached.problems.length > 0) {
    process.emitWarning(
      `embedding cache ${manifestPath} is unusable and will be rebuilt: ${cached.problems.join('; ')}`,
    );
    await fs.rm(manifestPath, { force: true });
    await fs.rm(binaryPath, { force: true });
  }

  const data = new Float32Array(rows * dimension);
  const chunkCount = Math.ceil(rows / chunkSize);
  const done = await loadCompleteChunks(partialDirectory, { keyHash, rows, dimension, chunkSize }, data);
  const remainingRows = done.reduce(
    (sum, complete, index) => sum + (complete ? 0 : chunkRowCount(index, rows, chunkSize)),
    0,
  );
  const resumedRows = rows - remainingRows;
  const tracker = new ProgressTracker(label, remainingRows, listener);
  const detail = resumedRows > 0 ? `(${resumedRows} rows resumed from ${partialDirectory})` : undefined;
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    if (done[chunk]) continue;
    const begin = chunk * chunkSize;
    const end = begin + chunkRowCount(chunk, rows, chunkSize);
    for (let batchBegin = begin; batchBegin < end; batchBegin += batchSize) {
      const batchEnd = Math.min(end, batchBegin + batchSize);
      const vectors = await encoder.encode(texts.slice(batchBegin, batchEnd));
      const expected = (batchEnd - batchBegin) * dimension;
      if (!(vectors instanceof Float32Array) || vectors.length !== expected) {
        throw new Error(
          `encoder ${encoder.id} returned ${vectors?.length} values for ${batchEnd - batchBegin} texts; expected ${expected}`,
        );
      }
      const nonFinite = vectors.findIndex((value) => !Number.isFinite(value));
      if (nonFinite >= 0)
        throw new Error(
          `encoder ${encoder.id} returned a non-finite value for text ${batchBegin + Math.floor(nonFinite / dimension)}`,
        );
      data.set(vectors, batchBegin * dimension);
      tracker.advance(batchEnd - batchBegin, detail);
    }
    await saveChunk(partialDirectory, chunk, data.subarray(begin * dimension, end * dimension), end - begin, dimension);
  }
  if (remainingRows === 0) tracker.advance(0, detail);

  const sha256 = await writeFloat32File(binaryPath, data);
  const manifest: EmbeddingManifest = {
    format: 'hkd-embeddings-1',
    key: cacheKey,
    keyHash,
    textsSha256,
    rows,
    dimension,
    sha256,
    encoderId: encoder.id,
    label,
    created: new Date().toISOString(),
  };
  await writeJsonAtomic(manifestPath, manifest);
  await fs.rm(partialDirectory, { recursive: true, force: true });
  return { data, rows, columns: dimension, fromCache: false, file: binaryPath };
}

function chunkRowCount(chunk: number, rows: number, chunkSize: number): number {
  return Math.min(chunkSize, rows - chunk * chunkSize);
}

async function readCachedMatrix(
  manifestPath: string,
  binaryPath: string,
  expected: { keyHash: string; textsSha256: string; rows: number; dimension: number },
): Promise<{ data?: Float32Array; problems: string[] }> {
  const problems: string[] = [];
  if (!(await pathExists(manifestPath))) return { problems };
  let manifest: EmbeddingManifest;
  try {
    manifest = await readJson<EmbeddingManifest>(manifestPath);
  } catch (error) {
    return { problems: [(error as Error).message] };
  }
  for (const field of ['keyHash', 'textsSha256', 'rows', 'dimension'] as const) {
    if (manifest?.[field] !== expected[field])
      problems.push(
        `manifest ${field} is ${JSON.stringify(manifest?.[field])}, expected ${JSON.stringify(expected[field])}`,
      );
  }
  if (problems.length > 0) return { problems };
  const data = await readVerifiedFloat32File(binaryPath, expected.rows * expected.dimension, manifest.sha256, problems);
  return { data, problems };
}

function chunkPaths(partialDirectory: string, chunk: number): { binary: string; record: string } {
  const stem = `chunk-${String(chunk).padStart(4, '0')}`;
  return { binary: path.join(partialDirectory, `${stem}.f32`), record: path.join(partialDirectory, `${stem}.json`) };
}

/** Fills `data` from the valid chunks of an earlier run; returns which chunks are complete. Invalid chunks are deleted. */
async function loadCompleteChunks(
  partialDirectory: string,
  layout: PartialRecord,
  data: Float32Array,
): Promise<boolean[]> {
  const chunkCount = Math.ceil(layout.rows / layout.chunkSize);
  const done = new Array<boolean>(chunkCount).fill(false);
  const layoutPath = path.join(partialDirectory, 'partial.json');
  let previous: PartialRecord | undefined;
  try {
    previous = await readJson<PartialRecord>(layoutPath);
  } catch {
    previous = undefined;
  }
  if (!previous || canonicalJson(previous) !== canonicalJson(layout)) {
    await fs.rm(partialDirectory, { recursive: true, force: true });
    await writeJsonAtomic(layoutPath, layout);
    return done;
  }
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    const paths = chunkPaths(partialDirectory, chunk);
    if (!(await pathExists(paths.record))) continue;
    const rows = chunkRowCount(chunk, layout.rows, layout.chunkSize);
    const problems: string[] = [];
    let values: Float32Array | undefined;
    try {
      const record = await readJson<ChunkRecord>(paths.record);
      if (record.index !== chunk || record.rows !== rows || record.dimension !== layout.dimension) {
        problems.push(
          `${paths.record} describes chunk ${record.index} of ${record.rows} x ${record.dimension}, expected ${chunk} of ${rows} x ${layout.dimension}`,
        );
      } else {
        values = await readVerifiedFloat32File(paths.binary, rows * layout.dimension, record.sha256, problems);
      }
    } catch (error) {
      problems.push((error as Error).message);
    }
    if (values) {
      data.set(values, chunk * layout.chunkSize * layout.dimension);
      done[chunk] = true;
    } else {
      process.emitWarning(`discarding damaged embedding chunk ${chunk}: ${problems.join('; ')}`);
      await fs.rm(paths.record, { force: true });
      await fs.rm(paths.binary, { force: true });
    }
  }
  return done;
}

/** Writes one chunk's binary, then its record (both atomic): a chunk counts only once its record exists. */
async function saveChunk(
  partialDirectory: string,
  chunk: number,
  values: Float32Array,
  rows: number,
  dimension: number,
): Promise<void> {
  const paths = chunkPaths(partialDirectory, chunk);
  const sha256 = await writeFloat32File(paths.binary, values);
  const record: ChunkRecord = { index: chunk, rows, dimension, sha256 };
  await writeJsonAtomic(paths.record, record);
}
