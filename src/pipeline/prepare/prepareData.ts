import {
  fashionMnistFiles,
  loadFashionMnist,
  prepareNewsgroups,
  stratifiedSplit,
  type FashionMnistData,
  type PreparedNewsgroups,
} from '../../data';
import * as path from 'node:path';
import { hierarchyByName, loadHierarchyFile, toCoarseLabels, type LabelHierarchy } from '../../hierarchy';
import { isDiscoveredHierarchySpec } from '../../hierarchy/discoverySpec';
import { dataDirectory } from '../../util/paths';
import type { FloatMatrix } from '../../tensors/matrix';
import { consoleProgress, type ProgressListener } from '../../util/progress';
import type {
  ExperimentConfig,
  FashionMnistDatasetConfig,
  FeaturesConfig,
  NewsgroupsDatasetConfig,
} from '../../config/types';
import {
  discoverHierarchyFromSpec,
  saveDiscoveredHierarchy,
  type ConfigDiscoveredHierarchy,
  type DiscoveryData,
} from './discoverHierarchy';
import { prepareTextFeatures } from './prepareTextFeatures';

export { newsgroupsEmbeddingKey } from './prepareTextFeatures';

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
  /** The configured hierarchy; a `discovered:...` one is a {@link ConfigDiscoveredHierarchy} (merge tree and derivation record). */
  hierarchy: LabelHierarchy;
  /** Where a discovered hierarchy was saved (see saveDiscoveredHierarchy). */
  hierarchyFile?: string;
  inputDimension: number;
  /** Identifies the features: data fingerprint + encoder or TF-IDF model id (recorded in every run). */
  featuresId: { dataFingerprint: string; encoderId: string };
  /** Seconds spent building the features in this call, by part id (embedding, TF-IDF fit + transform; small when read from a cache). */
  featuresSeconds?: Record<string, number>;
  /** The teachers' own features of the same examples, when the config sets `teacher.features`. */
  teacherFeatures?: TeacherFeatures;
  /** Examples per split (after `limitPerClass`). */
  sizes: { train: number; validation: number; test: number };
  /** The prepared texts (kept for notebooks and error analysis). */
  newsgroups?: PreparedNewsgroups;
}

/** The teachers' own features (`teacher.features`): the same rows and labels, other columns. */
export interface TeacherFeatures {
  train: FloatMatrix;
  validation: FloatMatrix;
  test: FloatMatrix;
  inputDimension: number;
  featuresId: { dataFingerprint: string; encoderId: string };
  featuresSeconds: Record<string, number>;
}

/**
 * A built-in hierarchy by name, a JSON hierarchy file, or a discovered one
 * (`discovered:<way>:<k>[:<linkage>]`, derived from `discovery`'s training and validation
 * splits; see discoverHierarchyFromSpec).
 */
export async function resolveHierarchy(
  nameOrPath: string,
  fineLabelNames: string[],
  discovery?: DiscoveryData,
  options: PrepareOptions = {},
): Promise<LabelHierarchy> {
  if (isDiscoveredHierarchySpec(nameOrPath)) {
    if (!discovery)
      throw new Error(
        `hierarchy "${nameOrPath}": a discovered hierarchy needs the prepared training and validation splits (use prepareExperimentData)`,
      );
    return discoverHierarchyFromSpec(nameOrPath, { ...discovery, fineLabelNames }, { progress: options.progress });
  }
  if (nameOrPath.endsWith('.json')) return loadHierarchyFile(nameOrPath, fineLabelNames);
  return hierarchyByName(nameOrPath);
}

/** Resolves the config's hierarchy once the fine splits exist; saves a discovered one and logs its groups. */
async function configuredHierarchy(
  config: ExperimentConfig,
  discovery: Omit<DiscoveryData, 'seed' | 'datasetKind'>,
  options: PrepareOptions,
): Promise<{ hierarchy: LabelHierarchy; hierarchyFile?: string }> {
  const hierarchy = await resolveHierarchy(
    config.hierarchy,
    discovery.fineLabelNames,
    { ...discovery, seed: config.dataset.splitSeed, datasetKind: config.dataset.kind },
    options,
  );
  if (!isDiscoveredHierarchySpec(config.hierarchy)) return { hierarchy };
  const discovered = hierarchy as ConfigDiscoveredHierarchy;
  const directory = options.hierarchyDirectory ?? path.join(dataDirectory(), 'hierarchies');
  const hierarchyFile = await saveDiscoveredHierarchy(discovered, directory);
  const log = options.log ?? ((line: string) => console.log(line));
  const reference = discovered.discovery.reference;
  log(
    `hierarchy ${config.hierarchy} -> ${discovered.name}${reference ? ` (adjusted Rand index vs ${reference.name}: ${reference.adjustedRandIndex.toFixed(3)})` : ''}: ` +
      `${discovered.coarseLabelNames.map((name) => `{${name}}`).join(' ')}; saved to ${hierarchyFile}`,
  );
  return { hierarchy, hierarchyFile };
}

