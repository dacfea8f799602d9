import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { countParameters } from '../models';
import { buildProfessor, discriminatorLogits, disposeProfessor, professorForward } from './model';
import { classificationLoss, discriminatorLoss, generatorLoss, reconstructionLoss } from './professorLosses';
import { noisyTeacherLogits } from './syntheticTeacher';
import { classCorrelationMatrix, correlationDistance, softmaxRows, trueClassFirstRate } from './targetMetrics';
import { type ProfessorEpochRecord, type ProfessorLossWeights, refineTargets, trainProfessor } from './trainProfessor';

function assertClose(actual: number, expected: number, tolerance = 2e-6, message = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${message} expected ${expected}, got ${actual}`,
  );
}

function scalar(value: tf.Tensor): number {
  const result = value.dataSync()[0];
  value.dispose();
  return result;
}

/** The tiny case: 6 classes, 300 rows, the teacher ranks the true class first in exactly 70%. */
const tiny = noisyTeacherLogits({ rows: 300, classCount: 6, trueFirstRate: 0.7, seed: 1 });
const temperature = 2;

async function trainTiny(weights: ProfessorLossWeights, epochs: number, seed = 7) {
  return trainProfessor({
    teacherLogits: tiny.logits,
    labels: tiny.labels,
    classCount: 6,
    temperature,
    weights,
    epochs,
    batchSize: 32,
    learningRate: 3e-3,
    seed,
    latentUnits: 4,
    hiddenUnits: [32],
  });
}

const lastMean = (history: ProfessorEpochRecord[], key: keyof ProfessorEpochRecord, count = 5) =>
  history.slice(-count).reduce((sum, record) => sum + record[key], 0) / count;

describe('professor model and loss terms', () => {
  before(async () => {
    await initializeBackend();
  });

  it('buildProfessor: output shapes and hand-counted parameters (C = 6, hidden [16], latent 4)', () => {
    const professor = buildProfessor({ classCount: 6, latentUnits: 4, hiddenUnits: [16], seed: 3 });
    // encoder: (6 + 6)·16 + 16 = 208, 16·4 + 4 = 68; decoder: (4 + 6)·16 + 16 = 176, 16·6 + 6 = 102;
    // discriminator: 12·16 + 16 = 208, 16·1 + 1 = 17.
    assert.equal(countParameters(professor.encoder), 276);
    assert.equal(countParameters(professor.decoder), 278);
    assert.equal(countParameters(professor.discriminator), 225);
    tf.tidy(() => {
      const teacher = tf.randomNormal([5, 6], 0, 1, 'float32', 1) as tf.Tensor2D;
      const oneHot = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 5], 'int32'), 6).toFloat() as tf.Tensor2D;
      const latent = professor.encoder.apply([tf.softmax(teacher), oneHot]) as tf.Tensor;
      assert.deepEqual(latent.shape, [5, 4]);
      assert.deepEqual(professorForward(professor, teacher, oneHot, 2).shape, [5, 6]);
      assert.deepEqual(discriminatorLogits(professor, teacher, oneHot, 2).shape, [5]);
    });
    const again = buildProfessor({ classCount: 6, latentUnits: 4, hiddenUnits: [16], seed: 3 });
    const other = buildProfessor({ classCount: 6, latentUnits: 4, hiddenUnits: [16], seed: 4 });
    const weightsOf = (model: tf.LayersModel) => model.getWeights().map((weight) => Array.from(weight.dataSync()));
    assert.deepEqual(weightsOf(again.decoder), weightsOf(professor.decoder));
    assert.notDeepEqual(weightsOf(other.decoder), weightsOf(professor.decoder));
    [professor, again, other].forEach(disposeProfessor);
    assert.throws(() => buildProfessor({ classCount: 1, seed: 1 }), /classCount must be at least 2/);
    assert.throws(
      () => buildProfessor({ classCount: 6, hiddenUnits: [0], seed: 1 }),
      /hiddenUnits must be positive integers/,
    );
  });

  it('discriminator and generator losses by hand', () => {
    // d = 0 everywhere: L_D = 2 ln 2, L_adv = ln 2.
    assertClose(scalar(discriminatorLoss(tf.zeros([3]) as tf.Tensor1D, tf.zeros([2]) as tf.Tensor1D)), 2 * Math.log(2));
    assertClose(scalar(generatorLoss(tf.zeros([4]) as tf.Tensor1D)), Math.log(2));
    // real 2, fake -1: softplus(-2) + softplus(-1) = ln(1 + e^-2) + ln(1 + e^-1) = 0.126928 + 0.313262.
    assertClose(
      scalar(discriminatorLoss(tf.tensor1d([2]), tf.tensor1d([-1]))),
      0.12692801104297263 + 0.31326168751822286,
    );
    // generator on fake [-1, 3]: mean(softplus(1), softplus(-3)) = (1.313262 + 0.048587) / 2.
    assertClose(scalar(generatorLoss(tf.tensor1d([-1, 3]))), (1.3132616875182228 + 0.04858735157374196) / 2);
    assert.throws(() => generatorLoss(tf.zeros([2, 1]) as unknown as tf.Tensor1D), /1-D/);
  });

  it('reconstruction = T²·KL (0 when refined = teacher); classification = ln C for equal logits', () => {
    tf.tidy(() => {
      const teacher = tf.tensor2d([[2 * Math.log(3), 0]]);
      assertClose(scalar(reconstructionLoss(teacher, teacher, 2)), 0, 1e-6);
      // softmax([2 ln 3, 0] / 2) = [3/4, 1/4] against [1/2, 1/2]: 4·(0.75 ln 1.5 + 0.25 ln 0.5).
      assertClose(
        scalar(reconstructionLoss(teacher, tf.zeros([1, 2]) as tf.Tensor2D, 2)),
        4 * (0.75 * Math.log(1.5) + 0.25 * Math.log(0.5)),
      );
      assertClose(scalar(classificationLoss(tf.tensor1d([2], 'int32'), tf.zeros([1, 6]) as tf.Tensor2D)), Math.log(6));
    });
  });
});

describe('trainProfessor on the tiny case (6 classes, 300 rows, teacher first in 70%)', () => {
  before(async () => {
    await initializeBackend();
  });

  it('the constructed teacher ranks the true class first in exactly 70% of rows', () => {
    assert.equal(trueClassFirstRate(tiny.logits, tiny.labels), 0.7);
  });

  it('all three terms: every term logged, reconstruction and classification fall, refined targets rank the true class first more often, correlations stay close', async () => {
    const epochs: number[] = [];
    const { professor, history } = await trainProfessor({
      teacherLogits: tiny.logits,
      labels: tiny.labels,
      classCount: 6,
      temperature,
      weights: { reconstruction: 1, classification: 1, adversarial: 1 },
      epochs: 30,
      batchSize: 32,
      learningRate: 3e-3,
      seed: 7,
      latentUnits: 4,
      hiddenUnits: [32],
      onEpoch: (record) => void epochs.push(record.epoch),
    });
    assert.deepEqual(
      epochs,
      Array.from({ length: 30 }, (_, index) => index + 1),
    );
    for (const record of history) {
      for (const key of [
        'totalLoss',
        'reconstructionLoss',
        'classificationLoss',
        'adversarialLoss',
        'discriminatorLoss',
        'trueClassFirstRate',
      ] as const) {
        assert.ok(Number.isFinite(record[key]), `epoch ${record.epoch} ${key} = ${record[key]}`);
      }
      assertClose(
        record.totalLoss,
        record.reconstructionLoss + record.classificationLoss + record.adversarialLoss,
        1e-4,
        `epoch ${record.epoch} total`,
      );
    }
    assert.ok(
      history[29].reconstructionLoss < history[0].reconstructionLoss / 2,
      `reconstruction ${history[0].reconstructionLoss} -> ${history[29].reconstructionLoss}`,
    );
    assert.ok(
      history[29].classificationLoss < history[0].classificationLoss * 0.6,
      `classification ${history[0].classificationLoss} -> ${history[29].classificationLoss}`,
    );

    const refined = refineTargets(professor, tiny.logits, tiny.labels, temperature);
    assert.equal(refined.rows, 300);
    assert.equal(refined.columns, 6);
    const refinedRate = trueClassFirstRate(refined, tiny.labels);
    assert.ok(refinedRate >= 0.85, `refined true-class-first rate ${refinedRate} (teacher 0.7)`);

    const teacherMatrix = classCorrelationMatrix(softmaxRows(tiny.logits, temperature), tiny.labels, 6);
    const refinedMatrix = classCorrelationMatrix(softmaxRows(refined, temperature), tiny.labels, 6);
    // Reference: replacing the teacher's targets by smoothed one-hot labels (0.9 / 0.02) loses the correlations.
    const smoothed = { data: new Float32Array(300 * 6), rows: 300, columns: 6 };
    tiny.labels.forEach((label, row) => {
      for (let column = 0; column < 6; column++) smoothed.data[row * 6 + column] = column === label ? 0.9 : 0.02;
    });
    const distance = correlationDistance(teacherMatrix, refinedMatrix);
    const reference = correlationDistance(teacherMatrix, classCorrelationMatrix(smoothed, tiny.labels, 6));
    assert.ok(
      distance < 0.05 && distance < reference / 4,
      `correlation distance ${distance}, smoothed-label reference ${reference}`,
    );
    // Each class's sibling is still its most likely other class in the refined targets.
    refinedMatrix.forEach((row, label) => {
      const others = row.map((value, column) => (column === label ? -1 : value));
      assert.equal(
        others.indexOf(Math.max(...others)),
        tiny.siblings[label],
        `class ${label}: ${row.map((value) => value.toFixed(3)).join(' ')}`,
      );
    });
    assert.throws(() => refineTargets(professor, tiny.logits, tiny.labels, 3), /trained at temperature 2, asked for 3/);
    assert.throws(
      () =>
        refineTargets(
          professor,
          tiny.logits,
          tiny.labels.map((label) => label + 1),
          temperature,
        ),
      /label at position \d+ is 6/,
    );
    disposeProfessor(professor);
  });

  it('the adversarial term works: with it the refined targets fool the discriminator more than without', async () => {
    const withAdversary = await trainTiny({ reconstruction: 1, classification: 1, adversarial: 1 }, 30);
    const without = await trainTiny({ reconstruction: 1, classification: 1, adversarial: 0 }, 30);
    // Same seed, so the runs differ only by the adversarial weight. Mean of the last 5 epochs:
    const generator = [
      lastMean(withAdversary.history, 'adversarialLoss'),
      lastMean(without.history, 'adversarialLoss'),
    ];
    const discriminator = [
      lastMean(withAdversary.history, 'discriminatorLoss'),
      lastMean(without.history, 'discriminatorLoss'),
    ];
    assert.ok(generator[0] < generator[1], `generator loss with ${generator[0]}, without ${generator[1]}`);
    assert.ok(
      discriminator[0] > discriminator[1],
      `discriminator loss with ${discriminator[0]}, without ${discriminator[1]} (2 ln 2 = 1.386 is chance)`,
    );
    // Without the adversary the discriminator learns to tell refined targets from the teacher's.
    assert.ok(discriminator[1] < 2 * Math.log(2) - 0.2, `discriminator loss without the adversary ${discriminator[1]}`);
    disposeProfessor(withAdversary.professor);
    disposeProfessor(without.professor);
  });

  it('same seed -> same history and refined targets; bad options -> clear errors', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const first = await trainTiny({ reconstruction: 1, classification: 0.5, adversarial: 0.5 }, 2, 11);
    const second = await trainTiny({ reconstruction: 1, classification: 0.5, adversarial: 0.5 }, 2, 11);
    const strip = (history: ProfessorEpochRecord[]) => history.map(({ seconds: _seconds, ...rest }) => rest);
    assert.deepEqual(strip(second.history), strip(first.history));
    assert.deepEqual(
      refineTargets(second.professor, tiny.logits, tiny.labels, temperature).data,
      refineTargets(first.professor, tiny.logits, tiny.labels, temperature).data,
    );
    disposeProfessor(first.professor);
    disposeProfessor(second.professor);
    assert.equal(tf.memory().numTensors, tensorsBefore, 'trainProfessor and refineTargets leave no tensors behind');
    const base = {
      teacherLogits: tiny.logits,
      labels: tiny.labels,
      classCount: 6,
      temperature,
      weights: { reconstruction: 1, classification: 1, adversarial: 1 },
      epochs: 1,
      seed: 1,
    };
    await assert.rejects(
      trainProfessor({ ...base, classCount: 5 }),
      /teacherLogits has 6 columns, expected classCount = 5/,
    );
    await assert.rejects(trainProfessor({ ...base, labels: tiny.labels.slice(1) }), /299 labels for 300 rows/);
    await assert.rejects(
      trainProfessor({ ...base, weights: { reconstruction: -1, classification: 1, adversarial: 0 } }),
      /weights.reconstruction must be a finite number ≥ 0/,
    );
    await assert.rejects(
      trainProfessor({ ...base, weights: { reconstruction: 0, classification: 0, adversarial: 0 } }),
      /at least one/,
    );
    await assert.rejects(trainProfessor({ ...base, temperature: 0 }), /temperature must be a finite number > 0/);
  });
});
