/**
 * Chi-squared scores of non-negative features against class labels, as scikit-learn's
 * `sklearn.feature_selection.chi2`: with Y the one-hot label matrix (n x c) and X the
 * features (n x f),
 *   observed = Yᵀ X (per class, the sum of each feature),
 *   expected[k][j] = (n_k / n) * Σ_i X[i][j],
 *   score[j] = Σ_k (observed[k][j] - expected[k][j])² / expected[k][j].
 * A feature that is zero everywhere gets NaN (0/0), as in scikit-learn.
 *
 * `rows` is sparse: for each sample, its (column, value) pairs (columns unique per row).
 */
export function chiSquaredScores(
  rows: ReadonlyArray<{ columns: ArrayLike<number>; values: ArrayLike<number> }>,
  labels: ArrayLike<number>,
  featureCount: number,
  classCount: number,
): Float64Array {
  if (rows.length !== labels.length)
    throw new Error(`chiSquaredScores: ${rows.length} rows but ${labels.length} labels`);
  if (rows.length === 0) throw new Error('chiSquaredScores: no rows');
  const observed = new Float64Array(classCount * featureCount);
  const featureTotals = new Float64Array(featureCount);
  const classSizes = new Float64Array(classCount);
  rows.forEach((row, index) => {
    const label = labels[index];
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new Error(
        `chiSquaredScores: label at position ${index} is ${label}, expected an integer in [0, ${classCount})`,
      );
    }
    classSizes[label]++;
    const offset = label * featureCount;
    for (let entry = 0; entry < row.columns.length; entry++) {
      const column = row.columns[entry];
      const value = row.values[entry];
      if (value < 0)
        throw new Error(
          `chiSquaredScores: row ${index} column ${column} is negative (${value}); chi-squared needs non-negative features`,
        );
      observed[offset + column] += value;
      featureTotals[column] += value;
    }
  });
  const scores = new Float64Array(featureCount);
  for (let column = 0; column < featureCount; column++) {
    let score = 0;
    for (let label = 0; label < classCount; label++) {
      const expected = (classSizes[label] / rows.length) * featureTotals[column];
      const difference = observed[label * featureCount + column] - expected;
      score += (difference * difference) / expected;
    }
    scores[column] = score;
  }
  return scores;
}

/**
 * Indices of the `k` best scores, in ascending index order, chosen as scikit-learn's
 * `SelectKBest` does: a stable ascending sort of the scores (NaN lowest), the last k taken;
 * so among equal scores the higher index wins.
 */
export function selectTopK(scores: ArrayLike<number>, k: number): number[] {
  if (!Number.isInteger(k) || k < 1) throw new Error(`selectTopK: k must be a positive integer, got ${k}`);
  if (k > scores.length)
    throw new Error(
      `selectTopK: k = ${k} exceeds the ${scores.length} available features (lower the dimension or minDocumentFrequency)`,
    );
  const key = (index: number) => (Number.isNaN(scores[index]) ? -Infinity : scores[index]);
  const order = Array.from({ length: scores.length }, (_, index) => index);
  order.sort((left, right) => key(left) - key(right) || left - right);
  return order.slice(order.length - k).sort((left, right) => left - right);
}
