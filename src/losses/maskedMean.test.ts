import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { crossEntropyLoss, softCrossEntropyLoss } from './crossEntropy';
import { maskedBatchMean, maskedCrossEntropyLoss, maskedSoftCrossEntropyLoss } from './maskedMean';

const close = (actual: number, expected: number, digits = 5) =>
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} vs ${expected}`);

describe('masked batch means', () => {
  it('maskedBatchMean: the mean over marked rows, 0 when none is marked', () => {
    // (1 + 2) / 2 = 1.5; [K, N]: model 0 marks rows 0 and 3 -> (1 + 4) / 2; model 1 marks none -> 0.
    close(maskedBatchMean(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([1, 1, 0, 0])).arraySync() as number, 1.5);
    assert.deepEqual(
      maskedBatchMean(
        tf.tensor2d([
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ]),
        tf.tensor2d([
          [1, 0, 0, 1],
          [0, 0, 0, 0],
        ]),
      ).arraySync(),
      [2.5, 0],
    );
    assert.throws(() => maskedBatchMean(tf.tensor1d([1, 2]), tf.tensor1d([1, 1, 1])), /maskedBatchMean/);
  });

  it('maskedCrossEntropyLoss: hand-computed per-row cross-entropies averaged over labelled rows', () => {
    // Rows: logits [0, 0] label 0 -> ln 2 = 0.693147; [ln 3, 0] label 0 -> -ln(3/4) = 0.287682;
    // [ln 3, 0] label 1 -> -ln(1/4) = 1.386294.
    const logits = tf.tensor2d([
      [0, 0],
      [Math.log(3), 0],
      [Math.log(3), 0],
    ]);
    const labels = tf.tensor1d([0, 0, 1], 'int32');
    close(
      maskedCrossEntropyLoss(labels, logits, tf.tensor1d([1, 0, 1])).arraySync() as number,
      (Math.LN2 + 2 * Math.LN2) / 2, // ln 2 and ln 4
    );
    close(maskedCrossEntropyLoss(labels, logits, tf.tensor1d([0, 1, 0])).arraySync() as number, 0.287682);
    // Every row labelled: the ordinary batch mean (0.693147 + 0.287682 + 1.386294) / 3.
    close(
      maskedCrossEntropyLoss(labels, logits, tf.tensor1d([1, 1, 1])).arraySync() as number,
      crossEntropyLoss(labels, logits).arraySync() as number,
      6,
    );
    close(crossEntropyLoss(labels, logits).arraySync() as number, 2.367123 / 3);
    // Stacked: one mean per model, each with its own mask.
    const stacked = maskedCrossEntropyLoss(
      tf.stack([labels, labels]) as tf.Tensor2D,
      tf.stack([logits, logits]) as tf.Tensor3D,
      tf.tensor2d([
        [1, 0, 1],
        [0, 1, 0],
      ]),
    );
    const [first, second] = stacked.arraySync();
    close(first, 1.0397205);
    close(second, 0.287682);
  });

  it('maskedSoftCrossEntropyLoss: soft targets over labelled rows; all rows = softCrossEntropyLoss', () => {
    // Row 0: targets [0.5, 0.5] on logits [0, 0] -> ln 2; row 1: [0.9, 0.1] on [ln 3, 0] -> 0.9·0.287682 + 0.1·1.386294 = 0.397543.
    const targets = tf.tensor2d([
      [0.5, 0.5],
      [0.9, 0.1],
    ]);
    const logits = tf.tensor2d([
      [0, 0],
      [Math.log(3), 0],
    ]);
    close(maskedSoftCrossEntropyLoss(targets, logits, tf.tensor1d([0, 1])).arraySync() as number, 0.397543);
    close(
      maskedSoftCrossEntropyLoss(targets, logits, tf.tensor1d([1, 1])).arraySync() as number,
      softCrossEntropyLoss(targets, logits).arraySync() as number,
      6,
    );
  });
});
