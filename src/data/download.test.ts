import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { silentProgress, type ProgressUpdate } from '../util/progress';
import { ChecksumMismatchError, type DataFileSpec, cachedDataFilePath, ensureDataFile, sha256OfFile } from './download';

const goodBytes = Buffer.from('the verified content of a small data file\n');
const goodSha = createHash('sha256').update(goodBytes).digest('hex');
const offlineUrl = 'http://127.0.0.1:9/sample.txt';

let root: string;
let mirror: string;
let logLines: string[];
const log = (line: string) => logLines.push(line);
const savedEnvironment = { dir: process.env.HKD_DATA_DIR, mirror: process.env.HKD_DATA_MIRROR };

function spec(overrides: Partial<DataFileSpec> = {}): DataFileSpec {
  return { name: 'sample.txt', url: offlineUrl, sha256: [goodSha], mirrorPath: 'sub/sample.txt', ...overrides };
}

async function downloadsFolderEntries(): Promise<string[]> {
  try {
    return await fs.readdir(path.join(root, 'cache', 'downloads'));
  } catch {
    return [];
  }
}

/** A local HTTP server answering every request with `respond`. */
async function serve(
  respond: (response: http.ServerResponse) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_, response) => respond(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sample.txt`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('ensureDataFile', () => {
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-download-'));
    mirror = path.join(root, 'mirror');
    await fs.mkdir(path.join(mirror, 'sub'), { recursive: true });
    process.env.HKD_DATA_DIR = path.join(root, 'cache');
    process.env.HKD_DATA_MIRROR = mirror;
  });
  after(async () => {
    for (const [key, value] of [
      ['HKD_DATA_DIR', savedEnvironment.dir],
      ['HKD_DATA_MIRROR', savedEnvironment.mirror],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await fs.rm(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    logLines = [];
    await fs.rm(path.join(root, 'cache'), { recursive: true, force: true });
    await fs.rm(path.join(mirror, 'sub', 'sample.txt'), { force: true });
  });

  it('uses a verified mirror file in place without copying it', async () => {
    await fs.writeFile(path.join(mirror, 'sub', 'sample.txt'), goodBytes);
    const found = await ensureDataFile(spec(), { log });
    assert.equal(found, path.join(mirror, 'sub', 'sample.txt'));
    assert.deepEqual(await downloadsFolderEntries(), []);
  });

  it('rejects a mirror file with the wrong bytes, naming expected and actual sha256, and leaves the cache alone', async () => {
    const wrong = Buffer.from('not the right content');
    await fs.writeFile(path.join(mirror, 'sub', 'sample.txt'), wrong);
    const actual = createHash('sha256').update(wrong).digest('hex');
    await assert.rejects(ensureDataFile(spec(), { log }), (error: Error) => {
      assert.ok(error instanceof ChecksumMismatchError);
      assert.match(error.message, new RegExp(`expected sha256 ${goodSha}`));
      assert.match(error.message, new RegExp(`actual sha256 ${actual}`));
      assert.ok(error.message.includes(path.join(mirror, 'sub', 'sample.txt')));
      return true;
    });
    assert.deepEqual(await downloadsFolderEntries(), []);
  });

  it('prefers a good cached copy, and replaces a bad one from the mirror with a note', async () => {
    const cachePath = cachedDataFilePath(spec());
    await fs.mkdir(path.dirname(cachePath), { recursive: true });
    await fs.writeFile(cachePath, goodBytes);
    assert.equal(await ensureDataFile(spec(), { log }), cachePath);

    await fs.writeFile(cachePath, 'corrupted');
    await fs.writeFile(path.join(mirror, 'sub', 'sample.txt'), goodBytes);
    assert.equal(await ensureDataFile(spec(), { log }), path.join(mirror, 'sub', 'sample.txt'));
    assert.ok(logLines.some((line) => line.includes(`removing bad cached copy ${cachePath}`)));
    assert.deepEqual(await downloadsFolderEntries(), []);
  });

  it('when offline and the mirror lacks the file, names the URL, the mirror path and the fixes', async () => {
    await assert.rejects(ensureDataFile(spec(), { log, onProgress: silentProgress }), (error: Error) => {
      assert.ok(error.message.includes(offlineUrl), error.message);
      assert.ok(error.message.includes(path.join(mirror, 'sub', 'sample.txt')));
      assert.ok(error.message.includes('HKD_DATA_MIRROR'));
      assert.ok(error.message.includes(cachedDataFilePath(spec())));
      return true;
    });
    assert.ok(logLines.some((line) => line.startsWith('mirror file not found')));
    assert.deepEqual(await downloadsFolderEntries(), []);
  });

  it('fails without downloading when downloads are disabled', async () => {
    await assert.rejects(ensureDataFile(spec(), { log, allowDownload: false }), /downloads are disabled/);
  });

  it('accepts a system copy whose gzip header differs when its content checksum matches', async () => {
    const content = Buffer.from('idx-like content '.repeat(50));
    const packaged = gzipSync(content, { level: 9 });
    const otherHeader = Buffer.from(packaged);
    otherHeader[4] = 0x12; // different mtime field: other file bytes, same content
    const systemPath = path.join(root, 'system-copy.gz');
    await fs.writeFile(systemPath, otherHeader);
    const gzSpec = spec({
      name: 'content.gz',
      mirrorPath: 'absent.gz',
      sha256: [createHash('sha256').update(packaged).digest('hex')],
      gunzippedSha256: [createHash('sha256').update(content).digest('hex')],
      systemPaths: [path.join(root, 'missing.gz'), systemPath],
    });
    assert.equal(await ensureDataFile(gzSpec, { log, allowDownload: false }), systemPath);
  });

  it('downloads into the cache atomically, reports byte progress, then serves from the cache', async () => {
    const server = await serve((response) => {
      response.writeHead(200, { 'content-length': goodBytes.length });
      response.end(goodBytes);
    });
    const updates: ProgressUpdate[] = [];
    try {
      const found = await ensureDataFile(spec({ url: offlineUrl, alternateUrls: [server.url] }), {
        log,
        onProgress: (update) => updates.push(update),
      });
      assert.equal(found, cachedDataFilePath(spec()));
      assert.equal(await sha256OfFile(found), goodSha);
    } finally {
      await server.close();
    }
    assert.deepEqual(await downloadsFolderEntries(), ['sample.txt']);
    assert.equal(updates.at(-1)?.done, goodBytes.length);
    assert.equal(updates.at(-1)?.total, goodBytes.length);
    assert.equal(await ensureDataFile(spec(), { log }), cachedDataFilePath(spec())); // server is gone
  });

  it('discards a download with the wrong checksum, leaving no partial file', async () => {
    const server = await serve((response) => response.end('tampered bytes'));
    try {
      await assert.rejects(
        ensureDataFile(spec({ url: server.url }), { log, onProgress: silentProgress }),
        (error: Error) => {
          assert.ok(error instanceof ChecksumMismatchError);
          assert.ok(error.message.includes(server.url));
          return true;
        },
      );
    } finally {
      await server.close();
    }
    assert.deepEqual(await downloadsFolderEntries(), []);
  });

  it('discards a download cut off mid-way and reports HTTP errors', async () => {
    const cut = await serve((response) => {
      response.writeHead(200, { 'content-length': 1000 });
      response.write(goodBytes.subarray(0, 10), () => response.destroy());
    });
    const missing = await serve((response) => {
      response.writeHead(404, 'Not Found');
      response.end();
    });
    try {
      await assert.rejects(
        ensureDataFile(spec({ url: cut.url, alternateUrls: [missing.url] }), { log, onProgress: silentProgress }),
        (error: Error) => {
          assert.ok(error.message.includes(cut.url));
          assert.ok(error.message.includes('HTTP 404'));
          return true;
        },
      );
    } finally {
      await cut.close();
      await missing.close();
    }
    assert.deepEqual(await downloadsFolderEntries(), []);
  });

  it('gives up on a stalled connection, leaving no partial file', async () => {
    const stalled = await serve((response) => {
      response.writeHead(200, { 'content-length': 1000 });
      response.write(goodBytes.subarray(0, 10)); // then never finishes
    });
    try {
      await assert.rejects(
        ensureDataFile(spec({ url: stalled.url }), { log, onProgress: silentProgress, stallTimeoutSeconds: 0.3 }),
        (error: Error) => {
          assert.ok(error.message.includes(stalled.url));
          assert.match(error.message, /stalled connection/);
          return true;
        },
      );
    } finally {
      await stalled.close();
    }
    assert.deepEqual(await downloadsFolderEntries(), []);
  });
});
