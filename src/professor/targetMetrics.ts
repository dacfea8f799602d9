import { type FloatMatrix, validateLabels, validateMatrix } from '../tensors/matrix';

/**
 * Row-wise softmax at temperature T of a logit matrix, in plain JavaScript (float64
 * arithmetic, max-subtracted so it cannot overflow): p_ij = exp(z_ij/T) / Σ_k exp(z_ik/T).
 */
export function softmaxRows(logits: FloatMatrix, temperature = 1): FloatMatrix {
  validateMatrix(logits, 'softmaxRows logits');
  if (!(temperature > 0) || !Number.isFinite(temperature))
    throw new Error(`softmaxRows: temperature must be a finite number > 0, got ${temperature}`);
  const { rows, columns } = logits;
  const data = new Float32Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    let maximum = -Infinity;
    for (let column = 0; column < columns; column++) maximum = Math.max(maximum, logits.data[offset + column]);
    let total = 0;
    const exponentials = new Float64Array(columns);
    for (let column = 0; column < columns; column++) {
      exponentials[column] = Math.exp((logits.data[offset + column] - maximum) / temperature);
      total += exponentials[column];
    }
    for (let column = 0; column < columns; column++) data[offset + column] = exponentials[column] / total;
  }
  return { data, rows, columns };
}

/**
 * Share of rows whose largest value (logit or probability) is at the true label. A tie
 * counts only when the true class is the FIRST of the tied maxima (as argmax). Works on
 * logits or probabilities alike (softmax keeps the order).
 */
export function trueClassFirstRate(scores: FloatMatrix, labels: ArrayLike<number>): number {
  validateMatrix(scores, 'trueClassFirstRate scores');
  validateLabels(labels, scores.rows, scores.columns, 'trueClassFirstRate labels');
  if (scores.rows === 0) throw new Error('trueClassFirstRate: no rows');
  let first = 0;
  for (let row = 0; row < scores.rows; row++) {
    const offset = row * scores.columns;
    let best = 0;
    for (let column = 1; column < scores.columns; column++)
      if (scores.data[offset + column] > scores.data[offset + best]) best = column;
    if (best === labels[row]) first += 1;
  }
  return first / scores.rows;
}

/** Options of {@link classCorrelationMatrix}. */
export interface ClassCorrelationOptions {
  /**
   * `mean` (default): M[k][j] = mean of p_j over rows whose true class is k, each row of M
   * sums to 1 (the "dark knowledge" matrix of mean soft targets).
   * `offTrueClass`: the same on each row's NON-true mass renormalised,
   * p_j / (1 - p_y) for j ≠ y and 0 on the diagonal: how the teacher spreads its doubt over
   * the other classes, which sharpening the true class alone does not change.
   */
  mode?: 'mean' | 'offTrueClass';
}

/**
 * The class-correlation matrix of soft targets (our definition): a classCount x classCount
 * matrix whose row k averages the probability rows of the examples of true class k (see
 * {@link ClassCorrelationOptions.mode}). A class with no rows gets a row of zeros.
 *
 * @param probabilities rows of probabilities (e.g. softmaxRows(teacherLogits, T))
 * @param labels true class of each row
 */
export function classCorrelationMatrix(
  probabilities: FloatMatrix,
  labels: ArrayLike<number>,
  classCount: number,
  options: ClassCorrelationOptions = {},
): number[][] {
  validateMatrix(probabilities, 'classCorrelationMatrix probabilities');
  if (probabilities.columns !== classCount)
    throw new Error(
      `classCorrelationMatrix: probabilities has ${probabilities.columns} columns, expected classCount = ${classCount}`,
    );
  validateLabels(labels, probabilities.rows, classCount, 'classCorrelationMatrix labels');
  const mode = options.mode ?? 'mean';
  if (mode !== 'mean' && mode !== 'offTrueClass')
    throw new Error(`classCorrelationMatrix: mode must be 'mean' or 'offTrueClass', got ${mode}`);
  const sums = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  const counts = new Array<number>(classCount).fill(0);
  for (let row = 0; row < probabilities.rows; row++) {
    const label = labels[row];
    const offset = row * classCount;
    counts[label] += 1;
    if (mode === 'mean') {
      for (let column = 0; column < classCount; column++) sums[label][column] += probabilities.data[offset + column];
    } else {
      const rest = 1 - probabilities.data[offset + label];
      // A row with all its mass on the true class has no doubt to spread: it adds zeros.
      if (rest <= 1e-12) continue;
      for (let column = 0; column < classCount; column++)
        if (column !== label) sums[label][column] += probabilities.data[offset + column] / rest;
    }
  }
  return sums.map((row, label) => row.map((value) => (counts[label] === 0 ? 0 : value / counts[label])));
}

/**
 * Distance between two square matrices of the same size:
 * `meanAbsolute` (default): (1/K²) Σ_ij |a_ij - b_ij|; `frobenius`: sqrt(Σ_ij (a_ij - b_ij)²).
 */
export function correlationDistance(
  a: number[][],
  b: number[][],
  norm: 'meanAbsolute' | 'frobenius' = 'meanAbsolute',
): number {
  const size = a.length;
  if (size === 0 || b.length !== size || [...a, ...b].some((row) => row.length !== size)) {
    throw new Error(
      `correlationDistance: expected two square matrices of the same size, got ${a.length} x ${a[0]?.length ?? 0} and ${b.length} x ${b[0]?.length ?? 0}`,
    );
  }
  let total = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const difference = a[i][j] - b[i][j];
      if (!Number.isFinite(difference)) throw new Error(`correlationDistance: non-finite entry at [${i}][${j}]`);
      total += norm === 'frobenius' ? difference * difference : Math.abs(difference);
    }
  }
  if (norm === 'frobenius') return Math.sqrt(total);
  if (norm === 'meanAbsolute') return total / (size * size);
  throw new Error(`correlationDistance: norm must be 'meanAbsolute' or 'frobenius', got ${norm}`);
}
