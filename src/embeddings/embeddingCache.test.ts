import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentProgress, type ProgressUpdate } from '../util/progress';
import type { Encoder } from './encoder';
import {
  cacheFileStem,
  embedTexts,
  textsFingerprint,
  type EmbeddingCacheKey,
  type EmbeddingManifest,
} from './embeddingCache';
import { sha256Hex } from './embeddingFiles';
import { HashingEncoder } from './hashingEncoder';

/** Wraps the hashing encoder, counting calls and texts, and failing after `failAfterCalls` calls when set. */
class CountingEncoder implements Encoder {
  readonly inner = new HashingEncoder(16);
  readonly id = this.inner.id;
  readonly dimension = this.inner.dimension;
  calls = 0;
  textsEncoded = 0;
  failAfterCalls: number | undefined;

  async encode(texts: string[]): Promise<Float32Array> {
    if (this.failAfterCalls !== undefined && this.calls >= this.failAfterCalls)
      throw new Error('simulated interruption');
    this.calls++;
    this.textsEncoded += texts.length;
    return this.inner.encode(texts);
  }

  dispose(): void {}
}

const texts = Array.from(
  { length: 50 },
  (_, index) => `document ${index} about topic ${index % 7} with words ${'lorem '.repeat(index % 5)}`,
);

function keyFor(encoder: Encoder, dataFingerprint = 'unit-test-data'): EmbeddingCacheKey {
  return { dataFingerprint, cleaning: { headers: false, quotes: false }, encoderId: encoder.id };
}

