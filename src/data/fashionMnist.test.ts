import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentProgress } from '../util/progress';
import {
  fashionMnistBalancedIndices,
  fashionMnistLabelNames,
  fashionMnistPixels,
  loadFashionMnist,
  type FashionMnistData,
} from './fashionMnist';

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

describe('fashionMnistPixels and fashionMnistBalancedIndices', () => {
  // Three 2x2 "images" with grey values 0..255.
  const tiny: FashionMnistData = {
    images: Uint8Array.from([0, 51, 102, 255, 255, 0, 0, 0, 10, 20, 30, 40]),
    labels: Uint8Array.from([1, 0, 1]),
    count: 3,
    rows: 2,
    columns: 2,
    labelNames: [...fashionMnistLabelNames],
  };

  it('scales grey values to [0, 1], one row per image, in the order asked', () => {
    const all = fashionMnistPixels(tiny);
    assert.deepEqual([all.rows, all.columns], [3, 4]);
    assert.deepEqual(
      Array.from(all.data.subarray(0, 4)),
      [0, 0.2, 0.4, 1].map((value) => Math.fround(value)),
    );
    const picked = fashionMnistPixels(tiny, [2, 1]);
    assert.deepEqual(Array.from(picked.data.subarray(4)), [1, 0, 0, 0]);
    assert.equal(picked.data[0], Math.fround(10 / 255));
    assert.throws(() => fashionMnistPixels(tiny, [0, 3]), /index 3 at position 1 is outside 0\.\.2/);
  });

  it('takes the first n images of each class', () => {
    assert.deepEqual(fashionMnistBalancedIndices([1, 0, 1, 0, 1], 2, 2), [0, 1, 2, 3]);
    assert.throws(() => fashionMnistBalancedIndices([1, 0, 1], 2, 2), /class 0 has only 1 images, 2 asked/);
  });
});
