import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withinGroupErrorShare } from '../metrics';
import { summedConfusion, withinGroupShareOfConfusion } from './groupScores';

describe('group scores from confusion matrices', () => {
  // Classes 0 and 1 form group 0, class 2 group 1. Errors: 0->1 (2, within), 0->2 (1), 1->0 (1, within), 2->1 (3).
  const matrix = [
    [5, 2, 1],
    [1, 6, 0],
    [0, 3, 4],
  ];
  const fineToCoarse = [0, 0, 1];

  it('counts the wrong predictions that stay in the true group: 3 of 7', () => {
    assert.equal(withinGroupShareOfConfusion(matrix, fineToCoarse), 3 / 7);
    assert.ok(
      Number.isNaN(
        withinGroupShareOfConfusion(
          [
            [2, 0],
            [0, 3],
          ],
          [0, 1],
        ),
      ),
      'no errors: NaN',
    );
    assert.throws(() => withinGroupShareOfConfusion(matrix, [0, 1]), /3 classes in the matrix, 2 in fineToCoarse/);
  });

  it('agrees with the share computed from the labels themselves', () => {
    const truth: number[] = [];
    const predicted: number[] = [];
    for (const [trueClass, row] of matrix.entries()) {
      for (const [guess, count] of row.entries()) {
        for (let index = 0; index < count; index++) {
          truth.push(trueClass);
          predicted.push(guess);
        }
      }
    }
    assert.ok(Math.abs(withinGroupErrorShare(truth, predicted, fineToCoarse) - 3 / 7) < 1e-12);
  });

  it('sums matrices of one shape over seeds, and names a matrix of another shape', () => {
    assert.deepEqual(
      summedConfusion([matrix, matrix]),
      matrix.map((row) => row.map((count) => 2 * count)),
    );
    assert.equal(summedConfusion([]), undefined);
    assert.throws(() => summedConfusion([matrix, [[1]]]), /matrix 2 is not 3 x 3/);
  });
});
