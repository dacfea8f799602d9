/**
 * Label hierarchies discovered from data instead of written by hand: group the fine classes into k
 * coarse groups by agglomerative clustering, either of their mean embeddings or of a
 * fine model's confusions. The result is an ordinary, validated {@link LabelHierarchy}
 * (usable by every method, savable with `hierarchyToFileContents`) that also keeps
 * its merge tree for a dendrogram.
 */
import { adjustedRandIndex } from '../metrics/clusterAgreement';
import {
  agglomerativeMerges,
  cutMergeTree,
  euclideanDistances,
  type Linkage,
  linkageNames,
  type MergeStep,
  validateDistanceMatrix,
} from './agglomerative';
import { type HierarchyFileContents, hierarchyToFileContents, parseHierarchyText } from './hierarchyFile';
import { createHierarchy, type LabelHierarchy } from './labelHierarchy';

/** A discovered hierarchy: the grouping plus how it was found. */
export interface DiscoveredHierarchy extends LabelHierarchy {
  /** The full merge tree over the fine classes (leaf ids = fine ids), for a dendrogram. */
  merges: MergeStep[];
  linkage: Linkage;
  /** The class-by-class distances clustered (index = fine id). */
  distances: number[][];
}

/** Options of {@link agglomerativeHierarchy}: give `classMeans` OR `distances`. */
export interface AgglomerativeHierarchyOptions {
  name: string;
  description?: string;
  /** Fine label names, index = fine id. */
  fineLabelNames: string[];
  /** One mean embedding per fine class (Euclidean distances between them are clustered). */
  classMeans?: number[][];
  /** Or a ready class-by-class distance matrix (symmetric, zero diagonal). */
  distances?: number[][];
  /** Number of coarse groups k (1..number of fine classes). */
  groups: number;
  /** Default 'average'. */
  linkage?: Linkage;
  /** Coarse names in group order (group g holds the fine class with the g-th smallest id first); default: member names joined by ' + '. */
  groupNames?: string[];
}

/**
 * Agglomerative clustering of the fine classes into `groups` coarse groups. Groups are
 * ordered by their smallest fine id; each is named after its members unless
 * `groupNames` says otherwise. Throws on a bad matrix, a k out of range, or a name clash.
 */
export function agglomerativeHierarchy(options: AgglomerativeHierarchyOptions): DiscoveredHierarchy {
  const { name, fineLabelNames, groups } = options;
  const where = `agglomerativeHierarchy "${name}"`;
  const linkage = options.linkage ?? 'average';
  if ((options.classMeans === undefined) === (options.distances === undefined))
    throw new Error(`${where}: give exactly one of classMeans and distances`);
  const distances = options.distances ?? euclideanDistances(options.classMeans!);
  validateDistanceMatrix(distances, where);
  if (distances.length !== fineLabelNames.length) {
    throw new Error(
      `${where}: ${distances.length} classes in ${options.classMeans ? 'classMeans' : 'distances'} but ${fineLabelNames.length} fine label names`,
    );
  }
  if (!Number.isInteger(groups) || groups < 1 || groups > fineLabelNames.length) {
    throw new Error(`${where}: groups must be an integer in 1..${fineLabelNames.length}, got ${groups}`);
  }
  const merges = agglomerativeMerges(distances, linkage);
  const assignment = cutMergeTree(merges, fineLabelNames.length, groups);
  const members: number[][] = Array.from({ length: groups }, () => []);
  assignment.forEach((group, fineId) => members[group].push(fineId));
  if (options.groupNames && options.groupNames.length !== groups)
    throw new Error(`${where}: ${options.groupNames.length} groupNames for ${groups} groups`);
  const names =
    options.groupNames ?? members.map((fineIds) => fineIds.map((fineId) => fineLabelNames[fineId]).join(' + '));
  const groupMap: Record<string, number[]> = {};
  names.forEach((groupName, group) => {
    if (groupName in groupMap) throw new Error(`${where}: group name "${groupName}" is used twice`);
    groupMap[groupName] = members[group];
  });
  const hierarchy = createHierarchy({
    name,
    description:
      options.description ??
      `${groups} groups by ${linkage}-linkage clustering of ${options.classMeans ? 'class mean embeddings' : 'class distances'}`,
    fineLabelNames,
    groups: groupMap,
  });
  return { ...hierarchy, merges, linkage, distances };
}

