import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correlationMatricesFigure, targetComparisonFigure } from './professorTargets';

const names = ['a', 'b', 'c'];

describe('professor target figures', () => {
  it('targetComparisonFigure: two bar traces per input on its own axes, one legend entry each', () => {
    const figure = targetComparisonFigure(names, [
      { title: 'doc 1', trueLabel: 1, teacher: [0.5, 0.3, 0.2], refined: [0.3, 0.5, 0.2] },
      { title: 'doc 2', trueLabel: 2, teacher: [0.2, 0.2, 0.6], refined: [0.1, 0.2, 0.7] },
    ]);
    assert.equal(figure.data.length, 4);
    assert.deepEqual(
      figure.data.map((trace) => trace.xaxis),
      ['x', 'x', 'x2', 'x2'],
    );
    assert.deepEqual(
      figure.data.map((trace) => trace.showlegend),
      [true, true, false, false],
    );
    assert.deepEqual(figure.data[1].y, [0.3, 0.5, 0.2]);
    assert.equal((figure.layout.annotations as { text: string }[])[1].text, 'doc 2: true c');
    // Short names stand upright; six long names (6 x 20 characters) are slanted so they do not overlap.
    assert.equal((figure.layout.xaxis as { tickangle: number }).tickangle, 0);
    const long = Array.from({ length: 6 }, (_, index) => `${index}: ${'n'.repeat(17)}`);
    const uniform = Array.from({ length: 6 }, () => 1 / 6);
    const slanted = targetComparisonFigure(long, [{ title: 'd', trueLabel: 0, teacher: uniform, refined: uniform }]);
    assert.equal((slanted.layout.xaxis as { tickangle: number }).tickangle, -45);
    assert.throws(
      () => targetComparisonFigure(names, [{ title: 'x', trueLabel: 0, teacher: [1, 0], refined: [1, 0, 0] }]),
      /"x" teacher: 2 probabilities, expected 3/,
    );
    assert.throws(
      () => targetComparisonFigure(names, [{ title: 'x', trueLabel: 0, teacher: [2, 0, 1], refined: [1, 0, 0] }]),
      /sums to 3, expected 1/,
    );
    assert.throws(
      () => targetComparisonFigure(names, [{ title: 'x', trueLabel: 3, teacher: [1, 0, 0], refined: [1, 0, 0] }]),
      /true label 3/,
    );
  });

  it('correlationMatricesFigure: teacher, refined and their difference on three panels', () => {
    const teacher = [
      [0.6, 0.3, 0.1],
      [0.3, 0.6, 0.1],
      [0.1, 0.1, 0.8],
    ];
    const refined = [
      [0.7, 0.2, 0.1],
      [0.2, 0.7, 0.1],
      [0.1, 0.1, 0.8],
    ];
    const figure = correlationMatricesFigure(names, teacher, refined);
    assert.equal(figure.data.length, 3);
    const difference = figure.data[2].z as number[][];
    assert.ok(
      Math.abs(difference[0][0] - 0.1) < 1e-12 && Math.abs(difference[0][1] + 0.1) < 1e-12 && difference[2][2] === 0,
    );
    assert.equal(figure.data[0].zmax, 0.8);
    assert.ok(Math.abs((figure.data[2].zmax as number) - 0.1) < 1e-12);
    assert.throws(() => correlationMatricesFigure(names, teacher, [[1]]), /refined matrix must be 3 x 3/);
  });
});
