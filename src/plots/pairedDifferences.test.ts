import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { differenceInterval, pairedDifferencesChart, studentTQuantile } from './pairedDifferences';
import { meanStdBarChart } from './bars';
import { pairedTTest } from '../metrics';

describe('studentTQuantile', () => {
  it('matches the printed t table (two-sided 95 %)', () => {
    // scipy.stats.t.ppf(0.975, df): 12.7062, 4.3027, 2.7764, 2.2622, 1.9840 (df 100)
    assert.ok(Math.abs(studentTQuantile(0.95, 1) - 12.7062) < 1e-3);
    assert.ok(Math.abs(studentTQuantile(0.95, 2) - 4.3027) < 1e-3);
    assert.ok(Math.abs(studentTQuantile(0.95, 4) - 2.7764) < 1e-3);
    assert.ok(Math.abs(studentTQuantile(0.95, 9) - 2.2622) < 1e-3);
    assert.ok(Math.abs(studentTQuantile(0.95, 100) - 1.984) < 1e-3);
    assert.throws(() => studentTQuantile(1, 3), /level 1 must lie strictly between 0 and 1/);
  });
});

describe('differenceInterval', () => {
  it('is the paired t interval: mean ± t(0.975, n−1)·sd/√n', () => {
    // differences 0.001, 0.003, 0.002, 0.004, 0.000: mean 0.002, sd 0.0015811, se 0.00070711,
    // half width 2.7764 * 0.00070711 = 0.0019632.
    const interval = differenceInterval({ name: 'A − C', differences: [0.001, 0.003, 0.002, 0.004, 0] });
    assert.ok(Math.abs(interval.mean - 0.002) < 1e-12);
    assert.ok(Math.abs(interval.halfWidth - 0.0019632) < 1e-6);
    assert.ok(Math.abs(interval.low - 0.0000368) < 1e-6);
    assert.equal(interval.count, 5);
    // Same p as the paired t-test of the underlying scores.
    const test = pairedTTest([0.601, 0.603, 0.602, 0.604, 0.6], [0.6, 0.6, 0.6, 0.6, 0.6]);
    assert.ok(Math.abs(interval.pValue - test.pValue) < 1e-9);
  });

  it('has no interval for one seed and refuses non-finite differences', () => {
    assert.ok(Number.isNaN(differenceInterval({ name: 'x', differences: [0.01] }).halfWidth));
    assert.throws(() => differenceInterval({ name: 'x', differences: [0.01, Number.NaN] }), /"x": value 1 is NaN/);
  });
});

describe('pairedDifferencesChart', () => {
  it('plots each mean difference in points with its interval, on an axis around 0', () => {
    const figure = pairedDifferencesChart([
      { name: 'A − C', differences: [0.001, 0.003, 0.002, 0.004, 0] },
      { name: 'B − C', differences: [-0.002, -0.001, -0.003, -0.002, -0.002] },
    ]);
    const trace = figure.data[0];
    assert.deepEqual(trace.y, ['A − C', 'B − C']);
    assert.ok(Math.abs((trace.x as number[])[0] - 0.2) < 1e-9);
    assert.ok(Math.abs((trace.error_x as { array: number[] }).array[0] - 0.19632) < 1e-4);
    const range = (figure.layout.xaxis as { range: number[] }).range;
    assert.ok(range[0] < -0.2 && range[1] > 0.39 && range[1] < 1, `range ${range}`);
    assert.match(JSON.stringify(figure.layout.xaxis), /95 % interval over 5 seeds/);
    assert.throws(() => pairedDifferencesChart([]), /no comparison given/);
  });
});

describe('meanStdBarChart layout', () => {
  it('zooms the value axis and keeps long category names whole', () => {
    const names = Array.from({ length: 20 }, (_, index) => `comp.os.ms-windows.misc.${index}`);
    const figure = meanStdBarChart(
      names.map((name, index) => ({ name, mean: 0.6 + index * 0.001, standardDeviation: 0.002 })),
      { zoom: true },
    );
    const xaxis = figure.layout.xaxis as { automargin: boolean; tickangle: number };
    assert.equal(xaxis.automargin, true);
    assert.equal(xaxis.tickangle, -45);
    const range = (figure.layout.yaxis as { range: number[] }).range;
    // low 0.598, high 0.621, padding 0.25 * 0.023
    assert.ok(Math.abs(range[0] - 0.59225) < 1e-9 && Math.abs(range[1] - 0.62675) < 1e-9, `range ${range}`);
  });
});
