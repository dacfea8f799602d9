import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { sklearnTfidfReference as reference } from './fixtures/sklearnTfidfReference';
import { chiSquaredScores, selectTopK } from './chiSquared';
import { concatFeatures } from './concat';
import { fitTfidf, tfidfColumnNames, transformTfidf, type FloatMatrix, type TfidfOptions } from './tfidf';
import { loadTfidfModel, saveTfidfModel } from './tfidfModelFile';
import { tokenize } from './tokenizer';
import { buildTextFeatures, validateTextFeaturesSpec, type TextFeaturesSpec } from './textFeatures';

function rowsOf(matrix: FloatMatrix): number[][] {
  return Array.from({ length: matrix.rows }, (_, row) =>
    Array.from(matrix.data.subarray(row * matrix.columns, (row + 1) * matrix.columns)),
  );
}

function assertClose(actual: number[][], expected: number[][], what: string, tolerance = 1e-6): void {
  assert.equal(actual.length, expected.length, `${what}: row count`);
  actual.forEach((row, rowIndex) => {
    assert.equal(row.length, expected[rowIndex].length, `${what}: row ${rowIndex} length`);
    row.forEach((value, column) =>
      assert.ok(
        Math.abs(value - expected[rowIndex][column]) <= tolerance,
        `${what}[${rowIndex}][${column}] = ${value}, sklearn ${expected[rowIndex][column]}`,
      ),
    );
  });
}

const none = { kind: 'none' } as const;
const cases: Array<[keyof typeof reference.cases, TfidfOptions]> = [
  ['sublinear', { sublinearTf: true, reduction: none }],
  ['rawCountsMinDf2', { sublinearTf: false, smoothIdf: false, minDocumentFrequency: 2, reduction: none }],
  ['maxDf', { sublinearTf: true, maxDocumentFrequency: 0.5, reduction: none }],
];

for (const [name, options] of cases) {
  test(`TF-IDF equals scikit-learn TfidfVectorizer (${name}): vocabulary, idf, train and test rows`, () => {
    const expected = reference.cases[name];
    const model = fitTfidf(reference.train, reference.trainLabels, options);
    assert.deepEqual(model.vocabulary, expected.vocabulary);
    assertClose([model.idf], [expected.idf], 'idf', 1e-12);
    assertClose(rowsOf(transformTfidf(model, reference.train)), expected.trainRows, 'train rows');
    assertClose(rowsOf(transformTfidf(model, reference.test)), expected.testRows, 'test rows');
  });
}

test('chi-squared scores and SelectKBest columns equal scikit-learn (chi2 on the TF-IDF matrix)', () => {
  const expected = reference.cases.sublinear;
  const model = fitTfidf(reference.train, reference.trainLabels, { reduction: none });
  const train = transformTfidf(model, reference.train);
  const sparse = rowsOf(train).map((row) => {
    const columns = row.flatMap((value, column) => (value !== 0 ? [column] : []));
    return { columns, values: columns.map((column) => row[column]) };
  });
  const scores = chiSquaredScores(sparse, reference.trainLabels, train.columns, 3);
  assertClose([Array.from(scores)], [expected.chi2Scores], 'chi2 scores', 1e-5);
  assert.deepEqual(selectTopK(scores, expected.selectK), expected.selected);
  // Fitting with the chi2 reduction selects the same columns and gives sklearn's rows ...
  const selectedRaw = fitTfidf(reference.train, reference.trainLabels, {
    reduction: { kind: 'chi2', dimension: 5 },
    normalizeAfterReduction: false,
  });
  assert.deepEqual(selectedRaw.selected, expected.selected);
  assert.deepEqual(
    tfidfColumnNames(selectedRaw),
    expected.selected.map((column) => expected.vocabulary[column]),
  );
  assertClose(rowsOf(transformTfidf(selectedRaw, reference.test)), expected.testSelectedRows, 'SelectKBest rows');
  // ... and, renormalised (the default), sklearn's Normalizer() after SelectKBest.
  const selected = fitTfidf(reference.train, reference.trainLabels, { reduction: { kind: 'chi2', dimension: 5 } });
  assertClose(rowsOf(transformTfidf(selected, reference.test)), expected.testSelectedNormalizedRows, 'normalised rows');
});