/**
 * Confusion as a distance between classes: rows of the confusion matrix (rows = true
 * class, columns = predicted, counts) are normalised to rates r[i][j] = C[i][j] / sum_j C[i][j],
 * symmetrised s[i][j] = (r[i][j] + r[j][i]) / 2, and turned into d[i][j] = 1 - s[i][j] / max
 * off-diagonal s (0 on the diagonal): the pair confused most is at distance 0, pairs never
 * confused at distance 1. With average linkage the distance between two groups is then
 * 1 - (mean confusion rate between them) / max, so groups form from the classes a model
 * mixes up. Throws on a class with no examples or a model that confuses nothing.
 */
export function confusionDistances(confusionMatrix: number[][], fineLabelNames?: string[]): number[][] {
  const count = confusionMatrix.length;
  const label = (index: number) => (fineLabelNames ? `"${fineLabelNames[index]}" (${index})` : `${index}`);
  if (count < 2) throw new Error(`confusionDistances: need a square matrix of at least 2 classes, got ${count} rows`);
  const rates = confusionMatrix.map((row, rowIndex) => {
    if (!Array.isArray(row) || row.length !== count)
      throw new Error(
        `confusionDistances: row ${rowIndex} has ${Array.isArray(row) ? row.length : 'no'} values, expected ${count}`,
      );
    row.forEach((value, column) => {
      if (!Number.isFinite(value) || value < 0)
        throw new Error(`confusionDistances: count [${rowIndex}][${column}] is ${value}, expected a number >= 0`);
    });
    const total = row.reduce((sum, value) => sum + value, 0);
    if (total === 0)
      throw new Error(`confusionDistances: class ${label(rowIndex)} has no examples (its row sums to 0)`);
    return row.map((value) => value / total);
  });
  const similarity = rates.map((row, rowIndex) =>
    row.map((_, column) => (rowIndex === column ? 0 : (rates[rowIndex][column] + rates[column][rowIndex]) / 2)),
  );
  const largest = Math.max(...similarity.flat());
  if (largest === 0)
    throw new Error('confusionDistances: the model confuses no pair of classes, so confusions cannot group them');
  return similarity.map((row, rowIndex) => row.map((value, column) => (rowIndex === column ? 0 : 1 - value / largest)));
}

/** Options of {@link confusionHierarchy}. */
export interface ConfusionHierarchyOptions {
  /** Counts, rows = true fine class, columns = predicted (as `confusionMatrix` in src/metrics). */
  confusionMatrix: number[][];
  fineLabelNames: string[];
  groups: number;
  /** Default `confusion-<groups>`. */
  name?: string;
  description?: string;
  /** Default 'average'. */
  linkage?: Linkage;
  groupNames?: string[];
}

/**
 * A k-group hierarchy from a fine model's confusions (best on VALIDATION data): classes
 * the model mixes up end in one group ({@link confusionDistances}, then
 * {@link agglomerativeHierarchy}).
 */
export function confusionHierarchy(options: ConfusionHierarchyOptions): DiscoveredHierarchy {
  const { confusionMatrix, fineLabelNames, groups } = options;
  if (confusionMatrix.length !== fineLabelNames.length) {
    throw new Error(
      `confusionHierarchy: the confusion matrix has ${confusionMatrix.length} rows but there are ${fineLabelNames.length} fine label names`,
    );
  }
  const linkage = options.linkage ?? 'average';
  return agglomerativeHierarchy({
    name: options.name ?? `confusion-${groups}`,
    description:
      options.description ??
      `${groups} groups by ${linkage}-linkage clustering of a fine model's symmetrised, row-normalised confusions`,
    fineLabelNames,
    distances: confusionDistances(confusionMatrix, fineLabelNames),
    groups,
    linkage,
    groupNames: options.groupNames,
  });
}

/** Rows of numbers (a FloatMatrix from src/training, or pixel rows from src/data). */
export interface MatrixRows {
  data: ArrayLike<number>;
  rows: number;
  columns: number;
}

/**
 * The mean row (embedding) of each class: `means[c]` = average of the rows of `x`
 * whose label is c. Throws on a label outside 0..classCount-1, a length mismatch, or a
 * class with no rows.
 */
