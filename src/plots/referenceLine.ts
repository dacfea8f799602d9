/**
 * A reference value (chance, a paper's number) drawn as a dashed line across a chart, with
 * its label at the line's right end: a line is read as "compare with this", where a bar
 * would be read as one more measurement.
 */
import type { PlotlyFigure } from './figure';

/** One horizontal reference line. */
export interface ReferenceLine {
  /** Where the line lies on the value (y) axis. */
  value: number;
  /** Written at the right end of the line, e.g. "chance 0.200". */
  label: string;
  /** Line colour (default dark grey). */
  color?: string;
}

/**
 * A copy of `figure` with each reference line drawn across the whole plot width at its
 * y value (dashed), labelled above its right end. Throws on a non-finite value.
 */
export function withReferenceLines(figure: PlotlyFigure, lines: readonly ReferenceLine[]): PlotlyFigure {
  for (const line of lines) {
    if (!Number.isFinite(line.value))
      throw new Error(`withReferenceLines: "${line.label}" has value ${line.value}, expected a finite number`);
  }
  const shapes = lines.map((line) => ({
    type: 'line',
    xref: 'paper',
    yref: 'y',
    x0: 0,
    x1: 1,
    y0: line.value,
    y1: line.value,
    line: { color: line.color ?? '#444444', width: 2, dash: 'dash' },
  }));
  const annotations = lines.map((line) => ({
    xref: 'paper',
    yref: 'y',
    x: 1,
    y: line.value,
    xanchor: 'right',
    yanchor: 'bottom',
    text: line.label,
    showarrow: false,
    font: { size: 12, color: line.color ?? '#444444' },
  }));
  const layout = figure.layout;
  return {
    data: figure.data,
    layout: {
      ...layout,
      shapes: [...((layout.shapes as unknown[]) ?? []), ...shapes],
      annotations: [...((layout.annotations as unknown[]) ?? []), ...annotations],
    },
  };
}
