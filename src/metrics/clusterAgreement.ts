/**
 * Agreement between two groupings of the same items (e.g. a discovered label hierarchy's
 * `fineToCoarse` against a hand-made one).
 */

/**
 * Adjusted Rand index of two labelings (Hubert & Arabie 1985), as scikit-learn's
 * `adjusted_rand_score`: from the pair-confusion counts over all ordered pairs of
 * distinct items (tp: together in both, fp/fn: together in one only, tn: apart in both),
 * ARI = 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), and 1 when
 * fn = fp = 0 (identical partitions, including all-singletons and one-cluster cases).
 * 1 = same partition (label names do not matter), about 0 = chance agreement, can be negative.
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`adjustedRandIndex: the labelings have ${a.length} and ${b.length} items`);
  const count = a.length;
  if (count === 0) throw new Error('adjustedRandIndex: no items');
  const cells = new Map<string, number>();
  const rowSums = new Map<number, number>();
  const columnSums = new Map<number, number>();
  for (let index = 0; index < count; index++) {
    const first = a[index];
    const second = b[index];
    if (!Number.isFinite(first) || !Number.isFinite(second))
      throw new Error(
        `adjustedRandIndex: item ${index} has labels ${first} and ${second}; labels must be finite numbers`,
      );
    const key = `${first},${second}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rowSums.set(first, (rowSums.get(first) ?? 0) + 1);
    columnSums.set(second, (columnSums.get(second) ?? 0) + 1);
  }
  const sumOfSquares = (values: Iterable<number>) => {
    let total = 0;
    for (const value of values) total += value * value;
    return total;
  };
  const squares = sumOfSquares(cells.values());
  const truePositives = squares - count;
  const falsePositives = sumOfSquares(columnSums.values()) - squares;
  const falseNegatives = sumOfSquares(rowSums.values()) - squares;
  const trueNegatives = count * count - falsePositives - falseNegatives - squares;
  if (falseNegatives === 0 && falsePositives === 0) return 1;
  return (
    (2 * (truePositives * trueNegatives - falseNegatives * falsePositives)) /
    ((truePositives + falseNegatives) * (falseNegatives + trueNegatives) +
      (truePositives + falsePositives) * (falsePositives + trueNegatives))
  );
}
