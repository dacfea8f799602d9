import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { combinedLoss, crossEntropyLoss, distillationLoss } from '../losses';
import { buildStudent, buildTeacher } from '../models';
import type { FloatMatrix } from '../tensors/matrix';
import { gaussianClusters } from '../training/syntheticClusters';
import { SeededRandom } from '../util/random';
import { dualDistillationLoss } from '../losses/dualDistillation';
import { disposeProfessor } from './model';
import { trueClassFirstRate } from './targetMetrics';
import { refineTargets, trainProfessor } from './trainProfessor';

/**
 * P1 and P2 end to end on a synthetic hierarchical slice (3 groups x 2 classes, 16-d):
 * teacher -> its training logits -> professor -> refined logits -> student. The student
 * loop here is a minimal local one (a = studentLossWeight, T = temperature) so the test
 * does not depend on how src/training wires methods; the integrator's registry entries
 * must compute the same losses.
 */
const temperature = 2;
const studentLossWeight = 0.3;
const data = gaussianClusters({
  rowsPerSplit: [300, 150],
  dimension: 16,
  coarseCount: 3,
  finePerCoarse: 2,
  coarseSpread: 0.6,
  fineSpread: 0.5,
  seed: 5,
});
const [train, validation] = data.splits;

type BatchLoss = (outputs: tf.Tensor2D[], rows: tf.Tensor1D) => tf.Scalar;

/** Adam over seeded shuffled batches of the training rows; returns each epoch's mean loss. */
function fit(model: tf.LayersModel, loss: BatchLoss, epochs: number, seed: number): number[] {
  const optimizer = tf.train.adam(1e-2);
  const random = new SeededRandom(seed);
  const order = Array.from({ length: train.x.rows }, (_, index) => index);
  const x = tf.tensor2d(train.x.data, [train.x.rows, train.x.columns]);
  const means: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    random.shuffle(order);
    let sum = 0;
    for (let start = 0; start < order.length; start += 32) {
      const indices = order.slice(start, start + 32);
      const cost = tf.tidy(() => {
        const rows = tf.tensor1d(indices, 'int32');
        const batchX = tf.gather(x, rows);
        return optimizer.minimize(() => {
          const outputs = model.apply(batchX, { training: true }) as tf.Tensor2D | tf.Tensor2D[];
          return loss(Array.isArray(outputs) ? outputs : [outputs], rows);
        }, true)!;
      });
      sum += cost.dataSync()[0] * indices.length;
      cost.dispose();
    }
    means.push(sum / order.length);
  }
  tf.dispose(x);
  optimizer.dispose();
  return means;
}

function logitsOf(model: tf.LayersModel, matrix: FloatMatrix, output = 0): FloatMatrix {
  return tf.tidy(() => {
    const outputs = model.predict(tf.tensor2d(matrix.data, [matrix.rows, matrix.columns])) as tf.Tensor | tf.Tensor[];
    const logits = (Array.isArray(outputs) ? outputs[output] : outputs) as tf.Tensor2D;
    return { data: logits.dataSync() as Float32Array, rows: logits.shape[0], columns: logits.shape[1] };
  });
}

/** Teacher on `labels` (coarse or fine), then a professor on its training logits. */
async function teacherAndProfessor(labels: number[], classCount: number) {
  const teacher = buildTeacher({ inputDimension: 16, classCount, hiddenUnits: [16], dropoutRate: 0, seed: 2 });
  const labelTensor = tf.tensor1d(labels, 'int32');
  // Two epochs only: a deliberately under-trained teacher, so there is something to refine.
  fit(teacher, ([logits], rows) => crossEntropyLoss(tf.gather(labelTensor, rows) as tf.Tensor1D, logits), 2, 3);
  labelTensor.dispose();
  const teacherLogits = logitsOf(teacher, train.x);
  teacher.dispose();
  const { professor, history } = await trainProfessor({
    teacherLogits,
    labels,
    classCount,
    temperature,
    weights: { reconstruction: 1, classification: 1, adversarial: 0.5 },
    epochs: 15,
    batchSize: 32,
    learningRate: 3e-3,
    seed: 4,
  });
  const refined = refineTargets(professor, teacherLogits, labels, temperature);
  disposeProfessor(professor);
  assert.equal(history.length, 15);
  assert.deepEqual([refined.rows, refined.columns], [teacherLogits.rows, teacherLogits.columns]);
  return { teacherLogits, refined };
}

function fineAccuracy(student: tf.LayersModel): number {
  return trueClassFirstRate(logitsOf(student, validation.x, 0), validation.fineLabels);
}

describe('strategies P1 and P2 end to end (synthetic slice)', () => {
  before(async () => {
    await initializeBackend();
  });

  for (const kind of ['heterogeneous', 'traditional'] as const) {
    it(`${kind} KD: P1 (refined targets) and P2 (teacher + professor) students learn the fine classes`, async () => {
      const coarse = kind === 'heterogeneous';
      const labels = coarse ? train.coarseLabels : train.fineLabels;
      const classCount = coarse ? data.coarseClassCount : data.fineClassCount;
      const { teacherLogits, refined } = await teacherAndProfessor(labels, classCount);
      const teacherRate = trueClassFirstRate(teacherLogits, labels);
      const refinedRate = trueClassFirstRate(refined, labels);
      assert.ok(refinedRate > teacherRate, `${kind}: refined rate ${refinedRate}, teacher ${teacherRate}`);

      const teacherTensor = tf.tensor2d(teacherLogits.data, [teacherLogits.rows, teacherLogits.columns]);
      const refinedTensor = tf.tensor2d(refined.data, [refined.rows, refined.columns]);
      const fineLabels = tf.tensor1d(train.fineLabels, 'int32');
      // Heterogeneous KD distils into the coarse `distillation` head (output 1), traditional into `prediction` (output 0).
      const distilled = coarse ? 1 : 0;
      const strategies: Record<'P1' | 'P2', BatchLoss> = {
        P1: (outputs, rows) =>
          combinedLoss(
            crossEntropyLoss(tf.gather(fineLabels, rows) as tf.Tensor1D, outputs[0]),
            distillationLoss(tf.gather(refinedTensor, rows) as tf.Tensor2D, outputs[distilled], temperature),
            studentLossWeight,
          ),
        P2: (outputs, rows) =>
          combinedLoss(
            crossEntropyLoss(tf.gather(fineLabels, rows) as tf.Tensor1D, outputs[0]),
            dualDistillationLoss(
              tf.gather(teacherTensor, rows),
              tf.gather(refinedTensor, rows),
              outputs[distilled],
              temperature,
              0.5,
            ) as tf.Scalar,
            studentLossWeight,
          ),
      };
      for (const [name, loss] of Object.entries(strategies)) {
        const student = buildStudent({
          inputDimension: 16,
          fineClassCount: 6,
          coarseClassCount: coarse ? 3 : undefined,
          hiddenUnits: [16],
          dropoutRate: 0,
          seed: 6,
        });
        const before = fineAccuracy(student);
        const losses = fit(student, loss, 12, 7);
        const after = fineAccuracy(student);
        assert.ok(losses.every(Number.isFinite), `${kind} ${name}: losses ${losses}`);
        assert.ok(losses.at(-1)! < losses[0] * 0.7, `${kind} ${name}: loss ${losses[0]} -> ${losses.at(-1)}`);
        assert.ok(
          after > 0.6 && after > before + 0.2,
          `${kind} ${name}: validation fine accuracy ${before} -> ${after} (chance 1/6)`,
        );
        student.dispose();
      }
      tf.dispose([teacherTensor, refinedTensor, fineLabels]);
    });
  }
});
