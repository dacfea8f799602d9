import * as tf from '@tensorflow/tfjs';
import { type PerModel, perModelForRows, requireLabelsForRows, requireMatrix } from './validation';

/**
 * Losses that read the two-level label hierarchy directly, without a teacher: the soft
 * labels and the hierarchical cross-entropy (HXE) of Bertinetto, Mueller, Tertikas,
 * Samangooei & Lord 2020, "Making Better Mistakes: Leveraging Class Hierarchies with Deep
 * Networks" (CVPR), section 3. The hierarchy is `fineToCoarse`: index = fine class,
 * value = its coarse class (group); tensors take it as an int32 [F] tensor.
 */

/**
 * Throws unless `fineToCoarse` maps each of `fineClassCount` fine classes to a coarse class
 * id (an integer >= 0, below `coarseClassCount` when given); names the first bad entry.
 */
export function checkFineToCoarse(
  fineToCoarse: ArrayLike<number>,
  fineClassCount: number,
  where: string,
  coarseClassCount?: number,
): void {
  if (!fineToCoarse || typeof fineToCoarse.length !== 'number')
    throw new Error(`${where}: fineToCoarse must be a list of coarse class ids, one per fine class`);
  if (fineToCoarse.length !== fineClassCount)
    throw new Error(
      `${where}: fineToCoarse has ${fineToCoarse.length} entries, expected one per fine class (${fineClassCount})`,
    );
  for (let fine = 0; fine < fineToCoarse.length; fine++) {
    const coarse = fineToCoarse[fine];
    if (!Number.isInteger(coarse) || coarse < 0 || (coarseClassCount !== undefined && coarse >= coarseClassCount))
      throw new Error(
        `${where}: fineToCoarse[${fine}] is ${coarse}, expected a coarse class id in 0..${coarseClassCount === undefined ? 'C-1' : coarseClassCount - 1}`,
      );
  }
}

function requireHierarchyTensor(fineToCoarse: tf.Tensor, classCount: number, functionName: string): void {
  if (fineToCoarse.rank !== 1 || fineToCoarse.shape[0] !== classCount || fineToCoarse.dtype !== 'int32')
    throw new Error(
      `${functionName}: fineToCoarse must be int32 [${classCount}] (the coarse class of each fine class), got ${fineToCoarse.dtype} [${fineToCoarse.shape.join(', ')}]`,
    );
}

/**
 * The tree distance between each row's true fine class y and every fine class c, the
 * height of their lowest common ancestor in the two-level hierarchy:
 *
 *   d(y, c) = 0 if c = y,   1 if c ≠ y is in y's group,   2 otherwise
 *
 * @param labels int32 class ids [N] (or [K, N])
 * @param fineToCoarse int32 [F]
 * @returns float32 [N, F] (or [K, N, F])
 */
export function hierarchyDistances(labels: tf.Tensor, fineToCoarse: tf.Tensor1D): tf.Tensor {
  const classCount = fineToCoarse.shape[0];
  requireHierarchyTensor(fineToCoarse, classCount, 'hierarchyDistances');
  return tf.tidy(() => {
    const ids = labels.dtype === 'int32' ? labels : labels.toInt();
    const sameClass = tf.oneHot(ids, classCount).toFloat();
    const trueGroup = tf.expandDims(tf.gather(fineToCoarse, ids), -1);
    const sameGroup = tf.equal(trueGroup, fineToCoarse).toFloat();
    return tf.sub(tf.sub(2, sameGroup), sameClass);
  });
}

/**
 * Bertinetto et al.'s soft labels (section 3, "soft labels"): the target of a row with true
 * class y puts mass on every class c by how close it is to y in the hierarchy,
 *
 *   y_soft(c) = exp(-β d(y, c)) / Σ_c' exp(-β d(y, c'))
 *
 * with d = {@link hierarchyDistances} (0 / 1 / 2: the LCA height); the student minimises the
 * cross-entropy of its fine head against them. β → ∞ gives one-hot labels, β = 0 the
 * uniform distribution. (A distance divided by the tree height, 2 here, is the same family
 * with β halved.)
 *
 * @param labels int32 class ids [N] (or [K, N])
 * @param fineToCoarse int32 [F]
 * @param beta β >= 0, a number or a [K] tensor (one per stacked model)
 * @returns [N, F] (or [K, N, F]), rows summing to 1
 */
