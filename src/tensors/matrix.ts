import * as tf from '@tensorflow/tfjs';

/** A row-major matrix of floats (e.g. document embeddings or precomputed logits). */
export interface FloatMatrix {
  data: Float32Array;
  rows: number;
  columns: number;
}

/** Features as a plain matrix or a tensor the caller owns. */
export type Features = FloatMatrix | tf.Tensor2D;

/** Checks the shape of a {@link FloatMatrix}, naming it (`what`) in the error. */
export function validateMatrix(matrix: FloatMatrix, what: string): void {
  if (!(matrix.data instanceof Float32Array)) throw new Error(`${what}: data must be a Float32Array`);
  if (!Number.isInteger(matrix.rows) || !Number.isInteger(matrix.columns) || matrix.rows < 0 || matrix.columns < 1) {
    throw new Error(`${what}: rows and columns must be non-negative integers, got ${matrix.rows} x ${matrix.columns}`);
  }
  if (matrix.data.length !== matrix.rows * matrix.columns) {
    throw new Error(
      `${what}: data has ${matrix.data.length} values, expected rows x columns = ${matrix.rows} x ${matrix.columns} = ${matrix.rows * matrix.columns}`,
    );
  }
}

/** Rows of features. */
export function rowCount(features: Features): number {
  return features instanceof tf.Tensor ? features.shape[0] : features.rows;
}

/** Columns of features. */
export function columnCount(features: Features): number {
  return features instanceof tf.Tensor ? features.shape[1] : features.columns;
}

/**
 * Features as a tensor plus whether the caller of this function owns (must dispose) it:
 * a tensor passed in is used as is and stays the caller's.
 */
export function featuresTensor(features: Features, what: string): { tensor: tf.Tensor2D; owned: boolean } {
  if (features instanceof tf.Tensor) {
    if (features.rank !== 2)
      throw new Error(`${what}: expected a rank-2 tensor, got shape [${features.shape.join(', ')}]`);
    return { tensor: features, owned: false };
  }
  validateMatrix(features, what);
  return { tensor: tf.tensor2d(features.data, [features.rows, features.columns], 'float32'), owned: true };
}

/**
 * Checks integer class labels: one per row, each in [0, classCount). The error names
 * the split, the first bad position and its value.
 */
export function validateLabels(
  labels: ArrayLike<number>,
  expectedLength: number,
  classCount: number,
  what: string,
): void {
  if (labels.length !== expectedLength) throw new Error(`${what}: ${labels.length} labels for ${expectedLength} rows`);
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index];
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new Error(`${what}: label at position ${index} is ${label}, expected an integer in [0, ${classCount})`);
    }
  }
}
