import * as tf from '@tensorflow/tfjs';

/**
 * Throws unless `tensor` is a batch of rows: rank 2 `[batch, classes]`, or rank 3
 * `[models, batch, classes]` (K models stacked along a leading model axis).
 */
export function requireMatrix(tensor: tf.Tensor, what: string, functionName: string): void {
  if (tensor.rank !== 2 && tensor.rank !== 3) {
    throw new Error(
      `${functionName}: ${what} must be 2-D [batch, classes] or 3-D [models, batch, classes], got shape [${tensor.shape.join(', ')}]`,
    );
  }
}

/** Throws unless the two tensors have the same shape. */
export function requireSameShape(
  first: tf.Tensor,
  second: tf.Tensor,
  names: [string, string],
  functionName: string,
): void {
  const same =
    first.shape.length === second.shape.length && first.shape.every((size, axis) => size === second.shape[axis]);
  if (!same) {
    throw new Error(
      `${functionName}: ${names[0]} shape [${first.shape.join(', ')}] differs from ${names[1]} shape [${second.shape.join(', ')}]`,
    );
  }
}

/** Throws unless `labels` has the shape of `logits` without its class axis ([N] for [N, C]; [K, N] for [K, N, C]). */
export function requireLabelsForRows(labels: tf.Tensor, logits: tf.Tensor, functionName: string): void {
  const expected = logits.shape.slice(0, -1);
  if (labels.rank !== expected.length) {
    throw new Error(
      `${functionName}: labels must be class ids of shape [${expected.join(', ')}], got shape [${labels.shape.join(', ')}]`,
    );
  }
  if (!labels.shape.every((size, axis) => size === expected[axis])) {
    throw new Error(`${functionName}: ${labels.shape.join(' x ')} labels for ${expected.join(' x ')} rows of logits`);
  }
}

/** A per-model setting: one number for every model, or a float tensor of shape [K] (one value per stacked model). */
export type PerModel = number | tf.Tensor;

/**
 * Models stacked in a batch of logits: K for [K, batch, classes], undefined for 2-D input.
 */
export function stackedModels(logits: tf.Tensor): number | undefined {
  return logits.rank === 3 ? logits.shape[0] : undefined;
}

/**
 * Throws unless `temperature` is a finite number > 0, or — with K stacked models
 * (`models`) — a [K] tensor (its values are not read back; validate them before training).
 */
export function requireTemperature(temperature: PerModel, functionName: string, models?: number): void {
  if (temperature instanceof tf.Tensor) {
    requirePerModelTensor(temperature, 'temperature', functionName, models);
    return;
  }
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature <= 0) {
    throw new Error(`${functionName}: temperature must be a finite number > 0, got ${temperature}`);
  }
}

/** Throws unless `value` is a number in [0, 1], or — with K stacked models (`models`) — a [K] tensor. */
export function requireUnitInterval(value: PerModel, what: string, functionName: string, models?: number): void {
  if (value instanceof tf.Tensor) {
    requirePerModelTensor(value, what, functionName, models);
    return;
  }
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new Error(`${functionName}: ${what} must be in [0, 1], got ${value}`);
  }
}

function requirePerModelTensor(value: tf.Tensor, what: string, functionName: string, models: number | undefined): void {
  if (models === undefined)
    throw new Error(
      `${functionName}: ${what} is a tensor, which needs stacked inputs [models, batch, ...]; give a number for 2-D inputs`,
    );
  if (value.rank !== 1 || value.shape[0] !== models) {
    throw new Error(
      `${functionName}: ${what} must have shape [${models}] (one value per stacked model), got [${value.shape.join(', ')}]`,
    );
  }
}

/** `value` shaped to broadcast against [K, batch, classes]: a number stays, a [K] tensor becomes [K, 1, 1]. */
export function perModelForRows(value: PerModel): number | tf.Tensor {
  return typeof value === 'number' ? value : tf.reshape(value, [value.shape[0], 1, 1]);
}
