import type { PlotlyFigure } from './figure';
import { figureHtml, plotlyLibraryHtml } from './html';
import { tableHtml, type TableOptions, type TableSource } from './table';

/** Where rich output goes: tslab's `display` or anything with an `html` method. */
export interface HtmlSink {
  html(html: string): void;
}

let libraryLoaded = false;

/**
 * tslab's `display` when running inside a tslab kernel, otherwise undefined (plain
 * Node: scripts, tests). Loaded lazily: requiring tslab pulls in its TypeScript.
 */
export function notebookDisplay(): HtmlSink | undefined {
  let tslab: { display: HtmlSink };
  try {
    tslab = require('tslab') as { display: HtmlSink };
  } catch {
    return undefined;
  }
  // tslab's display throws "Not ready" outside a kernel; probe the kernel hook instead.
  try {
    const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: unknown };
    if (jupyter.lastWriteDisplayData == null) return undefined;
  } catch {
    return undefined;
  }
  return tslab.display;
}

/**
 * Emits plotly.js into the notebook once per kernel session (later calls do
 * nothing unless `force`). {@link showFigure} calls it by itself; call it with
 * `force` after reloading the page of a running kernel.
 */
export function loadPlotly(options: { force?: boolean; sink?: HtmlSink } = {}): boolean {
  if (libraryLoaded && !options.force) return false;
  const sink = options.sink ?? notebookDisplay();
  if (!sink) return false;
  sink.html(plotlyLibraryHtml());
  libraryLoaded = true;
  return true;
}

/**
 * Shows a Plotly figure inline in a tslab notebook: as a `text/html` output (a
 * `<div>` and a `Plotly.newPlot` call) that renders both in JupyterLab and in the
 * executed notebook exported to HTML. The first figure of a kernel session is
 * preceded by one output holding plotly.js itself. Outside a notebook it prints a
 * one-line summary instead.
 */
export function showFigure(figure: PlotlyFigure, options: { sink?: HtmlSink } = {}): void {
  const sink = options.sink ?? notebookDisplay();
  if (!sink) {
    const title = (figure.layout.title as { text?: string } | undefined)?.text ?? 'untitled';
    console.log(`[figure "${title}": ${figure.data.map((trace) => trace.type).join(', ')}]`);
    return;
  }
  loadPlotly({ sink });
  sink.html(figureHtml(figure));
}

/**
 * Shows rows (an array of objects, or a danfojs DataFrame) as an HTML table in a
 * tslab notebook; outside a notebook it prints `console.table`.
 */
export function showTable(source: TableSource, options: TableOptions & { sink?: HtmlSink } = {}): void {
  const sink = options.sink ?? notebookDisplay();
  if (!sink) {
    console.table(source && 'values' in source && !Array.isArray(source) ? source.values : source);
    return;
  }
  sink.html(tableHtml(source, options));
}

/** Forgets that plotly.js was emitted (for tests). */
export function resetPlotlyLoaded(): void {
  libraryLoaded = false;
}
