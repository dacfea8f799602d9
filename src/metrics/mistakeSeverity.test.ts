import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lcaHeightMatrix, mergeTreeLcaHeights, mistakeSeverity, twoLevelLcaHeights } from './mistakeSeverity';

describe('LCA heights', () => {
  it('two levels: 0 on the diagonal, 1 within a group, 2 across groups', () => {
    assert.deepEqual(twoLevelLcaHeights([0, 0, 1]), [
      [0, 1, 2],
      [1, 0, 2],
      [2, 2, 0],
    ]);
  });

  it('a deeper, unbalanced tree uses node heights (longest path down to a leaf)', () => {
    // Leaves 0..3; node 4 = {0, 1}; node 5 = {4, 2} (height 2); root 6 = {5, 3} (height 3).
    const heights = lcaHeightMatrix([4, 4, 5, 6, 5, 6, -1], 4);
    assert.deepEqual(heights, [
      [0, 1, 2, 3],
      [1, 0, 2, 3],
      [2, 2, 0, 3],
      [3, 3, 3, 0],
    ]);
  });

  it('reads a merge tree in SciPy order (the same tree as above)', () => {
    const merges = [
      { left: 0, right: 1 },
      { left: 2, right: 4 },
      { left: 3, right: 5 },
    ];
    assert.deepEqual(mergeTreeLcaHeights(merges, 4), lcaHeightMatrix([4, 4, 5, 6, 5, 6, -1], 4));
  });

  it('rejects two roots, a cycle and a leaf with children', () => {
    assert.throws(() => lcaHeightMatrix([-1, -1], 2), /exactly one root, found 2/);
    assert.throws(() => lcaHeightMatrix([2, 3, 3, 2, -1], 2), /cycle/);
    assert.throws(() => lcaHeightMatrix([1, 2, -1], 2), /leaf 1 has child 0/);
  });
});

describe('mistakeSeverity', () => {
  // Groups {0, 1, 2}, {3, 4}, {5}.
  const heights = twoLevelLcaHeights([0, 0, 0, 1, 1, 2]);

  it('averages the LCA height over the errors, and over all predictions (hand-computed)', () => {
    const trueLabels = [0, 0, 1, 2, 3, 3, 4, 5];
    const predicted = [0, 1, 2, 3, 4, 3, 0, 5];
    // Errors: 0->1 (1), 1->2 (1), 2->3 (2), 3->4 (1), 4->0 (2): 5 errors, total 7.
    assert.deepEqual(mistakeSeverity(trueLabels, predicted, heights), {
      mistakeSeverity: 7 / 5,
      hierarchicalDistance: 7 / 8,
      errors: 5,
    });
  });

  it('is NaN (severity) and 0 (distance) with no error; throws on a label outside the tree', () => {
    const perfect = mistakeSeverity([1, 4], [1, 4], heights);
    assert.ok(Number.isNaN(perfect.mistakeSeverity));
    assert.equal(perfect.hierarchicalDistance, 0);
    assert.throws(() => mistakeSeverity([1, 6], [1, 4], heights), /true label 6 at position 1 is outside 0\.\.5/);
    assert.throws(() => mistakeSeverity([1], [1, 4], heights), /1 true labels but 2 predicted/);
  });
});
