/**
 * A reference value (chance, a paper's number) drawn as a dashed line across a chart, with
 * its label just outside the plot at the line's right end (so it covers no bar or point): a
 * line is read as "compare with this", where a bar would be read as one more measurement.
 */
import type { PlotlyFigure } from './figure';

/** One horizontal reference line. */
export interface ReferenceLine {
  /** Where the line lies on the value (y) axis. */
  value: number;
  /** Written right of the plot at the line's height, e.g. "chance 0.200" (keep it short). */
  label: string;
  /** Line colour (default dark grey). */
  color?: string;
}

/**
 * A copy of `figure` with each reference line drawn across the whole plot width at its
 * y value (dashed), labelled right of the plot (the right margin grows to fit the longest
 * label). Throws on a non-finite value.
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
    x: 1.01,
    y: line.value,
    xanchor: 'left',
    yanchor: 'middle',
    text: line.label,
    showarrow: false,
    font: { size: 12, color: line.color ?? '#444444' },
  }));
  const layout = figure.layout;
  const margin = (layout.margin as Record<string, number> | undefined) ?? {};
  const longest = Math.max(0, ...lines.map((line) => line.label.length));
  return {
    data: figure.data,
    layout: {
      ...layout,
      margin: { ...margin, r: Math.max(margin.r ?? 20, 16 + 7 * longest) },
      shapes: [...((layout.shapes as unknown[]) ?? []), ...shapes],
      annotations: [...((layout.annotations as unknown[]) ?? []), ...annotations],
    },
  };
}
