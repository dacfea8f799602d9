import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EarlyStoppingTracker } from './earlyStopping';

/** Feeds validation losses (accuracy 0) from epoch 1 and returns the verdicts. */
function feed(tracker: EarlyStoppingTracker, losses: number[]) {
  return losses.map((validationLoss, index) => tracker.observe(index + 1, { validationLoss, validationAccuracy: 0 }));
}

describe('early stopping: minEpochs', () => {
  it('without minEpochs a run whose loss only rises keeps epoch 1 and stops after patience', () => {
    const tracker = new EarlyStoppingTracker({ monitor: 'validationLoss', patience: 2 });
    const verdicts = feed(tracker, [1.0, 1.2, 1.4, 1.6]);
    assert.equal(tracker.bestEpoch, 1);
    assert.deepEqual(
      verdicts.map((verdict) => verdict.stop),
      [false, false, true, true],
    );
  });

  it('minEpochs 3: no stop and no choice before epoch 3; epoch 3 is the first candidate, patience counts from it', () => {
    const tracker = new EarlyStoppingTracker({ monitor: 'validationLoss', patience: 2, minEpochs: 3 });
    // Epoch 1 has the lowest loss of all; it is never chosen.
    const verdicts = feed(tracker, [0.5, 1.2, 1.1, 1.0, 1.3, 1.4]);
    assert.deepEqual(
      verdicts.map((verdict) => [verdict.improved, verdict.stop]),
      [
        [true, false],
        [true, false],
        [true, false],
        [true, false], // 1.0 < 1.1: epoch 4 is the new best
        [false, false],
        [false, true], // two epochs without beating 1.0
      ],
    );
    assert.equal(tracker.bestEpoch, 4);
  });

  it('a run shorter than minEpochs keeps its last epoch; minEpochs 1 is the default behaviour', () => {
    const short = new EarlyStoppingTracker({ monitor: 'validationLoss', patience: 1, minEpochs: 5 });
    feed(short, [0.3, 0.9]);
    assert.equal(short.bestEpoch, 2);
    const one = new EarlyStoppingTracker({ monitor: 'validationLoss', patience: 1, minEpochs: 1 });
    const plain = new EarlyStoppingTracker({ monitor: 'validationLoss', patience: 1 });
    const losses = [0.8, 0.6, 0.7, 0.5];
    assert.deepEqual(feed(one, losses), feed(plain, losses));
    assert.equal(one.bestEpoch, plain.bestEpoch);
  });

  it('rejects a minEpochs that is not a positive integer, naming it', () => {
    assert.throws(
      () => new EarlyStoppingTracker({ monitor: 'validationLoss', patience: 1, minEpochs: 0 }),
      /earlyStopping\.minEpochs must be a positive integer, got 0/,
    );
    assert.throws(
      () => new EarlyStoppingTracker({ monitor: 'validationAccuracy', patience: 1, minEpochs: 2.5 }),
      /got 2\.5/,
    );
  });
});
