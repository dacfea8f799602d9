import * as tf from '@tensorflow/tfjs';
import { hasNativeOps, nativeReluGrad } from '../backend/nativeOps';

/**
 * relu(conv2d(x, kernel, stride 1, 'same', NHWC) + bias) with its gradient, for training.
 *
 * The forward pass runs the kernels a ReLU Conv2D layer runs while gradients are recorded
 * (tfjs then skips its fused kernel: Conv2D, Add, Relu), so the output is the layer's, bit
 * for bit. The backward pass gives the same gradients as tfjs's registered ones (Relu, Add,
 * Conv2D) with fewer kernels over the large [batch, height, width, filters] maps:
 *
 *   dz = ReluGrad(dy, y) = dy · [y > 0]          (tfjs: dy · cast(step(z)), ~8 kernels)
 *   dbias = Σ_{batch,row,column} dz;  dkernel = Conv2DBackpropFilter(x, dz);
 *   dx = Conv2DBackpropInput(dz, kernel)         (only when x needs a gradient)
 *
 * y > 0 exactly where z = conv + bias > 0, so dz is identical for finite activations.
 * Native backend only (see nativeReluGrad).
 */
export function convReluBlock(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  bias: tf.Tensor1D,
  inputNeedsGradient: boolean,
): tf.Tensor4D {
  const strides: [number, number] = [1, 1];
  const attributes = { strides, pad: 'same', dataFormat: 'NHWC', dimRoundingMode: undefined };
  const forward = (input: tf.Tensor4D, filter: tf.Tensor4D, shift: tf.Tensor1D) =>
    tf.relu(tf.add(tf.conv2d(input, filter, strides, 'same', 'NHWC', [1, 1]), shift)) as tf.Tensor4D;
  const gradients = (dy: tf.Tensor4D, input: tf.Tensor4D, filter: tf.Tensor4D, output: tf.Tensor4D) => {
    const dz = nativeReluGrad(dy, output) as tf.Tensor4D;
    const engine = tf.engine();
    const filterGradient = engine.runKernel(
      'Conv2DBackpropFilter',
      { x: input, dy: dz } as tf.NamedTensorMap,
      {
        ...attributes,
        filterShape: filter.shape,
      } as unknown as tf.NamedAttrMap,
    ) as tf.Tensor4D;
    const biasGradient = tf.sum(dz, [0, 1, 2]) as tf.Tensor1D;
    if (!inputNeedsGradient) return [filterGradient, biasGradient];
    const inputGradient = engine.runKernel(
      'Conv2DBackpropInput',
      { dy: dz, filter } as tf.NamedTensorMap,
      {
        ...attributes,
        inputShape: input.shape,
      } as unknown as tf.NamedAttrMap,
    ) as tf.Tensor4D;
    return [inputGradient, filterGradient, biasGradient];
  };
  // x is a recorded input only when it needs a gradient (it depends on a weight); it is saved either way.
  const block = tf.customGrad(((...inputs: unknown[]) => {
    const save = inputs.pop() as tf.GradSaveFunc;
    const [filter, shift] = inputs.slice(-2) as [tf.Tensor4D, tf.Tensor1D];
    const output = forward(x, filter, shift);
    save([x, filter, output]);
    return {
      value: output,
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) =>
        gradients(dy, saved[0] as tf.Tensor4D, saved[1] as tf.Tensor4D, saved[2] as tf.Tensor4D),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (inputNeedsGradient ? block(x, kernel, bias) : block(kernel, bias)) as tf.Tensor4D;
}

/** One layer of a {@link convTrainingChain}: its ReLU-convolution weights when {@link convReluBlock} computes it. */
export interface ConvChainStep {
  layer: tf.layers.Layer;
  convWeights?: { kernel: tf.LayerVariable; bias: tf.LayerVariable };
}

/** A Conv2D layer {@link convReluBlock} computes exactly: ReLU, stride 1, 'same', no dilation, channels last, with bias. */
function convReluWeights(layer: tf.layers.Layer): ConvChainStep['convWeights'] {
  if (layer.getClassName() !== 'Conv2D') return undefined;
  const config = layer.getConfig() as Record<string, unknown>;
  const ones = (value: unknown) => Array.isArray(value) && value.every((entry) => entry === 1);
  if (
    config.activation !== 'relu' ||
    config.padding !== 'same' ||
    !ones(config.strides) ||
    !ones(config.dilationRate) ||
    config.dataFormat !== 'channelsLast' ||
    config.useBias !== true ||
    config.kernelConstraint != null ||
    config.biasConstraint != null
  )
    return undefined;
  // By rank: variable names take a suffix (conv1/kernel_1) when several models live in one process.
  const kernel = layer.trainableWeights.find((weight) => weight.shape.length === 4);
  const bias = layer.trainableWeights.find((weight) => weight.shape.length === 1);
  if (!kernel || !bias || layer.trainableWeights.length !== 2) return undefined;
  return { kernel, bias };
}

/**
 * The layers of `model` in order when it is a chain (one input, one output, each layer fed
 * by the one before) with at least one Conv2D layer {@link convReluBlock} computes, and the
 * native backend is active; otherwise undefined (the model then trains through model.apply).
 * Each layer is checked once here, not at every training step.
 */
export function convTrainingChain(model: tf.LayersModel): ConvChainStep[] | undefined {
  if (!hasNativeOps() || model.inputs.length !== 1 || model.outputs.length !== 1) return undefined;
  const layers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  let previous: tf.layers.Layer = model.inputLayers[0];
  for (const layer of layers) {
    const nodes = layer.inboundNodes;
    if (nodes.length !== 1 || nodes[0].inboundLayers.length !== 1 || nodes[0].inboundLayers[0] !== previous)
      return undefined;
    previous = layer;
  }
  if (previous !== model.outputLayers[0]) return undefined;
  const steps = layers.map((layer) => ({ layer, convWeights: convReluWeights(layer) }));
  return steps.some((step) => step.convWeights) ? steps : undefined;
}

/**
 * Training-mode forward pass (dropout on) of a {@link convTrainingChain}: the same output as
 * `model.apply(x, { training: true })` — every other layer is applied as the model applies
 * it (SeededDropout draws its next mask) — with the conv layers' gradients from convReluBlock.
 */
export function convChainForwardTraining(steps: ConvChainStep[], x: tf.Tensor): tf.Tensor {
  let current = x;
  let dependsOnWeights = false;
  for (const { layer, convWeights } of steps) {
    current = convWeights
      ? convReluBlock(
          current as tf.Tensor4D,
          convWeights.kernel.read() as tf.Tensor4D,
          convWeights.bias.read() as tf.Tensor1D,
          dependsOnWeights,
        )
      : (layer.apply(current, { training: true }) as tf.Tensor);
    if (layer.trainableWeights.length > 0) dependsOnWeights = true;
  }
  return current;
}
