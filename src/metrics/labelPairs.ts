/**
 * The check every per-prediction metric makes first: true and predicted labels of equal,
 * nonzero length, each an integer class id in 0..classCount-1 (the error names the metric,
 * the label and its position).
 */
export function requireLabelPairs(
  where: string,
  trueLabels: ArrayLike<number>,
  predictedLabels: ArrayLike<number>,
  classCount: number,
  noun = 'label',
): void {
  if (trueLabels.length !== predictedLabels.length)
    throw new Error(`${where}: ${trueLabels.length} true labels but ${predictedLabels.length} predicted labels`);
  if (trueLabels.length === 0) throw new Error(`${where}: no labels to score`);
  for (let index = 0; index < trueLabels.length; index++) {
    for (const [what, label] of [
      ['true', trueLabels[index]],
      ['predicted', predictedLabels[index]],
    ] as const)
      if (!Number.isInteger(label) || label < 0 || label >= classCount)
        throw new Error(`${where}: ${what} ${noun} ${label} at position ${index} is outside 0..${classCount - 1}`);
  }
}
