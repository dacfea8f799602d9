/**
 * Hierarchies discovered from data, asked for in the config: `hierarchy:
 * "discovered:<way>:<k>[:<linkage>]"` is turned into an ordinary, validated hierarchy when
 * the data are prepared, from the TRAINING split only (class means) or from a fine model's
 * confusions on the VALIDATION split (the model trained on the training split), never from
 * the test split. The result is saved atomically as a discovered-hierarchy file (groups,
 * merge tree, distances and how it was derived) so a dendrogram can be drawn later.
 */
import * as path from 'node:path';
import { euclideanDistances } from '../../hierarchy/agglomerative';
import {
  agglomerativeHierarchy,
  classMeanEmbeddings,
  confusionDistances,
  discoveredHierarchyToFileContents,
  type DiscoveredHierarchy,
} from '../../hierarchy/discover';
import {
  discoveredHierarchyName,
  memberGroupNames,
  parseDiscoverySpec,
  referenceHierarchyNames,
  type DiscoverySpec,
} from '../../hierarchy/discoverySpec';
import { hierarchyByName } from '../../hierarchy/builtInHierarchies';
import { adjustedRandIndex } from '../../metrics/clusterAgreement';
import type { FloatMatrix } from '../../tensors/matrix';
import { writeJsonAtomic } from '../../util/atomicFile';
import { canonicalHash } from '../../util/canonicalHash';
import type { ProgressListener } from '../../util/progress';

/** The quick fine model whose validation confusions the `confusion` way clusters (fixed, so part of the derivation). */
export const confusionModelSettings = Object.freeze({
  model: 'softmax regression (dense, no hidden layer)',
  epochs: 30,
  batchSize: 128,
  learningRate: 0.01,
  earlyStopping: { monitor: 'validationLoss', patience: 3 },
});

/** What discovery reads: the fine labels and features of the training and validation splits. */
export interface DiscoveryData {
  train: { x: FloatMatrix; fineLabels: ArrayLike<number> };
  validation: { x: FloatMatrix; fineLabels: ArrayLike<number> };
  fineLabelNames: string[];
  /** Seeds the confusion model's weights and batch order (the pipeline passes `dataset.splitSeed`). */
  seed: number;
  /** Identifies the features (recorded in the file and its file name). */
  featuresId?: unknown;
  /** The data set kind, for the adjusted Rand index against its hand-made hierarchy. */
  datasetKind?: string;
}

/** How a discovered hierarchy was derived (saved in its file). */
export interface DiscoveryRecord {
  spec: string;
  way: DiscoverySpec['way'];
  groups: number;
  linkage: DiscoverySpec['linkage'];
  seed: number;
  featuresId?: unknown;
  /** `confusion` only: the fine model and its validation accuracy. */
  confusionModel?: typeof confusionModelSettings & { validationAccuracy: number };
  /** Adjusted Rand index against the data set's hand-made hierarchy, when there is one. */
  reference?: { name: string; adjustedRandIndex: number };
}

/** A discovered hierarchy with its record. */
export interface ConfigDiscoveredHierarchy extends DiscoveredHierarchy {
  discovery: DiscoveryRecord;
}

/** The validation confusion matrix of a seeded softmax regression on the fine labels (loads TensorFlow). */
async function fineModelConfusions(
  data: DiscoveryData,
  progress?: ProgressListener,
): Promise<{ confusionMatrix: number[][]; validationAccuracy: number }> {
  const { buildTeacher } = await import('../../models/teacher');
  const { evaluateModel, trainModel } = await import('../../training');
  const classCount = data.fineLabelNames.length;
  const model = buildTeacher({
    inputDimension: data.train.x.columns,
    classCount,
    hiddenUnits: [],
    dropoutRate: 0,
    seed: data.seed,
  });
  try {
    await trainModel({
      model,
      objective: { method: 'teacher-fine', settings: {} },
      data: {
        train: { x: data.train.x, fineLabels: data.train.fineLabels },
        validation: { x: data.validation.x, fineLabels: data.validation.fineLabels },
      },
      epochs: confusionModelSettings.epochs,
      batchSize: confusionModelSettings.batchSize,
      learningRate: confusionModelSettings.learningRate,
      seed: data.seed,
      earlyStopping: {
        monitor: 'validationLoss',
        patience: confusionModelSettings.earlyStopping.patience,
        restoreBestWeights: true,
      },
      progress,
      task: 'confusion model for the discovered hierarchy',
    });
    const evaluation = evaluateModel(model, data.validation.x, data.validation.fineLabels, {
      fineClassCount: classCount,
    });
    return { confusionMatrix: evaluation.confusionMatrix, validationAccuracy: evaluation.accuracy };
  } finally {
    model.dispose();
  }
}

