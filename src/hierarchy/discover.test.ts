import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adjustedRandIndex } from '../metrics/clusterAgreement';
import { agglomerativeMerges, cutMergeTree, euclideanDistances, linkageNames } from './agglomerative';
import { fashionMnist3Hierarchy, fashionMnist5Hierarchy } from './builtInHierarchies';
import {
  agglomerativeHierarchy,
  classMeanEmbeddings,
  confusionDistances,
  confusionHierarchy,
  discoveredHierarchyToFileContents,
  parseDiscoveredHierarchyText,
} from './discover';
import { linkageReference } from './fixtures/linkageReferenceValues';
import { hierarchyToFileContents, parseHierarchyText } from './hierarchyFile';
import { describeHierarchy } from './labelHierarchy';

const names = ['a0', 'a1', 'a2', 'b0', 'b1', 'c0', 'c1', 'c2'];
/** Class means in 2-d around three far-apart centres; the known grouping is {a*}, {b*}, {c*}. */
const means = [
  [0, 0],
  [1, 0],
  [0, 1.2],
  [20, 0],
  [20.5, 0.7],
  [0, 30],
  [1.1, 30],
  [0.4, 31],
];

describe('agglomerative clustering', () => {
  it('reproduces SciPy linkage (single, complete, average, ward) on 8 random points', () => {
    const distances = euclideanDistances(linkageReference.points);
    for (const linkage of linkageNames) {
      const merges = agglomerativeMerges(distances, linkage);
      const expected = linkageReference.merges[linkage];
      assert.equal(merges.length, expected.length);
      merges.forEach((merge, step) => {
        assert.equal(merge.left, expected[step].left, `${linkage} merge ${step} left`);
        assert.equal(merge.right, expected[step].right, `${linkage} merge ${step} right`);
        assert.equal(merge.size, expected[step].size, `${linkage} merge ${step} size`);
        assert.ok(
          Math.abs(merge.distance - expected[step].distance) < 1e-9,
          `${linkage} merge ${step}: ${merge.distance} vs ${expected[step].distance}`,
        );
      });
    }
  });

  it('hand-checked tree on 4 points on a line (average linkage)', () => {
    // Points 0, 1, 5, 7: merge {0,1} at 1, then {5,7} at 2, then both at mean(5,7,4,6) = 5.5.
    const merges = agglomerativeMerges(euclideanDistances([[0], [1], [5], [7]]), 'average');
    assert.deepEqual(merges, [
      { left: 0, right: 1, distance: 1, size: 2 },
      { left: 2, right: 3, distance: 2, size: 2 },
      { left: 4, right: 5, distance: 5.5, size: 4 },
    ]);
    assert.deepEqual(cutMergeTree(merges, 4, 2), [0, 0, 1, 1]);
    assert.deepEqual(cutMergeTree(merges, 4, 4), [0, 1, 2, 3]);
    assert.deepEqual(cutMergeTree(merges, 4, 1), [0, 0, 0, 0]);
  });

  it('rejects a bad distance matrix, linkage or group count', () => {
    assert.throws(
      () =>
        agglomerativeMerges([
          [0, 1],
          [2, 0],
        ]),
      /not symmetric: \[0\]\[1\] = 1 but \[1\]\[0\] = 2/,
    );
    assert.throws(() => agglomerativeMerges([[0, 1], [1]]), /row 1 has 1 values, expected 2/);
    assert.throws(
      () =>
        agglomerativeMerges([
          [1, 1],
          [1, 0],
        ]),
      /diagonal \[0\]\[0\] is 1/,
    );
    assert.throws(
      () =>
        agglomerativeMerges([
          [0, -1],
          [-1, 0],
        ]),
      /expected a finite number >= 0/,
    );
    assert.throws(
      () =>
        agglomerativeMerges(
          [
            [0, 1],
            [1, 0],
          ],
          'median' as never,
        ),
      /linkage must be one of single, complete, average, ward/,
    );
    assert.throws(() => cutMergeTree([], 2, 1), /has 1 merges, got 0/);
    assert.throws(
      () => cutMergeTree([{ left: 0, right: 1, distance: 1, size: 2 }], 2, 3),
      /groups must be an integer in 1\.\.2/,
    );
  });
});

