import * as tf from '@tensorflow/tfjs';
import type { FloatMatrix } from '../tensors/matrix';

/**
 * Turns texts into fixed-size vectors. Implementations: the Universal Sentence Encoder
 * lite (offline default) and BERT-style models through transformers.js.
 */
export interface Encoder {
  /**
   * Stable name of the encoder and every setting that changes its vectors (model,
   * pooling, truncation), e.g. `use-lite-512:chars2000` or
   * `transformers:<model>:<pooling>:<maxLength>`. Part of embedding cache keys.
   */
  readonly id: string;
  /** Length of one embedding vector. */
  readonly dimension: number;
  /** Embeds `texts`; the result is row-major, `texts.length` x `dimension`. */
  encode(texts: string[]): Promise<Float32Array>;
  /** Frees the model (tensors, sessions). The encoder must not be used afterwards. */
  dispose(): void;
}

/**
 * A row-major matrix of embeddings, row `i` = `data[i*columns .. (i+1)*columns)`: the
 * project's one float matrix type ({@link FloatMatrix}, shared with training), so
 * embeddings go straight into training as features.
 */
export type EmbeddingMatrix = FloatMatrix;

/** Row `row` of a matrix as a view (no copy). */
export function matrixRow(matrix: EmbeddingMatrix, row: number): Float32Array {
  if (!Number.isInteger(row) || row < 0 || row >= matrix.rows) {
    throw new Error(`row ${row} is outside the embedding matrix (0..${matrix.rows - 1})`);
  }
  return matrix.data.subarray(row * matrix.columns, (row + 1) * matrix.columns);
}

/** The matrix as a `[rows, columns]` float32 tensor (the caller disposes it). */
export function toTensor2d(matrix: EmbeddingMatrix): tf.Tensor2D {
  checkMatrix(matrix);
  return tf.tensor2d(matrix.data, [matrix.rows, matrix.columns], 'float32');
}

/** Throws when `data` does not hold exactly `rows * columns` values. */
export function checkMatrix(matrix: EmbeddingMatrix): void {
  if (matrix.data.length !== matrix.rows * matrix.columns) {
    throw new Error(`embedding matrix holds ${matrix.data.length} values, expected ${matrix.rows} x ${matrix.columns}`);
  }
}

/** Cosine similarity of two vectors of equal length (0 when either is all zeros). */
export function cosineSimilarity(first: ArrayLike<number>, second: ArrayLike<number>): number {
  if (first.length !== second.length)
    throw new Error(`cosine similarity of vectors of lengths ${first.length} and ${second.length}`);
  let dot = 0;
  let firstNorm = 0;
  let secondNorm = 0;
  for (let index = 0; index < first.length; index++) {
    dot += first[index] * second[index];
    firstNorm += first[index] * first[index];
    secondNorm += second[index] * second[index];
  }
  return firstNorm === 0 || secondNorm === 0 ? 0 : dot / Math.sqrt(firstNorm * secondNorm);
}
