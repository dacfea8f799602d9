import { axisTitle, baseLayout, requireFinite, type FigureOptions, type PlotlyFigure } from './figure';

/** Options of {@link projectionScatter}. */
export interface ScatterOptions extends FigureOptions {
  xTitle?: string;
  yTitle?: string;
  markerSize?: number;
}

/**
 * Scatter of 2-D points (e.g. a PCA projection of embeddings) coloured by label:
 * one trace per label that occurs, so the legend toggles classes.
 */
export function projectionScatter(
  points: ArrayLike<number>[],
  labels: ArrayLike<number>,
  labelNames: readonly string[],
  options: ScatterOptions = {},
): PlotlyFigure {
  if (points.length !== labels.length) {
    throw new Error(`projectionScatter: ${points.length} points but ${labels.length} labels`);
  }
  const byLabel = new Map<number, { x: number[]; y: number[] }>();
  for (let index = 0; index < points.length; index++) {
    const point = points[index];
    if (point.length < 2)
      throw new Error(`projectionScatter: point ${index} has ${point.length} coordinates, expected 2`);
    requireFinite([point[0], point[1]], `projectionScatter: point ${index}`);
    const label = labels[index];
    if (!Number.isInteger(label) || label < 0 || label >= labelNames.length) {
      throw new Error(`projectionScatter: label ${label} of point ${index} is not in 0..${labelNames.length - 1}`);
    }
    const bucket = byLabel.get(label) ?? { x: [], y: [] };
    bucket.x.push(point[0]);
    bucket.y.push(point[1]);
    byLabel.set(label, bucket);
  }
  const data = [...byLabel.keys()]
    .sort((first, second) => first - second)
    .map((label) => ({
      type: 'scattergl',
      mode: 'markers',
      name: labelNames[label],
      x: byLabel.get(label)!.x,
      y: byLabel.get(label)!.y,
      marker: { size: options.markerSize ?? 5, opacity: 0.75 },
    }));
  return {
    data,
    layout: baseLayout(
      { height: 560, ...options },
      {
        xaxis: axisTitle(options.xTitle ?? 'component 1', { zeroline: false }),
        yaxis: axisTitle(options.yTitle ?? 'component 2', { zeroline: false }),
      },
    ),
  };
}
