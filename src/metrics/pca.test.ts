import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitProjection2d, matrixRows, projectRows } from './pca';

describe('fitProjection2d', () => {
  it('finds the axes of a hand-made elongated cloud', () => {
    // Points (±3, ±1, 0) around mean (1, 2, 3): variance 9 along x, 1 along y, 0 along z.
    const rows = [
      [4, 3, 3],
      [-2, 3, 3],
      [4, 1, 3],
      [-2, 1, 3],
    ];
    const projection = fitProjection2d(rows);
    assert.deepEqual(projection.mean, [1, 2, 3]);
    assert.ok(
      Math.abs(projection.explainedVariance[0] - 9) < 1e-9,
      `first variance ${projection.explainedVariance[0]}`,
    );
    assert.ok(
      Math.abs(projection.explainedVariance[1] - 1) < 1e-9,
      `second variance ${projection.explainedVariance[1]}`,
    );
    assert.ok(Math.abs(projection.totalVariance - 10) < 1e-12);
    projection.components[0].forEach((value, index) => assert.ok(Math.abs(value - [1, 0, 0][index]) < 1e-6));
    projection.components[1].forEach((value, index) => assert.ok(Math.abs(value - [0, 1, 0][index]) < 1e-6));
    const projected = projectRows(projection, rows);
    assert.ok(Math.abs(projected[0][0] - 3) < 1e-6 && Math.abs(projected[0][1] - 1) < 1e-6);
    assert.ok(Math.abs(projected[3][0] + 3) < 1e-6 && Math.abs(projected[3][1] + 1) < 1e-6);
  });

  it('recovers a rotated direction and keeps the components orthonormal', () => {
    // Points along (1, 1)/√2 with a small spread along (1, -1)/√2.
    const rows: number[][] = [];
    for (let step = -5; step <= 5; step++) {
      rows.push([step + 0.1, step - 0.1]);
      rows.push([step - 0.1, step + 0.1]);
    }
    const { components, explainedVariance } = fitProjection2d(rows);
    const half = Math.SQRT1_2;
    assert.ok(Math.abs(components[0][0] - half) < 1e-6 && Math.abs(components[0][1] - half) < 1e-6);
    assert.ok(Math.abs(components[0][0] * components[1][0] + components[0][1] * components[1][1]) < 1e-9);
    // Variance along (1,1)/√2: mean of 2·step² over steps -5..5 = 2·10 = 20; across: 0.02.
    assert.ok(Math.abs(explainedVariance[0] - 20) < 1e-6, `got ${explainedVariance[0]}`);
    assert.ok(Math.abs(explainedVariance[1] - 0.02) < 1e-9, `got ${explainedVariance[1]}`);
  });

  it('samples repeatably and refuses ragged or too few rows', () => {
    const rows = Array.from({ length: 50 }, (_, index) => [index, (index * 7) % 11, (index * 3) % 5]);
    const first = fitProjection2d(rows, { sampleSize: 20, seed: 3 });
    const second = fitProjection2d(rows, { sampleSize: 20, seed: 3 });
    assert.equal(first.sampleIndices.length, 20);
    assert.deepEqual(first, second);
    assert.throws(
      () =>
        fitProjection2d([
          [1, 2],
          [3, 4],
        ]),
      /at least 3 rows/,
    );
    assert.throws(() => fitProjection2d([[1, 2], [3, 4], [5]]), /row 2 has 1 values, expected 2/);
  });

  it('views a row-major matrix as rows', () => {
    const rows = matrixRows(new Float32Array([1, 2, 3, 4, 5, 6]), 3, 2);
    assert.deepEqual(Array.from(rows[2]), [5, 6]);
    assert.throws(() => matrixRows(new Float32Array(5), 3, 2), /5 values do not make 3 x 2/);
  });
});
