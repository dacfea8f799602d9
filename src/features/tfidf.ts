import { createHash } from 'node:crypto';
import { fnv1a } from '../embeddings/hashingEncoder';
import { chiSquaredScores, selectTopK } from './chiSquared';
import { termCounts } from './tokenizer';

/** A row-major matrix of floats (the same shape as src/training's FloatMatrix). */
export interface FloatMatrix {
  data: Float32Array;
  rows: number;
  columns: number;
}

/** How the TF-IDF vector (one column per vocabulary term) is reduced to a dense size. */
export type TfidfReduction =
  /** Keep the `dimension` terms with the highest chi-squared score against the training labels. */
  | { kind: 'chi2'; dimension: number }
  /** Signed feature hashing of every vocabulary term into `dimension` buckets (FNV-1a, as HashingEncoder). */
  | { kind: 'hashing'; dimension: number }
  /** No reduction: one column per vocabulary term. */
  | { kind: 'none' };

/**
 * Options of {@link fitTfidf}. Defaults equal scikit-learn's `TfidfVectorizer()` except
 * `sublinearTf` (true here; sklearn false) and the reduction step (sklearn has none).
 */
export interface TfidfOptions {
  /** Drop terms in fewer training documents than this (sklearn `min_df` as an int; default 1). */
  minDocumentFrequency?: number;
  /** Drop terms in more than this fraction of training documents (sklearn `max_df` as a float; default 1). */
  maxDocumentFrequency?: number;
  /** Keep at most this many terms, the most frequent over the training corpus (sklearn `max_features`; default all). */
  maxVocabulary?: number;
  /** tf = 1 + ln(count) instead of count (sklearn `sublinear_tf`; default TRUE here). */
  sublinearTf?: boolean;
  /** idf = ln((1 + n) / (1 + df)) + 1 when true, ln(n / df) + 1 when false (sklearn `smooth_idf`; default true). */
  smoothIdf?: boolean;
  /** Divide each row by its L2 norm over the whole vocabulary (sklearn `norm='l2'`; default true). */
  l2Normalize?: boolean;
  /** Shortest token kept (default 2: sklearn's default token pattern). */
  minTokenLength?: number;
  /** Default `{ kind: 'chi2', dimension: 2000 }`. */
  reduction?: TfidfReduction;
  /** L2-normalise each row again after the reduction (default true; false equals sklearn's TfidfVectorizer -> SelectKBest). */
  normalizeAfterReduction?: boolean;
}

/** The resolved options (every default filled in), stored in the model. */
export type ResolvedTfidfOptions = Required<TfidfOptions>;

/** A fitted TF-IDF model: plain JSON (cache it with saveTfidfModel). */
export interface TfidfModel {
  format: 'hkd-tfidf-1';
  options: ResolvedTfidfOptions;
  /** Training documents the vocabulary and idf were fitted on. */
  documentCount: number;
  /** Every kept training term, sorted (the TF-IDF columns before the reduction). */
  vocabulary: string[];
  /** idf of each vocabulary term. */
  idf: number[];
  /** chi2: the vocabulary indices kept, ascending (output column j = vocabulary[selected[j]]). */
  selected?: number[];
  /** chi2: the score of each selected term (same order as `selected`). */
  selectedScores?: number[];
  /** Output columns of {@link transformTfidf}. */
  dimension: number;
  /** Short content hash (options + vocabulary + selection): part of cache keys and run records. */
  id: string;
}

/** Fills in the defaults and checks every option (a clear error names the bad one). */
export function resolveTfidfOptions(options: TfidfOptions = {}): ResolvedTfidfOptions {
  const resolved: ResolvedTfidfOptions = {
    minDocumentFrequency: options.minDocumentFrequency ?? 1,
    maxDocumentFrequency: options.maxDocumentFrequency ?? 1,
    maxVocabulary: options.maxVocabulary ?? 0,
    sublinearTf: options.sublinearTf ?? true,
    smoothIdf: options.smoothIdf ?? true,
    l2Normalize: options.l2Normalize ?? true,
    minTokenLength: options.minTokenLength ?? 2,
    reduction: options.reduction ?? { kind: 'chi2', dimension: 2000 },
    normalizeAfterReduction: options.normalizeAfterReduction ?? true,
  };
  const positiveInteger = (value: number, name: string, allowZero = false) => {
    if (!Number.isInteger(value) || value < (allowZero ? 0 : 1))
      throw new Error(
        `TF-IDF option ${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${value}`,
      );
  };
  positiveInteger(resolved.minDocumentFrequency, 'minDocumentFrequency');
  positiveInteger(resolved.maxVocabulary, 'maxVocabulary (0 = no limit)', true);
  positiveInteger(resolved.minTokenLength, 'minTokenLength');
  if (!(resolved.maxDocumentFrequency > 0 && resolved.maxDocumentFrequency <= 1)) {
    throw new Error(
      `TF-IDF option maxDocumentFrequency must be a fraction in (0, 1], got ${resolved.maxDocumentFrequency}`,
    );
  }
  const reduction = resolved.reduction;
  if (reduction.kind === 'chi2' || reduction.kind === 'hashing')
    positiveInteger(reduction.dimension, `reduction.dimension (${reduction.kind})`);
  else if (reduction.kind !== 'none')
    throw new Error(
      `TF-IDF option reduction.kind must be 'chi2', 'hashing' or 'none', got ${JSON.stringify((reduction as { kind: unknown }).kind)}`,
    );
  return resolved;
}

