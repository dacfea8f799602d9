import * as tf from '@tensorflow/tfjs';
import { SeededDropout } from './seededDropout';
import type { LayerSeeds } from './seeds';

/** Checks a list of layer widths, naming the model in the error. */
export function validateWidths(modelName: string, field: string, widths: number[]): void {
  for (const width of widths) {
    if (!Number.isInteger(width) || width < 1)
      throw new Error(`${modelName}: ${field} must be positive integers, got [${widths.join(', ')}]`);
  }
}

/** Checks a dropout rate, naming the model in the error. */
export function validateDropoutRate(modelName: string, rate: number): void {
  if (!(rate >= 0 && rate < 1)) throw new Error(`${modelName}: dropoutRate must be in [0, 1), got ${rate}`);
}

/**
 * Applies `hidden1 … hiddenN` Dense ReLU layers (seeded Glorot-uniform kernels, zero
 * biases), each followed by a {@link SeededDropout} named `dropoutK` when `dropoutRate > 0`.
 */
export function denseReluStack(
  input: tf.SymbolicTensor,
  hiddenUnits: number[],
  dropoutRate: number,
  seeds: LayerSeeds,
): tf.SymbolicTensor {
  let current = input;
  hiddenUnits.forEach((units, index) => {
    const dense = tf.layers.dense({
      units,
      activation: 'relu',
      kernelInitializer: seeds.glorotUniform(),
      biasInitializer: 'zeros',
      name: `hidden${index + 1}`,
    });
    current = dense.apply(current) as tf.SymbolicTensor;
    // Draw the dropout seed even when unused, so the head seeds do not depend on the rate.
    const dropoutSeed = seeds.next();
    if (dropoutRate > 0) {
      current = new SeededDropout({ rate: dropoutRate, seed: dropoutSeed, name: `dropout${index + 1}` }).apply(
        current,
      ) as tf.SymbolicTensor;
    }
  });
  return current;
}

/** A Dense layer with no activation (it outputs logits), seeded like the hidden layers. */
export function logitLayer(
  input: tf.SymbolicTensor,
  units: number,
  name: string,
  seeds: LayerSeeds,
): tf.SymbolicTensor {
  return tf.layers
    .dense({ units, activation: 'linear', kernelInitializer: seeds.glorotUniform(), biasInitializer: 'zeros', name })
    .apply(input) as tf.SymbolicTensor;
}
