import * as tf from '@tensorflow/tfjs';

/**
 * Adam (Kingma & Ba 2015, Algorithm 1, in the form of section 2's last paragraph, which
 * TensorFlow's own kernel uses) over a group's variables, with moment tensors the training
 * loop can read and replace. Because every update is element-wise, K models stacked along
 * a leading axis get exactly the updates each would get alone, and a stopped model's rows
 * can be cut out of the moments (see StackedDenseGroup.removeMembers). Per step t:
 *
 *   m ← m + (1-β1)·(g - m);   v ← v + (1-β2)·(g² - v)
 *   α_t = lr · sqrt(1-β2^t) / (1-β1^t);   ε̂ = ε · sqrt(1-β2^t)
 *   θ ← θ - α_t · m / (sqrt(v) + ε̂)
 *
 * This equals tfjs' `tf.train.adam` (θ ← θ - lr·(m/(1-β1^t)) / (sqrt(v/(1-β2^t)) + ε)) up to
 * float rounding, with the bias corrections folded into two scalars computed in JavaScript:
 * 12 kernels per weight instead of 17 (Adam was a third of a teacher step in tfjs-node;
 * see src/bench/teacherEpochProbe.ts).
 */
export class GroupAdam {
  private first: tf.Variable[] | undefined;
  private second: tf.Variable[] | undefined;
  /** Steps taken (t). */
  private step = 0;
  readonly epsilon: number;

  constructor(
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    epsilon?: number,
  ) {
    if (!(learningRate > 0)) throw new Error(`learningRate must be > 0, got ${learningRate}`);
    this.epsilon = epsilon ?? tf.backend().epsilon();
  }

  /** One Adam step on `variables` with their `gradients` (same order and shapes). */
  apply(variables: tf.Variable[], gradients: tf.Tensor[]): void {
    if (!this.first || !this.second) {
      this.first = variables.map((variable) => tf.tidy(() => tf.zerosLike(variable).variable(false)));
      this.second = variables.map((variable) => tf.tidy(() => tf.zerosLike(variable).variable(false)));
    }
    const first = this.first;
    const second = this.second;
    if (first.length !== variables.length)
      throw new Error(`GroupAdam: ${variables.length} variables but moments for ${first.length}`);
    this.step += 1;
    const correction2 = Math.sqrt(1 - this.beta2 ** this.step);
    const stepSize = (this.learningRate * correction2) / (1 - this.beta1 ** this.step);
    const epsilonHat = this.epsilon * correction2;
    tf.tidy(() => {
      variables.forEach((value, index) => {
        const gradient = gradients[index];
        const newFirst = tf.add(first[index], tf.mul(tf.sub(gradient, first[index]), 1 - this.beta1));
        const newSecond = tf.add(second[index], tf.mul(tf.sub(tf.square(gradient), second[index]), 1 - this.beta2));
        first[index].assign(newFirst);
        second[index].assign(newSecond);
        value.assign(tf.sub(value, tf.mul(tf.div(newFirst, tf.add(tf.sqrt(newSecond), epsilonHat)), stepSize)));
      });
    });
  }

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
    tf.dispose([...(this.first ?? []), ...(this.second ?? [])]);
    this.first = undefined;
    this.second = undefined;
  }
}
