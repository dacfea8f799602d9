import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearestCentroidAccuracy, silhouetteByGroup } from './groupSeparation';

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`);

describe('silhouetteByGroup', () => {
  it('matches the hand-computed silhouettes of two groups on a line', () => {
    // Group 0 at x = 0, 2; group 1 at x = 10, 12. Point 0: a = 2, b = (10 + 12) / 2 = 11,
    // s = 9/11; point 2: a = 2, b = (8 + 10) / 2 = 9, s = 7/9; group 1 mirrors group 0.
    const points = [
      [0, 0],
      [2, 0],
      [10, 0],
      [12, 0],
    ];
    const result = silhouetteByGroup(points, [0, 0, 1, 1]);
    const expected = (9 / 11 + 7 / 9) / 2;
    close(result.byGroup[0], expected);
    close(result.byGroup[1], expected);
    close(result.overall, expected);
  });

  it('gives 0 to a point alone in its group, NaN to an empty label, and is negative for mixed groups', () => {
    const result = silhouetteByGroup([[0], [1], [5]], [0, 0, 2]);
    // Point 0: a = 1, b = 5, s = 4/5; point 1: a = 1, b = 4, s = 3/4; point 5 alone: 0.
    close(result.byGroup[0], (4 / 5 + 3 / 4) / 2);
    assert.ok(Number.isNaN(result.byGroup[1]));
    close(result.byGroup[2], 0);
    close(result.overall, (4 / 5 + 3 / 4) / 3);
    // Interleaved groups: every point is nearer the other group on average.
    const mixed = silhouetteByGroup([[0], [1], [2], [3]], [0, 1, 0, 1]);
    assert.ok(mixed.overall < 0, `interleaved groups give ${mixed.overall}`);
  });

  it('rejects one group, mismatched lengths and bad labels with the reason', () => {
    assert.throws(() => silhouetteByGroup([[0], [1]], [3, 3]), /need[s]? two groups/);
    assert.throws(() => silhouetteByGroup([[0], [1]], [0]), /2 points but 1 labels/);
    assert.throws(() => silhouetteByGroup([[0], [1]], [0, 1.5]), /label 1.5 of point 1/);
    assert.throws(() => silhouetteByGroup([[0, 1], [1]], [0, 1]), /point 1 has 1 coordinates/);
  });
});

describe('nearestCentroidAccuracy', () => {
  it('leaves each point out of its own centroid', () => {
    // Group 0 at x = 0, 2, 8; group 1 at x = 10, 12. Point 8: its group's mean without it is
    // 1 (distance 7), group 1's mean is 11 (distance 3): wrong. The other four are right.
    // With point 8 left in, group 0's mean 10/3 would still lose to 11; point 2 shows the
    // leave-one-out: without it group 0's mean is 4 (distance 2 < 9), right.
    const points = [[0], [2], [8], [10], [12]];
    const result = nearestCentroidAccuracy(points, [0, 0, 0, 1, 1]);
    close(result.accuracy, 4 / 5);
    close(result.chance, 3 / 5);
    assert.equal(result.points, 5);
  });

  it('scores a point alone in its group as wrong, and separated groups as 1', () => {
    close(nearestCentroidAccuracy([[0], [1], [9]], [0, 0, 1]).accuracy, 2 / 3);
    const separated = nearestCentroidAccuracy(
      [
        [0, 0],
        [0, 1],
        [5, 5],
        [5, 6],
        [9, 0],
        [9, 1],
      ],
      [0, 0, 1, 1, 2, 2],
    );
    close(separated.accuracy, 1);
    close(separated.chance, 1 / 3);
  });

  it('is near chance when the groups share one cloud', () => {
    // Alternating labels on a line: every point's own centroid (without it) sits farther than
    // the other group's, except at the ends.
    const points = Array.from({ length: 20 }, (_, index) => [index]);
    const labels = points.map((_, index) => index % 2);
    const result = nearestCentroidAccuracy(points, labels);
    assert.ok(result.accuracy <= result.chance, `${result.accuracy} vs chance ${result.chance}`);
  });
});
