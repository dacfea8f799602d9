/**
 * The study's charts as Plotly figures for the notebooks (the markdown report draws the
 * same data as SVG): the T x a grid as a heatmap with marked points, per-epoch curves with
 * a ± std band, and mean ± std lines over a numeric axis (accuracy vs labelled fraction).
 */
import { axisTitle, baseLayout, type FigureOptions, type PlotlyFigure, type PlotlyTrace } from '../plots/figure';
import type { gridValues } from './studyTables';

/** Plotly's default colour cycle, so that a line and its band share a colour. */
/** Dash styles and marker symbols cycled over the curves, so curves that coincide stay distinguishable. */
const dashes = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'];
const symbols = ['circle', 'square', 'diamond', 'triangle-up', 'x', 'star'];

const palette = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** A grid cell to outline: the point chosen on validation, paper 1's choice, ... */
export interface GridMark {
  name: string;
  temperature: number;
  studentLossWeight: number;
  /** Plotly dash style of the outline (default solid for the first mark, 'dash' after). */
  dash?: string;
  color?: string;
}

/** Options of {@link gridHeatmapFigure}. */
export interface GridHeatmapOptions extends FigureOptions {
  marks?: GridMark[];
  /** Colour-bar title (default 'accuracy'). */
  valueName?: string;
}

/** The closed outline of cell (column, row) on index axes, inset by `inset` from the cell's edges. */
function cellOutline(column: number, row: number, inset: number): { x: number[]; y: number[] } {
  const [left, right] = [column - 0.5 + inset, column + 0.5 - inset];
  const [bottom, top] = [row - 0.5 + inset, row + 0.5 - inset];
  return { x: [left, right, right, left, left], y: [bottom, bottom, top, top, bottom] };
}

/**
 * Heatmap of a {@link gridValues} grid (rows = temperatures, columns = student-loss
 * weights), each cell labelled with its value; each mark outlines its cell (a rectangle
 * drawn on the cell's edges, each later mark inset a little and dashed, so two marks on one
 * cell both show and the value inside stays readable) and gets a legend entry. A mark
 * whose cell is not in the grid is left out of the chart and named in a subtitle as "not
 * in the grid". The axes are cell indices labelled with the grid's labels.
 */
export function gridHeatmapFigure(grid: ReturnType<typeof gridValues>, options: GridHeatmapOptions = {}): PlotlyFigure {
  if (grid.values.length === 0 || grid.values[0].length === 0)
    throw new Error('gridHeatmapFigure: the grid is empty (no points with runs of this method)');
  const z = grid.values.map((row) => row.map((value) => (Number.isFinite(value) ? value : null)));
  const columns = grid.columnLabels.map((_, index) => index);
  const rows = grid.rowLabels.map((_, index) => index);
  const data: PlotlyTrace[] = [
    {
      type: 'heatmap',
      x: columns,
      y: rows,
      z,
      text: grid.values.map((row) => row.map((value) => (Number.isFinite(value) ? value.toFixed(4) : ''))),
      texttemplate: '%{text}',
      textfont: { size: 13 },
      customdata: grid.rowLabels.map((rowLabel) =>
        grid.columnLabels.map((columnLabel) => `${rowLabel}, ${columnLabel}`),
      ),
      hovertemplate: '%{customdata}: %{z:.4f}<extra></extra>',
      colorscale: 'Viridis',
      colorbar: { title: { text: options.valueName ?? 'accuracy' } },
    },
  ];
  const outside: string[] = [];
  (options.marks ?? []).forEach((mark, index) => {
    const row = grid.temperatures.indexOf(mark.temperature);
    const column = grid.weights.indexOf(mark.studentLossWeight);
    const inGrid = row >= 0 && column >= 0;
    if (!inGrid) outside.push(`${mark.name} (T ${mark.temperature}, a ${mark.studentLossWeight}) is not in the grid`);
    const outline = inGrid ? cellOutline(column, row, 0.03 + 0.07 * index) : { x: [], y: [] };
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: `${mark.name}: T ${mark.temperature}, a ${mark.studentLossWeight}${inGrid ? '' : ' (not in the grid)'}`,
      x: outline.x,
      y: outline.y,
      line: {
        color: mark.color ?? (index === 0 ? '#ff2d2d' : '#ff00ff'),
        width: 4,
        dash: mark.dash ?? (index === 0 ? 'solid' : 'dash'),
      },
      hoverinfo: 'name',
    });
  });
  // An empty trace gets no legend entry: the title says which marks fall outside the grid.
  const title =
    options.title && outside.length > 0 ? `${options.title}<br><sub>${outside.join('; ')}</sub>` : options.title;
  const indexAxis = (title: string, labels: string[], count: number) =>
    axisTitle(title, {
      tickvals: labels.map((_, index) => index),
      ticktext: labels,
      range: [-0.5, count - 0.5],
      showgrid: false,
      zeroline: false,
    });
  return {
    data,
    layout: baseLayout(
      { ...options, title },
      {
        showlegend: true,
        // Room for the subtitle line under the title, so it does not overlap the top row.
        ...(outside.length > 0 ? { margin: { l: 60, r: 20, t: 80, b: 50 } } : {}),
        xaxis: indexAxis('student-loss weight a', grid.columnLabels, columns.length),
        yaxis: indexAxis('temperature T', grid.rowLabels, rows.length),
        legend: { orientation: 'h', y: -0.2 },
      },
    ),
  };
}

