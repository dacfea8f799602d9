import * as tf from '@tensorflow/tfjs';
import { validateWidths } from '../models/denseStack';
import { LayerSeeds } from '../models/seeds';

/**
 * The professor (our design after Bang, Lee & Shim 2021, Information Sciences 576; only
 * their abstract is available): a conditional adversarial autoencoder over the teacher's
 * soft targets, conditioned on the true label. Three separate models so that the
 * alternating updates can name their own variables:
 * - `encoder([target features, oneHotLabel]) -> latent`
 * - `decoder([latent, oneHotLabel]) -> refined logits` (same scale as the teacher's logits)
 * - `discriminator([target features, oneHotLabel]) -> one real/fake logit`
 * where the target features are the teacher's (or refined) soft target at T in the chosen
 * {@link TargetRepresentation}.
 */
export interface Professor {
  encoder: tf.LayersModel;
  decoder: tf.LayersModel;
  discriminator: tf.LayersModel;
  classCount: number;
  latentUnits: number;
  hiddenUnits: number[];
  /** What the encoder and the discriminator see of a target, see {@link TargetRepresentation}. */
  targetRepresentation: TargetRepresentation;
}

/**
 * How a target (teacher's or refined logits z at temperature T) is fed to the encoder and
 * the discriminator:
 * - `probabilities`: the soft target softmax(z / T) itself;
 * - `centredLogits`: T · (log softmax(z / T) - its row mean) = z - mean(z), the log of the
 *   soft target rescaled. The same information as the soft target at every T, but not
 *   flattened to ≈ 1/C at the large temperatures of the paper's settings (T = 23, 28).
 */
export type TargetRepresentation = 'probabilities' | 'centredLogits';

/** Options of {@link buildProfessor}. */
export interface ProfessorOptions {
  /** Classes of the teacher's targets (6 for the coarse teacher, 20 for a fine one). */
  classCount: number;
  /** Width of the latent code (default 8). */
  latentUnits?: number;
  /** Hidden ReLU widths of each of the three networks (default [64]). */
  hiddenUnits?: number[];
  /** Default `centredLogits`. */
  targetRepresentation?: TargetRepresentation;
  seed: number;
}

/** [features, oneHot] -> concat -> Dense ReLU stack -> Dense linear `outputUnits`. */
function conditionedNetwork(
  name: string,
  featureUnits: number,
  classCount: number,
  hiddenUnits: number[],
  outputUnits: number,
  seeds: LayerSeeds,
): tf.LayersModel {
  const features = tf.input({ shape: [featureUnits], name: `${name}_input` });
  const label = tf.input({ shape: [classCount], name: `${name}_label` });
  let current = tf.layers.concatenate({ name: `${name}_concatenate` }).apply([features, label]) as tf.SymbolicTensor;
  hiddenUnits.forEach((units, index) => {
    current = tf.layers
      .dense({
        units,
        activation: 'relu',
        kernelInitializer: seeds.glorotUniform(),
        biasInitializer: 'zeros',
        name: `${name}_hidden${index + 1}`,
      })
      .apply(current) as tf.SymbolicTensor;
  });
  const output = tf.layers
    .dense({
      units: outputUnits,
      activation: 'linear',
      kernelInitializer: seeds.glorotUniform(),
      biasInitializer: 'zeros',
      name: `${name}_output`,
    })
    .apply(current) as tf.SymbolicTensor;
  return tf.model({ inputs: [features, label], outputs: output, name });
}

/**
 * Builds the professor's encoder, decoder and discriminator with seeded Glorot-uniform
 * kernels (one {@link LayerSeeds} stream, drawn encoder first, then decoder, then
 * discriminator): same seed, same initial weights.
 */
export function buildProfessor(options: ProfessorOptions): Professor {
  const { classCount, seed } = options;
  const latentUnits = options.latentUnits ?? 8;
  const hiddenUnits = options.hiddenUnits ?? [64];
  validateWidths('buildProfessor', 'classCount and latentUnits', [classCount, latentUnits]);
  validateWidths('buildProfessor', 'hiddenUnits', hiddenUnits);
  const targetRepresentation = options.targetRepresentation ?? 'centredLogits';
  if (targetRepresentation !== 'probabilities' && targetRepresentation !== 'centredLogits') {
    throw new Error(
      `buildProfessor: targetRepresentation must be 'probabilities' or 'centredLogits', got ${targetRepresentation}`,
    );
  }
  if (classCount < 2) throw new Error(`buildProfessor: classCount must be at least 2, got ${classCount}`);
  const seeds = new LayerSeeds(seed);
  const encoder = conditionedNetwork('professor_encoder', classCount, classCount, hiddenUnits, latentUnits, seeds);
  const decoder = conditionedNetwork('professor_decoder', latentUnits, classCount, hiddenUnits, classCount, seeds);
  const discriminator = conditionedNetwork('professor_discriminator', classCount, classCount, hiddenUnits, 1, seeds);
  return {
    encoder,
    decoder,
    discriminator,
    classCount,
    latentUnits,
    hiddenUnits: [...hiddenUnits],
    targetRepresentation,
  };
}

/** Frees the professor's three models. */
export function disposeProfessor(professor: Professor): void {
  professor.encoder.dispose();
  professor.decoder.dispose();
  professor.discriminator.dispose();
}

/** The trainable variables of some models (for an optimizer's var list). */
export function trainableVariables(models: tf.LayersModel[]): tf.Variable[] {
  return models.flatMap((model) => model.trainableWeights.map((weight) => weight.read() as tf.Variable));
}

/** A target's logits as the encoder and discriminator see them ({@link TargetRepresentation}). */
export function targetFeatures(
  logits: tf.Tensor2D,
  temperature: number,
  representation: TargetRepresentation,
): tf.Tensor2D {
  return tf.tidy(() =>
    representation === 'probabilities'
      ? (tf.softmax(tf.div(logits, temperature)) as tf.Tensor2D)
      : (tf.sub(logits, tf.mean(logits, 1, true)) as tf.Tensor2D),
  );
}

/**
 * Refined logits of a batch: decoder(encoder(features(teacher, T), y), y). Differentiable
 * through the encoder and decoder; call inside tf.tidy or a loss closure.
 */
export function professorForward(
  professor: Professor,
  teacherLogits: tf.Tensor2D,
  oneHotLabels: tf.Tensor2D,
  temperature: number,
): tf.Tensor2D {
  const features = targetFeatures(teacherLogits, temperature, professor.targetRepresentation);
  const latent = professor.encoder.apply([features, oneHotLabels], { training: true }) as tf.Tensor2D;
  return professor.decoder.apply([latent, oneHotLabels], { training: true }) as tf.Tensor2D;
}

/**
 * The discriminator's real/fake logit for target LOGITS (teacher's or refined) at
 * temperature T, shape [batch] (positive = "a real teacher target of this class").
 */
export function discriminatorLogits(
  professor: Professor,
  targetLogits: tf.Tensor2D,
  oneHotLabels: tf.Tensor2D,
  temperature: number,
): tf.Tensor1D {
  const features = targetFeatures(targetLogits, temperature, professor.targetRepresentation);
  const output = professor.discriminator.apply([features, oneHotLabels], { training: true }) as tf.Tensor2D;
  return tf.reshape(output, [-1]) as tf.Tensor1D;
}
