import * as tf from '@tensorflow/tfjs';

/**
 * Adam (Kingma & Ba 2015) with the exact element-wise arithmetic of tfjs'
 * `tf.train.adam` (same operations in the same order, same ε = backend epsilon), whose
 * moment tensors the training loop can read and replace. Because every update is
 * element-wise, K models stacked along a leading axis get exactly the updates each would
 * get alone, and a stopped model's rows can be cut out of the moments (see
 * StackedDenseGroup.removeMembers).
 *
 *   m ← β1·m + (1-β1)·g;  v ← β2·v + (1-β2)·g²
 *   θ ← θ - lr · (m / (1-β1^t)) / (sqrt(v / (1-β2^t)) + ε)
 */
export class GroupAdam {
  private first: tf.Variable[] | undefined;
  private second: tf.Variable[] | undefined;
  private readonly accumulatedBeta1: tf.Variable;
  private readonly accumulatedBeta2: tf.Variable;
  readonly epsilon: number;

  constructor(
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    epsilon?: number,
  ) {
    if (!(learningRate > 0)) throw new Error(`learningRate must be > 0, got ${learningRate}`);
    this.epsilon = epsilon ?? tf.backend().epsilon();
    this.accumulatedBeta1 = tf.tidy(() => tf.scalar(beta1).variable(false));
    this.accumulatedBeta2 = tf.tidy(() => tf.scalar(beta2).variable(false));
  }

  /** One step: `gradients[i]` is the gradient of `variables[i]` (same shapes, same order every step). */
  apply(variables: tf.Variable[], gradients: tf.Tensor[]): void {
    if (!this.first || !this.second) {
      this.first = variables.map((variable) => tf.tidy(() => tf.zerosLike(variable).variable(false)));
      this.second = variables.map((variable) => tf.tidy(() => tf.zerosLike(variable).variable(false)));
    }
    const first = this.first;
    const second = this.second;
    if (first.length !== variables.length) throw new Error(`GroupAdam: ${variables.length} variables but moments for ${first.length}`);
    tf.tidy(() => {
      const oneMinusAccumulatedBeta1 = tf.sub(1, this.accumulatedBeta1);
      const oneMinusAccumulatedBeta2 = tf.sub(1, this.accumulatedBeta2);
      variables.forEach((value, index) => {
        const gradient = gradients[index];
        const newFirst = tf.add(tf.mul(first[index], this.beta1), tf.mul(gradient, 1 - this.beta1));
        const newSecond = tf.add(tf.mul(second[index], this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2));
        const correctedFirst = tf.div(newFirst, oneMinusAccumulatedBeta1);
        const correctedSecond = tf.div(newSecond, oneMinusAccumulatedBeta2);
        first[index].assign(newFirst);
        second[index].assign(newSecond);
        value.assign(tf.add(tf.mul(tf.div(correctedFirst, tf.add(tf.sqrt(correctedSecond), this.epsilon)), -this.learningRate), value));
      });
      this.accumulatedBeta1.assign(tf.mul(this.accumulatedBeta1, this.beta1));
      this.accumulatedBeta2.assign(tf.mul(this.accumulatedBeta2, this.beta2));
    });
  }

  /** The first and second moments, aligned with the variables (undefined before the first step). */
  moments(): { first: tf.Tensor[]; second: tf.Tensor[] } | undefined {
    return this.first && this.second ? { first: this.first, second: this.second } : undefined;
  }

  /** Replaces the moments (e.g. with fewer stacked models); takes ownership of the tensors given. */
  replaceMoments(first: tf.Tensor[], second: tf.Tensor[]): void {
    tf.dispose([...(this.first ?? []), ...(this.second ?? [])]);
    this.first = first.map((tensor) => {
      const variable = tf.variable(tensor, false);
      tensor.dispose();
      return variable;
    });
    this.second = second.map((tensor) => {
      const variable = tf.variable(tensor, false);
      tensor.dispose();
      return variable;
    });
  }

  dispose(): void {
    tf.dispose([...(this.first ?? []), ...(this.second ?? []), this.accumulatedBeta1, this.accumulatedBeta2]);
    this.first = undefined;
    this.second = undefined;
  }
}
