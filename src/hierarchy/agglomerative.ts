/**
 * Agglomerative (bottom-up) clustering of a few items from a distance matrix, with the
 * merge tree kept (SciPy's `linkage` convention), and cutting the tree into k groups.
 * Plain numbers, O(n^3): meant for class-level clustering (tens of classes), not for examples.
 */

/** How the distance between two merged clusters is updated (Lance-Williams formulas). */
export type Linkage = 'single' | 'complete' | 'average' | 'ward';

/** The linkage names accepted by {@link agglomerativeMerges}. */
export const linkageNames: readonly Linkage[] = ['single', 'complete', 'average', 'ward'];

/**
 * One merge, as a row of SciPy's linkage matrix: clusters `left` and `right` (ids
 * 0..n-1 are the items, id n+i is the cluster made by merge i; `left` < `right`) joined
 * at `distance` into a cluster of `size` items.
 */
export interface MergeStep {
  left: number;
  right: number;
  distance: number;
  size: number;
}

/** Checks a square, symmetric, finite, non-negative distance matrix with a zero diagonal. */
export function validateDistanceMatrix(distances: number[][], what: string): void {
  const count = distances.length;
  if (!Array.isArray(distances) || count === 0) throw new Error(`${what}: expected a non-empty square distance matrix`);
  distances.forEach((row, rowIndex) => {
    if (!Array.isArray(row) || row.length !== count)
      throw new Error(
        `${what}: row ${rowIndex} has ${Array.isArray(row) ? row.length : 'no'} values, expected ${count} (a square matrix)`,
      );
    row.forEach((value, column) => {
      if (!Number.isFinite(value) || value < 0)
        throw new Error(`${what}: distance [${rowIndex}][${column}] is ${value}, expected a finite number >= 0`);
      if (Math.abs(value - distances[column][rowIndex]) > 1e-9 * Math.max(1, Math.abs(value))) {
        throw new Error(
          `${what}: not symmetric: [${rowIndex}][${column}] = ${value} but [${column}][${rowIndex}] = ${distances[column][rowIndex]}`,
        );
      }
    });
    if (row[rowIndex] !== 0)
      throw new Error(`${what}: diagonal [${rowIndex}][${rowIndex}] is ${row[rowIndex]}, expected 0`);
  });
}

/**
 * The full merge tree (n - 1 merges) of agglomerative clustering. At each step the two
 * closest active clusters merge (ties: the pair of smallest cluster ids); the new
 * cluster's distance to every other cluster v follows Lance-Williams, for clusters s, t
 * of sizes |s|, |t|:
 * - single: min(d(s,v), d(t,v)); complete: max(d(s,v), d(t,v));
 * - average (UPGMA): (|s| d(s,v) + |t| d(t,v)) / (|s| + |t|);
 * - ward: sqrt(((|v|+|s|) d(s,v)^2 + (|v|+|t|) d(t,v)^2 - |v| d(s,t)^2) / (|v|+|s|+|t|)),
 *   which equals Ward's minimum-variance criterion when `distances` are Euclidean
 *   (SciPy `linkage(method=...)`, Müllner 2011, "Modern hierarchical, agglomerative clustering algorithms").
 */
