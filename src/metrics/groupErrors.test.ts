import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adjustedRandIndex } from './clusterAgreement';
import { adjustedRandReference } from './fixtures/clusterReferenceValues';
import { impliedCoarseAccuracy } from './classification';
import { chanceWithinGroupShare, withinGroupErrors, withinGroupErrorShare } from './groupErrors';

// Six fine classes in three groups: {0, 1, 2}, {3, 4}, {5}.
const fineToCoarse = [0, 0, 0, 1, 1, 2];

describe('withinGroupErrors', () => {
  it("counts the mistakes that stay in the true class's group (hand-computed)", () => {
    const trueFine = [0, 0, 1, 2, 3, 3, 4, 5, 5, 1];
    const predicted = [0, 1, 2, 3, 4, 3, 0, 5, 0, 1];
    // Wrong: 0->1 (in), 1->2 (in), 2->3 (out), 3->4 (in), 4->0 (out), 5->0 (out): 6 errors, 3 within.
    const result = withinGroupErrors(trueFine, predicted, fineToCoarse);
    assert.deepEqual(result, {
      count: 10,
      errors: 6,
      withinGroupErrors: 3,
      withinGroupShare: 0.5,
      fineAccuracy: 0.4,
      impliedCoarseAccuracy: 0.7,
    });
    assert.equal(withinGroupErrorShare(trueFine, predicted, fineToCoarse), 0.5);
    // Implied coarse accuracy = fine accuracy + (1 - fine accuracy) * share, and agrees with src/metrics.
    assert.equal(result.impliedCoarseAccuracy, impliedCoarseAccuracy(trueFine, predicted, fineToCoarse));
    assert.ok(
      Math.abs(
        result.fineAccuracy + (1 - result.fineAccuracy) * result.withinGroupShare - result.impliedCoarseAccuracy,
      ) < 1e-12,
    );
  });

  it('all mistakes inside -> 1, all outside -> 0, none -> NaN', () => {
    assert.equal(withinGroupErrorShare([0, 3], [2, 4], fineToCoarse), 1);
    assert.equal(withinGroupErrorShare([0, 5, 3], [5, 3, 3], fineToCoarse), 0);
    assert.ok(Number.isNaN(withinGroupErrorShare([0, 5], [0, 5], fineToCoarse)));
  });

  it('chance share: (group size - 1) / (classes - 1), averaged over the true labels', () => {
    // Class 0: (3-1)/5 = 0.4; class 3: (2-1)/5 = 0.2; class 5: 0.
    assert.ok(Math.abs(chanceWithinGroupShare([0, 3, 5, 5], fineToCoarse) - (0.4 + 0.2) / 4) < 1e-12);
  });

  it('rejects bad input, naming the position', () => {
    assert.throws(() => withinGroupErrors([0, 1], [0], fineToCoarse), /2 true labels but 1 predicted/);
    assert.throws(() => withinGroupErrors([], [], fineToCoarse), /no labels/);
    assert.throws(
      () => withinGroupErrors([0, 6], [0, 1], fineToCoarse),
      /true fine label 6 at position 1 is outside 0\.\.5/,
    );
    assert.throws(() => withinGroupErrors([0, 1], [0, -1], fineToCoarse), /predicted fine label -1 at position 1/);
  });
});

describe('adjustedRandIndex', () => {
  it('matches scikit-learn adjusted_rand_score on the fixture cases', () => {
    for (const { name, a, b, ari } of adjustedRandReference) {
      assert.ok(Math.abs(adjustedRandIndex(a, b) - ari) < 1e-12, `${name}: ${adjustedRandIndex(a, b)} vs ${ari}`);
    }
  });

  it('one item moved: hand count 144/444', () => {
    // Pairs (ordered): tp 8, fp 6, fn 4, tn 12 -> 2(8*12 - 4*6) / (12*16 + 14*18).
    assert.equal(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 1]), 144 / 444);
  });

  it('is symmetric and ignores label names', () => {
    const a = [0, 0, 1, 2, 2, 2, 1];
    const b = [1, 1, 1, 0, 0, 2, 2];
    assert.equal(adjustedRandIndex(a, b), adjustedRandIndex(b, a));
    assert.equal(
      adjustedRandIndex(
        a,
        a.map((label) => 10 - label),
      ),
      1,
    );
  });

  it('rejects mismatched or empty labelings', () => {
    assert.throws(() => adjustedRandIndex([0, 1], [0]), /2 and 1 items/);
    assert.throws(() => adjustedRandIndex([], []), /no items/);
    assert.throws(() => adjustedRandIndex([0, Number.NaN], [0, 1]), /item 1 has labels NaN and 1/);
  });
});
