import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { projectRoot } from '../util/paths';
import { cosineSimilarity, createEncoder, HashingEncoder, type EncoderSpec } from './index';
import { fnv1a } from './hashingEncoder';

describe('HashingEncoder', () => {
  it('hashes words with FNV-1a into signed buckets and normalises', async () => {
    assert.equal(fnv1a('a'), 0xe40c292c); // published FNV-1a test vector
    const encoder = new HashingEncoder(8);
    const [vector, empty] = [await encoder.encode(['Hello hello']), await encoder.encode([''])];
    const hash = fnv1a('hello');
    const expected = new Float32Array(8);
    expected[(hash >>> 1) % 8] = hash & 1 ? 1 : -1; // two equal words: 2 * sign, then normalised to +-1
    assert.deepEqual(vector, expected);
    assert.deepEqual(empty, new Float32Array(8));
  });

  it('puts texts sharing words closer together', async () => {
    const vectors = await new HashingEncoder(256).encode([
      'space shuttle launch',
      'the shuttle launch was delayed',
      'hockey playoff tickets',
    ]);
    const row = (index: number) => vectors.subarray(index * 256, (index + 1) * 256);
    assert.ok(cosineSimilarity(row(0), row(1)) > cosineSimilarity(row(0), row(2)));
  });
});

describe('createEncoder', () => {
  before(async () => {
    await initializeBackend();
  });

  it('builds each kind with the documented ids', async () => {
    const tinyBert = path.join(projectRoot, 'src', 'embeddings', 'fixtures', 'tiny-bert');
    const specs: Array<[EncoderSpec, string, number]> = [
      [{ kind: 'hashing', dimension: 64 }, 'hashing-bow:64', 64],
      [{ kind: 'use-lite' }, 'use-lite-512:chars2000', 512],
      [{ kind: 'use-lite', maxCharacters: 500 }, 'use-lite-512:chars500', 512],
      [{ kind: 'use-lite', maxWindows: 3 }, 'use-lite-512:chars6000:windows3', 512],
      [
        { kind: 'transformers', model: tinyBert, pooling: 'mean', maxLength: 32 },
        `transformers:${tinyBert}:mean:32`,
        32,
      ],
    ];
    for (const [spec, id, dimension] of specs) {
      const encoder = await createEncoder(spec);
      try {
        assert.equal(encoder.id, id);
        assert.equal(encoder.dimension, dimension);
        const vectors = await encoder.encode(['one text', 'another text']);
        assert.equal(vectors.length, 2 * dimension);
      } finally {
        encoder.dispose();
      }
    }
  });

  it('rejects an unknown kind', async () => {
    await assert.rejects(
      createEncoder({ kind: 'word2vec' } as unknown as EncoderSpec),
      /unknown encoder kind "word2vec"/,
    );
  });
});
