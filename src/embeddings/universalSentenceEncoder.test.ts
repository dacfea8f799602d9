import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { silentProgress } from '../util/progress';
import { cosineSimilarity, matrixRow, toTensor2d } from './encoder';
import { embedTexts } from './embeddingCache';
import { UniversalSentenceEncoder, truncateForEncoder, useMaxTokens } from './universalSentenceEncoder';
import { UseTokenizer } from './useTokenizer';

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let index = 0; index < expected.length; index++) {
    assert.ok(
      Math.abs(actual[index] - expected[index]) <= tolerance,
      `${what}[${index}]: ${actual[index]} vs ${expected[index]}`,
    );
  }
}

describe('truncateForEncoder', () => {
  it('collapses whitespace and cuts at the last space near the limit', () => {
    assert.equal(truncateForEncoder('  one\n\ttwo   three ', 100), 'one two three');
    assert.equal(truncateForEncoder('aaaaaaaaa bbbbbbbbb ccccccccc', 21), 'aaaaaaaaa bbbbbbbbb');
  });
  it('cuts mid-word when no space is near the limit, counting code points', () => {
    assert.equal(truncateForEncoder('abcdefghij', 4), 'abcd');
    assert.equal(truncateForEncoder('😀😀😀😀', 2), '😀😀');
  });
});

describe('UseTokenizer', () => {
  const vocabulary: Array<[string, number]> = [
    ['\ufffd', 0],
    ['<s>', 0],
    ['</s>', 0],
    ['x1', 0],
    ['x2', 0],
    ['x3', 0],
    ['\u2581the', -1],
    ['\u2581', -2],
    ['t', -3],
    ['h', -3],
    ['e', -3],
    ['\u2581th', -3],
    ['re', -2],
    ['\u2581there', -4.5],
    ['r', -3],
  ];
  const tokenizer = new UseTokenizer(vocabulary);
  // Expected ids below were checked against the original tokenizer in @energetic-ai/embeddings 0.2.0.
  it('picks the segmentation with the highest total score', () => {
    // "▁there": "▁the" + "re" scores -1 - 2 = -3, better than "▁there" (-4.5) or "▁the" + "r" + "e" (-7).
    assert.deepEqual(tokenizer.encode('there'), [6, 12]);
    assert.deepEqual(tokenizer.encode('the'), [6]);
    const preferWhole = new UseTokenizer(
      vocabulary.map(([piece, score]) => [piece, piece === '\u2581there' ? -2.5 : score]),
    );
    assert.deepEqual(preferWhole.encode('there'), [13]);
  });
  it('keeps the original quirk for positions no piece ends at (unknown, one symbol back)', () => {
    // Without "r" no piece ends after "▁ther"; the original then ties "e" (0 + -3) with "re" and takes the later one.
    const withoutR = new UseTokenizer(vocabulary.slice(0, -1));
    assert.deepEqual(withoutR.encode('there'), [6, 0, 10]);
  });
  it('maps uncovered characters to one merged unknown id', () => {
    assert.deepEqual(tokenizer.encode('the zzz'), [6, 7, 0]);
  });
});

