import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from './backend';
import { hasNativeOps, nativeReluGrad } from './nativeOps';

/** Bit patterns of every value (so -0 and +0 are told apart). */
function bits(tensor: tf.Tensor): Uint32Array {
  return new Uint32Array(Float32Array.from(tensor.dataSync()).buffer);
}

describe('native TensorFlow ops', () => {
  let native = false;
  before(async () => {
    await initializeBackend();
    native = hasNativeOps();
  });

  it('ReluGrad equals tfjs ReLU gradient bit for bit (zeros, negatives, +0 and -0 gradients)', (context) => {
    if (!native) return context.skip('needs the native tensorflow backend');
    const features = tf.tensor1d([-2, -0, 0, 1e-30, 3, -1e-30, 5, 0.5]);
    const dy = tf.tensor1d([1.5, -2, 3, -4, 5, -6, -0, 0]);
    const expected = tf.grad((input) => tf.relu(input))(features, dy);
    const actual = nativeReluGrad(dy, tf.relu(features));
    assert.deepEqual(bits(actual), bits(expected));
    // dy · 0 keeps the sign of dy (-2 · 0 = -0), as tfjs does.
    assert.deepEqual(Array.from(actual.dataSync()), [0, -0, 0, -4, 5, -0, -0, 0]);
    assert.throws(() => nativeReluGrad(tf.tensor1d([1], 'int32'), features), /expected float32 tensors, got int32/);
  });
});
