import * as tf from '@tensorflow/tfjs';
import { predictionLayerName } from '../models/student';
import { columnCount, type Features, featuresTensor, type FloatMatrix, rowCount } from '../tensors/matrix';

/** Index of the `prediction` output (the fine head); 0 for single-output models. */
export function predictionOutputIndex(model: tf.LayersModel): number {
  if (model.outputs.length === 1) return 0;
  const index = model.outputNames.indexOf(predictionLayerName);
  if (index < 0)
    throw new Error(
      `model "${model.name}" has ${model.outputs.length} outputs (${model.outputNames.join(', ')}) but none named "${predictionLayerName}"`,
    );
  return index;
}

/** Number of logits of the prediction head. */
export function predictionClassCount(model: tf.LayersModel): number {
  const shape = model.outputs[predictionOutputIndex(model)].shape;
  return shape[shape.length - 1] as number;
}

/**
 * Logits of the prediction head (inference mode: dropout off), computed in batches of
 * `batchSize` rows so that large splits fit in memory. Also how teacher logits are
 * precomputed once per split for distillation.
 */
export function predictLogits(model: tf.LayersModel, x: Features, batchSize = 1024): FloatMatrix {
  const rows = rowCount(x);
  const expected = model.inputs[0].shape[1];
  if (expected !== null && expected !== columnCount(x))
    throw new Error(`predictLogits: model "${model.name}" expects ${expected} input columns, got ${columnCount(x)}`);
  const columns = predictionClassCount(model);
  const outputIndex = predictionOutputIndex(model);
  const data = new Float32Array(rows * columns);
  const { tensor, owned } = featuresTensor(x, 'predictLogits features');
  try {
    for (let start = 0; start < rows; start += batchSize) {
      const size = Math.min(batchSize, rows - start);
      // Read the values outside tf.tidy: a typed array returned from tidy is walked element by element.
      const logits = tf.tidy(() => {
        const outputs = model.apply(tensor.slice([start, 0], [size, -1]), { training: false }) as
          | tf.Tensor
          | tf.Tensor[];
        return Array.isArray(outputs) ? outputs[outputIndex] : outputs;
      });
      data.set(logits.dataSync() as Float32Array, start * columns);
      logits.dispose();
    }
  } finally {
    if (owned) tensor.dispose();
  }
  return { data, rows, columns };
}
