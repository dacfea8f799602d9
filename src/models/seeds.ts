import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../util/random';

/**
 * Hands out one independent integer seed per layer from a model seed, so that
 * neighbouring model seeds (1, 2, 3) do not share layer streams (seed + index would
 * give model 2's first layer the same initial values as model 1's second layer).
 */
export class LayerSeeds {
  private readonly random: SeededRandom;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new Error(`model seed must be an integer, got ${seed}`);
    this.random = new SeededRandom(seed);
  }

  /** The next seed, an integer in [0, 2^31). */
  next(): number {
    return this.random.nextInt(2 ** 31);
  }

  /** A seeded Glorot-uniform kernel initialiser (Keras' default for Dense). */
  glorotUniform(): ReturnType<typeof tf.initializers.glorotUniform> {
    return tf.initializers.glorotUniform({ seed: this.next() });
  }
}
