import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentProgress } from '../util/progress';
import { fashionMnistLabelNames, loadFashionMnist } from './fashionMnist';

function histogram(labels: Uint8Array): number[] {
  const counts = new Array(10).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

function sum(values: Uint8Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

// Reference values computed with numpy from the canonical files.
describe('loadFashionMnist', () => {
  it('loads 60,000 training images, 6,000 per class', async () => {
    const train = await loadFashionMnist({ subset: 'train', onProgress: silentProgress });
    assert.equal(train.count, 60_000);
    assert.equal(train.rows, 28);
    assert.equal(train.columns, 28);
    assert.equal(train.images.length, 60_000 * 784);
    assert.equal(train.labels.length, 60_000);
    assert.deepEqual(histogram(train.labels), new Array(10).fill(6_000));
    assert.deepEqual([...train.labels.subarray(0, 10)], [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    assert.equal(sum(train.images.subarray(0, 784)), 76_247);
    assert.deepEqual(
      [...train.images.subarray(14 * 28, 15 * 28)],
      [0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221, 216, 223, 229, 215, 218, 255, 77, 0],
    );
    assert.equal(sum(train.images), 3_431_114_169);
    assert.deepEqual(train.labelNames, [...fashionMnistLabelNames]);
    assert.equal(train.labelNames[9], 'Ankle boot');
  });

  it('loads 10,000 test images, 1,000 per class', async () => {
    const test = await loadFashionMnist({ subset: 'test' });
    assert.equal(test.count, 10_000);
    assert.deepEqual(histogram(test.labels), new Array(10).fill(1_000));
    assert.deepEqual([...test.labels.subarray(0, 10)], [9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    assert.equal(sum(test.images.subarray(0, 784)), 33_456);
    assert.equal(sum(test.images), 573_469_082);
  });

  it('rejects an unknown subset', async () => {
    await assert.rejects(loadFashionMnist({ subset: 'validation' as 'train' }), /subset must be train or test/);
  });
});
