import * as tf from '@tensorflow/tfjs';

/** The part of tfjs-node's backend that runs a TensorFlow op by name. */
interface NativeKernelBackend {
  executeSingleOutput(
    name: string,
    attributes: { name: string; type: number; value: unknown }[],
    inputs: tf.TensorInfo[],
  ): tf.Tensor;
  binding: { TF_ATTR_TYPE: number; TF_FLOAT: number };
}

/** tfjs-node's backend when the active backend is native TensorFlow (CPU or GPU), else undefined. */
function nativeBackend(): NativeKernelBackend | undefined {
  if (tf.getBackend() !== 'tensorflow') return undefined;
  const backend = tf.backend() as unknown as Partial<NativeKernelBackend>;
  return typeof backend.executeSingleOutput === 'function' && backend.binding
    ? (backend as NativeKernelBackend)
    : undefined;
}

/** Whether TensorFlow ops can be run by name (the native tfjs-node backend is active). */
export function hasNativeOps(): boolean {
  return nativeBackend() !== undefined;
}

/**
 * TensorFlow's `ReluGrad` op on float32 tensors: `dy * (features > 0)`, one kernel. For
 * finite `features` it equals tfjs's ReLU gradient `dy * cast(step(features))` bit for bit
 * (both multiply dy by exactly 1 or +0); tfjs builds that from about eight kernels
 * (step alone is IsNan, Greater, Fill, Fill, Select, Select on tfjs-node).
 * Only on the native backend ({@link hasNativeOps}).
 */
export function nativeReluGrad(dy: tf.Tensor, features: tf.Tensor): tf.Tensor {
  const backend = nativeBackend();
  if (!backend) throw new Error(`nativeReluGrad needs the native tensorflow backend, not "${tf.getBackend()}"`);
  if (dy.dtype !== 'float32' || features.dtype !== 'float32')
    throw new Error(`nativeReluGrad: expected float32 tensors, got ${dy.dtype} and ${features.dtype}`);
  const type = { name: 'T', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_FLOAT };
  return backend.executeSingleOutput('ReluGrad', [type], [dy, features]);
}
