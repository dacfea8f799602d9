import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stratifiedSplit } from './split';

/** 3 classes of sizes 50, 31 and 7, interleaved. */
const labels = [...Array(50).fill(0), ...Array(31).fill(1), ...Array(7).fill(2)].map(
  (_label, index, all) => all[(index * 37) % all.length],
);

function countByClass(indices: number[], source: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const index of indices) counts.set(source[index], (counts.get(source[index]) ?? 0) + 1);
  return counts;
}

describe('stratifiedSplit', () => {
  it('holds out ceil(fraction * n) documents, each class within 1 of its share', () => {
    const { trainIndices, validationIndices } = stratifiedSplit(labels, 0.2, 42);
    assert.equal(validationIndices.length, Math.ceil(0.2 * labels.length)); // 18 of 88
    const all = countByClass(
      labels.map((_, index) => index),
      labels,
    );
    const held = countByClass(validationIndices, labels);
    for (const [label, size] of all) {
      const exact = (size * validationIndices.length) / labels.length;
      assert.ok(Math.abs((held.get(label) ?? 0) - exact) < 1, `class ${label}: ${held.get(label)} vs ${exact}`);
    }
    assert.equal(trainIndices.length + validationIndices.length, labels.length);
  });

  it('is disjoint, complete and sorted', () => {
    const { trainIndices, validationIndices } = stratifiedSplit(labels, 0.25, 7);
    const union = [...trainIndices, ...validationIndices].sort((a, b) => a - b);
    assert.deepEqual(
      union,
      labels.map((_, index) => index),
    );
    assert.deepEqual(
      trainIndices,
      [...trainIndices].sort((a, b) => a - b),
    );
    assert.deepEqual(
      validationIndices,
      [...validationIndices].sort((a, b) => a - b),
    );
  });

  it('is deterministic per seed and changes with the seed', () => {
    assert.deepEqual(stratifiedSplit(labels, 0.2, 42), stratifiedSplit(labels, 0.2, 42));
    assert.notDeepEqual(
      stratifiedSplit(labels, 0.2, 42).validationIndices,
      stratifiedSplit(labels, 0.2, 43).validationIndices,
    );
  });

  it('does not let float noise add a document (30 * 0.1 is 3.0000000000000004)', () => {
    const thirty = Array.from({ length: 30 }, (_, index) => index % 3);
    assert.equal(stratifiedSplit(thirty, 0.1, 1).validationIndices.length, 3);
  });

  it('rejects bad fractions and labels', () => {
    assert.throws(() => stratifiedSplit(labels, 1, 1), /between 0 and 1/);
    assert.throws(() => stratifiedSplit([0, -1], 0.5, 1), /index 1 is -1/);
  });

  describe('many classes x several seeds', () => {
    // 20 classes of sizes 5, 8, 11, ..., 62 (5 + 3k; 670 documents), scattered over the index range.
    const sizes = Array.from({ length: 20 }, (_, label) => 5 + 3 * label);
    const ordered = sizes.flatMap((size, label) => Array<number>(size).fill(label));
    const manyLabels = ordered.map((_, index) => ordered[(index * 281) % ordered.length]); // 281 is prime to 670

    it('gives every seed the exact per-class counts of the documented rule (hand-computed)', () => {
      // fraction 0.1: validation total ceil(67.0) = 67; class k's exact share is (5 + 3k) / 10.
      // Floors 0,0,1,1,1,2,2,2,2,3,3,3,4,4,4,5,5,5,5,6 sum to 58; the 9 left go to the largest
      // remainders: .9 (classes 8, 18), .8 (1, 11), .7 (4, 14), .6 (7, 17), and of the two .5
      // (0 and 10) the lower class, 0.
      const expected = [1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6];
      assert.equal(new Set(manyLabels).size, 20);
      const memberships = new Set<string>();
      for (const seed of [1, 2, 3, 17, 2024]) {
        const { trainIndices, validationIndices } = stratifiedSplit(manyLabels, 0.1, seed);
        const held = countByClass(validationIndices, manyLabels);
        assert.deepEqual(
          sizes.map((_, label) => held.get(label) ?? 0),
          expected,
          `seed ${seed}`,
        );
        const kept = countByClass(trainIndices, manyLabels);
        assert.deepEqual(
          sizes.map((_size, label) => kept.get(label)),
          sizes.map((size, label) => size - expected[label]),
          `seed ${seed} train`,
        );
        const union = [...trainIndices, ...validationIndices].sort((a, b) => a - b);
        assert.deepEqual(
          union,
          manyLabels.map((_, index) => index),
          `seed ${seed}: disjoint and complete`,
        );
        memberships.add(validationIndices.join(','));
      }
      assert.equal(memberships.size, 5, 'each seed picks other members, with the same counts');
    });

    it('every fraction and seed: floor or ceil of the exact share, the extra ones to the largest remainders', () => {
      for (const fraction of [0.05, 0.2, 0.25, 1 / 3, 0.5, 0.9]) {
        for (const seed of [4, 5, 6]) {
          const { trainIndices, validationIndices } = stratifiedSplit(manyLabels, fraction, seed);
          const total = Math.ceil(fraction * manyLabels.length - 1e-9);
          assert.equal(validationIndices.length, total, `fraction ${fraction}`);
          assert.equal(
            new Set([...trainIndices, ...validationIndices]).size,
            manyLabels.length,
            'disjoint and complete',
          );
          const held = countByClass(validationIndices, manyLabels);
          const shares = sizes.map((size) => (size * total) / manyLabels.length);
          const rounded = sizes.map((_, label) => (held.get(label) ?? 0) - Math.floor(shares[label]));
          rounded.forEach((extra, label) =>
            assert.ok(
              extra === 0 || extra === 1,
              `fraction ${fraction} class ${label}: ${held.get(label)} for share ${shares[label]}`,
            ),
          );
          const remainders = shares.map((share) => share - Math.floor(share));
          const smallestUp = Math.min(...remainders.filter((_, label) => rounded[label] === 1));
          const largestDown = Math.max(...remainders.filter((_, label) => rounded[label] === 0));
          assert.ok(
            smallestUp >= largestDown - 1e-12,
            `fraction ${fraction}: a class with remainder ${largestDown} was rounded down while one with ${smallestUp} went up`,
          );
        }
      }
    });
  });
});
