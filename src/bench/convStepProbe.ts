#!/usr/bin/env node
/**
 * One training step of the Fashion-MNIST conv teacher (batch 128, real images, Adam), timed
 * two ways on the native backend, alternating so both see the same load: through the Layers
 * model (`model.apply`, tfjs's registered gradients) and through the conv chain path the
 * training loop uses (src/training/convChain.ts). Prints wall and CPU milliseconds per step,
 * and checks that both models end with bit-identical weights.
 *
 *   node dist/bench/convStepProbe.js [--steps 10] [--rounds 4]
 */
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { initializeBackend } from '../backend/backend';
import { fashionMnistPixels, loadFashionMnist } from '../data/fashionMnist';
import { crossEntropyLoss } from '../losses';
import { buildConvTeacher } from '../models';
import { GroupAdam } from '../training/adam';
import { convChainForwardTraining, convTrainingChain } from '../training/convChain';
import { silentProgress } from '../util/progress';

const batchSize = 128;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { steps: { type: 'string', default: '10' }, rounds: { type: 'string', default: '4' } },
  });
  const steps = Number(values.steps);
  const rounds = Number(values.rounds);
  const info = await initializeBackend('tensorflow');
  const images = await loadFashionMnist({ subset: 'train', onProgress: silentProgress });
  const indices = Array.from({ length: batchSize * steps }, (_, index) => index);
  const pixels = fashionMnistPixels(images, indices);
  const x = tf.tensor2d(pixels.data, [pixels.rows, pixels.columns]);
  const labels = tf.tensor1d(Int32Array.from(indices.map((index) => images.labels[index])), 'int32');
  const paths = ['Layers model.apply', 'conv chain (training loop)'].map((name) => {
    const model = buildConvTeacher({ classCount: 10, seed: 1 });
    return { name, model, optimizer: new GroupAdam(1e-3), wall: 0, cpu: 0 };
  });
  const chain = convTrainingChain(paths[1].model);
  if (!chain) throw new Error('the conv chain path is not available (native backend and a chain model needed)');
  const step = (which: number, index: number) =>
    tf.tidy(() => {
      const { model, optimizer } = paths[which];
      const rows = x.slice([index * batchSize, 0], [batchSize, -1]);
      const rowLabels = labels.slice([index * batchSize], [batchSize]) as tf.Tensor1D;
      const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
      const { grads } = tf.variableGrads(() => {
        const output =
          which === 0 ? (model.apply(rows, { training: true }) as tf.Tensor) : convChainForwardTraining(chain, rows);
        return tf.mean(crossEntropyLoss(rowLabels, output as tf.Tensor2D));
      }, variables);
      optimizer.apply(
        variables,
        variables.map((variable) => grads[variable.name]),
      );
    });
  for (let round = 0; round < rounds; round++) {
    // Alternate the order; round 0 warms both up and is not counted.
    for (const which of round % 2 ? [1, 0] : [0, 1]) {
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      for (let index = 0; index < steps; index++) step(which, index);
      paths[which].model.getWeights()[0].dataSync();
      const cpu = process.cpuUsage(cpuStart);
      if (round === 0) continue;
      paths[which].wall += performance.now() - wallStart;
      paths[which].cpu += (cpu.user + cpu.system) / 1000;
    }
  }
  const measured = (rounds - 1) * steps;
  console.log(`conv teacher training step on ${info.description}; batch ${batchSize}, ${measured} steps per path`);
  for (const path of paths)
    console.log(
      `${path.name.padEnd(30)} ${(path.wall / measured).toFixed(1).padStart(7)} ms wall ${(path.cpu / measured).toFixed(1).padStart(7)} ms CPU per step`,
    );
  const reference = paths[0].model.getWeights();
  const identical = paths[1].model.getWeights().every((weight, index) => {
    const first = new Uint32Array(Float32Array.from(weight.dataSync()).buffer);
    const second = new Uint32Array(Float32Array.from(reference[index].dataSync()).buffer);
    return first.every((value, position) => value === second[position]);
  });
  console.log(`weights bit-identical after ${rounds * steps} steps each: ${identical}`);
}

main().catch((error: Error) => {
  console.error(`probe failed: ${error.message}`);
  process.exit(1);
});