/** One document as sparse TF-IDF: vocabulary columns (ascending) and values. */
interface SparseRow {
  columns: Int32Array;
  values: Float64Array;
}

const vocabularyIndexCache = new WeakMap<TfidfModel, Map<string, number>>();

function vocabularyIndex(model: TfidfModel): Map<string, number> {
  let index = vocabularyIndexCache.get(model);
  if (!index) {
    index = new Map(model.vocabulary.map((term, position) => [term, position]));
    vocabularyIndexCache.set(model, index);
  }
  return index;
}

/** The sparse TF-IDF row of one text over the model's vocabulary (before any reduction). */
function sparseRow(
  text: string,
  options: ResolvedTfidfOptions,
  index: Map<string, number>,
  idf: ArrayLike<number>,
): SparseRow {
  const entries: Array<[number, number]> = [];
  for (const [term, count] of termCounts(text, options.minTokenLength)) {
    const column = index.get(term);
    if (column === undefined) continue;
    const tf = options.sublinearTf ? 1 + Math.log(count) : count;
    entries.push([column, tf * idf[column]]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const values = Float64Array.from(entries, ([, value]) => value);
  if (options.l2Normalize) scaleToUnitNorm(values);
  return { columns: Int32Array.from(entries, ([column]) => column), values };
}

function scaleToUnitNorm(values: Float64Array | Float32Array): void {
  let squares = 0;
  for (const value of values) squares += value * value;
  if (squares === 0) return;
  const scale = 1 / Math.sqrt(squares);
  for (let position = 0; position < values.length; position++) values[position] *= scale;
}

/** The kept vocabulary (sorted) from the training texts' term counts. */
function fitVocabulary(
  documents: Array<Map<string, number>>,
  options: ResolvedTfidfOptions,
): { vocabulary: string[]; documentFrequency: Map<string, number> } {
  const documentFrequency = new Map<string, number>();
  const corpusCount = new Map<string, number>();
  for (const counts of documents) {
    for (const [term, count] of counts) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      corpusCount.set(term, (corpusCount.get(term) ?? 0) + count);
    }
  }
  const maxDocuments = options.maxDocumentFrequency * documents.length;
  let terms = [...documentFrequency]
    .filter(([, frequency]) => frequency >= options.minDocumentFrequency && frequency <= maxDocuments)
    .map(([term]) => term);
  terms.sort();
  if (options.maxVocabulary > 0 && terms.length > options.maxVocabulary) {
    // Most frequent over the corpus; ties keep alphabetical order (stable sort).
    terms = terms
      .map((term, position) => ({ term, position, count: corpusCount.get(term)! }))
      .sort((a, b) => b.count - a.count || a.position - b.position)
      .slice(0, options.maxVocabulary)
      .map(({ term }) => term)
      .sort();
  }
  if (terms.length === 0)
    throw new Error(
      `fitTfidf: no term of the ${documents.length} training texts passes minDocumentFrequency ${options.minDocumentFrequency} and maxDocumentFrequency ${options.maxDocumentFrequency}`,
    );
  return { vocabulary: terms, documentFrequency };
}

/**
 * Fits TF-IDF on the TRAINING texts only: vocabulary (document-frequency bounds, optional
 * size cap), idf, and the reduction (chi-squared selection against `trainLabels`, the fine
 * labels; or hashing). Texts of other splits never enter the fit, so a word seen only there
 * has no column. Deterministic: the same texts and options give the same model.
 */
export function fitTfidf(
  trainTexts: readonly string[],
  trainLabels: ArrayLike<number>,
  options: TfidfOptions = {},
): TfidfModel {
  const resolved = resolveTfidfOptions(options);
  if (trainTexts.length === 0) throw new Error('fitTfidf: no training texts');
  if (trainTexts.length !== trainLabels.length)
    throw new Error(`fitTfidf: ${trainTexts.length} training texts but ${trainLabels.length} labels`);
  const documents = trainTexts.map((text, position) => {
    if (typeof text !== 'string')
      throw new Error(`fitTfidf: training text ${position} is not a string (${typeof text})`);
    return termCounts(text, resolved.minTokenLength);
  });
  const { vocabulary, documentFrequency } = fitVocabulary(documents, resolved);
  const n = documents.length;
  const idf = vocabulary.map((term) => {
    const df = documentFrequency.get(term)!;
    return resolved.smoothIdf ? Math.log((1 + n) / (1 + df)) + 1 : Math.log(n / df) + 1;
  });
  const model: TfidfModel = {
    format: 'hkd-tfidf-1',
    options: resolved,
    documentCount: n,
    vocabulary,
    idf,
    dimension: vocabulary.length,
    id: '',
  };
  const reduction = resolved.reduction;
  if (reduction.kind === 'chi2') {
    const index = vocabularyIndex(model);
    const rows = trainTexts.map((text) => sparseRow(text, resolved, index, idf));
    let classCount = 0;
    for (let position = 0; position < trainLabels.length; position++)
      classCount = Math.max(classCount, trainLabels[position] + 1);
    const scores = chiSquaredScores(rows, trainLabels, vocabulary.length, classCount);
    model.selected = selectTopK(scores, reduction.dimension);
    model.selectedScores = model.selected.map((column) => scores[column]);
    model.dimension = reduction.dimension;
  } else if (reduction.kind === 'hashing') {
    model.dimension = reduction.dimension;
  }
  model.id = tfidfModelHash(model);
  return model;
}

/** Short content hash of a model (everything but `id`). */
export function tfidfModelHash(model: TfidfModel): string {
  const { id: _id, ...content } = model;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12);
}

