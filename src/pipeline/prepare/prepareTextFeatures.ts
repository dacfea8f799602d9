import * as path from 'node:path';
import type { PreparedNewsgroups } from '../../data';
import { createEncoder, embedTexts, type EmbeddingCacheKey, type Encoder, type EncoderSpec } from '../../embeddings';
import { buildTextFeatures, type SplitName, type TextFeaturesSpec } from '../../features';
import type { FloatMatrix } from '../../tensors/matrix';
import { dataDirectory } from '../../util/paths';
import type { ProgressListener } from '../../util/progress';
import type { FeaturesConfig } from '../../config/types';

/**
 * The embedding-cache key of one prepared split: the same key wherever the split is
 * embedded (pipeline, notebooks), so the matrix is computed once.
 */
export function newsgroupsEmbeddingKey(
  newsgroups: PreparedNewsgroups,
  split: 'train' | 'validation' | 'test',
  encoderId: string,
): EmbeddingCacheKey {
  return {
    dataFingerprint: `${newsgroups.fingerprint}:${split}`,
    cleaning: { recipe: 'paper1', remove: [...newsgroups.options.remove], deduplicate: newsgroups.options.deduplicate },
    encoderId,
  };
}

/** The features of the three splits of a text data set, built from one features config. */
export interface PreparedTextFeatures {
  train: FloatMatrix;
  validation: FloatMatrix;
  test: FloatMatrix;
  /** e.g. `use-lite`, `tfidf-chi2:5000:<hash>`, `concat(tfidf-chi2:5000:<hash>,use-lite)`. */
  featuresId: string;
  /** Seconds spent on each part (embedding, or TF-IDF fit + transform of all splits), by part id. */
  seconds: Record<string, number>;
}

/** Options of {@link prepareTextFeatures}. */
export interface PrepareTextFeaturesOptions {
  progress?: ProgressListener;
  log: (line: string) => void;
  /** Fitted TF-IDF models are cached here (default `<data>/features`). */
  modelCacheDirectory?: string;
}

/** Where fitted TF-IDF models are cached: `<data directory>/features`. */
export function defaultTfidfCacheDirectory(): string {
  return path.join(dataDirectory(), 'features');
}

/**
 * Builds a text features config (`encoder`, `tfidf` or `concat`) for prepared 20 Newsgroups
 * splits through {@link buildTextFeatures}: TF-IDF is fitted on the training texts and
 * fine labels only (cached by data fingerprint and options), encoder parts are embedded
 * with the on-disk embedding cache (one encoder per distinct spec, splits embedded one at
 * a time so progress lines stay readable).
 */
export async function prepareTextFeatures(
  features: FeaturesConfig,
  newsgroups: PreparedNewsgroups,
  options: PrepareTextFeaturesOptions,
): Promise<PreparedTextFeatures> {
  if (features.kind === 'pixels')
    throw new Error('features.kind "pixels" does not apply to a text data set (use "encoder", "tfidf" or "concat")');
  const encoders = new Map<string, Encoder>();
  let queue: Promise<unknown> = Promise.resolve();
  const embed = (part: Extract<TextFeaturesSpec, { kind: 'encoder' }>, split: SplitName) => {
    const run = async () => {
      const key = JSON.stringify(part.encoder);
      let encoder = encoders.get(key);
      if (!encoder) {
        encoder = await createEncoder(part.encoder as EncoderSpec);
        encoders.set(key, encoder);
      }
      const matrix = await embedTexts({
        encoder,
        texts: newsgroups[split].texts,
        cacheKey: newsgroupsEmbeddingKey(newsgroups, split, encoder.id),
        progress: options.progress,
        label: `embed ${split} (${encoder.id})`,
      });
      options.log(`embeddings ${split}: ${matrix.rows} x ${matrix.columns}${matrix.fromCache ? ' (from cache)' : ''}`);
      return { matrix: { data: matrix.data, rows: matrix.rows, columns: matrix.columns }, id: encoder.id };
    };
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  };
  try {
    const built = await buildTextFeatures(
      features as TextFeaturesSpec,
      {
        train: { texts: newsgroups.train.texts, labels: newsgroups.train.labels },
        validation: { texts: newsgroups.validation.texts },
        test: { texts: newsgroups.test.texts },
      },
      {
        embed,
        modelCacheDirectory: options.modelCacheDirectory ?? defaultTfidfCacheDirectory(),
        dataFingerprint: newsgroups.fingerprint,
      },
    );
    for (const [part, seconds] of Object.entries(built.seconds)) {
      if (part.startsWith('tfidf'))
        options.log(`features ${part}: ${built.train.columns} columns, fitted and applied in ${seconds.toFixed(1)} s`);
    }
    return {
      train: built.train,
      validation: built.validation,
      test: built.test,
      featuresId: built.featuresId,
      seconds: built.seconds,
    };
  } finally {
    for (const encoder of encoders.values()) encoder.dispose();
  }
}
