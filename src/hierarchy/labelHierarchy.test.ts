import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHierarchy, describeHierarchy, fineLabelsByCoarse, toCoarseLabels } from './labelHierarchy';

const animals = ['cat', 'dog', 'sparrow', 'eagle', 'salmon'];

describe('createHierarchy', () => {
  it('maps names and ids, coarse ids in group order', () => {
    const hierarchy = createHierarchy({
      name: 'animals',
      description: 'test',
      fineLabelNames: animals,
      groups: { mammals: ['cat', 1], birds: ['sparrow', 'eagle'], fish: [4] },
    });
    assert.deepEqual(hierarchy.coarseLabelNames, ['mammals', 'birds', 'fish']);
    assert.deepEqual(hierarchy.fineToCoarse, [0, 0, 1, 1, 2]);
    assert.deepEqual(hierarchy.fineLabelNames, animals);
    assert.equal(hierarchy.description, 'test');
  });

  it('copies the fine names so later edits of the input do not leak in', () => {
    const names = [...animals];
    const hierarchy = createHierarchy({ name: 'copy', fineLabelNames: names, groups: { all: [0, 1, 2, 3, 4] } });
    names[0] = 'lion';
    assert.equal(hierarchy.fineLabelNames[0], 'cat');
  });

  it('rejects an unknown fine name, naming it and the hierarchy', () => {
    assert.throws(
      () =>
        createHierarchy({
          name: 'zoo',
          fineLabelNames: animals,
          groups: { mammals: ['cat', 'dog', 'horse'], rest: [2, 3, 4] },
        }),
      (error: Error) => error.message.includes('"zoo"') && error.message.includes('"horse"'),
    );
  });

  it('rejects fine ids out of range and non-integers', () => {
    for (const bad of [5, -1, 1.5]) {
      assert.throws(
        () => createHierarchy({ name: 'zoo', fineLabelNames: animals, groups: { all: [0, 1, 2, 3, 4, bad] } }),
        new RegExp(`unknown fine label ${bad}`),
      );
    }
  });

  it('rejects a label mapped twice, naming both groups', () => {
    assert.throws(
      () =>
        createHierarchy({
          name: 'zoo',
          fineLabelNames: animals,
          groups: { mammals: ['cat', 'dog'], pets: ['dog', 2, 3, 4] },
        }),
      (error: Error) =>
        /"dog" \(id 1\) is mapped twice: to "mammals" and to "pets"/.test(error.message) &&
        error.message.includes('"zoo"'),
    );
  });

  it('rejects unmapped labels, listing every one', () => {
    assert.throws(
      () =>
        createHierarchy({
          name: 'zoo',
          fineLabelNames: animals,
          groups: { mammals: ['cat', 'dog'], birds: ['eagle'] },
        }),
      /not in any group: "sparrow" \(id 2\), "salmon" \(id 4\)/,
    );
  });

  it('rejects an empty group and a hierarchy without groups', () => {
    assert.throws(
      () => createHierarchy({ name: 'zoo', fineLabelNames: animals, groups: { all: [0, 1, 2, 3, 4], reptiles: [] } }),
      /group "reptiles" is empty/,
    );
    assert.throws(() => createHierarchy({ name: 'zoo', fineLabelNames: animals, groups: {} }), /"zoo": has no groups/);
  });

  it('rejects duplicate fine names', () => {
    assert.throws(
      () => createHierarchy({ name: 'zoo', fineLabelNames: ['a', 'a'], groups: { x: [0, 1] } }),
      /"a" appears twice/,
    );
  });
});

describe('toCoarseLabels / describeHierarchy', () => {
  const hierarchy = createHierarchy({
    name: 'animals',
    fineLabelNames: animals,
    groups: { mammals: [0, 1], birds: [2, 3], fish: [4] },
  });

  it('maps arrays and typed arrays', () => {
    assert.deepEqual(toCoarseLabels([4, 0, 3, 1, 2], hierarchy), [2, 0, 1, 0, 1]);
    assert.deepEqual(toCoarseLabels(Int32Array.from([2, 2, 4]), hierarchy), [1, 1, 2]);
    assert.deepEqual(toCoarseLabels([], hierarchy), []);
  });

  it('throws on a fine id the hierarchy does not have, saying where', () => {
    assert.throws(() => toCoarseLabels([0, 7], hierarchy), /fine label 7 at position 1 is outside 0\.\.4/);
    assert.throws(() => toCoarseLabels([0.5], hierarchy), /fine label 0.5 at position 0/);
  });

  it('lists the members of each group', () => {
    assert.deepEqual(fineLabelsByCoarse(hierarchy), [[0, 1], [2, 3], [4]]);
    assert.deepEqual(describeHierarchy(hierarchy), [
      { coarseId: 0, coarseName: 'mammals', fineCount: 2, fineIds: [0, 1], fineNames: ['cat', 'dog'] },
      { coarseId: 1, coarseName: 'birds', fineCount: 2, fineIds: [2, 3], fineNames: ['sparrow', 'eagle'] },
      { coarseId: 2, coarseName: 'fish', fineCount: 1, fineIds: [4], fineNames: ['salmon'] },
    ]);
  });
});
