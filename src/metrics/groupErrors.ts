/**
 * Where a fine classifier's mistakes land relative to a label hierarchy: the point of
 * heterogeneous KD (Yu & Kim, IEEE Access 2024) is that a student taught coarse
 * concepts should, when wrong, still pick a class in the right coarse group.
 */
import { requireLabelPairs } from './labelPairs';

/** What {@link withinGroupErrors} returns. */
export interface WithinGroupErrors {
  /** Number of scored examples. */
  count: number;
  /** Wrong fine predictions. */
  errors: number;
  /** Wrong predictions whose predicted class lies in the true class's coarse group. */
  withinGroupErrors: number;
  /** withinGroupErrors / errors; NaN when there are no errors. */
  withinGroupShare: number;
  /** Fine accuracy: (count - errors) / count. */
  fineAccuracy: number;
  /** Share of predictions in the right coarse group: (count - errors + withinGroupErrors) / count. */
  impliedCoarseAccuracy: number;
}

/**
 * Counts the fine-level mistakes and how many stay inside the true class's coarse group
 * (`fineToCoarse[predicted] === fineToCoarse[true]`). Implied coarse accuracy =
 * fine accuracy + (1 - fine accuracy) * within-group share. Throws on mismatched
 * lengths, empty input, or a label outside 0..fineToCoarse.length-1 (naming its position).
 */
export function withinGroupErrors(
  trueFine: ArrayLike<number>,
  predictedFine: ArrayLike<number>,
  fineToCoarse: readonly number[],
): WithinGroupErrors {
  requireLabelPairs('withinGroupErrors', trueFine, predictedFine, fineToCoarse.length, 'fine label');
  let errors = 0;
  let within = 0;
  for (let index = 0; index < trueFine.length; index++) {
    const truth = trueFine[index];
    const predicted = predictedFine[index];
    if (truth === predicted) continue;
    errors++;
    if (fineToCoarse[truth] === fineToCoarse[predicted]) within++;
  }
  const count = trueFine.length;
  return {
    count,
    errors,
    withinGroupErrors: within,
    withinGroupShare: errors === 0 ? Number.NaN : within / errors,
    fineAccuracy: (count - errors) / count,
    impliedCoarseAccuracy: (count - errors + within) / count,
  };
}

/**
 * Among the wrong fine predictions, the share whose predicted class is in the true
 * class's coarse group (see {@link withinGroupErrors}); NaN when nothing is wrong.
 */
export function withinGroupErrorShare(
  trueFine: ArrayLike<number>,
  predictedFine: ArrayLike<number>,
  fineToCoarse: readonly number[],
): number {
  return withinGroupErrors(trueFine, predictedFine, fineToCoarse).withinGroupShare;
}

/**
 * The within-group share a classifier would get if its mistakes picked a wrong class
 * uniformly at random: the mean over the true examples of (size of its group - 1) /
 * (classes - 1). A reference line for {@link withinGroupErrorShare}.
 */
export function chanceWithinGroupShare(trueFine: ArrayLike<number>, fineToCoarse: readonly number[]): number {
  const classCount = fineToCoarse.length;
  if (classCount < 2) throw new Error('chanceWithinGroupShare: need at least 2 fine classes');
  if (trueFine.length === 0) throw new Error('chanceWithinGroupShare: no labels');
  const groupSize = new Map<number, number>();
  fineToCoarse.forEach((coarse) => groupSize.set(coarse, (groupSize.get(coarse) ?? 0) + 1));
  let sum = 0;
  for (let index = 0; index < trueFine.length; index++) {
    const label = trueFine[index];
    if (!Number.isInteger(label) || label < 0 || label >= classCount)
      throw new Error(
        `chanceWithinGroupShare: true fine label ${label} at position ${index} is outside 0..${classCount - 1}`,
      );
    sum += (groupSize.get(fineToCoarse[label])! - 1) / (classCount - 1);
  }
  return sum / trueFine.length;
}