/** A readable feature id, e.g. `tfidf-chi2:2000:<hash>` (for run records and cache keys). */
export function tfidfFeaturesId(model: TfidfModel): string {
  const reduction = model.options.reduction;
  return `tfidf-${reduction.kind}:${model.dimension}:${model.id}`;
}

/**
 * For each vocabulary term, its output column (-1: dropped) and sign (hashing: +-1 from
 * FNV-1a's low bit, as HashingEncoder; selection and none: +1).
 */
function outputColumns(model: TfidfModel): { column: Int32Array; sign: Float64Array } {
  const column = new Int32Array(model.vocabulary.length).fill(-1);
  const sign = new Float64Array(model.vocabulary.length).fill(1);
  const reduction = model.options.reduction;
  if (model.selected) model.selected.forEach((term, position) => (column[term] = position));
  else if (reduction.kind === 'none') column.forEach((_, term) => (column[term] = term));
  else {
    model.vocabulary.forEach((term, position) => {
      const hash = fnv1a(term);
      column[position] = (hash >>> 1) % model.dimension;
      sign[position] = hash & 1 ? 1 : -1;
    });
  }
  return { column, sign };
}

/**
 * TF-IDF features of `texts` under a fitted model: a dense rows x model.dimension matrix.
 * Terms outside the training vocabulary are ignored; a text with none of the kept terms
 * gives a zero row.
 */
export function transformTfidf(model: TfidfModel, texts: readonly string[]): FloatMatrix {
  if (model?.format !== 'hkd-tfidf-1')
    throw new Error(
      `transformTfidf: not a TF-IDF model (format ${JSON.stringify(model?.format)}, expected "hkd-tfidf-1")`,
    );
  const index = vocabularyIndex(model);
  const { column, sign } = outputColumns(model);
  const renormalize = model.options.reduction.kind !== 'none' && model.options.normalizeAfterReduction;
  const data = new Float32Array(texts.length * model.dimension);
  texts.forEach((text, row) => {
    if (typeof text !== 'string') throw new Error(`transformTfidf: text ${row} is not a string (${typeof text})`);
    const sparse = sparseRow(text, model.options, index, model.idf);
    const output = data.subarray(row * model.dimension, (row + 1) * model.dimension);
    for (let entry = 0; entry < sparse.columns.length; entry++) {
      const term = sparse.columns[entry];
      if (column[term] >= 0) output[column[term]] += sign[term] * sparse.values[entry];
    }
    if (renormalize) scaleToUnitNorm(output);
  });
  return { data, rows: texts.length, columns: model.dimension };
}

/** The output column names: the selected terms (chi2), all terms (none) or `hash:<k>` buckets. */
export function tfidfColumnNames(model: TfidfModel): string[] {
  if (model.selected) return model.selected.map((column) => model.vocabulary[column]);
  if (model.options.reduction.kind === 'none') return [...model.vocabulary];
  return Array.from({ length: model.dimension }, (_, bucket) => `hash:${bucket}`);
}