/** Options of {@link prepareExperimentData}. */
export interface PrepareOptions {
  progress?: ProgressListener;
  /** Printed lines (counts, cache hits); default console.log. */
  log?: (line: string) => void;
  /** Where a discovered hierarchy's file goes (the pipeline: the experiment folder, as a file beside the run folders; default `<data>/hierarchies`). */
  hierarchyDirectory?: string;
}

/**
 * The one place that turns a data config into matrices and labels: dispatches on
 * `dataset.kind` and `features.kind` (20 Newsgroups + a text encoder, Fashion-MNIST +
 * pixels) and attaches coarse labels from the configured hierarchy.
 */
export async function prepareExperimentData(
  config: ExperimentConfig,
  options: PrepareOptions = {},
): Promise<PreparedExperimentData> {
  const { dataset, features } = config;
  const teacherFeatures = config.teacher.features;
  if (dataset.kind === 'newsgroups' && features.kind !== 'pixels' && teacherFeatures?.kind !== 'pixels')
    return prepareNewsgroupsData(config, dataset, options);
  if (
    dataset.kind === 'fashion-mnist' &&
    features.kind === 'pixels' &&
    (teacherFeatures === undefined || teacherFeatures.kind === 'pixels')
  )
    return prepareFashionMnistPixels(config, dataset, options);
  const kind = features.kind === 'pixels' ? features.kind : (teacherFeatures?.kind ?? features.kind);
  throw new Error(
    `features.kind "${kind}" does not apply to dataset.kind "${dataset.kind}" (newsgroups takes "encoder", "tfidf" or "concat", fashion-mnist takes "pixels")`,
  );
}

/**
 * 20 Newsgroups with encoder features (kept for notebooks; same as
 * {@link prepareExperimentData} for a newsgroups config).
 */
export async function prepareNewsgroupsExperiment(
  config: ExperimentConfig,
  options: PrepareOptions = {},
): Promise<PreparedExperimentData> {
  if (config.dataset.kind !== 'newsgroups')
    throw new Error(`prepareNewsgroupsExperiment: dataset.kind is "${config.dataset.kind}"; use prepareExperimentData`);
  return prepareExperimentData(config, options);
}

/**
 * Loads 20 Newsgroups, cleans, de-duplicates and splits it as the config says, builds the
 * configured features of the three splits (an encoder's embeddings, cached on disk;
 * TF-IDF fitted on the training split, cached; or a concatenation), the teachers' own
 * features when `teacher.features` differs, and attaches coarse labels from the hierarchy.
 */
async function prepareNewsgroupsData(
  config: ExperimentConfig,
  dataset: NewsgroupsDatasetConfig,
  options: PrepareOptions,
): Promise<PreparedExperimentData> {
  const log = options.log ?? ((line: string) => console.log(line));
  const progress = options.progress ?? consoleProgress(' docs');
  const newsgroups = await prepareNewsgroups({
    remove: dataset.remove,
    deduplicate: dataset.deduplicate,
    validationFraction: dataset.validationFraction,
    seed: dataset.splitSeed,
    limitPerClass: dataset.limitPerClass,
  });
  const sizes = newsgroups.counts.sizes;
  log(
    `20 Newsgroups: ${sizes.train} train / ${sizes.validation} validation / ${sizes.test} test documents (paper 1: 8,765 / 2,192 / 7,274)`,
  );
  const build = (features: FeaturesConfig) => prepareTextFeatures(features, newsgroups, { log, progress });
  const built = await build(config.features);
  // A discovered hierarchy reads the students' training (and validation) features, never test.
  const { hierarchy, hierarchyFile } = await configuredHierarchy(
    config,
    {
      train: { x: built.train, fineLabels: newsgroups.train.labels },
      validation: { x: built.validation, fineLabels: newsgroups.validation.labels },
      fineLabelNames: newsgroups.labelNames,
      featuresId: { dataFingerprint: newsgroups.fingerprint, encoderId: built.featuresId },
    },
    options,
  );
  const split = (name: 'train' | 'validation' | 'test'): PreparedSplit => ({
    x: built[name],
    fineLabels: newsgroups[name].labels,
    coarseLabels: toCoarseLabels(newsgroups[name].labels, hierarchy),
  });
  let teacherFeatures: TeacherFeatures | undefined;
  const teacherConfig = config.teacher.features;
  if (teacherConfig !== undefined && JSON.stringify(teacherConfig) !== JSON.stringify(config.features)) {
    const teacher = await build(teacherConfig);
    log(
      `teacher features ${teacher.featuresId}: ${teacher.train.columns} columns (students: ${built.featuresId}, ${built.train.columns} columns)`,
    );
    teacherFeatures = {
      train: teacher.train,
      validation: teacher.validation,
      test: teacher.test,
      inputDimension: teacher.train.columns,
      featuresId: { dataFingerprint: newsgroups.fingerprint, encoderId: teacher.featuresId },
      featuresSeconds: teacher.seconds,
    };
  }
  return {
    train: split('train'),
    validation: split('validation'),
    test: split('test'),
    fineLabelNames: newsgroups.labelNames,
    hierarchy,
    ...(hierarchyFile ? { hierarchyFile } : {}),
    inputDimension: built.train.columns,
    featuresId: { dataFingerprint: newsgroups.fingerprint, encoderId: built.featuresId },
    featuresSeconds: built.seconds,
    ...(teacherFeatures ? { teacherFeatures } : {}),
    sizes,
    newsgroups,
  };
}

