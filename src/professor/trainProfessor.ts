import * as tf from '@tensorflow/tfjs';
import { LayerSeeds } from '../models/seeds';
import { type FloatMatrix, validateLabels, validateMatrix } from '../tensors/matrix';
import { SeededRandom } from '../util/random';
import {
  buildProfessor,
  discriminatorLogits,
  type Professor,
  professorForward,
  type TargetRepresentation,
  trainableVariables,
} from './model';
import { classificationLoss, discriminatorLoss, generatorLoss, reconstructionLoss } from './professorLosses';

/** Weights of the professor's three terms (each ≥ 0; a config value, see README). */
export interface ProfessorLossWeights {
  reconstruction: number;
  classification: number;
  adversarial: number;
}

/** One epoch of {@link trainProfessor}: example-weighted means over the training batches. */
export interface ProfessorEpochRecord {
  epoch: number;
  /** w_rec·L_rec + w_cls·L_cls + w_adv·L_adv, what the encoder and decoder minimise. */
  totalLoss: number;
  /** T²·KL(teacher target ‖ refined target). */
  reconstructionLoss: number;
  /** CE of the refined logits on the true labels. */
  classificationLoss: number;
  /** The professor's (non-saturating) adversarial loss. */
  adversarialLoss: number;
  /** The discriminator's loss (2 ln 2 ≈ 1.386 when it cannot tell real from refined). */
  discriminatorLoss: number;
  /** Share of training rows whose refined logits put the true class first (during the epoch). */
  trueClassFirstRate: number;
  seconds: number;
}

/** Options of {@link trainProfessor}. */
export interface TrainProfessorOptions {
  /** The teacher's logits on the TRAINING split (never validation or test). */
  teacherLogits: FloatMatrix;
  /** True labels of the same rows, in the teacher's label space (coarse for a coarse teacher). */
  labels: ArrayLike<number>;
  classCount: number;
  /** The distillation temperature T the refined targets will be used at. */
  temperature: number;
  weights: ProfessorLossWeights;
  epochs: number;
  /** Default 64. */
  batchSize?: number;
  /** Adam's learning rate for both the professor and the discriminator (default 1e-3). */
  learningRate?: number;
  /** Fixes the initial weights and the batch order. */
  seed: number;
  /** Latent width (default 8) and hidden widths (default [64]) of the networks. */
  latentUnits?: number;
  hiddenUnits?: number[];
  /** What the encoder and discriminator see of a target (default `centredLogits`). */
  targetRepresentation?: TargetRepresentation;
  /** Called after every epoch (awaited). */
  onEpoch?: (record: ProfessorEpochRecord) => void | Promise<void>;
}

/** A trained professor: the networks plus the temperature they were trained at. */
export interface TrainedProfessor extends Professor {
  temperature: number;
}

function validateWeights(weights: ProfessorLossWeights): void {
  for (const key of ['reconstruction', 'classification', 'adversarial'] as const) {
    const value = weights?.[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new Error(`trainProfessor: weights.${key} must be a finite number ≥ 0, got ${value}`);
  }
  if (weights.reconstruction + weights.classification + weights.adversarial === 0)
    throw new Error('trainProfessor: at least one of weights.reconstruction, classification, adversarial must be > 0');
}

function validateTemperature(temperature: number, where: string): void {
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature <= 0)
    throw new Error(`${where}: temperature must be a finite number > 0, got ${temperature}`);
}

/**
 * Trains a professor on the teacher's training-split logits. Each epoch shuffles the rows
 * (seeded) and, per batch, alternates two Adam updates (Goodfellow et al. 2014):
 * 1. discriminator: minimise L_D on real teacher targets vs the current refined targets
 *    (held constant), both with the one-hot true label;
 * 2. encoder + decoder: minimise w_rec·L_rec + w_cls·L_cls + w_adv·L_adv (the
 *    discriminator held constant).
 * Every term is logged per epoch. Same seed, same backend -> same history.
 */
