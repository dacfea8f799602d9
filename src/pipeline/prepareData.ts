import { prepareNewsgroups, type PreparedNewsgroups } from '../data';
import { createEncoder, embedTexts, type EmbeddingCacheKey } from '../embeddings';
import { hierarchyByName, loadHierarchyFile, toCoarseLabels, type LabelHierarchy } from '../hierarchy';
import type { FloatMatrix } from '../training';
import { consoleProgress, type ProgressListener } from '../util/progress';
import type { NewsgroupsExperimentConfig } from './experimentConfig';

/** One split ready for training: features and both label levels. */
export interface PreparedSplit {
  x: FloatMatrix;
  fineLabels: number[];
  coarseLabels: number[];
}

/**
 * What every training in an experiment consumes, whatever the data set or encoder:
 * a plug-in point (Fashion-MNIST pixels or other encoders produce the same shape).
 */
export interface PreparedExperimentData {
  train: PreparedSplit;
  validation: PreparedSplit;
  test: PreparedSplit;
  fineLabelNames: string[];
  hierarchy: LabelHierarchy;
  inputDimension: number;
  /** Identifies the features: data fingerprint + encoder (recorded in every run). */
  featuresId: { dataFingerprint: string; encoderId: string };
  /** Document counts after each preparation step (for the printout). */
  sizes: { train: number; validation: number; test: number };
  /** The prepared texts (kept for notebooks and error analysis). */
  newsgroups?: PreparedNewsgroups;
}

/** A built-in hierarchy by name, or a JSON hierarchy file. */
export async function resolveHierarchy(nameOrPath: string, fineLabelNames: string[]): Promise<LabelHierarchy> {
  if (nameOrPath.endsWith('.json')) return loadHierarchyFile(nameOrPath, fineLabelNames);
  return hierarchyByName(nameOrPath);
}

/**
 * The embedding-cache key of one prepared split: the same key wherever the split is
 * embedded (pipeline, notebooks), so the matrix is computed once.
 */
export function newsgroupsEmbeddingKey(newsgroups: PreparedNewsgroups, split: 'train' | 'validation' | 'test', encoderId: string): EmbeddingCacheKey {
  return {
    dataFingerprint: `${newsgroups.fingerprint}:${split}`,
    cleaning: { recipe: 'paper1', remove: [...newsgroups.options.remove], deduplicate: newsgroups.options.deduplicate },
    encoderId,
  };
}

/** Options of {@link prepareNewsgroupsExperiment}. */
export interface PrepareOptions {
  progress?: ProgressListener;
  /** Printed lines (counts, cache hits); default console.log. */
  log?: (line: string) => void;
}

/**
 * Loads 20 Newsgroups, cleans, de-duplicates and splits it as the config says, embeds
 * the three splits with the configured encoder (cached on disk: a second call reads the
 * cache) and attaches coarse labels from the hierarchy.
 */
export async function prepareNewsgroupsExperiment(config: NewsgroupsExperimentConfig, options: PrepareOptions = {}): Promise<PreparedExperimentData> {
  const log = options.log ?? ((line: string) => console.log(line));
  const progress = options.progress ?? consoleProgress('docs');
  const newsgroups = await prepareNewsgroups({
    remove: config.dataset.remove,
    deduplicate: config.dataset.deduplicate,
    validationFraction: config.dataset.validationFraction,
    seed: config.dataset.splitSeed,
    limitPerClass: config.dataset.limitPerClass,
  });
  const sizes = newsgroups.counts.sizes;
  log(`20 Newsgroups: ${sizes.train} train / ${sizes.validation} validation / ${sizes.test} test documents (paper 1: 8,765 / 2,192 / 7,274)`);
  const hierarchy = await resolveHierarchy(config.hierarchy, newsgroups.labelNames);

  const encoder = await createEncoder(config.encoder);
  try {
    const embedSplit = async (name: 'train' | 'validation' | 'test'): Promise<PreparedSplit> => {
      const split = newsgroups[name];
      const matrix = await embedTexts({
        encoder,
        texts: split.texts,
        cacheKey: newsgroupsEmbeddingKey(newsgroups, name, encoder.id),
        progress,
        label: `embed ${name} (${encoder.id})`,
      });
      log(`embeddings ${name}: ${matrix.rows} x ${matrix.dimension}${matrix.fromCache ? ' (from cache)' : ''}`);
      return {
        x: { data: matrix.data, rows: matrix.rows, columns: matrix.dimension },
        fineLabels: split.labels,
        coarseLabels: toCoarseLabels(split.labels, hierarchy),
      };
    };
    const train = await embedSplit('train');
    const validation = await embedSplit('validation');
    const test = await embedSplit('test');
    return {
      train,
      validation,
      test,
      fineLabelNames: newsgroups.labelNames,
      hierarchy,
      inputDimension: train.x.columns,
      featuresId: { dataFingerprint: newsgroups.fingerprint, encoderId: encoder.id },
      sizes,
      newsgroups,
    };
  } finally {
    encoder.dispose();
  }
}
