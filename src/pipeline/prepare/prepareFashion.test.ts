import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fashionMnistExperiment } from '../../config/builtInExperiments';
import { validateExperimentConfig } from '../../config/validateExperiment';
import { firstPerClass, prepareExperimentData } from './prepareData';

describe('Fashion-MNIST pixels through prepareExperimentData', () => {
  it('keeps the first N per class of a stratified, seeded split; pixels in [0, 1]; coarse labels from the hierarchy', async () => {
    const config = validateExperimentConfig({
      ...fashionMnistExperiment,
      dataset: { ...fashionMnistExperiment.dataset, limitPerClass: 7 },
    });
    const data = await prepareExperimentData(config, { log: () => undefined });
    assert.deepEqual(data.sizes, { train: 70, validation: 70, test: 70 });
    assert.equal(data.inputDimension, 784);
    assert.equal(data.hierarchy.name, 'fashion-mnist-5');
    for (const split of [data.train, data.validation, data.test]) {
      assert.equal(split.x.data.length, split.x.rows * 784);
      const counts = new Array(10).fill(0);
      split.fineLabels.forEach((label) => counts[label]++);
      assert.deepEqual(counts, new Array(10).fill(7));
      let minimum = Infinity;
      let maximum = -Infinity;
      for (const value of split.x.data) {
        minimum = Math.min(minimum, value);
        maximum = Math.max(maximum, value);
      }
      assert.equal(minimum, 0);
      assert.equal(maximum, 1);
      split.fineLabels.forEach((fine, index) =>
        assert.equal(split.coarseLabels[index], data.hierarchy.fineToCoarse[fine]),
      );
      assert.ok(split.coarseLabels.every((coarse) => coarse >= 0 && coarse < 5));
    }
    // Train and validation come from the same 60,000 images and never share one.
    const key = (split: typeof data.train, row: number) => split.x.data.subarray(row * 784, (row + 1) * 784).join(',');
    const trainImages = new Set(Array.from({ length: 70 }, (_, row) => key(data.train, row)));
    assert.ok(
      Array.from({ length: 70 }, (_, row) => key(data.validation, row)).every((image) => !trainImages.has(image)),
    );
    assert.match(data.featuresId.dataFingerprint, /^fashion-mnist:.*:validation0\.1:split42:limit7$/);
    // The same seed gives the same split; another seed another one.
    const again = await prepareExperimentData(config, { log: () => undefined });
    assert.deepEqual(again.validation.fineLabels, data.validation.fineLabels);
    assert.deepEqual(
      Array.from(again.validation.x.data.subarray(0, 784)),
      Array.from(data.validation.x.data.subarray(0, 784)),
    );
    const other = await prepareExperimentData(
      { ...config, dataset: { ...config.dataset, splitSeed: 7 } },
      { log: () => undefined },
    );
    assert.notDeepEqual(
      Array.from(other.validation.x.data.subarray(0, 784 * 10)),
      Array.from(data.validation.x.data.subarray(0, 784 * 10)),
    );
  });

  it('firstPerClass keeps the first N indices of each class in order', () => {
    assert.deepEqual(firstPerClass([0, 1, 0, 0, 1, 2], [0, 1, 2, 3, 4, 5], 2), [0, 1, 2, 4, 5]);
    assert.deepEqual(firstPerClass([0, 1, 0], [2, 0], 1), [2]);
    assert.deepEqual(firstPerClass([0, 1], [0, 1], undefined), [0, 1]);
  });
});