describe('agglomerativeHierarchy', () => {
  it('recovers a constructed grouping exactly from class means, with every linkage', () => {
    for (const linkage of linkageNames) {
      const hierarchy = agglomerativeHierarchy({
        name: 'constructed',
        fineLabelNames: names,
        classMeans: means,
        groups: 3,
        linkage,
      });
      assert.deepEqual(hierarchy.fineToCoarse, [0, 0, 0, 1, 1, 2, 2, 2], linkage);
      assert.deepEqual(hierarchy.coarseLabelNames, ['a0 + a1 + a2', 'b0 + b1', 'c0 + c1 + c2']);
      assert.equal(hierarchy.merges.length, names.length - 1);
      assert.equal(hierarchy.linkage, linkage);
    }
    // k = 2: the nearest two clusters (a and b, 20 apart; c is 30 away) join.
    assert.deepEqual(
      agglomerativeHierarchy({ name: 'two', fineLabelNames: names, classMeans: means, groups: 2 }).fineToCoarse,
      [0, 0, 0, 0, 0, 1, 1, 1],
    );
  });

  it('recovers the grouping from class means computed from noisy rows', () => {
    // 5 rows per class: the class's constructed mean plus a symmetric +-0.3 offset pattern.
    const rows: number[] = [];
    const labels: number[] = [];
    const offsets = [
      [0.3, 0],
      [-0.3, 0],
      [0, 0.3],
      [0, -0.3],
      [0, 0],
    ];
    means.forEach((mean, label) =>
      offsets.forEach(([dx, dy]) => {
        rows.push(mean[0] + dx, mean[1] + dy);
        labels.push(label);
      }),
    );
    const computed = classMeanEmbeddings(
      { data: Float32Array.from(rows), rows: labels.length, columns: 2 },
      labels,
      names.length,
    );
    computed.forEach((mean, label) =>
      mean.forEach((value, column) => assert.ok(Math.abs(value - means[label][column]) < 1e-5)),
    );
    const hierarchy = agglomerativeHierarchy({
      name: 'from-rows',
      fineLabelNames: names,
      classMeans: computed,
      groups: 3,
      groupNames: ['A', 'B', 'C'],
    });
    assert.deepEqual(
      describeHierarchy(hierarchy).map((row) => [row.coarseName, row.fineNames]),
      [
        ['A', ['a0', 'a1', 'a2']],
        ['B', ['b0', 'b1']],
        ['C', ['c0', 'c1', 'c2']],
      ],
    );
  });

  it('is an ordinary hierarchy: saves to and loads from the hierarchy file format', () => {
    const hierarchy = agglomerativeHierarchy({ name: 'saved', fineLabelNames: names, classMeans: means, groups: 3 });
    const text = JSON.stringify(hierarchyToFileContents(hierarchy));
    const loaded = parseHierarchyText(text, names, 'saved.json');
    assert.deepEqual(loaded.fineToCoarse, hierarchy.fineToCoarse);
    assert.deepEqual(loaded.coarseLabelNames, hierarchy.coarseLabelNames);
    // The discovered form keeps the tree; an ordinary loader still reads it.
    const fullText = JSON.stringify(discoveredHierarchyToFileContents(hierarchy));
    assert.deepEqual(parseHierarchyText(fullText, names, 'full.json').fineToCoarse, hierarchy.fineToCoarse);
    const reloaded = parseDiscoveredHierarchyText(fullText, names, 'full.json');
    assert.deepEqual(reloaded.merges, hierarchy.merges);
    assert.equal(reloaded.linkage, 'average');
    // A tree that does not give the file's groups is refused.
    const edited = {
      ...discoveredHierarchyToFileContents(hierarchy),
      groups: { first: ['a0', 'a1', 'b0'], second: ['a2', 'b1'], third: ['c0', 'c1', 'c2'] },
    };
    assert.throws(
      () => parseDiscoveredHierarchyText(JSON.stringify(edited), names, 'edited.json'),
      /edited\.json: cutting "merges" into 3 groups does not give the file's groups/,
    );
    assert.throws(
      () => parseDiscoveredHierarchyText(JSON.stringify({ ...edited, merges: [] }), names, 'short.json'),
      /short\.json: "merges": cutMergeTree: a tree over 8 items has 7 merges, got 0/,
    );
  });

  it('rejects bad options with specific messages', () => {
    assert.throws(
      () => agglomerativeHierarchy({ name: 'x', fineLabelNames: names, groups: 3 }),
      /give exactly one of classMeans and distances/,
    );
    assert.throws(
      () => agglomerativeHierarchy({ name: 'x', fineLabelNames: names.slice(1), classMeans: means, groups: 3 }),
      /8 classes in classMeans but 7 fine label names/,
    );
    assert.throws(
      () => agglomerativeHierarchy({ name: 'x', fineLabelNames: names, classMeans: means, groups: 9 }),
      /groups must be an integer in 1\.\.8, got 9/,
    );
    assert.throws(
      () =>
        agglomerativeHierarchy({
          name: 'x',
          fineLabelNames: names,
          classMeans: means,
          groups: 2,
          groupNames: ['same', 'same'],
        }),
      /group name "same" is used twice/,
    );
    assert.throws(
      () => classMeanEmbeddings({ data: new Float32Array(4), rows: 2, columns: 2 }, [0, 0], 2),
      /class 1 has no rows/,
    );
    assert.throws(
      () => classMeanEmbeddings({ data: new Float32Array(4), rows: 2, columns: 2 }, [0, 2], 2),
      /label at row 1 is 2/,
    );
  });
});