/** A per-epoch curve with its band, e.g. from methodCurveBands. */
export interface BandSeries {
  name: string;
  mean: number[];
  low: number[];
  high: number[];
}

/** Options of {@link bandCurvesFigure}. */
export interface BandCurvesOptions extends FigureOptions {
  yTitle?: string;
  /** Dashed horizontal lines, e.g. 95 % of the plain student's plateau. */
  levels?: Array<{ name: string; value: number }>;
}

/**
 * Mean curves (epoch 1, 2, ...) over seeds, each with a translucent band between `low` and
 * `high` in the same colour; each curve has its own dash style and marker symbol, so two
 * curves that coincide are still both visible.
 */
export function bandCurvesFigure(series: BandSeries[], options: BandCurvesOptions = {}): PlotlyFigure {
  if (series.length === 0) throw new Error('bandCurvesFigure: no series given');
  const data: PlotlyTrace[] = [];
  series.forEach((curve, index) => {
    if (curve.low.length !== curve.mean.length || curve.high.length !== curve.mean.length) {
      throw new Error(
        `bandCurvesFigure: series "${curve.name}" has ${curve.mean.length} means but ${curve.low.length} lows and ${curve.high.length} highs`,
      );
    }
    const color = palette[index % palette.length];
    const epochs = curve.mean.map((_, epoch) => epoch + 1);
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: `${curve.name} ± std`,
      x: [...epochs, ...epochs.slice().reverse()],
      y: [...curve.high, ...curve.low.slice().reverse()],
      fill: 'toself',
      fillcolor: color,
      opacity: 0.18,
      line: { width: 0, color },
      legendgroup: curve.name,
      showlegend: false,
      hoverinfo: 'skip',
    });
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: curve.name,
      x: epochs,
      y: curve.mean,
      line: { color, dash: dashes[index % dashes.length], width: 2.5 },
      marker: { size: 8, symbol: symbols[index % symbols.length] },
      legendgroup: curve.name,
    });
  });
  const length = Math.max(...series.map((curve) => curve.mean.length));
  for (const level of options.levels ?? []) {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: level.name,
      x: [1, length],
      y: [level.value, level.value],
      line: { dash: 'dash', color: '#444', width: 1 },
    });
  }
  return {
    data,
    layout: baseLayout(options, {
      xaxis: axisTitle('epoch', length <= 12 ? { dtick: 1 } : {}),
      yaxis: axisTitle(options.yTitle),
      legend: { orientation: 'h', y: -0.2 },
    }),
  };
}

/** One line of {@link meanStdLinesFigure}: means at x with ± std error bars. */
export interface MeanStdLine {
  name: string;
  x: number[];
  means: number[];
  standardDeviations: number[];
  /** Plotly dash style, e.g. 'dot'. */
  dash?: string;
  /** Lines with the same group share a colour (default: each line its own). */
  group?: string;
}

/** Options of {@link meanStdLinesFigure}. */
export interface MeanStdLinesOptions extends FigureOptions {
  xTitle?: string;
  yTitle?: string;
  /** A logarithmic x axis (e.g. labelled fractions 0.05 ... 1). */
  logX?: boolean;
}

/** Lines of means with ± std error bars over a numeric x axis; lines of one group share a colour and a legend group. */
export function meanStdLinesFigure(lines: MeanStdLine[], options: MeanStdLinesOptions = {}): PlotlyFigure {
  if (lines.length === 0) throw new Error('meanStdLinesFigure: no lines given');
  const groups = [...new Set(lines.map((line) => line.group ?? line.name))];
  const data: PlotlyTrace[] = lines.map((line) => {
    if (line.means.length !== line.x.length || line.standardDeviations.length !== line.x.length) {
      throw new Error(
        `meanStdLinesFigure: line "${line.name}" has ${line.x.length} x values, ${line.means.length} means and ${line.standardDeviations.length} standard deviations`,
      );
    }
    const color = palette[groups.indexOf(line.group ?? line.name) % palette.length];
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: line.name,
      x: line.x,
      y: line.means,
      error_y: {
        type: 'data',
        array: line.standardDeviations.map((value) => (Number.isFinite(value) ? value : 0)),
        visible: true,
      },
      line: { color, ...(line.dash ? { dash: line.dash } : {}) },
      legendgroup: line.group ?? line.name,
    };
  });
  return {
    data,
    layout: baseLayout(options, {
      xaxis: axisTitle(
        options.xTitle,
        options.logX
          ? { type: 'log', tickvals: [...new Set(lines.flatMap((line) => line.x))].sort((a, b) => a - b) }
          : {},
      ),
      yaxis: axisTitle(options.yTitle),
      legend: { orientation: 'h', y: -0.2 },
    }),
  };
}
