/**
 * How well labelled groups separate in a space of points (a 2-D projection or the full
 * embeddings), on plain numbers: the silhouette per group and the leave-one-out
 * nearest-centroid accuracy against chance. Used by the embedding notebook to state, from
 * the data, whether the coarse groups form separate clouds.
 */

function checkedInputs(points: ArrayLike<number>[], labels: ArrayLike<number>, caller: string): number {
  if (points.length !== labels.length) {
    throw new Error(`${caller}: ${points.length} points but ${labels.length} labels`);
  }
  if (points.length < 2) throw new Error(`${caller}: need at least 2 points, got ${points.length}`);
  const dimensions = points[0].length;
  let largestLabel = 0;
  for (let index = 0; index < points.length; index++) {
    if (points[index].length !== dimensions) {
      throw new Error(`${caller}: point ${index} has ${points[index].length} coordinates, point 0 has ${dimensions}`);
    }
    const label = labels[index];
    if (!Number.isInteger(label) || label < 0) {
      throw new Error(`${caller}: label ${label} of point ${index} is not a non-negative integer`);
    }
    largestLabel = Math.max(largestLabel, label);
  }
  return largestLabel + 1;
}

function distance(first: ArrayLike<number>, second: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < first.length; index++) {
    const difference = first[index] - second[index];
    sum += difference * difference;
  }
  return Math.sqrt(sum);
}

/** Silhouettes of labelled points: the mean over all points and the mean within each group. */
export interface Silhouette {
  /** Mean silhouette over all points, in [-1, 1]. */
  overall: number;
  /** Mean silhouette of each label's points (`NaN` for a label with no points). */
  byGroup: number[];
}

/**
 * Silhouette (Rousseeuw 1987) of labelled points under the Euclidean distance. For point i of
 * group A, a(i) = mean distance to the other points of A and b(i) = the smallest mean distance
 * to the points of another group; s(i) = (b(i) − a(i)) / max(a(i), b(i)), and s(i) = 0 when i is
 * alone in its group. Near 1: tight, well separated groups; near 0: overlapping groups;
 * negative: points closer to another group than to their own. Needs at least two groups.
 * O(n² · dimensions): meant for a projection's sample (a few thousand points).
 */
export function silhouetteByGroup(points: ArrayLike<number>[], labels: ArrayLike<number>): Silhouette {
  const groupCount = checkedInputs(points, labels, 'silhouetteByGroup');
  const sizes = new Array<number>(groupCount).fill(0);
  for (let index = 0; index < labels.length; index++) sizes[labels[index]] += 1;
  if (sizes.filter((size) => size > 0).length < 2) {
    throw new Error('silhouetteByGroup: all points have the same label; the silhouette needs two groups');
  }
  const sums = new Array<number>(groupCount).fill(0);
  let overallSum = 0;
  for (let index = 0; index < points.length; index++) {
    const own = labels[index];
    const distanceSums = new Array<number>(groupCount).fill(0);
    for (let other = 0; other < points.length; other++) {
      if (other !== index) distanceSums[labels[other]] += distance(points[index], points[other]);
    }
    let value = 0;
    if (sizes[own] > 1) {
      const within = distanceSums[own] / (sizes[own] - 1);
      let nearest = Number.POSITIVE_INFINITY;
      for (let group = 0; group < groupCount; group++) {
        if (group !== own && sizes[group] > 0) nearest = Math.min(nearest, distanceSums[group] / sizes[group]);
      }
      const larger = Math.max(within, nearest);
      value = larger === 0 ? 0 : (nearest - within) / larger;
    }
    sums[own] += value;
    overallSum += value;
  }
  return {
    overall: overallSum / points.length,
    byGroup: sums.map((sum, group) => (sizes[group] > 0 ? sum / sizes[group] : Number.NaN)),
  };
}

/** Leave-one-out nearest-centroid accuracy and what guessing would score. */
export interface NearestCentroidResult {
  /** Share of points whose nearest group centre (their own computed without them) is their group's. */
  accuracy: number;
  /** Share of the largest group: the accuracy of always naming it. */
  chance: number;
  /** Number of points. */
  points: number;
}

/**
 * Leave-one-out nearest-centroid accuracy: each point is assigned to the group whose mean
 * (centroid) is nearest under the Euclidean distance, its own group's mean computed without
 * it, so that a point cannot vote for itself. A point alone in its group counts as wrong.
 * `chance` is the largest group's share, what always naming that group scores. Compare the
 * two: a projection where the groups overlap scores near chance.
 */
export function nearestCentroidAccuracy(points: ArrayLike<number>[], labels: ArrayLike<number>): NearestCentroidResult {
  const groupCount = checkedInputs(points, labels, 'nearestCentroidAccuracy');
  const dimensions = points[0].length;
  const sizes = new Array<number>(groupCount).fill(0);
  const sums = Array.from({ length: groupCount }, () => new Float64Array(dimensions));
  for (let index = 0; index < points.length; index++) {
    const label = labels[index];
    sizes[label] += 1;
    for (let dimension = 0; dimension < dimensions; dimension++) sums[label][dimension] += points[index][dimension];
  }
  const centroid = new Float64Array(dimensions);
  let correct = 0;
  for (let index = 0; index < points.length; index++) {
    const own = labels[index];
    let bestGroup = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let group = 0; group < groupCount; group++) {
      const size = group === own ? sizes[group] - 1 : sizes[group];
      if (size === 0) continue;
      for (let dimension = 0; dimension < dimensions; dimension++) {
        const leftOut = group === own ? points[index][dimension] : 0;
        centroid[dimension] = (sums[group][dimension] - leftOut) / size;
      }
      const groupDistance = distance(points[index], centroid);
      if (groupDistance < bestDistance) {
        bestDistance = groupDistance;
        bestGroup = group;
      }
    }
    if (bestGroup === own) correct += 1;
  }
  return { accuracy: correct / points.length, chance: Math.max(...sizes) / points.length, points: points.length };
}
