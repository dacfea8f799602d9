import { axisTitle, baseLayout, requireFinite, type FigureOptions, type PlotlyFigure } from './figure';

/** A bar with an error bar: mean ± standard deviation of several repeats. */
export interface MeanStdBar {
  name: string;
  mean: number;
  standardDeviation: number;
  /** Bars of the same series share a colour and a legend entry. */
  series?: string;
}

/** Options of {@link meanStdBarChart}. */
export interface BarOptions extends FigureOptions {
  xTitle?: string;
  yTitle?: string;
  yRange?: [number, number];
  /**
   * Zoom the value axis to the bars (mean ± std, padded) instead of starting at 0, so
   * that gaps of a few tenths of a point stay visible; ignored when `yRange` is given.
   */
  zoom?: boolean;
}

/** A value-axis range around every mean ± std, padded by a quarter of the spread. */
export function zoomedRange(bars: readonly MeanStdBar[]): [number, number] {
  const low = Math.min(...bars.map((bar) => bar.mean - bar.standardDeviation));
  const high = Math.max(...bars.map((bar) => bar.mean + bar.standardDeviation));
  const padding = Math.max((high - low) * 0.25, 1e-3);
  return [low - padding, high + padding];
}

/**
 * Bar chart with symmetric error bars (mean ± std), one trace per series (grouped
 * bars) so that e.g. methods can be compared across students.
 */
export function meanStdBarChart(bars: MeanStdBar[], options: BarOptions = {}): PlotlyFigure {
  if (bars.length === 0) throw new Error('meanStdBarChart: no bars given');
  const seriesNames: string[] = [];
  for (const bar of bars) {
    requireFinite([bar.mean, bar.standardDeviation], `meanStdBarChart: bar "${bar.name}"`);
    const series = bar.series ?? '';
    if (!seriesNames.includes(series)) seriesNames.push(series);
  }
  const data = seriesNames.map((series) => {
    const members = bars.filter((bar) => (bar.series ?? '') === series);
    return {
      type: 'bar',
      name: series,
      x: members.map((bar) => bar.name),
      y: members.map((bar) => bar.mean),
      error_y: { type: 'data', array: members.map((bar) => bar.standardDeviation), visible: true },
      hovertemplate: `%{x}: %{y:.4f} ± %{error_y.array:.4f}<extra>${series}</extra>`,
    };
  });
  const range = options.yRange ?? (options.zoom ? zoomedRange(bars) : undefined);
  const categoryCount = new Set(bars.map((bar) => bar.name)).size;
  const longestName = Math.max(...bars.map((bar) => bar.name.length));
  // Many or long category names: slant them and let the margin grow to fit them whole.
  const slanted = categoryCount > 8 || longestName * categoryCount > 90;
  return {
    data,
    layout: baseLayout(options, {
      barmode: 'group',
      showlegend: seriesNames.length > 1,
      xaxis: axisTitle(options.xTitle, { automargin: true, ...(slanted ? { tickangle: -45 } : {}) }),
      yaxis: axisTitle(options.yTitle, range ? { range } : {}),
    }),
  };
}

/** Options of {@link classBalanceChart}. */
export interface ClassBalanceOptions extends FigureOptions {
  /** Show shares of each split (0..1) instead of counts. */
  normalize?: boolean;
  horizontal?: boolean;
}

/**
 * Class balance: one bar trace per split (train, validation, test...), one bar per
 * class. `countsBySplit[split][classId]` = number of examples.
 */
export function classBalanceChart(
  labelNames: readonly string[],
  countsBySplit: Record<string, ArrayLike<number>>,
  options: ClassBalanceOptions = {},
): PlotlyFigure {
  const splits = Object.keys(countsBySplit);
  if (splits.length === 0) throw new Error('classBalanceChart: no split given');
  const data = splits.map((split) => {
    const counts = Array.from(countsBySplit[split]);
    if (counts.length !== labelNames.length) {
      throw new Error(
        `classBalanceChart: split "${split}" has ${counts.length} counts, expected ${labelNames.length} (one per label)`,
      );
    }
    requireFinite(counts, `classBalanceChart: split "${split}"`);
    const total = counts.reduce((sum, count) => sum + count, 0);
    const values = options.normalize ? counts.map((count) => (total === 0 ? 0 : count / total)) : counts;
    const names = [...labelNames];
    return {
      type: 'bar',
      name: split,
      ...(options.horizontal ? { y: names, x: values, orientation: 'h' } : { x: names, y: values }),
    };
  });
  const valueAxis = axisTitle(options.normalize ? 'share of split' : 'examples');
  return {
    data,
    layout: baseLayout(
      { height: options.horizontal ? Math.max(300, 22 * labelNames.length + 100) : undefined, ...options },
      {
        barmode: 'group',
        ...(options.horizontal
          ? { xaxis: valueAxis, yaxis: { automargin: true, autorange: 'reversed' } }
          : { yaxis: valueAxis, xaxis: { automargin: true, tickangle: -45 } }),
      },
    ),
  };
}