/**
 * Derives the hierarchy a `discovered:...` config value asks for: agglomerative clustering
 * (the spec's linkage) of the training class means, or of the symmetrised, row-normalised
 * VALIDATION confusions of a softmax regression trained on the training split with
 * {@link confusionModelSettings} and `seed`. Groups are named by their members' short
 * names joined by '+'. Same data and seed -> the same hierarchy.
 */
export async function discoverHierarchyFromSpec(
  specText: string,
  data: DiscoveryData,
  options: { progress?: ProgressListener } = {},
): Promise<ConfigDiscoveredHierarchy> {
  const { fineLabelNames } = data;
  const spec = parseDiscoverySpec(specText, fineLabelNames.length);
  const name = discoveredHierarchyName(spec);
  let distances: number[][];
  let confusionModel: DiscoveryRecord['confusionModel'];
  let description: string;
  if (spec.way === 'class-means') {
    distances = classMeanDistances(data);
    description = `${spec.groups} groups by ${spec.linkage}-linkage clustering of the training split's class mean feature vectors (${specText})`;
  } else {
    const { confusionMatrix, validationAccuracy } = await fineModelConfusions(data, options.progress);
    distances = confusionDistances(confusionMatrix, fineLabelNames);
    confusionModel = { ...confusionModelSettings, validationAccuracy };
    description = `${spec.groups} groups by ${spec.linkage}-linkage clustering of a softmax regression's validation confusions (${specText})`;
  }
  const unnamed = agglomerativeHierarchy({
    name,
    fineLabelNames,
    distances,
    groups: spec.groups,
    linkage: spec.linkage,
  });
  const members = unnamed.coarseLabelNames.map((_, group) =>
    unnamed.fineToCoarse.flatMap((coarse, fine) => (coarse === group ? [fine] : [])),
  );
  const hierarchy = agglomerativeHierarchy({
    name,
    description,
    fineLabelNames,
    distances,
    groups: spec.groups,
    linkage: spec.linkage,
    groupNames: memberGroupNames(members, fineLabelNames),
  });
  const referenceName = data.datasetKind ? referenceHierarchyNames[data.datasetKind] : undefined;
  const reference = referenceName
    ? {
        name: referenceName,
        adjustedRandIndex: adjustedRandIndex(hierarchy.fineToCoarse, hierarchyByName(referenceName).fineToCoarse),
      }
    : undefined;
  const discovery: DiscoveryRecord = {
    spec: specText,
    ...spec,
    seed: data.seed,
    ...(data.featuresId !== undefined ? { featuresId: data.featuresId } : {}),
    ...(confusionModel ? { confusionModel } : {}),
    ...(reference ? { reference } : {}),
  };
  return { ...hierarchy, discovery };
}

/** Euclidean distances between the training split's class means. */
function classMeanDistances(data: DiscoveryData): number[][] {
  return euclideanDistances(classMeanEmbeddings(data.train.x, data.train.fineLabels, data.fineLabelNames.length));
}

/**
 * Writes the hierarchy file (`<name>-<hash of the derivation>.json` in `directory`:
 * groups, merge tree, distances and the derivation record) atomically; returns its path.
 * The file reads back with parseDiscoveredHierarchyText or as an ordinary hierarchy file.
 */
export async function saveDiscoveredHierarchy(
  hierarchy: ConfigDiscoveredHierarchy,
  directory: string,
): Promise<string> {
  const { discovery } = hierarchy;
  const key = canonicalHash({
    spec: discovery.spec,
    seed: discovery.seed,
    featuresId: discovery.featuresId ?? null,
    fineToCoarse: hierarchy.fineToCoarse,
  });
  const filePath = path.join(directory, `${hierarchy.name}-${key}.json`);
  await writeJsonAtomic(filePath, { ...discoveredHierarchyToFileContents(hierarchy), discovery });
  return filePath;
}