export async function trainProfessor(
  options: TrainProfessorOptions,
): Promise<{ professor: TrainedProfessor; history: ProfessorEpochRecord[] }> {
  const { teacherLogits, labels, classCount, temperature, weights, epochs } = options;
  const batchSize = options.batchSize ?? 64;
  const learningRate = options.learningRate ?? 1e-3;
  validateMatrix(teacherLogits, 'trainProfessor teacherLogits');
  if (teacherLogits.columns !== classCount)
    throw new Error(
      `trainProfessor: teacherLogits has ${teacherLogits.columns} columns, expected classCount = ${classCount}`,
    );
  if (teacherLogits.rows === 0)
    throw new Error('trainProfessor: teacherLogits has no rows (the training split is empty)');
  validateLabels(labels, teacherLogits.rows, classCount, 'trainProfessor labels');
  validateTemperature(temperature, 'trainProfessor');
  validateWeights(weights);
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new Error(`trainProfessor: epochs must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`trainProfessor: batchSize must be a positive integer, got ${batchSize}`);
  if (!(learningRate > 0)) throw new Error(`trainProfessor: learningRate must be > 0, got ${learningRate}`);

  const seeds = new LayerSeeds(options.seed);
  const professor: TrainedProfessor = {
    ...buildProfessor({
      classCount,
      latentUnits: options.latentUnits,
      hiddenUnits: options.hiddenUnits,
      targetRepresentation: options.targetRepresentation,
      seed: seeds.next(),
    }),
    temperature,
  };
  const random = new SeededRandom(seeds.next());
  const rows = teacherLogits.rows;
  const teacher = tf.tensor2d(teacherLogits.data, [rows, classCount], 'float32');
  const labelTensor = tf.tensor1d(Int32Array.from(labels), 'int32');
  const professorOptimizer = tf.train.adam(learningRate);
  const discriminatorOptimizer = tf.train.adam(learningRate);
  const professorVariables = trainableVariables([professor.encoder, professor.decoder]);
  const discriminatorVariables = trainableVariables([professor.discriminator]);
  const order = Array.from({ length: rows }, (_, index) => index);
  const history: ProfessorEpochRecord[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = Date.now();
      random.shuffle(order);
      // Running sums of [total, reconstruction, classification, adversarial, discriminator, true class first].
      let sums: tf.Tensor1D = tf.zeros([6]);
      for (let start = 0; start < rows; start += batchSize) {
        const indices = order.slice(start, start + batchSize);
        const previous = sums;
        sums = tf.tidy(() => {
          const indexTensor = tf.tensor1d(indices, 'int32');
          const batchTeacher = tf.gather(teacher, indexTensor) as tf.Tensor2D;
          const batchLabels = tf.gather(labelTensor, indexTensor) as tf.Tensor1D;
          const oneHot = tf.oneHot(batchLabels, classCount).toFloat() as tf.Tensor2D;
          // 1. Discriminator step; the refined logits are computed outside the closure, so constant.
          const refinedConstant = professorForward(professor, batchTeacher, oneHot, temperature);
          const discriminatorCost = discriminatorOptimizer.minimize(
            () =>
              discriminatorLoss(
                discriminatorLogits(professor, batchTeacher, oneHot, temperature),
                discriminatorLogits(professor, refinedConstant, oneHot, temperature),
              ),
            true,
            discriminatorVariables,
          ) as tf.Scalar;
          // 2. Professor step; only the encoder and decoder variables move.
          let terms: tf.Tensor1D | undefined;
          professorOptimizer.minimize(
            () => {
              const refined = professorForward(professor, batchTeacher, oneHot, temperature);
              const reconstruction = reconstructionLoss(batchTeacher, refined, temperature);
              const classification = classificationLoss(batchLabels, refined);
              const adversarial = generatorLoss(discriminatorLogits(professor, refined, oneHot, temperature));
              const total = tf.addN([
                tf.mul(reconstruction, weights.reconstruction),
                tf.mul(classification, weights.classification),
                tf.mul(adversarial, weights.adversarial),
              ]) as tf.Scalar;
              const firstCount = tf
                .sum(tf.cast(tf.equal(tf.argMax(refined, 1), batchLabels), 'float32'))
                .div(indices.length);
              terms = tf.keep(
                tf.stack([
                  total,
                  reconstruction,
                  classification,
                  adversarial,
                  discriminatorCost,
                  firstCount,
                ]) as tf.Tensor1D,
              );
              return total;
            },
            false,
            professorVariables,
          );
          const updated = previous.add(terms!.mul(indices.length)) as tf.Tensor1D;
          terms!.dispose();
          return updated;
        });
        previous.dispose();
      }
      const [totalLoss, reconstruction, classification, adversarial, discriminator, firstRate] = Array.from(
        sums.dataSync(),
      ).map((sum) => sum / rows);
      sums.dispose();
      const record: ProfessorEpochRecord = {
        epoch,
        totalLoss,
        reconstructionLoss: reconstruction,
        classificationLoss: classification,
        adversarialLoss: adversarial,
        discriminatorLoss: discriminator,
        trueClassFirstRate: firstRate,
        seconds: (Date.now() - started) / 1000,
      };
      history.push(record);
      if (options.onEpoch) await options.onEpoch(record);
    }
  } finally {
    tf.dispose([teacher, labelTensor]);
    professorOptimizer.dispose();
    discriminatorOptimizer.dispose();
  }
  return { professor, history };
}

/**
 * The professor's refined LOGITS for labelled rows (in practice the training split, the
 * only one with teacher targets to distil), same shape as `teacherLogits`:
 * r = decoder(encoder(features(t, T), y), y). They are on the teacher's logit scale: the
 * student distils softmax(r / T) at the SAME T the professor was trained at (pass r as
 * `teacherLogits` with that temperature), so a different temperature is an error.
 */
export function refineTargets(
  professor: TrainedProfessor,
  teacherLogits: FloatMatrix,
  labels: ArrayLike<number>,
  temperature: number,
  batchSize = 1024,
): FloatMatrix {
  validateMatrix(teacherLogits, 'refineTargets teacherLogits');
  const classCount = professor.classCount;
  if (teacherLogits.columns !== classCount)
    throw new Error(
      `refineTargets: teacherLogits has ${teacherLogits.columns} columns, the professor ${classCount} classes`,
    );
  validateLabels(labels, teacherLogits.rows, classCount, 'refineTargets labels');
  validateTemperature(temperature, 'refineTargets');
  if (temperature !== professor.temperature)
    throw new Error(
      `refineTargets: the professor was trained at temperature ${professor.temperature}, asked for ${temperature} (train one per temperature)`,
    );
  const rows = teacherLogits.rows;
  const data = new Float32Array(rows * classCount);
  const labelValues = Int32Array.from(labels);
  for (let start = 0; start < rows; start += batchSize) {
    const size = Math.min(batchSize, rows - start);
    const values = tf.tidy(() => {
      const batch = tf.tensor2d(
        teacherLogits.data.subarray(start * classCount, (start + size) * classCount),
        [size, classCount],
        'float32',
      );
      const oneHot = tf
        .oneHot(tf.tensor1d(labelValues.subarray(start, start + size), 'int32'), classCount)
        .toFloat() as tf.Tensor2D;
      return professorForward(professor, batch, oneHot, temperature).dataSync() as Float32Array;
    });
    data.set(values, start * classCount);
  }
  return { data, rows, columns: classCount };
}
