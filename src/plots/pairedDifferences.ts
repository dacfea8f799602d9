import { mean, standardDeviation, studentTCdf, studentTTwoSidedPValue } from '../metrics';
import { baseLayout, requireFinite, type FigureOptions, type PlotlyFigure } from './figure';

/** Paired differences of one method against a baseline, one per seed (same seed, same split). */
export interface PairedComparison {
  /** e.g. `A heterogeneous − C plain` */
  name: string;
  /** method score − baseline score, one value per seed */
  differences: number[];
}

/** Mean paired difference with a two-sided Student-t confidence interval. */
export interface DifferenceInterval {
  name: string;
  count: number;
  mean: number;
  /** mean − halfWidth; NaN with fewer than 2 pairs */
  low: number;
  high: number;
  halfWidth: number;
  /** two-sided paired t-test p-value (NaN with fewer than 2 pairs or zero spread) */
  pValue: number;
}

/**
 * The two-sided Student-t quantile t such that P(|T| ≤ t) = `level` with
 * `degreesOfFreedom`, by bisection on {@link studentTCdf} (e.g. 12.706 for 1 degree of
 * freedom, 2.776 for 4, 1.960 as the degrees grow).
 */
export function studentTQuantile(level: number, degreesOfFreedom: number): number {
  if (!(level > 0 && level < 1)) throw new Error(`studentTQuantile: level ${level} must lie strictly between 0 and 1`);
  if (!(degreesOfFreedom >= 1))
    throw new Error(`studentTQuantile: degreesOfFreedom ${degreesOfFreedom} must be at least 1`);
  const target = (1 + level) / 2;
  let low = 0;
  let high = 1;
  while (studentTCdf(high, degreesOfFreedom) < target) high *= 2;
  for (let step = 0; step < 100; step++) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, degreesOfFreedom) < target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * Mean of the paired differences with its `level` (default 95 %) confidence interval
 * over seeds: mean ± t_{(1+level)/2, n−1} · sd / √n (the interval of the paired t-test).
 */
export function differenceInterval(comparison: PairedComparison, level = 0.95): DifferenceInterval {
  const { name, differences } = comparison;
  if (differences.length === 0) throw new Error(`differenceInterval: "${name}" has no differences`);
  requireFinite(differences, `differenceInterval: "${name}"`);
  const average = mean(differences);
  if (differences.length < 2) {
    return {
      name,
      count: 1,
      mean: average,
      low: Number.NaN,
      high: Number.NaN,
      halfWidth: Number.NaN,
      pValue: Number.NaN,
    };
  }
  const deviation = standardDeviation(differences);
  const standardError = deviation / Math.sqrt(differences.length);
  const halfWidth = studentTQuantile(level, differences.length - 1) * standardError;
  const pValue =
    standardError > 0 ? studentTTwoSidedPValue(average / standardError, differences.length - 1) : Number.NaN;
  return {
    name,
    count: differences.length,
    mean: average,
    low: average - halfWidth,
    high: average + halfWidth,
    halfWidth,
    pValue,
  };
}

/** Options of {@link pairedDifferencesChart}. */
export interface PairedDifferencesOptions extends FigureOptions {
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
  /** Multiply differences by this before plotting (default 100: accuracy points). */
  scale?: number;
  /** Axis title (default `difference in points (95 % interval over n seeds)`). */
  xTitle?: string;
}

/**
 * The chart that answers "does method X beat the baseline?": one row per comparison,
 * a dot at the mean paired difference (same seed) and a bar for its 95 % interval over
 * seeds, against a vertical line at 0. An interval that crosses 0 is no evidence of a
 * difference. The axis is zoomed to the intervals, so 0.2-point gaps are visible.
 */
export function pairedDifferencesChart(
  comparisons: PairedComparison[],
  options: PairedDifferencesOptions = {},
): PlotlyFigure {
  if (comparisons.length === 0) throw new Error('pairedDifferencesChart: no comparison given');
  const level = options.level ?? 0.95;
  const scale = options.scale ?? 100;
  const intervals = comparisons.map((comparison) => differenceInterval(comparison, level));
  const seeds = [...new Set(intervals.map((interval) => interval.count))].join('/');
  const percent = `${Math.round(level * 100)} %`;
  const names = intervals.map((interval) => interval.name);
  const halfWidths = intervals.map((interval) => (Number.isNaN(interval.halfWidth) ? 0 : interval.halfWidth * scale));
  const text = intervals.map((interval) =>
    Number.isNaN(interval.halfWidth)
      ? `${(interval.mean * scale).toFixed(2)} (one seed: no interval)`
      : `${(interval.mean * scale).toFixed(2)} [${(interval.low * scale).toFixed(2)}, ${(interval.high * scale).toFixed(2)}], p ${interval.pValue.toFixed(3)}`,
  );
  const extent = Math.max(
    ...intervals.map((interval, index) => Math.abs(interval.mean * scale) + halfWidths[index]),
    1e-3,
  );
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        x: intervals.map((interval) => interval.mean * scale),
        y: names,
        error_x: { type: 'data', array: halfWidths, visible: true, thickness: 2, width: 6 },
        marker: {
          size: 10,
          color: intervals.map((interval) => (interval.low > 0 ? '#2a9d8f' : interval.high < 0 ? '#e76f51' : '#555')),
        },
        text,
        hovertemplate: `%{y}: %{text}<extra>${percent} interval</extra>`,
      },
    ],
    layout: baseLayout(
      { height: Math.max(220, 44 * intervals.length + 110), ...options },
      {
        showlegend: false,
        margin: { l: 60, r: 20, t: options.title ? 50 : 20, b: 70 },
        xaxis: {
          automargin: true,
          title: { text: options.xTitle ?? `difference in points (mean and ${percent} interval over ${seeds} seeds)` },
          range: [-extent * 1.15, extent * 1.15],
          zeroline: true,
          zerolinewidth: 2,
          zerolinecolor: '#888',
        },
        yaxis: { automargin: true, autorange: 'reversed' },
      },
    ),
  };
}
