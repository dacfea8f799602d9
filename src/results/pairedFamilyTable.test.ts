import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairedFamilyTable } from './pairedFamilyTable';

const run = (seed: number, score: number) => ({ seed, score });

describe('paired family table', () => {
  it('writes every registered cell with the Holm p over the table and its detectable effect under it', () => {
    const family = pairedFamilyTable((entry: { seed: number; score: number }) => entry.score);
    const base = [run(1, 0.5), run(2, 0.5), run(3, 0.5)];
    // First - base: 0.05, 0.06, 0.07 (t 10.39, p 0.00913); second - base: 0.01, -0.01, 0.03 (t 0.87, p 0.478).
    // Holm: 2 · 0.00913 = 0.0183 and max(0.0183, 0.478) = 0.478 (SciPy ttest_1samp for the raw p and intervals).
    const table = family.table({
      headers: ['Pair', 'Difference', 'Other'],
      rows: [
        ['first', family.cell([run(1, 0.55), run(2, 0.56), run(3, 0.57)], base), 'kept'],
        ['second', family.cell([run(1, 0.51), run(2, 0.49), run(3, 0.53)], base), ''],
        ['none', family.cell([run(9, 0.5)], base), ''],
      ],
    });
    assert.deepEqual(table.rows, [
      ['first', '+0.0600 [+0.0352, +0.0848] p 0.009 (Holm 0.018), n 3', 'kept'],
      ['second', '+0.0100 [-0.0397, +0.0597] p 0.478 (Holm 0.478), n 3', ''],
      ['none', '', ''],
    ]);
    assert.equal(table.notes?.length, 1);
    // Pooled SD √((0.01² + 0.02²) / 2) = 0.0158: (4.3027 + 1.0607) · 0.0158 / √3 = 0.0490.
    assert.match(
      table.notes![0],
      /^With 3 seeds, a difference smaller than about 0\.0490 \(4\.90 points\) .*\(0\.0158, pooled over 2 comparisons\)\.$/,
    );
  });
});
