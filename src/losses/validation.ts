import type * as tf from '@tensorflow/tfjs';

/** Throws unless `tensor` has rank 2 (a batch of rows). */
export function requireMatrix(tensor: tf.Tensor, what: string, functionName: string): void {
  if (tensor.rank !== 2) throw new Error(`${functionName}: ${what} must be 2-D [batch, classes], got shape [${tensor.shape.join(', ')}]`);
}

/** Throws unless the two tensors have the same shape. */
export function requireSameShape(first: tf.Tensor, second: tf.Tensor, names: [string, string], functionName: string): void {
  const same = first.shape.length === second.shape.length && first.shape.every((size, axis) => size === second.shape[axis]);
  if (!same) {
    throw new Error(`${functionName}: ${names[0]} shape [${first.shape.join(', ')}] differs from ${names[1]} shape [${second.shape.join(', ')}]`);
  }
}

/** Throws unless `labels` is 1-D with one entry per row of `logits`. */
export function requireLabelsForRows(labels: tf.Tensor, logits: tf.Tensor, functionName: string): void {
  if (labels.rank !== 1) throw new Error(`${functionName}: labels must be 1-D class ids, got shape [${labels.shape.join(', ')}]`);
  if (labels.shape[0] !== logits.shape[0]) {
    throw new Error(`${functionName}: ${labels.shape[0]} labels for ${logits.shape[0]} rows of logits`);
  }
}

/** Throws unless `temperature` is a finite number > 0. */
export function requireTemperature(temperature: number, functionName: string): void {
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature <= 0) {
    throw new Error(`${functionName}: temperature must be a finite number > 0, got ${temperature}`);
  }
}

/** Throws unless `value` is a number in [0, 1]. */
export function requireUnitInterval(value: number, what: string, functionName: string): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new Error(`${functionName}: ${what} must be in [0, 1], got ${value}`);
  }
}
