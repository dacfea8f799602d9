/**
 * Group scores from confusion matrices (rows: true fine class, columns: predicted): how many
 * of a network's mistakes stay within the true class's coarse group, for any grouping, after
 * the run (the run records keep their test confusion matrix).
 */

/** Element-wise sum of confusion matrices of one shape (e.g. one method over its seeds); undefined when none is given. */
export function summedConfusion(matrices: ReadonlyArray<readonly number[][]>): number[][] | undefined {
  if (matrices.length === 0) return undefined;
  const size = matrices[0].length;
  matrices.forEach((matrix, index) => {
    if (matrix.length !== size || matrix.some((row) => row.length !== size))
      throw new Error(`summedConfusion: matrix ${index + 1} is not ${size} x ${size} like the first`);
  });
  return matrices[0].map((row, trueClass) =>
    row.map((_, predicted) => matrices.reduce((sum, matrix) => sum + matrix[trueClass][predicted], 0)),
  );
}

/**
 * Share of the wrong predictions (off-diagonal counts) whose predicted class lies in the true
 * class's coarse group under `fineToCoarse`: within / errors; NaN when there are no errors.
 */
export function withinGroupShareOfConfusion(matrix: readonly number[][], fineToCoarse: readonly number[]): number {
  if (matrix.length !== fineToCoarse.length)
    throw new Error(
      `withinGroupShareOfConfusion: ${matrix.length} classes in the matrix, ${fineToCoarse.length} in fineToCoarse`,
    );
  let errors = 0;
  let within = 0;
  for (const [trueClass, row] of matrix.entries()) {
    for (const [predicted, count] of row.entries()) {
      if (predicted === trueClass) continue;
      errors += count;
      if (fineToCoarse[predicted] === fineToCoarse[trueClass]) within += count;
    }
  }
  return errors === 0 ? Number.NaN : within / errors;
}
