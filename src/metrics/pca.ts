/** Principal component analysis (2-D projection) on plain numbers, for the embedding scatter plots (src/plots/scatter.ts). */
import { SeededRandom, shuffledIndices } from '../util/random';

/** A fitted 2-D principal component projection. */
export interface Projection2d {
  /** Per-dimension mean of the fitted sample. */
  mean: number[];
  /** The two unit-length principal directions, `components[k][dimension]`. */
  components: [number[], number[]];
  /** Variance of the sample along each component (eigenvalues of the covariance). */
  explainedVariance: [number, number];
  /** Total variance of the sample (trace of the covariance), for explained shares. */
  totalVariance: number;
  /** Rows of the sample actually used (indices into the input). */
  sampleIndices: number[];
}

/** Options of {@link fitProjection2d}. */
export interface ProjectionOptions {
  /** Fit on at most this many rows, drawn without replacement (default 2000). */
  sampleSize?: number;
  /** Seed of the sample and of the start vectors (default 42). */
  seed?: number;
  /** Power-iteration steps per component at most (default 500). */
  iterations?: number;
  /** Stop a component early when no coordinate of its direction moves by more than this (default 1e-12). */
  tolerance?: number;
}

function dot(first: ArrayLike<number>, second: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < first.length; index++) sum += first[index] * second[index];
  return sum;
}

function normalize(vector: number[]): number {
  const length = Math.sqrt(dot(vector, vector));
  if (length > 0) for (let index = 0; index < vector.length; index++) vector[index] /= length;
  return length;
}

/** covariance * vector, computed as Xᵀ(X v) / n on the centred sample without forming the covariance. */
function covarianceTimes(centred: Float64Array[], vector: number[]): number[] {
  const result = new Array<number>(vector.length).fill(0);
  for (const row of centred) {
    const projection = dot(row, vector);
    for (let index = 0; index < row.length; index++) result[index] += projection * row[index];
  }
  return result.map((value) => value / centred.length);
}

/**
 * Fits the first two principal components of `rows` (PCA) by power iteration with
 * deflation (the second direction is kept orthogonal to the first by Gram-Schmidt):
 * v <- C v / |C v| with C the covariance of the centred sample. Plain TypeScript, for
 * the 2-D embedding scatter; seeded and repeatable. Component signs are fixed so the
 * largest-magnitude coordinate is positive.
 */
export function fitProjection2d(rows: ArrayLike<number>[], options: ProjectionOptions = {}): Projection2d {
  if (rows.length < 3) throw new Error(`fitProjection2d: need at least 3 rows, got ${rows.length}`);
  const dimensions = rows[0].length;
  if (dimensions < 2) throw new Error(`fitProjection2d: rows have ${dimensions} dimensions, expected at least 2`);
  const seed = options.seed ?? 42;
  const sampleSize = Math.min(options.sampleSize ?? 2000, rows.length);
  const sampleIndices = shuffledIndices(rows.length, seed)
    .slice(0, sampleSize)
    .sort((first, second) => first - second);
  const mean = new Array<number>(dimensions).fill(0);
  for (const index of sampleIndices) {
    const row = rows[index];
    if (row.length !== dimensions) {
      throw new Error(`fitProjection2d: row ${index} has ${row.length} values, expected ${dimensions}`);
    }
    for (let dimension = 0; dimension < dimensions; dimension++) {
      if (!Number.isFinite(row[dimension])) throw new Error(`fitProjection2d: row ${index} holds ${row[dimension]}`);
      mean[dimension] += row[dimension] / sampleSize;
    }
  }
  const centred = sampleIndices.map((index) =>
    Float64Array.from(rows[index], (value, dimension) => value - mean[dimension]),
  );
  const totalVariance = centred.reduce((sum, row) => sum + dot(row, row), 0) / sampleSize;
  const random = new SeededRandom(seed + 1);
  const iterations = options.iterations ?? 500;
  const tolerance = options.tolerance ?? 1e-12;
  const components: number[][] = [];
  const variances: number[] = [];
  for (let componentIndex = 0; componentIndex < 2; componentIndex++) {
    let vector = Array.from({ length: dimensions }, () => random.next() - 0.5);
    const orthogonalize = (target: number[]) => {
      for (const previous of components) {
        const overlap = dot(target, previous);
        for (let index = 0; index < dimensions; index++) target[index] -= overlap * previous[index];
      }
    };
    orthogonalize(vector);
    normalize(vector);
    let eigenvalue = 0;
    for (let step = 0; step < iterations; step++) {
      const next = covarianceTimes(centred, vector);
      orthogonalize(next);
      eigenvalue = normalize(next);
      if (eigenvalue === 0) break;
      const sign = dot(next, vector) < 0 ? -1 : 1;
      let change = 0;
      for (let index = 0; index < dimensions; index++)
        change = Math.max(change, Math.abs(next[index] - sign * vector[index]));
      vector = next;
      if (change < tolerance) break;
    }
    let largest = 0;
    for (let index = 1; index < dimensions; index++)
      if (Math.abs(vector[index]) > Math.abs(vector[largest])) largest = index;
    if (vector[largest] < 0) vector = vector.map((value) => -value);
    components.push(vector);
    variances.push(eigenvalue);
  }
  return {
    mean,
    components: [components[0], components[1]],
    explainedVariance: [variances[0], variances[1]],
    totalVariance,
    sampleIndices,
  };
}

/** Projects rows onto a fitted projection: `[(row - mean)·c1, (row - mean)·c2]` per row. */
export function projectRows(projection: Projection2d, rows: ArrayLike<number>[]): Array<[number, number]> {
  const { mean, components } = projection;
  return rows.map((row, rowIndex) => {
    if (row.length !== mean.length) {
      throw new Error(`projectRows: row ${rowIndex} has ${row.length} values, expected ${mean.length}`);
    }
    let first = 0;
    let second = 0;
    for (let dimension = 0; dimension < mean.length; dimension++) {
      const centred = row[dimension] - mean[dimension];
      first += centred * components[0][dimension];
      second += centred * components[1][dimension];
    }
    return [first, second];
  });
}

/** Splits a row-major matrix (`data` of `rows * columns`) into row views, e.g. for an embedding matrix. */
export function matrixRows(
  data: Float32Array | Float64Array,
  rowCount: number,
  columnCount: number,
): Float32Array[] | Float64Array[] {
  if (data.length !== rowCount * columnCount) {
    throw new Error(`matrixRows: ${data.length} values do not make ${rowCount} x ${columnCount}`);
  }
  const views: Array<Float32Array | Float64Array> = [];
  for (let row = 0; row < rowCount; row++) views.push(data.subarray(row * columnCount, (row + 1) * columnCount));
  return views as Float32Array[] | Float64Array[];
}
