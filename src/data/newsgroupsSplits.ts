import { createHash } from 'node:crypto';
import type { EnsureDataFileOptions } from './download';
import type { NewsgroupPart } from './newsgroupStripping';
import { loadNewsgroups } from './newsgroups';
import { stratifiedSplit } from './split';
import { type CleaningCounts, cleanDocuments } from './textCleaning';

/**
 * How duplicates are removed: `across` (default) dedupes the training set, then the test set
 * within itself and against the training set; `within` dedupes each subset on its own;
 * `none` keeps duplicates (empty documents are removed in every mode).
 */
export type DeduplicationMode = 'across' | 'within' | 'none';

/** Options of {@link prepareNewsgroups}. */
export interface PrepareNewsgroupsOptions extends EnsureDataFileOptions {
  /** Parts stripped before cleaning; default headers, footers and quotes (reproduces paper 1's counts). */
  remove?: readonly NewsgroupPart[];
  /** Share of the cleaned training set held out for validation; default 0.2. */
  validationFraction?: number;
  /** Seed of the stratified split; default 42. */
  seed?: number;
  deduplicate?: DeduplicationMode;
  /** Smoke setting: keep only the first N documents of each class in each split. */
  limitPerClass?: number;
}

/** One split of the prepared data. */
export interface NewsgroupsSplit {
  /** Cleaned texts (lower case, a-z0-9 and single spaces). */
  texts: string[];
  /** Fine labels 0..19. */
  labels: number[];
  /** The texts after stripping, before cleaning. */
  rawTexts: string[];
  /** Archive paths of the posts. */
  fileNames: string[];
}

/** Document counts at each step. */
export interface NewsgroupsCounts {
  train: CleaningCounts;
  test: CleaningCounts;
  /** Sizes of the final splits (after `limitPerClass`). */
  sizes: { train: number; validation: number; test: number };
}

/** The prepared 20 Newsgroups splits. */
export interface PreparedNewsgroups {
  train: NewsgroupsSplit;
  validation: NewsgroupsSplit;
  test: NewsgroupsSplit;
  labelNames: string[];
  counts: NewsgroupsCounts;
  /** The options as applied (defaults filled in). */
  options: Required<Pick<PrepareNewsgroupsOptions, 'remove' | 'validationFraction' | 'seed' | 'deduplicate'>> & {
    limitPerClass?: number;
  };
  /** sha256 over the options and the texts and labels of all three splits: a cache key for embeddings. */
  fingerprint: string;
}

/** Version of the preparation recipe, part of the fingerprint; bump it when the recipe changes. */
const recipeVersion = 'newsgroups-splits-v1';

function pick(split: NewsgroupsSplit, indices: readonly number[]): NewsgroupsSplit {
  return {
    texts: indices.map((index) => split.texts[index]),
    labels: indices.map((index) => split.labels[index]),
    rawTexts: indices.map((index) => split.rawTexts[index]),
    fileNames: indices.map((index) => split.fileNames[index]),
  };
}

/** The first `limit` documents of each class, in their order. */
function limitEachClass(split: NewsgroupsSplit, limit: number): NewsgroupsSplit {
  const taken = new Map<number, number>();
  const indices: number[] = [];
  split.labels.forEach((label, index) => {
    const count = taken.get(label) ?? 0;
    if (count < limit) indices.push(index);
    taken.set(label, count + 1);
  });
  return pick(split, indices);
}

/**
 * Loads 20 Newsgroups and prepares paper 1's splits: strip (default headers, footers, quotes,
 * with scikit-learn's cleaners), clean (lower case, a-z0-9 only, whitespace collapsed), drop
 * empty and duplicate documents, then hold out a stratified, seeded validation share of the
 * training set. With the defaults this gives 8,765 train / 2,192 validation / 7,274 test, the
 * counts paper 1 reports.
 */
