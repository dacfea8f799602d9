import * as tf from '@tensorflow/tfjs';

/** Constructor arguments of {@link SeededDropout}. */
export interface SeededDropoutArgs {
  /** Fraction of the inputs to drop, in [0, 1). */
  rate: number;
  /** Integer seed of the first mask; call k (k = 0, 1, ...) uses `seed + k`. */
  seed: number;
  name?: string;
}

/**
 * Inverted dropout whose masks are repeatable: training call k draws its mask with
 * seed `seed + k`, so two models built with the same seed and trained on the same
 * batches drop the same units. (tfjs's own `tf.layers.dropout({seed})` reuses one
 * seed for every call, so it draws the SAME mask on every batch; without a seed it is
 * not repeatable.) At inference (`training` false or absent) it is the identity.
 * Masks come from tfjs's JavaScript generator, so they are identical on every backend.
 */
export class SeededDropout extends tf.layers.Layer {
  static readonly className = 'SeededDropout';
  readonly rate: number;
  readonly seed: number;
  private callCount = 0;

  constructor(args: SeededDropoutArgs) {
    super({ name: args.name });
    if (!(args.rate >= 0 && args.rate < 1)) throw new Error(`SeededDropout: rate must be in [0, 1), got ${args.rate}`);
    if (!Number.isInteger(args.seed)) throw new Error(`SeededDropout: seed must be an integer, got ${args.seed}`);
    this.rate = args.rate;
    this.seed = args.seed;
    this.supportsMasking = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs?.training || this.rate === 0) return input;
    const seed = this.seed + this.callCount;
    this.callCount += 1;
    return tf.dropout(input, this.rate, undefined, seed);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(SeededDropout);