test('chi-squared by hand on a 4-sample case; SelectKBest tie and NaN rules', () => {
  // 4 samples, classes [0, 0, 1, 1]; feature 0 = 1 in the class-0 samples only; feature 1 = 1 everywhere.
  const rows = [
    { columns: [0, 1], values: [1, 1] },
    { columns: [0, 1], values: [1, 1] },
    { columns: [1], values: [1] },
    { columns: [1], values: [1] },
  ];
  const scores = chiSquaredScores(rows, [0, 0, 1, 1], 2, 2);
  // Feature 0: observed [2, 0], expected [1, 1] -> (1)^2/1 + (1)^2/1 = 2. Feature 1: observed = expected -> 0.
  assert.deepEqual(Array.from(scores), [2, 0]);
  assert.throws(() => chiSquaredScores([{ columns: [0], values: [-1] }], [0], 1, 1), /non-negative/);
  assert.deepEqual(selectTopK([1, 3, 3, Number.NaN], 2), [1, 2]);
  assert.deepEqual(selectTopK([5, 5, 5], 1), [2], 'ties: the higher index wins, as SelectKBest');
  assert.throws(() => selectTopK([1, 2], 3), /exceeds the 2 available/);
});

test('the vocabulary is fitted on the training texts only: a word seen only in test texts gets no column', () => {
  const model = fitTfidf(reference.train, reference.trainLabels, { reduction: none });
  assert.ok(!model.vocabulary.includes('unseenword'));
  assert.ok(!model.vocabulary.includes('zzz'));
  const test = transformTfidf(model, ['unseenword zzz', 'unseenword rocket']);
  assert.equal(test.columns, model.vocabulary.length);
  assert.ok(
    rowsOf(test)[0].every((value) => value === 0),
    'a text of unseen words is a zero row',
  );
  const rocket = model.vocabulary.indexOf('rocket');
  assert.ok(Math.abs(rowsOf(test)[1][rocket] - 1) < 1e-6, 'the only known word carries the whole unit norm');
});

test('tokenizer: lower case, a-z0-9 runs, tokens shorter than 2 dropped (sklearn default pattern)', () => {
  assert.deepEqual(tokenize('The e-mail of X, 2 GB of RAM!'), ['the', 'mail', 'of', 'gb', 'of', 'ram']);
  assert.deepEqual(tokenize('a b cd', 1), ['a', 'b', 'cd']);
});

