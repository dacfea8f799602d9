import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trainValidationCurvesFigure } from './pairedCurves';

describe('trainValidationCurvesFigure', () => {
  it('gives each model one colour, training solid and validation dashed, in one legend group', () => {
    const figure = trainValidationCurvesFigure(
      [
        { name: 'coarse teacher', training: [1.2, 0.8, 0.5], validation: [1.1, 0.9, 0.95] },
        { name: 'fine teacher', training: [2.5, 1.6, 1.0], validation: [2.4, 1.9, 2.0] },
      ],
      { title: 'losses', yTitle: 'cross-entropy' },
    );
    assert.deepEqual(
      figure.data.map((trace) => trace.name),
      ['coarse teacher: training', 'coarse teacher: validation', 'fine teacher: training', 'fine teacher: validation'],
    );
    const lines = figure.data.map((trace) => trace.line as { color: string; dash?: string });
    assert.equal(lines[0].color, lines[1].color);
    assert.equal(lines[2].color, lines[3].color);
    assert.notEqual(lines[0].color, lines[2].color);
    assert.deepEqual(
      lines.map((line) => line.dash),
      [undefined, 'dash', undefined, 'dash'],
    );
    assert.deepEqual(
      figure.data.map((trace) => trace.legendgroup),
      ['coarse teacher', 'coarse teacher', 'fine teacher', 'fine teacher'],
    );
    assert.deepEqual(figure.data[3].y, [2.4, 1.9, 2.0]);
    assert.deepEqual((figure.layout.yaxis as { title: { text: string } }).title, { text: 'cross-entropy' });
  });

  it('refuses an empty list and non-finite values with the series name', () => {
    assert.throws(() => trainValidationCurvesFigure([]), /no model given/);
    assert.throws(
      () => trainValidationCurvesFigure([{ name: 'coarse', training: [1, Number.NaN], validation: [1, 1] }]),
      /series "coarse: training"/,
    );
  });
});
