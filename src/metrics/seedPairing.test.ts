import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatPValue,
  formatSignedDifference,
  pairBySeed,
  pairedBySeedTest,
  pairedDifferenceCell,
} from './seedPairing';

const run = (seed: number, accuracy: number) => ({ seed, accuracy });
const accuracyOf = (entry: { accuracy: number }) => entry.accuracy;

describe('pairing runs by seed', () => {
  // Seeds 1 and 2 are shared (differences 0.02 and 0.04); 3 and 4 have no partner.
  const first = [run(3, 0.7), run(2, 0.65), run(1, 0.6)];
  const second = [run(1, 0.58), run(4, 0.9), run(2, 0.61)];

  it('keeps shared seeds only, in ascending seed order, whatever order the runs come in', () => {
    const pairs = pairBySeed(first, second, accuracyOf);
    assert.deepEqual(pairs.seeds, [1, 2]);
    assert.deepEqual(pairs.firstScores, [0.6, 0.65]);
    assert.deepEqual(pairs.secondScores, [0.58, 0.61]);
    pairs.differences.forEach((value, index) => assert.ok(Math.abs(value - [0.02, 0.04][index]) < 1e-12));
  });

  it('tests the shared pairs: mean 0.03, t = 0.03 / (0.01414 / sqrt 2) = 3, df 1, p = 1 - 2 atan(3) / pi = 0.2048', () => {
    const test = pairedBySeedTest(first, second, accuracyOf)!;
    assert.equal(test.pairs, 2);
    assert.ok(Math.abs(test.meanDifference - 0.03) < 1e-12);
    assert.ok(Math.abs(test.t - 3) < 1e-9);
    assert.ok(Math.abs(test.pValue - (1 - (2 * Math.atan(3)) / Math.PI)) < 1e-9);
    // 95 % interval: 0.03 ± t_{0.975, 1} · 0.01 = 0.03 ± 12.706 · 0.01.
    assert.equal(pairedDifferenceCell(first, second, accuracyOf), '+0.0300 [-0.0971, +0.1571] p 0.205, n 2');
  });

  it('says nothing below two pairs, or the single difference when asked', () => {
    const one = [run(1, 0.5)];
    assert.equal(pairedBySeedTest(one, second, accuracyOf), undefined);
    assert.equal(pairedDifferenceCell(one, second, accuracyOf), '');
    assert.equal(pairedDifferenceCell(one, second, accuracyOf, { singlePair: true }), '-0.0800 (n 1)');
    assert.equal(pairedDifferenceCell([run(9, 0.5)], second, accuracyOf, { singlePair: true }), '');
  });

  it('formats p-values and signed differences as every table prints them', () => {
    assert.equal(formatPValue(0.0004), '<0.001');
    assert.equal(formatPValue(0.0004, { spaced: true }), '< 0.001');
    assert.equal(formatPValue(0.04123), '0.041');
    assert.equal(formatPValue(Number.NaN), 'n/a');
    assert.equal(formatSignedDifference(0.00651), '+0.0065');
    assert.equal(formatSignedDifference(-0.005), '-0.0050');
  });
});
