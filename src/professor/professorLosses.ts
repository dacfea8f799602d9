import * as tf from '@tensorflow/tfjs';

/**
 * The professor's loss terms (our design, see src/professor/README.md). All take logits
 * and return batch means.
 *
 * Reconstruction is the T²-scaled KL divergence of `distillationLoss` in src/losses:
 *
 *   L_rec = T² · (1/N) Σ_n KL( softmax(t_n / T) ‖ softmax(r_n / T) )
 *
 * chosen over MSE because (1) it is exactly the divergence the student is trained on, so a
 * small L_rec means the student sees nearly the teacher's target; (2) computed from
 * log-softmax it stays finite and keeps useful gradients where the softmax saturates (MSE
 * on probabilities vanishes there); (3) T² keeps its gradient scale, and so the meaning
 * of its weight, comparable across temperatures (Hinton et al. 2015, section 2).
 *
 * Classification is the ordinary cross-entropy of the refined logits at T = 1:
 *   L_cls = -(1/N) Σ_n log softmax(r_n)_{y_n}
 * (ranking is the same at every T, so T = 1 is enough to push the true class first).
 */
export { distillationLoss as reconstructionLoss } from '../losses/distillation';
export { crossEntropyLoss as classificationLoss } from '../losses/crossEntropy';

/**
 * The discriminator's loss: binary cross-entropy with real teacher targets labelled 1
 * and refined targets labelled 0 (Goodfellow et al. 2014, "Generative Adversarial Nets",
 * eq. 1, the discriminator's side):
 *
 *   L_D = (1/N) Σ_n softplus(-d_real,n) + (1/N) Σ_n softplus(d_fake,n)
 *
 * with d = the discriminator's logit and softplus(x) = log(1 + e^x), i.e. -log σ(d_real)
 * - log(1 - σ(d_fake)). At d = 0 everywhere it is 2 ln 2.
 *
 * @param realLogits discriminator logits on real teacher targets, shape [N]
 * @param fakeLogits discriminator logits on refined targets, shape [M]
 */
export function discriminatorLoss(realLogits: tf.Tensor1D, fakeLogits: tf.Tensor1D): tf.Scalar {
  if (realLogits.rank !== 1 || fakeLogits.rank !== 1) {
    throw new Error(
      `discriminatorLoss: logits must be 1-D, got shapes [${realLogits.shape.join(', ')}] and [${fakeLogits.shape.join(', ')}]`,
    );
  }
  return tf.tidy(() => tf.add(tf.mean(tf.softplus(tf.neg(realLogits))), tf.mean(tf.softplus(fakeLogits))) as tf.Scalar);
}

/**
 * The professor's (generator's) adversarial loss, the non-saturating form of Goodfellow
 * et al. 2014 (section 3: maximise log D(G(z)) instead of minimising log(1 - D(G(z)))):
 *
 *   L_adv = (1/N) Σ_n softplus(-d_fake,n) = -(1/N) Σ_n log σ(d_fake,n)
 *
 * Small when the discriminator takes the refined targets for real teacher targets of the
 * same class. At d = 0 it is ln 2.
 *
 * @param fakeLogits discriminator logits on refined targets, shape [N]
 */
export function generatorLoss(fakeLogits: tf.Tensor1D): tf.Scalar {
  if (fakeLogits.rank !== 1)
    throw new Error(`generatorLoss: logits must be 1-D, got shape [${fakeLogits.shape.join(', ')}]`);
  return tf.tidy(() => tf.mean(tf.softplus(tf.neg(fakeLogits))) as tf.Scalar);
}
