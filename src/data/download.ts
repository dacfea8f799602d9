import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createGunzip } from 'node:zlib';
import { dataDirectory, mirrorDirectory } from '../util/paths';
import { type ProgressListener, ProgressTracker, consoleProgress } from '../util/progress';

/** Where a data file comes from and how to recognise a good copy. */
export interface DataFileSpec {
  /** File name, also the name of the cached copy under `<dataDirectory()>/downloads/`. */
  name: string;
  /** Canonical download URL. */
  url: string;
  /** Further URLs tried in order when `url` fails (same file, same checksums). */
  alternateUrls?: string[];
  /** Accepted sha256 checksums (hex) of the file's bytes; several when mirrors hold other builds. */
  sha256: string[];
  /**
   * Accepted sha256 checksums of the gunzipped content, for `.gz` files whose gzip header
   * differs between copies (Debian's packaged Fashion-MNIST, for example).
   */
  gunzippedSha256?: string[];
  /** Expected size, used for the progress total when the server sends no Content-Length. */
  sizeBytes?: number;
  /** Path of the file inside the mirror folder (`HKD_DATA_MIRROR`); defaults to `name`. */
  mirrorPath?: string;
  /** Absolute paths where an operating-system package may have installed the file. */
  systemPaths?: string[];
}

/** Options of {@link ensureDataFile}. */
export interface EnsureDataFileOptions {
  /** Download progress (bytes); defaults to a console line every two seconds. */
  onProgress?: ProgressListener;
  /** Where notes such as "removed a bad cached copy" go; defaults to stderr. */
  log?: (line: string) => void;
  /** Set to false to fail instead of downloading when no local copy exists. */
  allowDownload?: boolean;
  /** Abort a download when no bytes arrive for this many seconds; default 60. */
  stallTimeoutSeconds?: number;
  /** The fetch to use (tests); defaults to the global fetch. */
  fetchImplementation?: typeof fetch;
}

/** Thrown when a file's bytes do not match any accepted checksum. */
export class ChecksumMismatchError extends Error {
  constructor(
    readonly filePath: string,
    readonly expected: string[],
    readonly actual: string,
    source: string,
  ) {
    super(
      `checksum mismatch for ${source} ${filePath}: expected sha256 ${expected.join(' or ')}, ` +
        `actual sha256 ${actual}. The file is corrupt, truncated or a different version; delete or replace it.`,
    );
    this.name = 'ChecksumMismatchError';
  }
}

/** The sha256 (hex) of a file's bytes, streamed. */
export async function sha256OfFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The sha256 (hex) of a gzip file's decompressed content, or undefined when it is not valid gzip. */
async function sha256OfGunzipped(filePath: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(filePath).pipe(createGunzip())) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** Where the cached copy of a spec's file lives. */
export function cachedDataFilePath(spec: DataFileSpec): string {
  return path.join(dataDirectory(), 'downloads', spec.name);
}

/**
 * Checks a file against the spec. Returns undefined when it is good, else the sha256 of its
 * bytes (for the error message).
 */
async function verify(filePath: string, spec: DataFileSpec): Promise<string | undefined> {
  const actual = await sha256OfFile(filePath);
  if (spec.sha256.includes(actual)) return undefined;
  if (spec.gunzippedSha256 && spec.gunzippedSha256.length > 0) {
    const content = await sha256OfGunzipped(filePath);
    if (content && spec.gunzippedSha256.includes(content)) return undefined;
  }
  return actual;
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await fs.stat(filePath)).isFile();
  } catch {
    return false;
  }
}

/**
 * Returns a local path to a verified copy of the file described by `spec`. Looks, in order:
 * 1. the cached copy `<dataDirectory()>/downloads/<name>` (re-verified; a bad copy is removed
 *    with a note and fetched again);
 * 2. the mirror folder `HKD_DATA_MIRROR` at `mirrorPath` (verified and used in place; a bad
 *    mirror copy is an error, since it is a configuration mistake);
 * 3. `systemPaths` (used in place when verified; bad ones are skipped with a note);
 * 4. a download from `url` (then `alternateUrls`) to a temporary file next to the cache,
 *    verified, then renamed into the cache atomically. No partial file is ever left behind.
 */
