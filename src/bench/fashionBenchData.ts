import { stratifiedSplit } from '../data/split';
import { fashionMnistPixels, loadFashionMnist } from '../data/fashionMnist';
import { toCoarseLabels, type LabelHierarchy } from '../hierarchy/labelHierarchy';
import { silentProgress } from '../util/progress';

/** One split of the probes' Fashion-MNIST data: pixels, fine labels and the hierarchy's coarse labels. */
export interface FashionBenchSplit {
  x: ReturnType<typeof fashionMnistPixels>;
  fineLabels: number[];
  coarseLabels: number[];
}

/**
 * Fashion-MNIST as the benchmark probes use it: the 60,000 training images minus a stratified
 * 10 % validation split (seed 1), and the 10,000 test images, with coarse labels from `hierarchy`.
 */
export async function loadFashionBenchData(
  hierarchy: LabelHierarchy,
): Promise<{ train: FashionBenchSplit; validation: FashionBenchSplit; test: FashionBenchSplit; labelNames: string[] }> {
  const train = await loadFashionMnist({ subset: 'train', onProgress: silentProgress });
  const test = await loadFashionMnist({ subset: 'test', onProgress: silentProgress });
  const split = stratifiedSplit(Array.from(train.labels), 0.1, 1);
  const splitOf = (x: FashionBenchSplit['x'], fineLabels: number[]): FashionBenchSplit => ({
    x,
    fineLabels,
    coarseLabels: toCoarseLabels(fineLabels, hierarchy),
  });
  const labelsAt = (indices: number[]) => indices.map((index) => train.labels[index]);
  return {
    train: splitOf(fashionMnistPixels(train, split.trainIndices), labelsAt(split.trainIndices)),
    validation: splitOf(fashionMnistPixels(train, split.validationIndices), labelsAt(split.validationIndices)),
    test: splitOf(fashionMnistPixels(test), Array.from(test.labels)),
    labelNames: train.labelNames,
  };
}
