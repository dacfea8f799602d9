import { axisTitle, baseLayout, requireFinite, type FigureOptions, type PlotlyFigure } from './figure';

/** One curve: a run's value per epoch (epoch = index + 1 unless `epochs` is given). */
export interface CurveSeries {
  name: string;
  values: number[];
  epochs?: number[];
  /** Plotly dash style, e.g. 'dot' for a validation curve. */
  dash?: string;
  /** Curves with the same group share a legend entry and a colour. */
  group?: string;
}

/** Options of {@link epochCurvesFigure}. */
export interface CurveOptions extends FigureOptions {
  xTitle?: string;
  yTitle?: string;
  /** Fixed y range, e.g. [0, 1] for accuracy. */
  yRange?: [number, number];
}

/**
 * Line chart of per-epoch curves (loss, accuracy...) for several runs: one
 * `scatter` trace in `lines+markers` mode per series.
 */
export function epochCurvesFigure(series: CurveSeries[], options: CurveOptions = {}): PlotlyFigure {
  if (series.length === 0) throw new Error('epochCurvesFigure: no series given');
  const data = series.map((curve) => {
    requireFinite(curve.values, `epochCurvesFigure: series "${curve.name}"`);
    const epochs = curve.epochs ?? curve.values.map((_, index) => index + 1);
    if (epochs.length !== curve.values.length) {
      throw new Error(
        `epochCurvesFigure: series "${curve.name}" has ${curve.values.length} values but ${epochs.length} epochs`,
      );
    }
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: curve.name,
      x: epochs,
      y: curve.values,
      line: curve.dash ? { dash: curve.dash } : {},
      ...(curve.group ? { legendgroup: curve.group } : {}),
    };
  });
  return {
    data,
    layout: baseLayout(options, {
      xaxis: axisTitle(options.xTitle ?? 'epoch', series.every((curve) => !curve.epochs) ? { dtick: 1 } : {}),
      yaxis: axisTitle(options.yTitle, options.yRange ? { range: options.yRange } : {}),
      legend: { orientation: 'h', y: -0.2 },
    }),
  };
}