describe('embedTexts cache', () => {
  let directory: string;
  before(async () => {
    directory = await fs.mkdtemp(path.join(tmpdir(), 'hkd-embedding-cache-'));
  });
  after(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  it('embeds once, then reads the cache without calling the encoder', async () => {
    const cacheDirectory = path.join(directory, 'hit');
    const encoder = new CountingEncoder();
    const first = await embedTexts({
      encoder,
      texts,
      cacheKey: keyFor(encoder),
      cacheDirectory,
      batchSize: 8,
      chunkSize: 16,
      progress: silentProgress,
    });
    assert.equal(first.fromCache, false);
    assert.equal(first.rows, 50);
    assert.equal(first.columns, 16);
    assert.equal(encoder.textsEncoded, 50);
    assert.deepEqual(first.data, await new HashingEncoder(16).encode(texts));

    const second = await embedTexts({
      encoder,
      texts,
      cacheKey: keyFor(encoder),
      cacheDirectory,
      batchSize: 8,
      chunkSize: 16,
      progress: silentProgress,
    });
    assert.equal(second.fromCache, true);
    assert.equal(encoder.textsEncoded, 50, 'the encoder must not be called on a cache hit');
    assert.deepEqual(second.data, first.data);

    const files = (await fs.readdir(cacheDirectory)).sort();
    const stem = cacheFileStem(keyFor(encoder), textsFingerprint(texts), texts.length);
    assert.deepEqual(files, [`${stem}.f32`, `${stem}.json`], 'the partial folder is removed once complete');
    const manifest = JSON.parse(
      await fs.readFile(path.join(cacheDirectory, `${stem}.json`), 'utf8'),
    ) as EmbeddingManifest;
    const binary = await fs.readFile(path.join(cacheDirectory, `${stem}.f32`));
    assert.equal(binary.byteLength, 50 * 16 * 4);
    assert.equal(manifest.sha256, sha256Hex(binary));
    assert.equal(manifest.rows, 50);
    assert.equal(manifest.encoderId, 'hashing-bow:16');
    // Little-endian float32, row-major: row 3, column 5.
    assert.equal(binary.readFloatLE((3 * 16 + 5) * 4), first.data[3 * 16 + 5]);
  });

  it('resumes after an interruption and gives the same matrix as an uninterrupted run', async () => {
    const cacheDirectory = path.join(directory, 'resume');
    const encoder = new CountingEncoder();
    encoder.failAfterCalls = 5; // batches of 8, chunks of 16: chunks 0 and 1 complete, chunk 2 half done
    await assert.rejects(
      embedTexts({
        encoder,
        texts,
        cacheKey: keyFor(encoder),
        cacheDirectory,
        batchSize: 8,
        chunkSize: 16,
        progress: silentProgress,
      }),
      /simulated interruption/,
    );
    assert.equal(encoder.textsEncoded, 40);
    const stem = cacheFileStem(keyFor(encoder), textsFingerprint(texts), texts.length);
    const partial = (await fs.readdir(path.join(cacheDirectory, `${stem}.partial`))).sort();
    assert.deepEqual(partial, [
      'chunk-0000.f32',
      'chunk-0000.json',
      'chunk-0001.f32',
      'chunk-0001.json',
      'partial.json',
    ]);
    assert.equal(
      await fs.stat(path.join(cacheDirectory, `${stem}.json`)).catch(() => undefined),
      undefined,
      'no manifest after a failed run',
    );

    encoder.failAfterCalls = undefined;
    encoder.textsEncoded = 0;
    const updates: ProgressUpdate[] = [];
    const resumed = await embedTexts({
      encoder,
      texts,
      cacheKey: keyFor(encoder),
      cacheDirectory,
      batchSize: 8,
      chunkSize: 16,
      progress: (update) => updates.push(update),
    });
    assert.equal(resumed.fromCache, false);
    assert.equal(encoder.textsEncoded, 50 - 32, 'only the rows after the last complete chunk are embedded again');
    assert.equal(updates.at(-1)?.done, 18);
    assert.equal(updates.at(-1)?.total, 18);
    assert.match(updates.at(-1)?.detail ?? '', /32 rows resumed/);

    const fresh = await embedTexts({
      encoder: new CountingEncoder(),
      texts,
      cacheKey: keyFor(encoder),
      cacheDirectory: path.join(directory, 'fresh'),
      progress: silentProgress,
    });
    assert.deepEqual(resumed.data, fresh.data);
  });

  it('discards a damaged chunk and recomputes it', async () => {
    const cacheDirectory = path.join(directory, 'damaged-chunk');
    const encoder = new CountingEncoder();
    encoder.failAfterCalls = 4; // chunks 0 and 1 complete
    await assert.rejects(
      embedTexts({
        encoder,
        texts,
        cacheKey: keyFor(encoder),
        cacheDirectory,
        batchSize: 8,
        chunkSize: 16,
        progress: silentProgress,
      }),
    );
    const stem = cacheFileStem(keyFor(encoder), textsFingerprint(texts), texts.length);
    const chunkPath = path.join(cacheDirectory, `${stem}.partial`, 'chunk-0001.f32');
    const bytes = await fs.readFile(chunkPath);
    bytes[10] ^= 0xff;
    await fs.writeFile(chunkPath, bytes);
    encoder.failAfterCalls = undefined;
    encoder.textsEncoded = 0;
    const result = await embedTexts({
      encoder,
      texts,
      cacheKey: keyFor(encoder),
      cacheDirectory,
      batchSize: 8,
      chunkSize: 16,
      progress: silentProgress,
    });
    assert.equal(encoder.textsEncoded, 50 - 16, 'chunk 0 is reused, chunk 1 is recomputed');
    assert.deepEqual(result.data, await new HashingEncoder(16).encode(texts));
  });

  it('detects a corrupted cache file and rebuilds it', async () => {
    const cacheDirectory = path.join(directory, 'corrupt');
    const encoder = new CountingEncoder();
    const first = await embedTexts({
      encoder,
      texts,
      cacheKey: keyFor(encoder),
      cacheDirectory,
      progress: silentProgress,
    });
    const stem = cacheFileStem(keyFor(encoder), textsFingerprint(texts), texts.length);
    const binaryPath = path.join(cacheDirectory, `${stem}.f32`);
    const bytes = await fs.readFile(binaryPath);
    bytes.writeFloatLE(123.5, 40);
    await fs.writeFile(binaryPath, bytes);
    const rebuilt = await embedTexts({
      encoder,
      texts,
      cacheKey: keyFor(encoder),
      cacheDirectory,
      progress: silentProgress,
    });
    assert.equal(rebuilt.fromCache, false);
    assert.equal(encoder.textsEncoded, 100);
    assert.deepEqual(rebuilt.data, first.data);

    await fs.truncate(binaryPath, 100);
    const again = await embedTexts({
      encoder,
      texts,
      cacheKey: keyFor(encoder),
      cacheDirectory,
      progress: silentProgress,
    });
    assert.equal(again.fromCache, false, 'a truncated file is rebuilt too');
    assert.equal(
      (await embedTexts({ encoder, texts, cacheKey: keyFor(encoder), cacheDirectory, progress: silentProgress }))
        .fromCache,
      true,
    );
  });

  it('keeps different keys and different texts in different files', async () => {
    const cacheDirectory = path.join(directory, 'keys');
    const encoder = new CountingEncoder();
    await embedTexts({ encoder, texts, cacheKey: keyFor(encoder, 'data-a'), cacheDirectory, progress: silentProgress });
    const other = await embedTexts({
      encoder,
      texts,
      cacheKey: keyFor(encoder, 'data-b'),
      cacheDirectory,
      progress: silentProgress,
    });
    assert.equal(other.fromCache, false);
    const changedTexts = [...texts.slice(0, -1), 'a changed last text'];
    const changed = await embedTexts({
      encoder,
      texts: changedTexts,
      cacheKey: keyFor(encoder, 'data-a'),
      cacheDirectory,
      progress: silentProgress,
    });
    assert.equal(changed.fromCache, false, 'same key but different texts must not reuse rows');
    assert.equal((await fs.readdir(cacheDirectory)).filter((name) => name.endsWith('.json')).length, 3);
    // Key field order does not matter.
    const reordered = { encoderId: encoder.id, cleaning: { quotes: false, headers: false }, dataFingerprint: 'data-a' };
    assert.equal(
      (await embedTexts({ encoder, texts, cacheKey: reordered, cacheDirectory, progress: silentProgress })).fromCache,
      true,
    );
  });

  it('rejects a key whose encoder id differs from the encoder', async () => {
    const encoder = new CountingEncoder();
    await assert.rejects(
      embedTexts({
        encoder,
        texts,
        cacheKey: { ...keyFor(encoder), encoderId: 'use-lite-512:chars2000' },
        cacheDirectory: directory,
        progress: silentProgress,
      }),
      /cacheKey.encoderId "use-lite-512:chars2000" differs from the encoder's id "hashing-bow:16"/,
    );
  });
});
