import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meanInterval, severityCalibrationFigure } from './severityCalibration';

describe('the severity and calibration chart', () => {
  it('mean and 95 % interval over seeds: t(0.975, 2) x sd / sqrt 3 = 4.303 x 0.1 / 1.732', () => {
    const interval = meanInterval([1.2, 1.3, 1.4], 'x');
    assert.ok(Math.abs(interval.mean - 1.3) < 1e-12);
    assert.ok(Math.abs(interval.halfWidth - (4.302653 * 0.1) / Math.sqrt(3)) < 1e-5);
    assert.deepEqual(meanInterval([0.5], 'one seed'), { mean: 0.5, halfWidth: 0 });
    assert.throws(() => meanInterval([], 'F severity'), /F severity has no values/);
    assert.throws(() => meanInterval([1, Number.NaN], 'F severity'), /value 1 is NaN/);
  });

  it('two panels (severity, scaled ECE) sharing the methods axis; a method without a score leaves that panel', () => {
    const figure = severityCalibrationFigure([
      { name: 'A heterogeneous KD', severity: [1.2, 1.3, 1.4], calibration: [0.02, 0.04, 0.06] },
      { name: 'C plain student', severity: [], calibration: [0.05, 0.05, 0.05] },
    ]);
    assert.equal(figure.data.length, 2);
    const [severity, calibration] = figure.data;
    assert.deepEqual([severity.xaxis, calibration.xaxis, severity.yaxis, calibration.yaxis], ['x', 'x2', 'y', 'y']);
    assert.deepEqual(severity.y, ['A heterogeneous KD']);
    assert.deepEqual(calibration.y, ['A heterogeneous KD', 'C plain student']);
    assert.ok(Math.abs((calibration.x as number[])[0] - 0.04) < 1e-12);
    const halfWidths = (calibration.error_x as { array: number[] }).array;
    assert.ok(Math.abs(halfWidths[0] - (4.302653 * 0.02) / Math.sqrt(3)) < 1e-5);
    assert.ok(Math.abs(halfWidths[1]) < 1e-12, 'no spread: a zero-width interval');
    const layout = figure.layout as Record<string, { title?: { text: string }; domain?: number[] }>;
    assert.equal(layout.xaxis.title?.text, 'mistake severity (LCA height of the errors)');
    assert.equal(layout.xaxis2.title?.text, 'ECE after temperature scaling');
    assert.ok((layout.xaxis.domain?.[1] ?? 1) < (layout.xaxis2.domain?.[0] ?? 0), 'side by side');
    assert.throws(() => severityCalibrationFigure([]), /no method given/);
  });
});
