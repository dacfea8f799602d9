import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planGroups } from './groupPlan';

const seeds = (list: number[]) => list.map((seed) => ({ seed }));

describe('planGroups', () => {
  it('keeps same-seed members together and respects the group size', () => {
    // 3 seeds x 2 methods, interleaved: seed groups {0,3}, {1,4}, {2,5}.
    assert.deepEqual(planGroups(seeds([1, 2, 3, 1, 2, 3]), { groupSize: 4 }), [
      [0, 3, 1, 4],
      [2, 5],
    ]);
    assert.deepEqual(planGroups(seeds([1, 2, 3, 1, 2, 3]), { groupSize: 36 }), [[0, 3, 1, 4, 2, 5]]);
    // A seed group larger than a group is split.
    assert.deepEqual(planGroups(seeds([7, 7, 7, 7, 7]), { groupSize: 2 }), [[0, 1], [2, 3], [4]]);
  });

  it('group size 1 is one member at a time; a memory budget lowers the size', () => {
    assert.deepEqual(planGroups(seeds([1, 1, 2]), { groupSize: 1 }), [[0], [1], [2]]);
    assert.deepEqual(planGroups(seeds([1, 1, 1, 1]), { groupSize: 36, bytesPerMember: 100, memoryBytes: 250 }), [
      [0, 1],
      [2, 3],
    ]);
    assert.throws(() => planGroups(seeds([1]), { groupSize: 0 }), /groupSize must be a positive integer, got 0/);
  });
});
