import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classCorrelationMatrix, correlationDistance, softmaxRows, trueClassFirstRate } from './targetMetrics';

const matrix = (rows: number[][]) => ({
  data: Float32Array.from(rows.flat()),
  rows: rows.length,
  columns: rows[0].length,
});

function assertRowsClose(actual: number[][], expected: number[][], tolerance = 1e-6): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((row, i) =>
    row.forEach((value, j) =>
      assert.ok(Math.abs(value - expected[i][j]) <= tolerance, `[${i}][${j}] expected ${expected[i][j]}, got ${value}`),
    ),
  );
}

describe('professor target metrics', () => {
  it('softmaxRows: [2 ln 3, 0] at T = 2 is [3/4, 1/4]; [0, 0, 0] is uniform; huge logits stay finite', () => {
    const result = softmaxRows(
      matrix([
        [2 * Math.log(3), 0],
        [1000, 0],
      ]),
      2,
    );
    assert.ok(Math.abs(result.data[0] - 0.75) < 1e-6 && Math.abs(result.data[1] - 0.25) < 1e-6);
    assert.deepEqual(Array.from(result.data.slice(2)), [1, 0]);
    assert.deepEqual(Array.from(softmaxRows(matrix([[0, 0, 0, 0]])).data), [0.25, 0.25, 0.25, 0.25]);
    assert.throws(() => softmaxRows(matrix([[0, 1]]), 0), /temperature must be a finite number > 0/);
  });

  it('trueClassFirstRate: hand count, ties go to the first maximum', () => {
    const scores = matrix([
      [3, 1, 0], // argmax 0
      [0, 2, 5], // argmax 2
      [1, 1, 0], // tie 0/1 -> 0
      [0, 4, 4], // tie 1/2 -> 1
    ]);
    assert.equal(trueClassFirstRate(scores, [0, 2, 0, 1]), 1);
    assert.equal(trueClassFirstRate(scores, [0, 1, 1, 2]), 0.25);
    assert.throws(
      () => trueClassFirstRate(scores, [0, 1, 3, 0]),
      /label at position 2 is 3, expected an integer in \[0, 3\)/,
    );
  });

  it('classCorrelationMatrix: mean soft target per true class, and the renormalised off-true-class mass', () => {
    const probabilities = matrix([
      [0.6, 0.3, 0.1], // class 0
      [0.8, 0.1, 0.1], // class 0
      [0.2, 0.7, 0.1], // class 1
    ]);
    const labels = [0, 0, 1];
    // Class 0: mean of the two rows; class 1: its one row; class 2: no rows -> zeros.
    assertRowsClose(classCorrelationMatrix(probabilities, labels, 3), [
      [0.7, 0.2, 0.1],
      [0.2, 0.7, 0.1],
      [0, 0, 0],
    ]);
    // Off-true-class: row 1 -> [0, 0.3/0.4, 0.1/0.4] = [0, 0.75, 0.25]; row 2 -> [0, 0.5, 0.5]; row 3 -> [0.2/0.3, 0, 0.1/0.3].
    assertRowsClose(classCorrelationMatrix(probabilities, labels, 3, { mode: 'offTrueClass' }), [
      [0, 0.625, 0.375],
      [2 / 3, 0, 1 / 3],
      [0, 0, 0],
    ]);
    assert.throws(() => classCorrelationMatrix(probabilities, labels, 4), /3 columns, expected classCount = 4/);
  });

  it('correlationDistance: mean absolute and Frobenius by hand', () => {
    const a = [
      [1, 0],
      [0, 1],
    ];
    const b = [
      [0.5, 0.5],
      [0, 1],
    ];
    assert.equal(correlationDistance(a, b), (0.5 + 0.5) / 4);
    assert.equal(correlationDistance(a, b, 'frobenius'), Math.sqrt(0.5));
    assert.equal(correlationDistance(a, a), 0);
    assert.throws(() => correlationDistance(a, [[1, 0, 0]]), /two square matrices of the same size/);
  });
});
