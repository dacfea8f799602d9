import * as path from 'node:path';
import { pathExists } from '../util/atomicFile';
import { concatFeatures } from './concat';
import {
  fitTfidf,
  tfidfFeaturesId,
  transformTfidf,
  type FloatMatrix,
  type TfidfModel,
  type TfidfOptions,
} from './tfidf';
import { loadTfidfModel, saveTfidfModel } from './tfidfModelFile';

/**
 * The feature set of a text experiment, as a config value (proposal for the experiment
 * config's `features`): a sentence encoder, TF-IDF, or a row-wise concatenation of parts.
 * `encoder` parts are opaque here: the caller's `embed` computes them (with its cache).
 */
export type TextFeaturesSpec =
  | { kind: 'encoder'; encoder: unknown }
  | ({ kind: 'tfidf' } & TfidfSpec)
  | { kind: 'concat'; parts: TextFeaturesSpec[]; scales?: number[] };

/** TF-IDF in a config: the dense size and how to reach it, plus any {@link TfidfOptions}. */
export interface TfidfSpec extends Omit<TfidfOptions, 'reduction'> {
  dimension: number;
  /** Default 'chi2' (against the fine training labels). */
  reduction?: 'chi2' | 'hashing';
}

/** The texts of the three splits; only the training split's labels are used (chi2). */
export interface SplitTexts {
  train: { texts: readonly string[]; labels: ArrayLike<number> };
  validation: { texts: readonly string[] };
  test: { texts: readonly string[] };
}

export type SplitName = 'train' | 'validation' | 'test';

/** Options of {@link buildTextFeatures}. */
export interface BuildTextFeaturesOptions {
  /** Computes an encoder part of one split (the pipeline's cached embedTexts); needed when the spec has one. */
  embed?: (
    part: Extract<TextFeaturesSpec, { kind: 'encoder' }>,
    split: SplitName,
  ) => Promise<{ matrix: FloatMatrix; id: string }>;
  /** Folder of fitted TF-IDF models, keyed by `cacheKey` and the options: a second call reads the model. */
  modelCacheDirectory?: string;
  /** Identifies the training texts in the cache (e.g. the prepared data's fingerprint); required with modelCacheDirectory. */
  dataFingerprint?: string;
}

/** The built features of the three splits. */
export interface BuiltTextFeatures {
  train: FloatMatrix;
  validation: FloatMatrix;
  test: FloatMatrix;
  /** e.g. `tfidf-chi2:5000:<hash>` or `concat(tfidf-chi2:5000:<hash>,use-lite)`: for run records. */
  featuresId: string;
  /** Seconds spent on each part (fit + transform of all splits, or embedding), by part id. */
  seconds: Record<string, number>;
  /** The fitted TF-IDF models, in spec order. */
  tfidfModels: TfidfModel[];
}

/** Checks a features spec and names the first bad field (`source` prefixes the message). */
export function validateTextFeaturesSpec(spec: TextFeaturesSpec, source = 'features'): void {
  if (spec === null || typeof spec !== 'object')
    throw new Error(`${source} must be an object with a "kind", got ${JSON.stringify(spec)}`);
  if (spec.kind === 'encoder') return;
  if (spec.kind === 'tfidf') {
    if (!Number.isInteger(spec.dimension) || spec.dimension < 1)
      throw new Error(`${source}.dimension must be a positive integer, got ${JSON.stringify(spec.dimension)}`);
    if (spec.reduction !== undefined && spec.reduction !== 'chi2' && spec.reduction !== 'hashing')
      throw new Error(`${source}.reduction must be "chi2" or "hashing", got ${JSON.stringify(spec.reduction)}`);
    return;
  }
  if (spec.kind === 'concat') {
    if (!Array.isArray(spec.parts) || spec.parts.length < 2)
      throw new Error(`${source}.parts must list at least two feature sets`);
    if (
      spec.scales !== undefined &&
      (!Array.isArray(spec.scales) || spec.scales.length !== spec.parts.length || !spec.scales.every(Number.isFinite))
    ) {
      throw new Error(`${source}.scales must be ${spec.parts.length} finite numbers, one per part`);
    }
    spec.parts.forEach((part, index) => validateTextFeaturesSpec(part, `${source}.parts[${index}]`));
    return;
  }
  throw new Error(
    `${source}.kind must be "encoder", "tfidf" or "concat", got ${JSON.stringify((spec as { kind: unknown }).kind)}`,
  );
}

