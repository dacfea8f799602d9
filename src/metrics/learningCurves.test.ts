import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestEpoch, epochsToReach } from './learningCurves';

describe('learning curves', () => {
  const validationAccuracy = [0.41, 0.63, 0.78, 0.8, 0.79, 0.85];

  it('epochsToReach gives the 1-based first epoch at or above the target', () => {
    assert.equal(epochsToReach(validationAccuracy, 0.8), 4);
    assert.equal(epochsToReach(validationAccuracy, 0.6), 2);
    assert.equal(epochsToReach(validationAccuracy, 0.41), 1);
    assert.equal(epochsToReach(validationAccuracy, 0.9), undefined);
    assert.equal(epochsToReach([], 0.5), undefined);
    assert.throws(() => epochsToReach(validationAccuracy, Number.NaN), /target is NaN/);
  });

  it('bestEpoch gives the first epoch of the largest value', () => {
    assert.deepEqual(bestEpoch(validationAccuracy), { epoch: 6, value: 0.85 });
    assert.deepEqual(bestEpoch([0.5, 0.7, 0.7, Number.NaN]), { epoch: 2, value: 0.7 });
    assert.equal(bestEpoch([]), undefined);
  });
});
