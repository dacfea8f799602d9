import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { hasNativeOps } from '../backend/nativeOps';
import { fashionMnistBalancedIndices, fashionMnistPixels, loadFashionMnist } from '../data/fashionMnist';
import { crossEntropyLoss } from '../losses';
import { buildConvTeacher, buildImageStudent, buildTeacher } from '../models';
import { silentProgress } from '../util/progress';
import { GroupAdam } from './adam';
import { convChainForwardTraining, convTrainingChain } from './convChain';

/** Bit patterns of every value (so -0 and +0, and NaNs, are told apart). */
function bits(tensor: tf.Tensor): Uint32Array {
  return new Uint32Array(Float32Array.from(tensor.dataSync()).buffer);
}

describe('conv chain training path', () => {
  let native = false;
  before(async () => {
    await initializeBackend();
    native = hasNativeOps();
  });

  it('finds the conv teacher chain, not models with several heads or no ReLU convolution', (context) => {
    if (!native) return context.skip('needs the native tensorflow backend');
    const teacher = buildConvTeacher({ classCount: 5, seed: 3 });
    assert.deepEqual(
      convTrainingChain(teacher)?.map((step) => step.layer.name),
      ['image', 'conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'hidden1', 'dropout1', 'prediction'],
    );
    const dense = buildTeacher({ inputDimension: 12, classCount: 3, hiddenUnits: [8], seed: 3 });
    assert.equal(convTrainingChain(dense), undefined);
    const student = buildImageStudent({
      model: { kind: 'conv', filters: [4], kernelSize: 3, denseUnits: [8] },
      fineClassCount: 10,
      coarseClassCount: 5,
      dropoutRate: 0.2,
      seed: 3,
    });
    assert.equal(convTrainingChain(student), undefined);
    for (const model of [teacher, dense, student]) model.dispose();
  });

  it('trains exactly as model.apply: same logits, gradients and weights after 6 Adam steps on real images', async (context) => {
    if (!native) return context.skip('needs the native tensorflow backend');
    const images = await loadFashionMnist({ subset: 'train', onProgress: silentProgress });
    const indices = fashionMnistBalancedIndices(images.labels, 10);
    const pixels = fashionMnistPixels(images, indices);
    const x = tf.tensor2d(pixels.data, [pixels.rows, pixels.columns]);
    const labels = tf.tensor1d(Int32Array.from(indices.map((index) => images.labels[index])), 'int32');
    // Two identical teachers (same seed: same weights and dropout masks), one per path.
    const reference = buildConvTeacher({ classCount: 10, seed: 7 });
    const fast = buildConvTeacher({ classCount: 10, seed: 7 });
    const chain = convTrainingChain(fast)!;
    const optimizers = [new GroupAdam(1e-3), new GroupAdam(1e-3)];
    const batch = 25;
    for (let step = 0; step < 6; step++) {
      const start = (step * batch) % pixels.rows;
      const snapshots: { loss: Uint32Array; logits: Uint32Array; gradients: Uint32Array[] }[] = [];
      [reference, fast].forEach((model, which) =>
        tf.tidy(() => {
          const rows = x.slice([start, 0], [batch, -1]);
          const rowLabels = labels.slice([start], [batch]) as tf.Tensor1D;
          const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
          let logits: tf.Tensor | undefined;
          const { value, grads } = tf.variableGrads(() => {
            const output =
              which === 0
                ? (model.apply(rows, { training: true }) as tf.Tensor)
                : convChainForwardTraining(chain, rows);
            logits = tf.keep(output);
            return tf.mean(crossEntropyLoss(rowLabels, output as tf.Tensor2D));
          }, variables);
          const gradients = variables.map((variable) => grads[variable.name]);
          snapshots.push({ loss: bits(value), logits: bits(logits!), gradients: gradients.map(bits) });
          optimizers[which].apply(variables, gradients);
        }),
      );
      const [referenceStep, fastStep] = snapshots;
      assert.deepEqual(fastStep.logits, referenceStep.logits, `logits at step ${step}`);
      assert.deepEqual(fastStep.loss, referenceStep.loss, `loss at step ${step}`);
      fastStep.gradients.forEach((gradient, index) =>
        assert.deepEqual(gradient, referenceStep.gradients[index], `gradient ${index} at step ${step}`),
      );
    }
    const referenceWeights = reference.getWeights();
    fast
      .getWeights()
      .forEach((weight, index) => assert.deepEqual(bits(weight), bits(referenceWeights[index]), `weight ${index}`));
    // The weights moved: the comparison is not between two untouched models.
    const initial = buildConvTeacher({ classCount: 10, seed: 7 });
    assert.notDeepEqual(bits(initial.getWeights()[0]), bits(referenceWeights[0]));
    tf.dispose([x, labels]);
    for (const optimizer of optimizers) optimizer.dispose();
    for (const model of [reference, fast, initial]) model.dispose();
  });
});