/** The TfidfOptions of a tfidf spec. */
export function tfidfOptionsOf(spec: Extract<TextFeaturesSpec, { kind: 'tfidf' }>): TfidfOptions {
  const { kind: _kind, dimension, reduction, ...rest } = spec;
  return { ...rest, reduction: { kind: reduction ?? 'chi2', dimension } };
}

async function fitOrLoad(
  spec: Extract<TextFeaturesSpec, { kind: 'tfidf' }>,
  splits: SplitTexts,
  options: BuildTextFeaturesOptions,
): Promise<TfidfModel> {
  const tfidfOptions = tfidfOptionsOf(spec);
  if (!options.modelCacheDirectory) return fitTfidf(splits.train.texts, splits.train.labels, tfidfOptions);
  if (!options.dataFingerprint)
    throw new Error(
      'buildTextFeatures: modelCacheDirectory needs dataFingerprint (which training texts the model was fitted on)',
    );
  const { createHash } = await import('node:crypto');
  const key = createHash('sha256')
    .update(JSON.stringify({ data: options.dataFingerprint, options: tfidfOptions }))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(options.modelCacheDirectory, `tfidf-${key}.json`);
  if (await pathExists(file)) return loadTfidfModel(file);
  const model = fitTfidf(splits.train.texts, splits.train.labels, tfidfOptions);
  await saveTfidfModel(file, model);
  return model;
}

/**
 * Builds the features of the three splits from a spec: TF-IDF parts are fitted on the
 * training texts only (and cached when asked), encoder parts come from `embed`, and a
 * concat joins its parts row-wise (optionally scaled).
 */
export async function buildTextFeatures(
  spec: TextFeaturesSpec,
  splits: SplitTexts,
  options: BuildTextFeaturesOptions = {},
): Promise<BuiltTextFeatures> {
  validateTextFeaturesSpec(spec);
  const seconds: Record<string, number> = {};
  const tfidfModels: TfidfModel[] = [];
  const build = async (part: TextFeaturesSpec): Promise<Omit<BuiltTextFeatures, 'seconds' | 'tfidfModels'>> => {
    const started = Date.now();
    if (part.kind === 'tfidf') {
      const model = await fitOrLoad(part, splits, options);
      tfidfModels.push(model);
      const built = {
        train: transformTfidf(model, splits.train.texts),
        validation: transformTfidf(model, splits.validation.texts),
        test: transformTfidf(model, splits.test.texts),
        featuresId: tfidfFeaturesId(model),
      };
      seconds[built.featuresId] = (Date.now() - started) / 1000;
      return built;
    }
    if (part.kind === 'encoder') {
      if (!options.embed) throw new Error('buildTextFeatures: an encoder part needs options.embed');
      const [train, validation, test] = await Promise.all(
        (['train', 'validation', 'test'] as const).map((split) => options.embed!(part, split)),
      );
      seconds[train.id] = (Date.now() - started) / 1000;
      return { train: train.matrix, validation: validation.matrix, test: test.matrix, featuresId: train.id };
    }
    const parts: Array<Omit<BuiltTextFeatures, 'seconds' | 'tfidfModels'>> = [];
    for (const child of part.parts) parts.push(await build(child));
    const join = (split: SplitName) =>
      concatFeatures(
        parts.map((built) => built[split]),
        { scales: part.scales },
      );
    return {
      train: join('train'),
      validation: join('validation'),
      test: join('test'),
      featuresId: `concat(${parts.map((built) => built.featuresId).join(',')})`,
    };
  };
  const built = await build(spec);
  return { ...built, seconds, tfidfModels };
}
