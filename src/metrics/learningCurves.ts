/**
 * The first epoch (1-based) whose value reaches `target` (value >= target), or undefined
 * when no epoch does. Measures learning speed, e.g. epochs to 80 % validation accuracy
 * (the "learning efficiency" comparison of Yu & Kim 2022).
 */
export function epochsToReach(valuesPerEpoch: number[], target: number): number | undefined {
  if (Number.isNaN(target)) throw new Error('epochsToReach: target is NaN');
  const index = valuesPerEpoch.findIndex((value) => value >= target);
  return index === -1 ? undefined : index + 1;
}

/** The largest value and the 1-based epoch where it first occurs; undefined for no epochs. */
export function bestEpoch(valuesPerEpoch: number[]): { epoch: number; value: number } | undefined {
  let best: { epoch: number; value: number } | undefined;
  valuesPerEpoch.forEach((value, index) => {
    if (!Number.isNaN(value) && (best === undefined || value > best.value)) best = { epoch: index + 1, value };
  });
  return best;
}
