/**
 * Severity and calibration per method: two panels side by side, one row per method, a dot at
 * the mean over seeds and a bar for its 95 % interval (mean ± t_{0.975, n-1} · sd / √n): the
 * mistake severity (mean height of the lowest common ancestor over the wrong predictions) and
 * the expected calibration error after temperature scaling. Lower is better in both.
 */
import { mean, standardDeviation } from '../metrics';
import { baseLayout, requireFinite, type FigureOptions, type PlotlyFigure } from './figure';
import { studentTQuantile } from './pairedDifferences';

/** One method's per-seed scores (its runs at its setting chosen on validation). */
export interface SeverityCalibrationSeries {
  /** e.g. `F hierarchy soft labels (no teacher)` */
  name: string;
  /** Test mistake severity, one value per seed. */
  severity: number[];
  /** Test expected calibration error after temperature scaling, one value per seed. */
  calibration: number[];
}

/** Mean and the half-width of its 95 % interval over the values (0 with one value: no interval). */
export function meanInterval(values: number[], what: string): { mean: number; halfWidth: number } {
  if (values.length === 0) throw new Error(`meanInterval: ${what} has no values`);
  requireFinite(values, `meanInterval: ${what}`);
  if (values.length < 2) return { mean: values[0], halfWidth: 0 };
  const halfWidth = (studentTQuantile(0.95, values.length - 1) * standardDeviation(values)) / Math.sqrt(values.length);
  return { mean: mean(values), halfWidth };
}

/**
 * The two-panel figure: left mistake severity, right ECE after temperature scaling, each with
 * the methods on the shared vertical axis (first series at the top). A series without values
 * in a panel is left out of that panel.
 */
export function severityCalibrationFigure(
  series: SeverityCalibrationSeries[],
  options: FigureOptions = {},
): PlotlyFigure {
  if (series.length === 0) throw new Error('severityCalibrationFigure: no method given');
  const panel = (key: 'severity' | 'calibration', axis: 'x' | 'x2', colour: string) => {
    const shown = series.filter((entry) => entry[key].length > 0);
    const intervals = shown.map((entry) => meanInterval(entry[key], `${entry.name} ${key}`));
    return {
      type: 'scatter',
      mode: 'markers',
      name: key === 'severity' ? 'mistake severity' : 'ECE after temperature scaling',
      x: intervals.map((interval) => interval.mean),
      y: shown.map((entry) => entry.name),
      xaxis: axis,
      yaxis: 'y',
      error_x: {
        type: 'data',
        array: intervals.map((interval) => interval.halfWidth),
        visible: true,
        thickness: 2,
        width: 6,
      },
      marker: { size: 9, color: colour },
      hovertemplate: '%{y}: %{x:.4f}<extra></extra>',
    };
  };
  return {
    data: [panel('severity', 'x', '#264653'), panel('calibration', 'x2', '#e76f51')],
    layout: baseLayout(
      { title: 'Mistake severity and calibration (mean and 95 % interval over seeds; lower is better)', ...options },
      {
        height: options.height ?? Math.max(320, 60 + 32 * series.length),
        showlegend: false,
        xaxis: { domain: [0, 0.46], title: { text: 'mistake severity (LCA height of the errors)' } },
        xaxis2: { domain: [0.54, 1], title: { text: 'ECE after temperature scaling' }, anchor: 'y' },
        yaxis: { automargin: true, autorange: 'reversed' },
      },
    ),
  };
}
