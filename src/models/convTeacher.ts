import * as tf from '@tensorflow/tfjs';
import { convReluPoolStack, type ImageShape, validateImageShape, validateKernelSize } from './convStack';
import { denseReluStack, logitLayer, validateDropoutRate, validateWidths } from './denseStack';
import { LayerSeeds } from './seeds';

/** Fashion-MNIST's image shape. */
export const fashionMnistImageShape: ImageShape = [28, 28, 1];

/** Default convolution filters per block of {@link buildConvTeacher}. */
export const convTeacherDefaultFilters: readonly number[] = [32, 64];
/** Default kernel size of {@link buildConvTeacher}. */
export const convTeacherDefaultKernelSize = 3;
/** Default dense hidden widths of {@link buildConvTeacher}. */
export const convTeacherDefaultDenseUnits: readonly number[] = [128];

/** Options of {@link buildConvTeacher}. */
export interface ConvTeacherOptions {
  /** `[height, width, channels]`; default `[28, 28, 1]`. The input is the flattened image (784 values). */
  imageShape?: ImageShape;
  /** Output logits: 10 for a fine teacher on Fashion-MNIST, 5 or 3 for a coarse one. */
  classCount: number;
  /** Filters of each conv-ReLU-maxpool block; default [32, 64]. */
  filters?: number[];
  /** Square kernel size of every convolution; default 3. */
  kernelSize?: number;
  /** Dense ReLU widths after flattening; default [128]. */
  denseUnits?: number[];
  /** Dropout after every dense hidden layer; default 0.2. */
  dropoutRate?: number;
  /** Integer seed of every initialiser and dropout mask. */
  seed: number;
}

/**
 * A convolutional teacher for images given as flattened pixel rows (scaled to [0, 1]):
 * `features` (784) -> Reshape 28x28x1 -> [Conv2D(k x k, 'same', ReLU) -> MaxPool 2x2] per
 * entry of `filters` -> Flatten -> Dense ReLU `hiddenK` (+ SeededDropout) per entry of
 * `denseUnits` -> `prediction` Dense(classCount) LOGITS (no softmax).
 * The coarse and fine teachers are the same network except for the output width.
 * The architecture is OUR choice: the Fashion-MNIST paper (Yu & Kim, IEEE Access 2024)
 * was available as an abstract only.
 *
 * Exact trainable parameters with the defaults (28x28x1, filters [32, 64], kernel 3, dense [128]):
 *
 * | layer       | output      | parameters               |
 * |-------------|-------------|--------------------------|
 * | conv1       | 28x28x32    | (3*3*1 + 1) * 32 = 320   |
 * | conv2       | 14x14x64    | (3*3*32 + 1) * 64 = 18,496 |
 * | hidden1     | 128         | (7*7*64 + 1) * 128 = 401,536 |
 * | prediction  | classCount  | 129 * classCount         |
 *
 * | classes              | total    |
 * |----------------------|----------|
 * | 10 (fine)            | 421,642  |
 * | 5 (fashion-mnist-5)  | 420,997  |
 * | 3 (fashion-mnist-3)  | 420,739  |
 */
export function buildConvTeacher(options: ConvTeacherOptions): tf.LayersModel {
  const { classCount, seed } = options;
  const imageShape = options.imageShape ?? fashionMnistImageShape;
  const filters = options.filters ?? [...convTeacherDefaultFilters];
  const kernelSize = options.kernelSize ?? convTeacherDefaultKernelSize;
  const denseUnits = options.denseUnits ?? [...convTeacherDefaultDenseUnits];
  const dropoutRate = options.dropoutRate ?? 0.2;
  const inputDimension = validateImageShape('buildConvTeacher', imageShape);
  validateWidths('buildConvTeacher', 'classCount', [classCount]);
  if (filters.length === 0) throw new Error('buildConvTeacher: filters must list at least one convolution block');
  validateWidths('buildConvTeacher', 'filters', filters);
  validateWidths('buildConvTeacher', 'denseUnits', denseUnits);
  validateKernelSize('buildConvTeacher', kernelSize);
  validateDropoutRate('buildConvTeacher', dropoutRate);
  const seeds = new LayerSeeds(seed);
  const input = tf.input({ shape: [inputDimension], name: 'features' });
  const flat = convReluPoolStack(input, imageShape, filters, kernelSize, seeds);
  const body = denseReluStack(flat, denseUnits, dropoutRate, seeds);
  const logits = logitLayer(body, classCount, 'prediction', seeds);
  return tf.model({ inputs: input, outputs: logits, name: 'teacher' });
}