test('fit is deterministic and the model round-trips through JSON (cache) with its id checked', async () => {
  const options: TfidfOptions = { reduction: { kind: 'chi2', dimension: 6 } };
  const first = fitTfidf(reference.train, reference.trainLabels, options);
  const second = fitTfidf([...reference.train], [...reference.trainLabels], options);
  assert.deepEqual(second, first);
  assert.match(first.id, /^[0-9a-f]{12}$/);
  const directory = await mkdtemp(path.join(tmpdir(), 'hkd-tfidf-'));
  try {
    const file = path.join(directory, 'model.json');
    await saveTfidfModel(file, first);
    const loaded = await loadTfidfModel(file);
    assert.deepEqual(transformTfidf(loaded, reference.test), transformTfidf(first, reference.test));
    const edited = JSON.parse(await readFile(file, 'utf8'));
    edited.idf[0] += 1;
    await writeFile(file, JSON.stringify(edited));
    await assert.rejects(loadTfidfModel(file), /does not match the stored id/);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('hashing reduction: dense size fixed, rows unit norm, deterministic', () => {
  const model = fitTfidf(reference.train, reference.trainLabels, { reduction: { kind: 'hashing', dimension: 8 } });
  const features = transformTfidf(model, reference.test);
  assert.equal(features.columns, 8);
  const norms = rowsOf(features).map((row) => Math.hypot(...row));
  assert.ok(
    norms.every((norm) => Math.abs(norm - 1) < 1e-6),
    `norms ${norms}`,
  );
  assert.deepEqual(
    Array.from(transformTfidf(model, ['unseenword zzz']).data),
    new Array(8).fill(0),
    'unknown words only: a zero row',
  );
  assert.deepEqual(transformTfidf(model, reference.test), features);
});

test('bad options and inputs give specific errors', () => {
  assert.throws(() => fitTfidf(['a b'], [0, 1]), /1 training texts but 2 labels/);
  assert.throws(
    () => fitTfidf(reference.train, reference.trainLabels, { minDocumentFrequency: 0 }),
    /minDocumentFrequency must be a positive integer/,
  );
  assert.throws(
    () => fitTfidf(reference.train, reference.trainLabels, { maxDocumentFrequency: 2 }),
    /maxDocumentFrequency must be a fraction/,
  );
  assert.throws(
    () => fitTfidf(reference.train, reference.trainLabels, { reduction: { kind: 'chi2', dimension: 10_000 } }),
    /exceeds the \d+ available features/,
  );
  assert.throws(
    () => fitTfidf(reference.train, reference.trainLabels, { minDocumentFrequency: 100 }),
    /no term of the 8 training texts/,
  );
});

test('concatFeatures joins rows block by block with per-block scales', () => {
  const a = { data: Float32Array.from([1, 2, 3, 4]), rows: 2, columns: 2 };
  const b = { data: Float32Array.from([5, 6]), rows: 2, columns: 1 };
  assert.deepEqual(Array.from(concatFeatures([a, b]).data), [1, 2, 5, 3, 4, 6]);
  const scaled = concatFeatures([a, b], { scales: [1, 0.5] });
  assert.deepEqual({ ...scaled, data: Array.from(scaled.data) }, { data: [1, 2, 2.5, 3, 4, 3], rows: 2, columns: 3 });
  assert.throws(
    () => concatFeatures([a, { ...b, rows: 1, data: Float32Array.from([1]) }]),
    /block 1 has 1 rows, block 0 has 2/,
  );
  assert.throws(() => concatFeatures([a, b], { scales: [1] }), /2 blocks but 1 scales/);
});

test('buildTextFeatures: tfidf alone, concat with an encoder part, model cache, spec errors', async () => {
  const splits = {
    train: { texts: reference.train, labels: reference.trainLabels },
    validation: { texts: reference.test.slice(0, 2) },
    test: { texts: reference.test },
  };
  const alone = await buildTextFeatures({ kind: 'tfidf', dimension: 5, normalizeAfterReduction: false }, splits);
  assert.match(alone.featuresId, /^tfidf-chi2:5:[0-9a-f]{12}$/);
  assertClose(rowsOf(alone.test), reference.cases.sublinear.testSelectedRows, 'tfidf part');
  const embedded: string[] = [];
  const embed = async (_part: unknown, split: string) => {
    embedded.push(split);
    const rows = split === 'train' ? 8 : split === 'validation' ? 2 : 3;
    return { matrix: { data: new Float32Array(rows * 2).fill(1), rows, columns: 2 }, id: 'fake-encoder' };
  };
  const directory = await mkdtemp(path.join(tmpdir(), 'hkd-features-'));
  try {
    const spec: TextFeaturesSpec = {
      kind: 'concat',
      parts: [
        { kind: 'tfidf', dimension: 5, normalizeAfterReduction: false },
        { kind: 'encoder', encoder: { kind: 'fake' } },
      ],
      scales: [1, 0.5],
    };
    const joined = await buildTextFeatures(spec, splits, {
      embed,
      modelCacheDirectory: directory,
      dataFingerprint: 'fixture',
    });
    assert.equal(joined.featuresId, `concat(${alone.featuresId},fake-encoder)`);
    assert.deepEqual([joined.train.columns, joined.validation.rows, joined.test.rows], [7, 2, 3]);
    assertClose(
      rowsOf(joined.test).map((row) => row.slice(0, 5)),
      reference.cases.sublinear.testSelectedRows,
      'concat, tfidf block',
    );
    assert.deepEqual(
      rowsOf(joined.test).map((row) => row.slice(5)),
      [
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    );
    assert.deepEqual(embedded.sort(), ['test', 'train', 'validation']);
    const cached = await buildTextFeatures(spec, splits, {
      embed,
      modelCacheDirectory: directory,
      dataFingerprint: 'fixture',
    });
    assert.deepEqual(cached.tfidfModels, joined.tfidfModels, 'second call reads the cached model');
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  assert.throws(
    () => validateTextFeaturesSpec({ kind: 'tfidf', dimension: 0 }),
    /features\.dimension must be a positive integer/,
  );
  assert.throws(
    () =>
      validateTextFeaturesSpec({
        kind: 'concat',
        parts: [{ kind: 'tfidf', dimension: 5 }, { kind: 'bogus' } as never],
      }),
    /features\.parts\[1\]\.kind must be/,
  );
  await assert.rejects(buildTextFeatures({ kind: 'encoder', encoder: {} }, splits), /needs options\.embed/);
});
