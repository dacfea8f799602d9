import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { confusionMatrixHeatmap, groupBlocks } from './heatmap';
import { fashionMnist5Hierarchy } from '../hierarchy';

describe('confusionMatrixHeatmap with coarse groups', () => {
  it('reorders classes group by group and outlines each diagonal block', () => {
    // a and c in group 1, b in group 0: display order b, a, c.
    const matrix = [
      [5, 1, 2],
      [0, 4, 0],
      [3, 0, 6],
    ];
    const figure = confusionMatrixHeatmap(matrix, ['a', 'b', 'c'], {
      groups: { fineToCoarse: [1, 0, 1], groupNames: ['solo', 'pair'] },
    });
    assert.deepEqual(figure.data[0].x, ['b', 'a', 'c']);
    assert.deepEqual(figure.data[0].y, ['b', 'a', 'c']);
    assert.deepEqual(figure.data[0].z, [
      [4, 0, 0],
      [1, 5, 2],
      [0, 3, 6],
    ]);
    const shapes = figure.layout.shapes as { x0: number; x1: number; y0: number; y1: number }[];
    assert.deepEqual(
      shapes.map(({ x0, x1, y0, y1 }) => [x0, x1, y0, y1]),
      [
        [-0.5, 0.5, -0.5, 0.5],
        [0.5, 2.5, 0.5, 2.5],
      ],
    );
    const annotations = figure.layout.annotations as { text: string }[];
    assert.deepEqual(
      annotations.map((annotation) => annotation.text),
      ['solo', 'pair'],
    );
  });

  it('normalises the rows after reordering (recall stays on the diagonal)', () => {
    const figure = confusionMatrixHeatmap(
      [
        [3, 1],
        [1, 1],
      ],
      ['x', 'y'],
      { normalize: true, groups: { fineToCoarse: [1, 0] } },
    );
    assert.deepEqual(figure.data[0].z, [
      [0.5, 0.5],
      [0.25, 0.75],
    ]);
    assert.equal(figure.layout.annotations, undefined);
  });

  it('keeps the plain figure without groups (no shapes)', () => {
    const figure = confusionMatrixHeatmap(
      [
        [1, 0],
        [0, 1],
      ],
      ['x', 'y'],
    );
    assert.equal(figure.layout.shapes, undefined);
  });

  it('orders fashion-mnist-5 into its five kinds', () => {
    const { order, blocks } = groupBlocks(fashionMnist5Hierarchy.fineToCoarse, 10);
    // tops = T-shirt/top 0, Pullover 2, Coat 4, Shirt 6; bottoms = Trouser 1; dresses = Dress 3; footwear = 5, 7, 9; bags = 8.
    assert.deepEqual(order, [0, 2, 4, 6, 1, 3, 5, 7, 9, 8]);
    assert.deepEqual(
      blocks.map(({ first, last }) => [first, last]),
      [
        [0, 3],
        [4, 4],
        [5, 5],
        [6, 8],
        [9, 9],
      ],
    );
  });

  it('rejects a mapping of the wrong length or with a bad coarse id, naming it', () => {
    assert.throws(
      () =>
        confusionMatrixHeatmap(
          [
            [1, 0],
            [0, 1],
          ],
          ['x', 'y'],
          { groups: { fineToCoarse: [0] } },
        ),
      /fineToCoarse has 1 entries for 2 classes/,
    );
    assert.throws(() => groupBlocks([0, -1], 2), /fineToCoarse\[1\] = -1 is not a coarse id/);
  });
});