export function hierarchySoftTargets(labels: tf.Tensor, fineToCoarse: tf.Tensor1D, beta: PerModel): tf.Tensor {
  if (typeof beta === 'number' && !(beta >= 0 && Number.isFinite(beta)))
    throw new Error(`hierarchySoftTargets: beta must be a finite number >= 0, got ${beta}`);
  if (beta instanceof tf.Tensor && (labels.rank !== 2 || beta.rank !== 1 || beta.shape[0] !== labels.shape[0]))
    throw new Error(
      `hierarchySoftTargets: a beta tensor needs [K, N] labels and shape [K], got labels [${labels.shape.join(', ')}] and beta [${beta.shape.join(', ')}]`,
    );
  return tf.tidy(() => tf.softmax(tf.mul(tf.neg(hierarchyDistances(labels, fineToCoarse)), perModelForRows(beta))));
}

/**
 * The two factors of the true class's probability along its path in the two-level
 * hierarchy, per row, in log space (y = the true fine class, g = its group):
 *
 *   log p(g) = log Σ_{c in g} softmax(z)_c,    log p(y | g) = log softmax(z)_y - log p(g)
 *
 * @param labels int32 class ids [N] (or [K, N])
 * @param logits fine logits [N, F] (or [K, N, F])
 * @param fineToCoarse int32 [F]
 * @returns `group` and `fineGivenGroup`, each [N] (or [K, N])
 */
export function hierarchyPathLogProbabilities(
  labels: tf.Tensor,
  logits: tf.Tensor,
  fineToCoarse: tf.Tensor1D,
): { group: tf.Tensor; fineGivenGroup: tf.Tensor } {
  requireMatrix(logits, 'logits', 'hierarchyPathLogProbabilities');
  requireLabelsForRows(labels, logits, 'hierarchyPathLogProbabilities');
  const classCount = logits.shape[logits.rank - 1];
  requireHierarchyTensor(fineToCoarse, classCount, 'hierarchyPathLogProbabilities');
  return tf.tidy(() => {
    const ids = labels.dtype === 'int32' ? labels : labels.toInt();
    const logProbabilities = tf.logSoftmax(logits);
    const trueLog = tf.sum(tf.mul(tf.oneHot(ids, classCount).toFloat(), logProbabilities), -1);
    const inTrueGroup = tf.equal(tf.expandDims(tf.gather(fineToCoarse, ids), -1), fineToCoarse);
    // Classes outside the true group get a huge negative log-probability: exp gives 0, with no infinities.
    const group = tf.logSumExp(tf.where(inTrueGroup, logProbabilities, tf.fill(logits.shape, -1e30)), -1);
    return { group, fineGivenGroup: tf.sub(trueLog, group) };
  });
}

/**
 * The hierarchical cross-entropy (HXE) of Bertinetto et al. (section 3): the probability of
 * the true class factorises along its path to the root, p(y) = Π_l p(C_l | C_{l+1}), and
 * each factor's log is weighted by the height h(C_l) of its node:
 *
 *   L = -Σ_l exp(-α h(C_l)) log p(C_l | C_{l+1})
 *
 * In the two-level hierarchy (leaf y at height 0, its group g at height 1, the root at 2):
 *
 *   L = -log p(y | g) - exp(-α) log p(g),   p(g) = Σ_{c in g} p(c),   p(y | g) = p(y) / p(g)
 *
 * per row ({@link hierarchyPathLogProbabilities}); α = 0 gives the ordinary cross-entropy,
 * a larger α discounts the group term.
 *
 * @param labels int32 class ids [N] (or [K, N])
 * @param logits fine logits [N, F] (or [K, N, F])
 * @param fineToCoarse int32 [F]
 * @param alpha α >= 0, a number or a [K] tensor (with [K, N] labels)
 * @returns the batch mean: a scalar (or [K])
 */
export function hierarchicalCrossEntropyLoss(
  labels: tf.Tensor,
  logits: tf.Tensor,
  fineToCoarse: tf.Tensor1D,
  alpha: PerModel,
): tf.Tensor {
  if (typeof alpha === 'number' && !(alpha >= 0 && Number.isFinite(alpha)))
    throw new Error(`hierarchicalCrossEntropyLoss: alpha must be a finite number >= 0, got ${alpha}`);
  return tf.tidy(() => {
    const { group, fineGivenGroup } = hierarchyPathLogProbabilities(labels, logits, fineToCoarse);
    const groupWeight =
      typeof alpha === 'number' ? Math.exp(-alpha) : tf.reshape(tf.exp(tf.neg(alpha)), [alpha.shape[0], 1]);
    return tf.mean(tf.neg(tf.add(fineGivenGroup, tf.mul(group, groupWeight))), -1);
  });
}
