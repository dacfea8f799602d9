import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stratifiedSubset } from './split';

/** 3 classes of sizes 50, 30 and 7, interleaved. */
const labels = [...Array(50).fill(0), ...Array(30).fill(1), ...Array(7).fill(2)].map(
  (_, index, all) => all[(index * 37) % all.length],
);

const countOf = (indices: number[], label: number) => indices.filter((index) => labels[index] === label).length;

describe('stratifiedSubset', () => {
  it('takes round(f x class size) of each class, at least one', () => {
    // 0.1: 5 of 50, 3 of 30, round(0.7) = 1 of 7.
    const tenth = stratifiedSubset(labels, 0.1, 42);
    assert.deepEqual([countOf(tenth, 0), countOf(tenth, 1), countOf(tenth, 2)], [5, 3, 1]);
    // 0.05: round(2.5) = 3 of 50, round(1.5) = 2 of 30, round(0.35) = 0 -> at least 1 of 7.
    const twentieth = stratifiedSubset(labels, 0.05, 42);
    assert.deepEqual([countOf(twentieth, 0), countOf(twentieth, 1), countOf(twentieth, 2)], [3, 2, 1]);
    // 0.5: 25, 15, round(3.5) = 4.
    const half = stratifiedSubset(labels, 0.5, 42);
    assert.deepEqual([countOf(half, 0), countOf(half, 1), countOf(half, 2)], [25, 15, 4]);
  });

  it('is sorted, seeded, nested across fractions, and all rows at 1', () => {
    const small = stratifiedSubset(labels, 0.1, 3);
    const large = stratifiedSubset(labels, 0.25, 3);
    assert.deepEqual(
      small,
      [...small].sort((a, b) => a - b),
    );
    assert.deepEqual(stratifiedSubset(labels, 0.1, 3), small, 'same seed, same rows');
    assert.notDeepEqual(stratifiedSubset(labels, 0.1, 4), small, 'another seed, other rows');
    assert.ok(
      small.every((index) => large.includes(index)),
      'the rows at 0.1 are among those at 0.25',
    );
    assert.deepEqual(
      stratifiedSubset(labels, 1, 3),
      labels.map((_, index) => index),
    );
  });

  it('rejects a fraction outside (0, 1] and bad labels', () => {
    assert.throws(() => stratifiedSubset(labels, 0, 1), /fraction must be in \(0, 1\], got 0/);
    assert.throws(() => stratifiedSubset(labels, 1.5, 1), /got 1\.5/);
    assert.throws(() => stratifiedSubset([0, -1], 0.5, 1), /label at index 1 is -1/);
  });
});
