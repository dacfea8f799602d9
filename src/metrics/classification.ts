/**
 * Classification metrics on plain label arrays (no tensors). Definitions follow
 * scikit-learn so numbers can be compared with Python results.
 */

function requirePairedLabels(
  trueLabels: ArrayLike<number>,
  predictedLabels: ArrayLike<number>,
  functionName: string,
): void {
  if (trueLabels.length !== predictedLabels.length) {
    throw new Error(`${functionName}: ${trueLabels.length} true labels but ${predictedLabels.length} predicted labels`);
  }
  if (trueLabels.length === 0) throw new Error(`${functionName}: no labels to score`);
}

function requireClassId(label: number, classCount: number, what: string, index: number, functionName: string): void {
  if (!Number.isInteger(label) || label < 0 || label >= classCount) {
    throw new Error(`${functionName}: ${what} label ${label} at position ${index} is outside 0..${classCount - 1}`);
  }
}

/** Share of positions where the predicted label equals the true label. */
export function accuracy(trueLabels: ArrayLike<number>, predictedLabels: ArrayLike<number>): number {
  requirePairedLabels(trueLabels, predictedLabels, 'accuracy');
  let correct = 0;
  for (let index = 0; index < trueLabels.length; index++) if (trueLabels[index] === predictedLabels[index]) correct++;
  return correct / trueLabels.length;
}

/**
 * Counts of (true, predicted) pairs: `matrix[trueClass][predictedClass]`, rows true,
 * columns predicted (scikit-learn's `confusion_matrix` layout).
 */
export function confusionMatrix(
  trueLabels: ArrayLike<number>,
  predictedLabels: ArrayLike<number>,
  classCount: number,
): number[][] {
  requirePairedLabels(trueLabels, predictedLabels, 'confusionMatrix');
  if (!Number.isInteger(classCount) || classCount < 1)
    throw new Error(`confusionMatrix: classCount must be an integer >= 1, got ${classCount}`);
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let index = 0; index < trueLabels.length; index++) {
    requireClassId(trueLabels[index], classCount, 'true', index, 'confusionMatrix');
    requireClassId(predictedLabels[index], classCount, 'predicted', index, 'confusionMatrix');
    matrix[trueLabels[index]][predictedLabels[index]]++;
  }
  return matrix;
}

/** Precision, recall and F1 of one class, plus its support (number of true examples). */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/**
 * Per-class precision, recall, F1 and support. A ratio with a zero denominator counts
 * 0, and F1 is 0 when precision + recall = 0 (scikit-learn with `zero_division=0`).
 */
export function perClassScores(
  trueLabels: ArrayLike<number>,
  predictedLabels: ArrayLike<number>,
  classCount: number,
): ClassScores[] {
  const matrix = confusionMatrix(trueLabels, predictedLabels, classCount);
  return matrix.map((row, classId) => {
    const truePositives = row[classId];
    const support = row.reduce((sum, count) => sum + count, 0);
    const predicted = matrix.reduce((sum, otherRow) => sum + otherRow[classId], 0);
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, support };
  });
}

/** F1 per class, index = class id (0 where precision + recall = 0). */
export function perClassF1(
  trueLabels: ArrayLike<number>,
  predictedLabels: ArrayLike<number>,
  classCount: number,
): number[] {
  return perClassScores(trueLabels, predictedLabels, classCount).map((scores) => scores.f1);
}

/**
 * Unweighted mean of the per-class F1 over ALL `classCount` classes, including classes
 * absent from both label arrays (scikit-learn `f1_score(average='macro',
 * labels=range(classCount), zero_division=0)`).
 */
export function macroF1(trueLabels: ArrayLike<number>, predictedLabels: ArrayLike<number>, classCount: number): number {
  const scores = perClassF1(trueLabels, predictedLabels, classCount);
  return scores.reduce((sum, score) => sum + score, 0) / classCount;
}

/**
 * Accuracy of fine predictions judged at the coarse level: a prediction counts when the
 * predicted fine class lies in the same coarse group as the true one. Shows whether a
 * student's mistakes stay inside the right "higher concept".
 */
export function impliedCoarseAccuracy(
  trueFineLabels: ArrayLike<number>,
  predictedFineLabels: ArrayLike<number>,
  fineToCoarse: number[],
): number {
  requirePairedLabels(trueFineLabels, predictedFineLabels, 'impliedCoarseAccuracy');
  let correct = 0;
  for (let index = 0; index < trueFineLabels.length; index++) {
    requireClassId(trueFineLabels[index], fineToCoarse.length, 'true fine', index, 'impliedCoarseAccuracy');
    requireClassId(predictedFineLabels[index], fineToCoarse.length, 'predicted fine', index, 'impliedCoarseAccuracy');
    if (fineToCoarse[trueFineLabels[index]] === fineToCoarse[predictedFineLabels[index]]) correct++;
  }
  return correct / trueFineLabels.length;
}

/**
 * Index of the largest value in each row of a row-major `rows` × `columns` matrix
 * (the first one on ties, like NumPy's argmax). A NaN throws: it means training diverged.
 */
export function argmaxRows(data: Float32Array | number[], rows: number, columns: number): Int32Array {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(columns) || columns < 1) {
    throw new Error(`argmaxRows: rows must be an integer >= 0 and columns >= 1, got ${rows} x ${columns}`);
  }
  if (data.length !== rows * columns)
    throw new Error(`argmaxRows: ${data.length} values cannot be ${rows} rows of ${columns}`);
  const result = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    let best = 0;
    for (let column = 0; column < columns; column++) {
      const value = data[offset + column];
      if (Number.isNaN(value)) throw new Error(`argmaxRows: row ${row}, column ${column} is NaN`);
      if (value > data[offset + best]) best = column;
    }
    result[row] = best;
  }
  return result;
}
