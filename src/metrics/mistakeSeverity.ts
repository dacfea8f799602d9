/**
 * How bad a classifier's mistakes are on a label tree (Bertinetto et al., "Making Better
 * Mistakes: Leveraging Class Hierarchies with Deep Networks", CVPR 2020): a mistake costs
 * the height of the lowest common ancestor (LCA) of the true and the predicted class.
 * Leaves have height 0 and a node's height is the longest path down to a leaf, so on a
 * two-level hierarchy a mistake inside the true class's group costs 1 and one across
 * groups costs 2.
 */
import { requireLabelPairs } from './labelPairs';

/** One merge of an agglomerative clustering (src/hierarchy/agglomerative's MergeStep): the two node ids joined. */
export interface TreeMerge {
  left: number;
  right: number;
}

/**
 * LCA heights of every pair of leaves of a rooted tree: `result[a][b]` = height of the
 * lowest common ancestor of leaves a and b (0 on the diagonal). `parents[node]` is the
 * parent of each node, -1 for the single root; nodes 0..leafCount-1 are the leaves
 * (class ids) and must have no children. Throws on a cycle, several roots, or a leaf
 * with children.
 */
export function lcaHeightMatrix(parents: readonly number[], leafCount: number): number[][] {
  const nodeCount = parents.length;
  if (!Number.isInteger(leafCount) || leafCount < 1 || leafCount > nodeCount)
    throw new Error(`lcaHeightMatrix: leafCount must be 1..${nodeCount}, got ${leafCount}`);
  const roots = parents.flatMap((parent, node) => (parent === -1 ? [node] : []));
  if (roots.length !== 1) throw new Error(`lcaHeightMatrix: the tree needs exactly one root, found ${roots.length}`);
  parents.forEach((parent, node) => {
    if (parent !== -1 && (!Number.isInteger(parent) || parent < 0 || parent >= nodeCount))
      throw new Error(`lcaHeightMatrix: node ${node} has parent ${parent}, outside 0..${nodeCount - 1}`);
    if (parent >= 0 && parent < leafCount) throw new Error(`lcaHeightMatrix: leaf ${parent} has child ${node}`);
  });
  // Path from each leaf up to the root (a cycle shows up as a path longer than the node count).
  const pathUp = (leaf: number): number[] => {
    const path = [leaf];
    for (let node = parents[leaf]; node !== -1; node = parents[node]) {
      path.push(node);
      if (path.length > nodeCount) throw new Error(`lcaHeightMatrix: the parents of leaf ${leaf} form a cycle`);
    }
    return path;
  };
  const paths = Array.from({ length: leafCount }, (_, leaf) => pathUp(leaf));
  const height = new Array<number>(nodeCount).fill(0);
  for (const path of paths) path.forEach((node, steps) => (height[node] = Math.max(height[node], steps)));
  return paths.map((pathA) => {
    const onA = new Set(pathA);
    return paths.map((pathB) => height[pathB.find((node) => onA.has(node))!]);
  });
}

/**
 * LCA heights of a two-level hierarchy (fine classes under coarse groups under one root):
 * 0 for the same class, 1 for two classes of one group, 2 across groups.
 */
export function twoLevelLcaHeights(fineToCoarse: readonly number[]): number[][] {
  const classCount = fineToCoarse.length;
  const groupCount = Math.max(...fineToCoarse) + 1;
  fineToCoarse.forEach((group, fine) => {
    if (!Number.isInteger(group) || group < 0)
      throw new Error(`twoLevelLcaHeights: fine class ${fine} has coarse id ${group}`);
  });
  const root = classCount + groupCount;
  const parents = [...fineToCoarse.map((group) => classCount + group), ...new Array(groupCount).fill(root), -1];
  return lcaHeightMatrix(parents, classCount);
}

/**
 * LCA heights on the full merge tree of an agglomerative clustering of `leafCount` classes
 * (SciPy's linkage convention: merge i makes node leafCount + i; the last merge is the root).
 * Heights count merge levels (a node's longest path down to a class), not merge distances.
 */
export function mergeTreeLcaHeights(merges: readonly TreeMerge[], leafCount: number): number[][] {
  if (merges.length !== leafCount - 1)
    throw new Error(`mergeTreeLcaHeights: ${leafCount} classes need ${leafCount - 1} merges, got ${merges.length}`);
  const parents = new Array<number>(2 * leafCount - 1).fill(-1);
  merges.forEach((merge, index) => {
    for (const child of [merge.left, merge.right]) {
      if (parents[child] !== -1) throw new Error(`mergeTreeLcaHeights: node ${child} is merged twice`);
      parents[child] = leafCount + index;
    }
  });
  return lcaHeightMatrix(parents, leafCount);
}

/** What {@link mistakeSeverity} returns. */
export interface MistakeSeverity {
  /** Mean LCA height of (true, predicted) over the wrong predictions; NaN when none is wrong. */
  mistakeSeverity: number;
  /** Mean LCA height over all predictions (a correct one counts 0): hierarchical distance of the top-1 prediction. */
  hierarchicalDistance: number;
  /** Number of wrong predictions. */
  errors: number;
}

/**
 * Mistake severity (mean over errors of height(LCA(y, ŷ))) and average hierarchical
 * distance ((1/n) Σ height(LCA(y_i, ŷ_i)), correct predictions counting 0), both from
 * Bertinetto et al. (CVPR 2020). `heights` is an LCA height matrix ({@link lcaHeightMatrix}).
 * Throws on mismatched lengths, no labels, or a label outside the matrix (naming its position).
 */
export function mistakeSeverity(
  trueLabels: ArrayLike<number>,
  predictedLabels: ArrayLike<number>,
  heights: readonly (readonly number[])[],
): MistakeSeverity {
  const classCount = heights.length;
  requireLabelPairs('mistakeSeverity', trueLabels, predictedLabels, classCount);
  let errors = 0;
  let total = 0;
  for (let index = 0; index < trueLabels.length; index++) {
    const truth = trueLabels[index];
    const predicted = predictedLabels[index];
    if (truth === predicted) continue;
    errors++;
    total += heights[truth][predicted];
  }
  return {
    mistakeSeverity: errors === 0 ? Number.NaN : total / errors,
    hierarchicalDistance: total / trueLabels.length,
    errors,
  };
}
