import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stratifiedSplit } from './split';

/** 3 classes of sizes 50, 31 and 7, interleaved. */
const labels = [...Array(50).fill(0), ...Array(31).fill(1), ...Array(7).fill(2)].map((label, index, all) => all[(index * 37) % all.length]);

function countByClass(indices: number[], source: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const index of indices) counts.set(source[index], (counts.get(source[index]) ?? 0) + 1);
  return counts;
}

describe('stratifiedSplit', () => {
  it('holds out ceil(fraction * n) documents, each class within 1 of its share', () => {
    const { trainIndices, validationIndices } = stratifiedSplit(labels, 0.2, 42);
    assert.equal(validationIndices.length, Math.ceil(0.2 * labels.length)); // 18 of 88
    const all = countByClass(labels.map((_, index) => index), labels);
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
    assert.deepEqual(union, labels.map((_, index) => index));
    assert.deepEqual(trainIndices, [...trainIndices].sort((a, b) => a - b));
    assert.deepEqual(validationIndices, [...validationIndices].sort((a, b) => a - b));
  });

  it('is deterministic per seed and changes with the seed', () => {
    assert.deepEqual(stratifiedSplit(labels, 0.2, 42), stratifiedSplit(labels, 0.2, 42));
    assert.notDeepEqual(stratifiedSplit(labels, 0.2, 42).validationIndices, stratifiedSplit(labels, 0.2, 43).validationIndices);
  });

  it('does not let float noise add a document (30 * 0.1 is 3.0000000000000004)', () => {
    const thirty = Array.from({ length: 30 }, (_, index) => index % 3);
    assert.equal(stratifiedSplit(thirty, 0.1, 1).validationIndices.length, 3);
  });

  it('rejects bad fractions and labels', () => {
    assert.throws(() => stratifiedSplit(labels, 1, 1), /between 0 and 1/);
    assert.throws(() => stratifiedSplit([0, -1], 0.5, 1), /index 1 is -1/);
  });
});