export async function prepareNewsgroups(options: PrepareNewsgroupsOptions = {}): Promise<PreparedNewsgroups> {
  const remove = options.remove ?? ['headers', 'footers', 'quotes'];
  const validationFraction = options.validationFraction ?? 0.2;
  const seed = options.seed ?? 42;
  const deduplicate = options.deduplicate ?? 'across';
  const limitPerClass = options.limitPerClass;
  if (!['across', 'within', 'none'].includes(deduplicate)) {
    throw new Error(`deduplicate must be across, within or none; got "${deduplicate}"`);
  }
  if (limitPerClass !== undefined && !(Number.isInteger(limitPerClass) && limitPerClass > 0)) {
    throw new Error(`limitPerClass must be a positive integer, got ${limitPerClass}`);
  }

  const rawTrain = await loadNewsgroups({ ...options, subset: 'train', remove });
  const rawTest = await loadNewsgroups({ ...options, subset: 'test', remove });
  const cleanedTrain = cleanDocuments(rawTrain.texts, rawTrain.labels, { deduplicate: deduplicate !== 'none' });
  const cleanedTest = cleanDocuments(rawTest.texts, rawTest.labels, {
    deduplicate: deduplicate !== 'none',
    reference: deduplicate === 'across' ? cleanedTrain.texts : undefined,
  });
  const toSplit = (cleaned: typeof cleanedTrain, raw: typeof rawTrain): NewsgroupsSplit => ({
    texts: cleaned.texts,
    labels: cleaned.labels,
    rawTexts: cleaned.keptIndices.map((index) => raw.texts[index]),
    fileNames: cleaned.keptIndices.map((index) => raw.fileNames[index]),
  });
  const fullTrain = toSplit(cleanedTrain, rawTrain);
  const { trainIndices, validationIndices } = stratifiedSplit(fullTrain.labels, validationFraction, seed);
  let train = pick(fullTrain, trainIndices);
  let validation = pick(fullTrain, validationIndices);
  let test = toSplit(cleanedTest, rawTest);
  if (limitPerClass !== undefined) {
    train = limitEachClass(train, limitPerClass);
    validation = limitEachClass(validation, limitPerClass);
    test = limitEachClass(test, limitPerClass);
  }

  const applied = {
    remove: [...remove],
    validationFraction,
    seed,
    deduplicate,
    ...(limitPerClass !== undefined ? { limitPerClass } : {}),
  };
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ recipeVersion, ...applied }));
  for (const [name, split] of [
    ['train', train],
    ['validation', validation],
    ['test', test],
  ] as const) {
    hash.update(`\n#${name} ${split.texts.length}\n`);
    split.texts.forEach((text, index) => hash.update(`${split.labels[index]}\t${text}\n`));
  }

  return {
    train,
    validation,
    test,
    labelNames: rawTrain.labelNames,
    counts: {
      train: cleanedTrain.counts,
      test: cleanedTest.counts,
      sizes: { train: train.texts.length, validation: validation.texts.length, test: test.texts.length },
    },
    options: applied,
    fingerprint: hash.digest('hex'),
  };
}

/** A few lines describing what was removed and the final split sizes, for logs and notebooks. */
export function describeCounts(counts: NewsgroupsCounts): string {
  const describe = (name: string, subset: CleaningCounts) =>
    `${name}: ${subset.input} posts -> ${subset.kept} kept (removed ${subset.empty} empty, ` +
    `${subset.duplicateWithin} duplicates within` +
    (subset.duplicateOfReference > 0 ? `, ${subset.duplicateOfReference} duplicates of training posts` : '') +
    (subset.duplicateLabelConflicts > 0 ? `; ${subset.duplicateLabelConflicts} duplicates had another label` : '') +
    ')';
  const { train, validation, test } = counts.sizes;
  return [
    describe('train', counts.train),
    describe('test', counts.test),
    `splits: train ${train}, validation ${validation}, test ${test}`,
  ].join('\n');
}