/** Indices of the first `limit` examples of each class (all when `limit` is undefined). */
export function firstPerClass(labels: ArrayLike<number>, indices: number[], limit: number | undefined): number[] {
  if (limit === undefined) return indices;
  const taken = new Map<number, number>();
  return indices.filter((index) => {
    const count = taken.get(labels[index]) ?? 0;
    taken.set(labels[index], count + 1);
    return count < limit;
  });
}

/** The chosen images as a row-major matrix of pixels scaled to [0, 1] (each image flattened). */
export function pixelSplit(images: FashionMnistData, indices: number[], hierarchy: LabelHierarchy): PreparedSplit {
  const { x, fineLabels } = pixelRows(images, indices);
  return { x, fineLabels, coarseLabels: toCoarseLabels(fineLabels, hierarchy) };
}

/** The chosen images' pixels (scaled to [0, 1], flattened) and fine labels. */
function pixelRows(images: FashionMnistData, indices: number[]): { x: FloatMatrix; fineLabels: number[] } {
  const size = images.rows * images.columns;
  const data = new Float32Array(indices.length * size);
  indices.forEach((image, row) => {
    const source = images.images.subarray(image * size, (image + 1) * size);
    for (let pixel = 0; pixel < size; pixel++) data[row * size + pixel] = source[pixel] / 255;
  });
  return { x: { data, rows: indices.length, columns: size }, fineLabels: indices.map((image) => images.labels[image]) };
}

function withCoarse(split: { x: FloatMatrix; fineLabels: number[] }, hierarchy: LabelHierarchy): PreparedSplit {
  return { ...split, coarseLabels: toCoarseLabels(split.fineLabels, hierarchy) };
}

/**
 * Fashion-MNIST as pixels: validation is a stratified, seeded share (`validationFraction`,
 * `splitSeed`) of the 60,000 training images, the rest train; test is the official
 * 10,000. `limitPerClass` keeps the first N of each class in each split (smoke runs).
 */
async function prepareFashionMnistPixels(
  config: ExperimentConfig,
  dataset: FashionMnistDatasetConfig,
  options: PrepareOptions,
): Promise<PreparedExperimentData> {
  const log = options.log ?? ((line: string) => console.log(line));
  const trainSet = await loadFashionMnist({ subset: 'train', log });
  const testSet = await loadFashionMnist({ subset: 'test', log });
  const { trainIndices, validationIndices } = stratifiedSplit(
    Array.from(trainSet.labels),
    dataset.validationFraction,
    dataset.splitSeed,
  );
  const limit = dataset.limitPerClass;
  const trainRows = pixelRows(trainSet, firstPerClass(trainSet.labels, trainIndices, limit));
  const validationRows = pixelRows(trainSet, firstPerClass(trainSet.labels, validationIndices, limit));
  const allTest = Array.from({ length: testSet.count }, (_, index) => index);
  const testRows = pixelRows(testSet, firstPerClass(testSet.labels, allTest, limit));
  const sizes = { train: trainRows.x.rows, validation: validationRows.x.rows, test: testRows.x.rows };
  log(
    `Fashion-MNIST: ${sizes.train} train / ${sizes.validation} validation / ${sizes.test} test images (${trainSet.rows}x${trainSet.columns} pixels)`,
  );
  const { hierarchy, hierarchyFile } = await configuredHierarchy(
    config,
    {
      train: trainRows,
      validation: validationRows,
      fineLabelNames: trainSet.labelNames,
      featuresId: { dataFingerprint: fashionFingerprint(dataset), encoderId: 'pixels-scaled-0-1' },
    },
    options,
  );
  const train = withCoarse(trainRows, hierarchy);
  const validation = withCoarse(validationRows, hierarchy);
  const test = withCoarse(testRows, hierarchy);
  return {
    train,
    validation,
    test,
    fineLabelNames: trainSet.labelNames,
    hierarchy,
    ...(hierarchyFile ? { hierarchyFile } : {}),
    inputDimension: train.x.columns,
    featuresId: { dataFingerprint: fashionFingerprint(dataset), encoderId: 'pixels-scaled-0-1' },
    sizes,
  };
}

/** Identifies the Fashion-MNIST files, split and slice. */
function fashionFingerprint(dataset: FashionMnistDatasetConfig): string {
  const files = fashionMnistFiles;
  return [
    'fashion-mnist',
    files.train.images.sha256[0].slice(0, 12),
    files.test.images.sha256[0].slice(0, 12),
    `validation${dataset.validationFraction}`,
    `split${dataset.splitSeed}`,
    ...(dataset.limitPerClass !== undefined ? [`limit${dataset.limitPerClass}`] : []),
  ].join(':');
}