export function agglomerativeMerges(distances: number[][], linkage: Linkage = 'average'): MergeStep[] {
  validateDistanceMatrix(distances, 'agglomerative clustering');
  if (!linkageNames.includes(linkage))
    throw new Error(
      `agglomerative clustering: linkage must be one of ${linkageNames.join(', ')}, got ${JSON.stringify(linkage)}`,
    );
  const count = distances.length;
  // Working distances between active clusters, keyed by cluster id.
  const distance = new Map<number, Map<number, number>>();
  const size = new Map<number, number>();
  for (let item = 0; item < count; item++) {
    size.set(item, 1);
    distance.set(
      item,
      new Map(
        distances[item].map((value, other) => [other, value] as [number, number]).filter(([other]) => other !== item),
      ),
    );
  }
  const merges: MergeStep[] = [];
  for (let step = 0; step < count - 1; step++) {
    const active = [...size.keys()].sort((first, second) => first - second);
    let best: [number, number] | undefined;
    let bestDistance = Infinity;
    for (let first = 0; first < active.length; first++) {
      for (let second = first + 1; second < active.length; second++) {
        const value = distance.get(active[first])!.get(active[second])!;
        if (value < bestDistance) {
          bestDistance = value;
          best = [active[first], active[second]];
        }
      }
    }
    const [left, right] = best!;
    const leftSize = size.get(left)!;
    const rightSize = size.get(right)!;
    const merged = count + step;
    const mergedDistances = new Map<number, number>();
    for (const other of active) {
      if (other === left || other === right) continue;
      const toLeft = distance.get(left)!.get(other)!;
      const toRight = distance.get(right)!.get(other)!;
      const otherSize = size.get(other)!;
      let value: number;
      if (linkage === 'single') value = Math.min(toLeft, toRight);
      else if (linkage === 'complete') value = Math.max(toLeft, toRight);
      else if (linkage === 'average') value = (leftSize * toLeft + rightSize * toRight) / (leftSize + rightSize);
      else {
        const total = otherSize + leftSize + rightSize;
        value = Math.sqrt(
          Math.max(
            0,
            ((otherSize + leftSize) * toLeft ** 2 +
              (otherSize + rightSize) * toRight ** 2 -
              otherSize * bestDistance ** 2) /
              total,
          ),
        );
      }
      mergedDistances.set(other, value);
      distance.get(other)!.delete(left);
      distance.get(other)!.delete(right);
      distance.get(other)!.set(merged, value);
    }
    distance.delete(left);
    distance.delete(right);
    distance.set(merged, mergedDistances);
    size.delete(left);
    size.delete(right);
    size.set(merged, leftSize + rightSize);
    merges.push({ left, right, distance: bestDistance, size: leftSize + rightSize });
  }
  return merges;
}

/**
 * Cuts a merge tree over `itemCount` items into `groups` clusters by applying only its
 * first itemCount - groups merges. Returns a group id per item; groups are numbered by
 * their smallest item (the group holding item 0 is group 0, and so on).
 */
export function cutMergeTree(merges: MergeStep[], itemCount: number, groups: number): number[] {
  if (!Number.isInteger(groups) || groups < 1 || groups > itemCount)
    throw new Error(`cutMergeTree: groups must be an integer in 1..${itemCount}, got ${groups}`);
  if (merges.length !== itemCount - 1)
    throw new Error(`cutMergeTree: a tree over ${itemCount} items has ${itemCount - 1} merges, got ${merges.length}`);
  const members = new Map<number, number[]>();
  for (let item = 0; item < itemCount; item++) members.set(item, [item]);
  merges.slice(0, itemCount - groups).forEach((merge, step) => {
    const left = members.get(merge.left);
    const right = members.get(merge.right);
    if (!left || !right)
      throw new Error(
        `cutMergeTree: merge ${step} joins cluster ${merge.left} and ${merge.right}, one of which does not exist (yet)`,
      );
    members.delete(merge.left);
    members.delete(merge.right);
    members.set(itemCount + step, [...left, ...right]);
  });
  const clusters = [...members.values()].map((items) => [...items].sort((first, second) => first - second));
  clusters.sort((first, second) => first[0] - second[0]);
  const assignment = new Array<number>(itemCount).fill(-1);
  clusters.forEach((items, group) => items.forEach((item) => (assignment[item] = group)));
  return assignment;
}

/** Euclidean distances between the rows of `points` (all of one length). */
export function euclideanDistances(points: number[][]): number[][] {
  if (points.length === 0) throw new Error('euclideanDistances: no points');
  const dimension = points[0].length;
  points.forEach((point, index) => {
    if (point.length !== dimension)
      throw new Error(`euclideanDistances: point ${index} has ${point.length} values, point 0 has ${dimension}`);
    point.forEach((value, column) => {
      if (!Number.isFinite(value)) throw new Error(`euclideanDistances: point ${index}, value ${column} is ${value}`);
    });
  });
  return points.map((first, row) =>
    points.map((second, column) => {
      if (row === column) return 0;
      let sum = 0;
      for (let index = 0; index < dimension; index++) sum += (first[index] - second[index]) ** 2;
      return Math.sqrt(sum);
    }),
  );
}
