/**
 * Plain Plotly figure specs: `{data, layout}` objects that plotly.js's
 * `Plotly.newPlot(element, data, layout)` draws. The builders in this folder return
 * these and never touch a browser, so they are testable in Node.
 */

/** One Plotly trace (scatter, bar, heatmap, sunburst...). Keys follow plotly.js. */
export interface PlotlyTrace {
  type: string;
  [key: string]: unknown;
}

/** A Plotly figure: traces plus layout. */
export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout: Record<string, unknown>;
}

/** Common options of the figure builders. */
export interface FigureOptions {
  title?: string;
  /** Pixel height; width follows the notebook cell. */
  height?: number;
}

/** A layout with the project's defaults: title, compact margins, height. */
export function baseLayout(options: FigureOptions, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...(options.title ? { title: { text: options.title } } : {}),
    height: options.height ?? 420,
    margin: { l: 60, r: 20, t: options.title ? 50 : 20, b: 50 },
    ...extra,
  };
}

/** An axis title in plotly.js 2+ form. */
export function axisTitle(text: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(text ? { title: { text } } : {}), ...extra };
}

/** Throws a clear Error when `values` holds a non-finite number. */
export function requireFinite(values: ArrayLike<number>, what: string): void {
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index])) {
      throw new Error(`${what}: value ${index} is ${values[index]}, expected a finite number`);
    }
  }
}