export function classMeanEmbeddings(x: MatrixRows, labels: ArrayLike<number>, classCount: number): number[][] {
  if (!Number.isInteger(classCount) || classCount < 1)
    throw new Error(`classMeanEmbeddings: classCount must be a positive integer, got ${classCount}`);
  if (x.data.length !== x.rows * x.columns)
    throw new Error(`classMeanEmbeddings: ${x.data.length} values are not ${x.rows} rows x ${x.columns} columns`);
  if (labels.length !== x.rows) throw new Error(`classMeanEmbeddings: ${labels.length} labels for ${x.rows} rows`);
  const sums = Array.from({ length: classCount }, () => new Float64Array(x.columns));
  const counts = new Array<number>(classCount).fill(0);
  for (let row = 0; row < x.rows; row++) {
    const label = labels[row];
    if (!Number.isInteger(label) || label < 0 || label >= classCount)
      throw new Error(
        `classMeanEmbeddings: label at row ${row} is ${label}, expected an integer in 0..${classCount - 1}`,
      );
    counts[label]++;
    const sum = sums[label];
    const offset = row * x.columns;
    for (let column = 0; column < x.columns; column++) sum[column] += x.data[offset + column];
  }
  const empty = counts.indexOf(0);
  if (empty !== -1) throw new Error(`classMeanEmbeddings: class ${empty} has no rows`);
  return sums.map((sum, label) => Array.from(sum, (value) => value / counts[label]));
}

/** The hierarchy file layout plus the clustering, so a dendrogram can be redrawn after loading. */
export interface DiscoveredHierarchyFileContents extends HierarchyFileContents {
  linkage: Linkage;
  merges: MergeStep[];
  distances: number[][];
}

/** The file form of a discovered hierarchy: the ordinary hierarchy file plus `linkage`, `merges`, `distances`. */
export function discoveredHierarchyToFileContents(hierarchy: DiscoveredHierarchy): DiscoveredHierarchyFileContents {
  return {
    ...hierarchyToFileContents(hierarchy),
    linkage: hierarchy.linkage,
    merges: hierarchy.merges,
    distances: hierarchy.distances,
  };
}

/**
 * Parses a discovered-hierarchy file: an ordinary hierarchy file (any loader reads it as
 * one, ignoring the extra keys) whose `merges` must form a tree over the fine classes that,
 * cut into as many groups as the file has, gives exactly its groups. Errors name `source`.
 */
export function parseDiscoveredHierarchyText(
  text: string,
  fineLabelNames: string[],
  source: string,
): DiscoveredHierarchy {
  const hierarchy = parseHierarchyText(text, fineLabelNames, source);
  const contents = JSON.parse(text) as Partial<DiscoveredHierarchyFileContents>;
  if (!linkageNames.includes(contents.linkage as Linkage))
    throw new Error(
      `${source}: "linkage" must be one of ${linkageNames.join(', ')}, got ${JSON.stringify(contents.linkage)}`,
    );
  const merges = contents.merges;
  const count = fineLabelNames.length;
  if (
    !Array.isArray(merges) ||
    merges.some(
      (merge) =>
        !merge ||
        ['left', 'right', 'distance', 'size'].some(
          (key) => typeof (merge as unknown as Record<string, unknown>)[key] !== 'number',
        ),
    )
  ) {
    throw new Error(`${source}: "merges" must be a list of { left, right, distance, size } numbers`);
  }
  const distances = contents.distances;
  if (!Array.isArray(distances)) throw new Error(`${source}: "distances" must be a ${count} x ${count} matrix`);
  validateDistanceMatrix(distances, `${source} "distances"`);
  if (distances.length !== count)
    throw new Error(`${source}: "distances" has ${distances.length} rows for ${count} fine labels`);
  let cut: number[];
  try {
    cut = cutMergeTree(merges, count, hierarchy.coarseLabelNames.length);
  } catch (error) {
    throw new Error(`${source}: "merges": ${(error as Error).message}`);
  }
  if (adjustedRandIndex(cut, hierarchy.fineToCoarse) !== 1) {
    throw new Error(
      `${source}: cutting "merges" into ${hierarchy.coarseLabelNames.length} groups does not give the file's groups`,
    );
  }
  return { ...hierarchy, merges, linkage: contents.linkage as Linkage, distances };
}
