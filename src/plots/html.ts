import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PlotlyFigure } from './figure';

/**
 * Serialises a value as JSON that is safe inside an inline `<script>`: `<`, `>`, `&`
 * and the JS line separators are written as \u escapes, so no `</script>` can close
 * the tag early.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Path of the plotly.js bundle the notebooks load (the npm package plotly.js-dist-min). */
export function plotlyLibraryPath(): string {
  return require.resolve('plotly.js-dist-min/plotly.min.js');
}

/** plotly.js's version, from its package.json. */
export function plotlyVersion(): string {
  const packagePath = require.resolve('plotly.js-dist-min/package.json');
  return (JSON.parse(readFileSync(packagePath, 'utf8')) as { version: string }).version;
}

/**
 * The HTML that loads plotly.js into the page once: an inline `<script>` with the
 * whole bundle (~4.7 MB). The bundle is wrapped in a function whose `module`,
 * `exports` and `define` parameters are undefined, so it always sets `window.Plotly`
 * (also where the page has a CommonJS shim or RequireJS).
 */
export function plotlyLibraryHtml(librarySource: string = readFileSync(plotlyLibraryPath(), 'utf8')): string {
  const safeSource = librarySource.replace(/<\/script/gi, '<\\/script');
  return (
    `<script type="text/javascript">(function (module, exports, define) {\n${safeSource}\n}).call(window);</script>` +
    `<div class="hkd-plotly-loader" style="display:none">plotly.js ${escapeHtml(plotlyVersion())}</div>`
  );
}

let figureCounter = 0;
const pagePrefix = randomBytes(4).toString('hex');

/** A page-unique element id for the next figure. */
export function nextFigureId(): string {
  figureCounter += 1;
  return `hkd-figure-${pagePrefix}-${figureCounter}`;
}

/**
 * The HTML of one figure: a `<div>` plus a small script that calls
 * `Plotly.newPlot` once `window.Plotly` exists (it waits up to 20 s, for pages that
 * render outputs lazily; then it says the library is missing). The figure's JSON is
 * inlined, so the output is self-contained apart from the library.
 */
export function figureHtml(figure: PlotlyFigure, elementId: string = nextFigureId()): string {
  const height = typeof figure.layout.height === 'number' ? figure.layout.height : 420;
  const config = { responsive: true, displaylogo: false };
  const id = escapeHtml(elementId);
  return [
    `<div id="${id}" class="hkd-figure" style="width:100%;min-height:${height}px"></div>`,
    '<script type="text/javascript">',
    '(function () {',
    `  var element = document.getElementById(${scriptSafeJson(elementId)});`,
    `  var data = ${scriptSafeJson(figure.data)};`,
    `  var layout = ${scriptSafeJson(figure.layout)};`,
    '  var tries = 0;',
    '  function draw() {',
    `    if (window.Plotly) { window.Plotly.newPlot(element, data, layout, ${scriptSafeJson(config)}); return; }`,
    '    if (++tries < 100) { setTimeout(draw, 200); return; }',
    "    element.textContent = 'plotly.js is not loaded: run the notebook from the top (the first figure loads it).';",
    '  }',
    '  draw();',
    '})();',
    '</script>',
  ].join('\n');
}