describe('confusionHierarchy', () => {
  /** A block confusion matrix: 100 examples a class; 6-20 confusions inside blocks {0,1,2}, {3,4}, {5,6}; 0-2 across. */
  const blockConfusion = [
    [80, 10, 6, 1, 0, 2, 1],
    [12, 76, 9, 0, 1, 1, 1],
    [7, 14, 75, 2, 1, 0, 1],
    [1, 0, 2, 79, 18, 0, 0],
    [0, 2, 0, 20, 77, 1, 0],
    [1, 0, 1, 0, 2, 81, 15],
    [0, 1, 2, 1, 0, 16, 80],
  ];
  const blockNames = ['x0', 'x1', 'x2', 'y0', 'y1', 'z0', 'z1'];

  it('distances: symmetrised row rates, 1 - s / max s (hand-computed)', () => {
    const distances = confusionDistances([
      [8, 2],
      [1, 9],
    ]);
    // rates 0.2 and 0.1 -> s = 0.15 = max -> distance 0.
    assert.deepEqual(distances, [
      [0, 0],
      [0, 0],
    ]);
    const three = confusionDistances([
      [6, 4, 0],
      [2, 8, 0],
      [0, 1, 9],
    ]);
    // s01 = (0.4 + 0.2)/2 = 0.3 (max), s02 = 0, s12 = (0 + 0.1)/2 = 0.05 -> d = 1 - 0.05/0.3.
    assert.deepEqual(
      three.map((row) => row.map((value) => Number(value.toFixed(12)))),
      [
        [0, 0, 1],
        [0, 0, Number((1 - 0.05 / 0.3).toFixed(12))],
        [1, Number((1 - 0.05 / 0.3).toFixed(12)), 0],
      ],
    );
  });

  it('recovers the blocks of a constructed confusion matrix', () => {
    const hierarchy = confusionHierarchy({ confusionMatrix: blockConfusion, fineLabelNames: blockNames, groups: 3 });
    assert.equal(hierarchy.name, 'confusion-3');
    assert.deepEqual(hierarchy.fineToCoarse, [0, 0, 0, 1, 1, 2, 2]);
    assert.equal(adjustedRandIndex(hierarchy.fineToCoarse, [0, 0, 0, 1, 1, 2, 2]), 1);
    for (const linkage of linkageNames) {
      assert.deepEqual(
        confusionHierarchy({ confusionMatrix: blockConfusion, fineLabelNames: blockNames, groups: 3, linkage })
          .fineToCoarse,
        [0, 0, 0, 1, 1, 2, 2],
        linkage,
      );
    }
  });

  it('rejects a class with no examples and a model that confuses nothing', () => {
    assert.throws(
      () =>
        confusionHierarchy({
          confusionMatrix: [
            [1, 0],
            [0, 0],
          ],
          fineLabelNames: ['p', 'q'],
          groups: 1,
        }),
      /class "q" \(1\) has no examples/,
    );
    assert.throws(
      () =>
        confusionHierarchy({
          confusionMatrix: [
            [1, 0],
            [0, 1],
          ],
          fineLabelNames: ['p', 'q'],
          groups: 1,
        }),
      /confuses no pair/,
    );
    assert.throws(
      () =>
        confusionHierarchy({
          confusionMatrix: [
            [1, 0],
            [0, 1],
          ],
          fineLabelNames: ['p'],
          groups: 1,
        }),
      /2 rows but there are 1 fine label names/,
    );
  });
});

describe('hand-made Fashion-MNIST hierarchies against each other', () => {
  it('fashion-mnist-3 coarsens fashion-mnist-5 (ARI hand count 0.5454...)', () => {
    // Every 5-group is inside one 3-group.
    fashionMnist5Hierarchy.fineToCoarse.forEach((coarse, fine) => {
      const sameFive = fashionMnist5Hierarchy.fineToCoarse
        .map((other, index) => (other === coarse ? index : -1))
        .filter((index) => index >= 0);
      assert.ok(
        sameFive.every(
          (index) => fashionMnist3Hierarchy.fineToCoarse[index] === fashionMnist3Hierarchy.fineToCoarse[fine],
        ),
      );
    });
    // Ordered pairs: together in both 2*(6+3) = 18 (tops 4x3 = 12, footwear 3x2 = 6), only in 3: clothing 6x5 - 12 = 18; tn = 90 - 36 = 54.
    // ARI = 2(18*54 - 18*0) / ((18+18)(18+54) + (18+0)(0+54)) = 1944 / 3564.
    assert.ok(
      Math.abs(
        adjustedRandIndex(fashionMnist5Hierarchy.fineToCoarse, fashionMnist3Hierarchy.fineToCoarse) - 1944 / 3564,
      ) < 1e-12,
    );
  });
});
