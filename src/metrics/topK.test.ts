import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topKAccuracy } from './topK';

describe('topKAccuracy', () => {
  // Four classes; row 2 ties classes 1 and 3.
  const logits = {
    data: [
      [0.1, 0.5, 0.3, 0.2], // label 2: second highest
      [0.9, 0.1, 0.0, -1], // label 3: last
      [0.0, 0.7, 0.7, 0.1], // label 2: tied with class 1, which ranks first (lower id)
    ].flat(),
    rows: 3,
    columns: 4,
  };
  const labels = [2, 3, 2];

  it('counts a row when its label is among the k highest logits (hand-computed)', () => {
    assert.equal(topKAccuracy(logits, labels, 1), 0);
    assert.equal(topKAccuracy(logits, labels, 2), 2 / 3);
    assert.equal(topKAccuracy(logits, labels, 3), 2 / 3);
    assert.equal(topKAccuracy(logits, labels, 4), 1);
  });

  it('breaks ties like argmax: the lower class id ranks first', () => {
    const tie = { data: [0.5, 0.5, 0.5], rows: 1, columns: 3 };
    assert.equal(topKAccuracy(tie, [0], 1), 1);
    assert.equal(topKAccuracy(tie, [1], 1), 0);
    assert.equal(topKAccuracy(tie, [1], 2), 1);
    assert.equal(topKAccuracy(tie, [2], 2), 0);
  });

  it('rejects k < 1, a label out of range and a shape mismatch', () => {
    assert.throws(() => topKAccuracy(logits, labels, 0), /k must be an integer >= 1/);
    assert.throws(() => topKAccuracy(logits, [2, 4, 2], 3), /label 4 at position 1 is outside 0\.\.3/);
    assert.throws(() => topKAccuracy(logits, [2, 3], 3), /2 labels for 3 rows/);
  });
});