export async function ensureDataFile(spec: DataFileSpec, options: EnsureDataFileOptions = {}): Promise<string> {
  if (spec.sha256.length === 0) throw new Error(`data file spec ${spec.name} lists no accepted sha256`);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cachePath = cachedDataFilePath(spec);
  const lookedAt: string[] = [];

  if (await isFile(cachePath)) {
    const actual = await verify(cachePath, spec);
    if (actual === undefined) return cachePath;
    log(
      `removing bad cached copy ${cachePath}: sha256 ${actual}, expected ${spec.sha256.join(' or ')}; fetching it again`,
    );
    await fs.rm(cachePath, { force: true });
  }
  lookedAt.push(`cache ${cachePath} (absent)`);

  const mirror = mirrorDirectory();
  const mirrorRelative = spec.mirrorPath ?? spec.name;
  if (mirror !== undefined) {
    const mirrorPath = path.join(mirror, mirrorRelative);
    if (await isFile(mirrorPath)) {
      const actual = await verify(mirrorPath, spec);
      if (actual === undefined) return mirrorPath;
      throw new ChecksumMismatchError(mirrorPath, spec.sha256, actual, `mirror file (HKD_DATA_MIRROR=${mirror})`);
    }
    log(`mirror file not found: ${mirrorPath} (HKD_DATA_MIRROR=${mirror})`);
    lookedAt.push(`mirror file ${mirrorPath} (not found)`);
  } else {
    lookedAt.push('mirror (HKD_DATA_MIRROR not set)');
  }

  for (const systemPath of spec.systemPaths ?? []) {
    if (!(await isFile(systemPath))) continue;
    const actual = await verify(systemPath, spec);
    if (actual === undefined) return systemPath;
    log(`skipping ${systemPath}: sha256 ${actual} is not an accepted checksum of ${spec.name}`);
    lookedAt.push(`system copy ${systemPath} (checksum mismatch)`);
  }

  const fixHint =
    `To fix: set HKD_DATA_MIRROR to a folder holding ${mirrorRelative}, ` +
    `or place the file (sha256 ${spec.sha256[0]}) at ${cachePath}.`;
  if (options.allowDownload === false) {
    throw new Error(
      `${spec.name} is not available locally and downloads are disabled; looked at: ${lookedAt.join('; ')}. ${fixHint}`,
    );
  }

  const failures: string[] = [];
  for (const url of [spec.url, ...(spec.alternateUrls ?? [])]) {
    try {
      await downloadToCache(url, spec, cachePath, options);
      return cachePath;
    } catch (error) {
      if (error instanceof ChecksumMismatchError) throw error;
      failures.push(`${url}: ${(error as Error).message}`);
    }
  }
  throw new Error(
    `could not download ${spec.name}: ${failures.join('; ')}. Also looked at: ${lookedAt.join('; ')}. ${fixHint}`,
  );
}

/** Downloads `url` to a temporary file beside `cachePath`, verifies it and renames it into place. */
async function downloadToCache(
  url: string,
  spec: DataFileSpec,
  cachePath: string,
  options: EnsureDataFileOptions,
): Promise<void> {
  const fetchImplementation = options.fetchImplementation ?? fetch;
  const stallMilliseconds = (options.stallTimeoutSeconds ?? 60) * 1000;
  const controller = new AbortController();
  let stallTimer = setTimeout(() => controller.abort(), stallMilliseconds);
  const stillAlive = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => controller.abort(), stallMilliseconds);
  };
  try {
    await fetchIntoCache(url, spec, cachePath, options, fetchImplementation, controller.signal, stillAlive);
  } catch (error) {
    if (controller.signal.aborted && !(error instanceof ChecksumMismatchError)) {
      throw new Error(`no data for ${stallMilliseconds / 1000}s, gave up (stalled connection)`);
    }
    throw error;
  } finally {
    clearTimeout(stallTimer);
  }
}

async function fetchIntoCache(
  url: string,
  spec: DataFileSpec,
  cachePath: string,
  options: EnsureDataFileOptions,
  fetchImplementation: typeof fetch,
  signal: AbortSignal,
  stillAlive: () => void,
): Promise<void> {
  let response: Response;
  try {
    response = await fetchImplementation(url, { redirect: 'follow', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `request failed (${cause?.code ?? cause?.message ?? (error as Error).message}; offline or unreachable)`,
    );
  }
  if (!response.ok || response.body === null) {
    throw new Error(`server answered HTTP ${response.status} ${response.statusText}`);
  }
  const lengthHeader = Number(response.headers.get('content-length'));
  // An unknown total stays Infinity so the tracker reports at its usual interval, not per chunk.
  const total =
    Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : (spec.sizeBytes ?? Number.POSITIVE_INFINITY);
  const tracker = new ProgressTracker(`download ${spec.name}`, total, options.onProgress ?? consoleProgress(' B'));

  await fs.mkdir(path.dirname(cachePath), { recursive: true });
  const temporaryPath = path.join(path.dirname(cachePath), `.${spec.name}.${randomBytes(6).toString('hex')}.part`);
  const hash = createHash('sha256');
  let renamed = false;
  const handle = await fs.open(temporaryPath, 'w');
  try {
    try {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        stillAlive();
        hash.update(value);
        await handle.write(value);
        tracker.advance(value.byteLength);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    const actual = hash.digest('hex');
    if (!spec.sha256.includes(actual) && (await verify(temporaryPath, spec)) !== undefined) {
      throw new ChecksumMismatchError(url, spec.sha256, actual, 'downloaded file');
    }
    await fs.rename(temporaryPath, cachePath);
    renamed = true;
  } finally {
    if (!renamed) await fs.rm(temporaryPath, { force: true });
  }
}
