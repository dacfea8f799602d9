#!/usr/bin/env node
/**
 * Where one teacher epoch goes on the active tfjs backend (paper sizes: 8,765 x 512 training
 * rows, batch 128, 2,192 validation rows): each part is timed on its own, after a warm-up.
 *
 *   node dist/bench/teacherEpochProbe.js [--backend tensorflow] [--repeats 2]
 *
 * Parts: the whole trainModel epoch; the training loop as trainModel runs it (gathers +
 * minimize + running sums); forward+backward+Adam on pre-gathered batches; the per-batch
 * gathers alone; the end-of-epoch dataSync; validation scoring (evaluateModel); the Layers
 * forward against the same network written with raw ops; kernels per step and the share of
 * a step spent outside kernels (tf.profile).
 */
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { initializeBackend } from '../backend/backend';
import { buildTeacher } from '../models';
import { evaluateModel, trainModel, type FloatMatrix } from '../training';
import { objectiveLoss, type MethodObjective } from '../training/modelLoss';
import { silentProgress } from '../util/progress';
import { SeededRandom } from '../util/random';
import {
  benchmarkData,
  fineClassCount,
  inputDimension,
  paperTrainingRows,
  paperValidationRows,
} from './trainingTimings';

const batchSize = 128;

function timed(action: () => void): number {
  const started = performance.now();
  action();
  return (performance.now() - started) / 1000;
}

