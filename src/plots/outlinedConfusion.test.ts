import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outlinedConfusionFigure } from './outlinedConfusion';
import { withReferenceLines } from './referenceLine';
import { trainValidationCurvesFigure } from './trainValidationCurves';

describe('outlined confusion matrix', () => {
  it('orders classes by group, outlines each block and names the groups outside the matrix', () => {
    // Classes a, b, c, d in groups 1, 0, 1, 0: display order b, d, a, c.
    const matrix = [
      [4, 0, 1, 0],
      [0, 3, 0, 1],
      [2, 0, 2, 0],
      [0, 1, 0, 3],
    ];
    const figure = outlinedConfusionFigure(matrix, ['a', 'b', 'c', 'd'], {
      fineToCoarse: [1, 0, 1, 0],
      groupNames: ['even', 'odd'],
    });
    assert.deepEqual(figure.data[0].x, ['b', 'd', 'a', 'c']);
    assert.equal(figure.data[0].showscale, false);
    const shapes = figure.layout.shapes as Array<{ type: string; xref: string; x0: number; y0: number; y1: number }>;
    const outlines = shapes.filter((shape) => shape.type === 'rect');
    assert.deepEqual(
      outlines.map((shape) => [shape.x0, shape.y1]),
      [
        [-0.5, 1.5],
        [1.5, 3.5],
      ],
    );
    // Names sit right of the matrix (paper x beyond 1), centred on their rows.
    const annotations = figure.layout.annotations as Array<{ x: number; y: number; text: string }>;
    assert.deepEqual(
      annotations.map((annotation) => [annotation.text, annotation.y]),
      [
        ['<b>even</b>', 0.5],
        ['<b>odd</b>', 2.5],
      ],
    );
    assert.ok(annotations.every((annotation) => annotation.x > 1));
    assert.throws(
      () => outlinedConfusionFigure(matrix, ['a', 'b', 'c', 'd'], { fineToCoarse: [0, 1], groupNames: [] }),
      /fineToCoarse has 2 entries for 4 classes/,
    );
  });
});

describe('reference lines and paired curves', () => {
  it('draws a reference value as a dashed line across the plot, keeping earlier shapes', () => {
    const figure = withReferenceLines({ data: [{ type: 'bar' }], layout: { shapes: [{ type: 'rect' }] } }, [
      { value: 0.25, label: 'chance' },
    ]);
    const shapes = figure.layout.shapes as Array<Record<string, unknown>>;
    assert.equal(shapes.length, 2);
    assert.deepEqual([shapes[1].xref, shapes[1].x0, shapes[1].x1, shapes[1].y0], ['paper', 0, 1, 0.25]);
    // The label sits right of the plot, and the right margin makes room for it.
    const [annotation] = figure.layout.annotations as Array<{ x: number; text: string }>;
    assert.ok(annotation.x > 1 && annotation.text === 'chance');
    assert.equal((figure.layout.margin as { r: number }).r, 16 + 7 * 'chance'.length);
    assert.throws(() => withReferenceLines({ data: [], layout: {} }, [{ value: Number.NaN, label: 'x' }]), /finite/);
  });

  it('gives each group one colour, solid for training and dashed for validation, one legend entry each', () => {
    const figure = trainValidationCurvesFigure([
      { group: 'coarse', detail: 'seed 1', training: [1, 0.5], validation: [1.1, 0.7] },
      { group: 'coarse', detail: 'seed 2', training: [0.9, 0.4], validation: [1, 0.6] },
      { group: 'fine', training: [2, 1], validation: [2.1, 1.5] },
    ]);
    const traces = figure.data as unknown as Array<{
      name: string;
      showlegend: boolean;
      line: { color: string; dash: string };
    }>;
    assert.deepEqual(
      traces.map((trace) => [trace.name, trace.line.dash, trace.showlegend]),
      [
        ['coarse, training', 'solid', true],
        ['coarse, validation', 'dash', true],
        ['coarse, training', 'solid', false],
        ['coarse, validation', 'dash', false],
        ['fine, training', 'solid', true],
        ['fine, validation', 'dash', true],
      ],
    );
    assert.equal(new Set(traces.slice(0, 4).map((trace) => trace.line.color)).size, 1);
    assert.notEqual(traces[0].line.color, traces[4].line.color);
    assert.throws(
      () => trainValidationCurvesFigure([{ group: 'g', training: [1], validation: [1, 2] }]),
      /1 training values but 2 validation values/,
    );
  });
});
