import * as tf from '@tensorflow/tfjs';
import type { LayerSeeds } from './seeds';

/** Image shape `[height, width, channels]`, e.g. `[28, 28, 1]` for Fashion-MNIST. */
export type ImageShape = [number, number, number];

/** Checks an image shape and that the flattened input has `height * width * channels` values. */
export function validateImageShape(modelName: string, imageShape: ImageShape): number {
  if (
    !Array.isArray(imageShape) ||
    imageShape.length !== 3 ||
    imageShape.some((size) => !Number.isInteger(size) || size < 1)
  ) {
    throw new Error(
      `${modelName}: imageShape must be [height, width, channels] of positive integers, got ${JSON.stringify(imageShape)}`,
    );
  }
  return imageShape[0] * imageShape[1] * imageShape[2];
}

/** Checks a convolution kernel size (odd or even, at least 1). */
export function validateKernelSize(modelName: string, kernelSize: number): void {
  if (!Number.isInteger(kernelSize) || kernelSize < 1)
    throw new Error(`${modelName}: kernelSize must be a positive integer, got ${kernelSize}`);
}

/**
 * The convolutional body shared by the image teacher and the convolutional student:
 * flattened pixels (`features`, height*width*channels values a row, so the data stay
 * FloatMatrix rows) -> Reshape `image` -> for each entry of `filters`: Conv2D `convK`
 * (kernelSize x kernelSize, 'same' padding, ReLU, seeded Glorot-uniform kernel, zero
 * bias) -> MaxPooling2D `poolK` (2 x 2, stride 2) -> Flatten `flatten`.
 * Each pooling halves height and width (rounding down), so 28 x 28 with two blocks ends
 * at 7 x 7 x filters[last].
 */
export function convReluPoolStack(
  input: tf.SymbolicTensor,
  imageShape: ImageShape,
  filters: number[],
  kernelSize: number,
  seeds: LayerSeeds,
): tf.SymbolicTensor {
  let current = tf.layers.reshape({ targetShape: imageShape, name: 'image' }).apply(input) as tf.SymbolicTensor;
  let height = imageShape[0];
  let width = imageShape[1];
  filters.forEach((count, index) => {
    if (height < 2 || width < 2) {
      throw new Error(
        `convolutional body: block ${index + 1} of [${filters.join(', ')}] would pool a ${height} x ${width} map; use fewer blocks for ${imageShape[0]} x ${imageShape[1]} images`,
      );
    }
    current = tf.layers
      .conv2d({
        filters: count,
        kernelSize,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: seeds.glorotUniform(),
        biasInitializer: 'zeros',
        name: `conv${index + 1}`,
      })
      .apply(current) as tf.SymbolicTensor;
    current = tf.layers
      .maxPooling2d({ poolSize: 2, strides: 2, name: `pool${index + 1}` })
      .apply(current) as tf.SymbolicTensor;
    height = Math.floor(height / 2);
    width = Math.floor(width / 2);
  });
  return tf.layers.flatten({ name: 'flatten' }).apply(current) as tf.SymbolicTensor;
}
