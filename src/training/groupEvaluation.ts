import * as tf from '@tensorflow/tfjs';
import { type Evaluation, evaluateLogits } from './evaluate';
import type { ModelGroup } from './modelGroup';

/** Floats of hidden activations one evaluation chunk may hold ([K, rows, widest layer]). */
const chunkBudget = 8_000_000;

/**
 * Scores every member of the group on the same rows (inference mode), with exactly
 * evaluateModel's metrics: the prediction logits of all members come from one stacked
 * forward pass per chunk of rows, then each member's logits go through evaluateLogits.
 */
export function evaluateGroup(
  group: ModelGroup,
  x: tf.Tensor2D,
  labelsById: ReadonlyMap<number, ArrayLike<number>>,
  classCount: number,
): Map<number, Evaluation> {
  const members = group.memberIds;
  const rows = x.shape[0];
  const logits = members.map(() => new Float32Array(rows * classCount));
  const chunk = Math.max(1, Math.floor(chunkBudget / (members.length * Math.max(group.widestLayer, classCount))));
  for (let start = 0; start < rows; start += chunk) {
    const size = Math.min(chunk, rows - start);
    // Read the values outside tf.tidy: a typed array returned from tidy is walked element by element.
    const prediction = tf.tidy(
      () => group.forwardInference(size === rows ? x : x.slice([start, 0], [size, -1])).prediction,
    );
    const values = prediction.dataSync() as Float32Array;
    prediction.dispose();
    if (prediction.shape[2] !== classCount)
      throw new Error(
        `evaluateGroup: the models have ${prediction.shape[2]} prediction logits, the labels ${classCount} classes`,
      );
    members.forEach((_, position) =>
      logits[position].set(
        values.subarray(position * size * classCount, (position + 1) * size * classCount),
        start * classCount,
      ),
    );
  }
  return new Map(
    members.map((id, position) => [
      id,
      evaluateLogits({ data: logits[position], rows, columns: classCount }, labelsById.get(id)!, {
        fineClassCount: classCount,
      }),
    ]),
  );
}