describe('UniversalSentenceEncoder (real USE-lite weights)', () => {
  let encoder: UniversalSentenceEncoder;
  before(async () => {
    await initializeBackend();
    encoder = await UniversalSentenceEncoder.load();
  });
  after(() => encoder?.dispose());

  it('has the documented id and dimension', () => {
    assert.equal(encoder.id, 'use-lite-512:chars2000');
    assert.equal(encoder.dimension, 512);
  });

  it('tokenises as the reference vocabulary does', () => {
    const ids = encoder.tokenize('Hello world.');
    const pieces = ids.map((id) => encoder.tokenizer.vocabulary[id][0]);
    assert.deepEqual(pieces.join(''), '\u2581Hello\u2581world.');
  });

  it('gives unit-norm vectors where paraphrases are closer than unrelated sentences', async () => {
    const sentences = [
      'The cat sat on the mat.',
      'A kitten was sitting on the rug.',
      'Stock markets fell sharply after the interest rate decision.',
      'Shares dropped steeply when the central bank raised rates.',
      'How do I install a new graphics card driver on Windows?',
      '',
    ];
    const vectors = await encoder.encode(sentences);
    const matrix = { data: vectors, rows: sentences.length, columns: 512 };
    for (let row = 0; row < sentences.length; row++) {
      const norm = Math.hypot(...matrixRow(matrix, row));
      assert.ok(Math.abs(norm - 1) < 1e-3, `row ${row} norm ${norm}`);
    }
    const similarity = (first: number, second: number) =>
      cosineSimilarity(matrixRow(matrix, first), matrixRow(matrix, second));
    assert.ok(
      similarity(0, 1) > similarity(0, 2) + 0.2,
      `cat paraphrase ${similarity(0, 1)} vs unrelated ${similarity(0, 2)}`,
    );
    assert.ok(
      similarity(2, 3) > similarity(2, 4) + 0.2,
      `market paraphrase ${similarity(2, 3)} vs unrelated ${similarity(2, 4)}`,
    );
    const tensor = toTensor2d(matrix);
    assert.deepEqual(tensor.shape, [6, 512]);
    tensor.dispose();
  });

  it('is deterministic and does not depend on batch composition', async () => {
    const texts = [
      'Space shuttle launch delayed again.',
      'My motorcycle needs new tyres.',
      'God and the problem of evil.',
    ];
    const together = await encoder.encode(texts);
    const again = await encoder.encode(texts);
    assert.deepEqual(again, together);
    const alone = await encoder.encode([texts[1]]);
    const row = together.subarray(512, 1024);
    for (let index = 0; index < 512; index++) assert.ok(Math.abs(alone[index] - row[index]) < 1e-4);
  });

  it('reads only the first 128 tokens, and maxWindows averages consecutive 128-token windows', async () => {
    const words = ['hockey', 'goalie', 'playoffs', 'season', 'windows', 'driver', 'install', 'graphics'];
    const text = Array.from({ length: 170 }, (_, index) => words[(index * 5) % 8] + (index > 120 ? ' card' : '')).join(
      ' ',
    );
    const ids = encoder.tokenize(text);
    assert.ok(ids.length > 2 * useMaxTokens && ids.length < 3 * useMaxTokens, `${ids.length} tokens`);
    const [all, first128, first100] = [
      await encoder.runModel([ids]),
      await encoder.runModel([ids.slice(0, 128)]),
      await encoder.runModel([ids.slice(0, 100)]),
    ];
    assertClose(all, first128, 1e-5, 'tokens after 128 are ignored by the graph');
    assert.ok(cosineSimilarity(first100, first128) < 0.999, 'tokens 100-127 still count');
    assert.equal(encoder.windows(text).length, 1);

    const windowed = await UniversalSentenceEncoder.load({ maxWindows: 2 });
    try {
      assert.equal(windowed.id, 'use-lite-512:chars4000:windows2');
      assert.deepEqual(windowed.windows(text), [ids.slice(0, 128), ids.slice(128, 256)]);
      const [vector, shortVector] = [await windowed.encode([text]), await windowed.encode(['Hello world.'])];
      const second = await encoder.runModel([ids.slice(128, 256)]);
      const sum = first128.map((value, index) => value + second[index]);
      const norm = Math.hypot(...sum);
      assertClose(
        vector,
        sum.map((value) => value / norm),
        1e-5,
        'mean of two windows, unit length',
      );
      assertClose(shortVector, await encoder.encode(['Hello world.']), 1e-6, 'a one-window text is unchanged');
    } finally {
      windowed.dispose();
    }
  });

  it('embeds ~20 texts through the cache, then reads them back', async () => {
    const directory = await fs.mkdtemp(path.join(tmpdir(), 'hkd-use-cache-'));
    try {
      const texts = Array.from(
        { length: 20 },
        (_, index) =>
          `Post number ${index}: ${['hockey playoffs', 'windows drivers', 'orbit insertion', 'gun laws'][index % 4]} discussion.`,
      );
      const key = { dataFingerprint: 'use-test', cleaning: 'none', encoderId: encoder.id };
      const first = await embedTexts({
        encoder,
        texts,
        cacheKey: key,
        cacheDirectory: directory,
        batchSize: 8,
        chunkSize: 8,
        progress: silentProgress,
      });
      const second = await embedTexts({
        encoder,
        texts,
        cacheKey: key,
        cacheDirectory: directory,
        progress: silentProgress,
      });
      assert.equal(first.fromCache, false);
      assert.equal(second.fromCache, true);
      assert.deepEqual(second.data, first.data);
      const direct = await encoder.encode(texts);
      for (let index = 0; index < direct.length; index++) assert.ok(Math.abs(direct[index] - first.data[index]) < 1e-4);
      // Same topic (rows 0 and 4) closer than different topics (rows 0 and 1).
      const row = (index: number) => first.data.subarray(index * 512, (index + 1) * 512);
      assert.ok(cosineSimilarity(row(0), row(4)) > cosineSimilarity(row(0), row(1)));
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });
});