function best(repeats: number, action: () => void): number {
  let fastest = Infinity;
  for (let index = 0; index < repeats; index++) fastest = Math.min(fastest, timed(action));
  return fastest;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { backend: { type: 'string', default: 'tensorflow' }, repeats: { type: 'string', default: '2' } },
  });
  const repeats = Number(values.repeats);
  const info = await initializeBackend(values.backend);
  const data = benchmarkData(paperTrainingRows, paperValidationRows);
  const objective: MethodObjective = { method: 'teacher-fine' };
  const model = buildTeacher({ inputDimension, classCount: fineClassCount, seed: 1 });
  const optimizer = tf.train.adam(1e-3);
  const x = tf.tensor2d((data.train.x as FloatMatrix).data, [paperTrainingRows, inputDimension]);
  const labels = tf.tensor1d(Int32Array.from(data.train.fineLabels), 'int32');
  const order = Array.from({ length: paperTrainingRows }, (_, index) => index);
  new SeededRandom(1).shuffle(order);
  const batches: number[][] = [];
  for (let start = 0; start < paperTrainingRows; start += batchSize)
    batches.push(order.slice(start, start + batchSize));

  // 1. The whole epoch as trainModel runs it (its own optimizer; one warm-up epoch).
  const history = (await trainModel({ model, objective, data, epochs: 1 + repeats, seed: 1, progress: silentProgress }))
    .history;
  const epochSeconds = Math.min(...history.slice(1).map((record) => record.seconds));

  // 2. The training loop as trainModel runs it: gather, minimize, running sums, dataSync.
  let syncSeconds = 0;
  const loopSeconds = best(repeats, () => {
    let sums: tf.Tensor1D = tf.zeros([4]);
    for (const indices of batches) {
      const previous = sums;
      sums = tf.tidy(() => {
        const indexTensor = tf.tensor1d(indices, 'int32');
        const batch = {
          x: tf.gather(x, indexTensor) as tf.Tensor2D,
          fineLabels: tf.gather(labels, indexTensor) as tf.Tensor1D,
        };
        let terms: tf.Tensor1D | undefined;
        optimizer.minimize(() => {
          const loss = objectiveLoss(objective, model, batch);
          const zero = tf.scalar(0);
          terms = tf.keep(tf.stack([loss.total, loss.student, zero, zero]) as tf.Tensor1D);
          return loss.total;
        });
        const updated = previous.add(terms!.mul(indices.length)) as tf.Tensor1D;
        terms!.dispose();
        return updated;
      });
      previous.dispose();
    }
    syncSeconds = timed(() => sums.dataSync());
    sums.dispose();
  });

  // 3. Gathers alone, and forward+backward+Adam on batches gathered beforehand.
  const gatherSeconds = best(repeats, () => {
    for (const indices of batches) {
      tf.tidy(() => {
        const indexTensor = tf.tensor1d(indices, 'int32');
        tf.gather(x, indexTensor);
        tf.gather(labels, indexTensor);
      });
    }
  });
  const gathered = batches.map((indices) =>
    tf.tidy(() => {
      const indexTensor = tf.tensor1d(indices, 'int32');
      return { x: tf.gather(x, indexTensor) as tf.Tensor2D, fineLabels: tf.gather(labels, indexTensor) as tf.Tensor1D };
    }),
  );
  const stepSeconds = best(repeats, () => {
    for (const batch of gathered) {
      tf.tidy(() => {
        optimizer.minimize(() => objectiveLoss(objective, model, batch).total);
      });
    }
  });
  // 3b. The same step split: gradients only (forward+backward), then Adam only on fixed gradients.
  const gradientSeconds = best(repeats, () => {
    for (const batch of gathered) tf.tidy(() => tf.variableGrads(() => objectiveLoss(objective, model, batch).total));
  });
  const fixedGradients = tf.tidy(
    () => tf.variableGrads(() => objectiveLoss(objective, model, gathered[0]).total).grads,
  );
  const adamSeconds = best(repeats, () => {
    for (let index = 0; index < gathered.length; index++)
      tf.tidy(() => {
        optimizer.applyGradients(fixedGradients as tf.NamedTensorMap as Record<string, tf.Variable>);
      });
  });
  tf.dispose(fixedGradients);

  // 4. Validation scoring, as trainModel does after every epoch.
  const validationLabels = data.validation.fineLabels;
  const evaluationSeconds = best(repeats, () =>
    evaluateModel(model, data.validation.x, validationLabels, { fineClassCount }),
  );

  // 5. Forward alone: Layers API vs the same weights with raw ops (per-layer JS overhead).
  const weights = model.getWeights();
  const layersForward = best(repeats, () => {
    for (const batch of gathered) {
      tf.tidy(() => {
        model.apply(batch.x, { training: false });
      });
    }
  });
  const rawForward = best(repeats, () => {
    for (const batch of gathered) {
      tf.tidy(() => {
        let current: tf.Tensor = batch.x;
        for (let layer = 0; layer < weights.length; layer += 2) {
          const kernel = weights[layer] as tf.Tensor2D;
          const bias = weights[layer + 1];
          current =
            layer + 2 < weights.length
              ? tf.relu(tf.matMul(current as tf.Tensor2D, kernel).add(bias))
              : tf.matMul(current as tf.Tensor2D, kernel).add(bias);
        }
        return current;
      });
    }
  });

  // 6. Kernels per training step and time outside kernels.
  const profile = await tf.profile(() => {
    tf.tidy(() => {
      optimizer.minimize(() => objectiveLoss(objective, model, gathered[0]).total);
    });
  });
  let kernelMs = 0;
  const byName = new Map<string, { milliseconds: number; count: number }>();
  for (const kernel of profile.kernels) {
    const milliseconds = Number(await kernel.kernelTimeMs);
    kernelMs += milliseconds;
    const entry = byName.get(kernel.name) ?? { milliseconds: 0, count: 0 };
    entry.milliseconds += milliseconds;
    entry.count += 1;
    byName.set(kernel.name, entry);
  }
  const topKernels = [...byName.entries()]
    .sort((first, second) => second[1].milliseconds - first[1].milliseconds)
    .slice(0, 8);
  const stepWallMs = (1000 * stepSeconds) / batches.length;

  const line = (label: string, value: number, note = '') =>
    console.log(`${label.padEnd(52)} ${value.toFixed(3).padStart(8)} s  ${note}`);
  console.log(
    `teacher epoch breakdown on ${info.name} (${info.description}); ${batches.length} batches of ${batchSize}; best of ${repeats}`,
  );
  line('whole trainModel epoch (training + validation)', epochSeconds);
  line('  training loop as trainModel runs it', loopSeconds, `(${((100 * loopSeconds) / epochSeconds).toFixed(0)} %)`);
  line(
    '    per-batch gathers alone (x and labels)',
    gatherSeconds,
    `(${((100 * gatherSeconds) / epochSeconds).toFixed(0)} %)`,
  );
  line(
    '    forward+backward+Adam on pre-gathered batches',
    stepSeconds,
    `(${((100 * stepSeconds) / epochSeconds).toFixed(0)} %)`,
  );
  line(
    '      forward+backward only (variableGrads)',
    gradientSeconds,
    `(${((100 * gradientSeconds) / epochSeconds).toFixed(0)} %)`,
  );
  line(
    '      Adam update only (applyGradients)',
    adamSeconds,
    `(${((100 * adamSeconds) / epochSeconds).toFixed(0)} %)`,
  );
  line('    end-of-epoch dataSync of the loss sums', syncSeconds);
  line(
    '  validation scoring (evaluateModel, 2,192 rows)',
    evaluationSeconds,
    `(${((100 * evaluationSeconds) / epochSeconds).toFixed(0)} %)`,
  );
  line('forward alone, Layers model.apply, dropout off', layersForward);
  line(
    'forward alone, same weights with raw ops',
    rawForward,
    `(Layers overhead ${(layersForward - rawForward).toFixed(3)} s per epoch)`,
  );
  console.log(
    `one training step: ${profile.kernels.length} kernels, ${kernelMs.toFixed(1)} ms in kernels (profiled), ${stepWallMs.toFixed(1)} ms wall per step unprofiled`,
  );
  console.log(
    `  by kernel: ${topKernels.map(([name, entry]) => `${name} ${entry.milliseconds.toFixed(1)} ms x${entry.count}`).join(', ')}`,
  );
  tf.dispose([x, labels, ...gathered.flatMap((batch) => [batch.x, batch.fineLabels])]);
  optimizer.dispose();
  model.dispose();
}

main().catch((error: Error) => {
  console.error(`probe failed: ${error.message}`);
  process.exit(1);
});
