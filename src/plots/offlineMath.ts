/**
 * Offline formulas for notebooks exported to HTML: nbconvert's template loads MathJax
 * from a CDN or from Debian's /usr/share/javascript/mathjax (package libjs-mathjax,
 * which nothing installs), so `$...$` shows as raw TeX offline. These helpers replace
 * that loader by MathJax 3's self-contained TeX-to-SVG bundle (npm package `mathjax`,
 * `es5/tex-svg-full.js`, fonts included), inlined into the page like plotly.js.
 * Used by src/scripts/notebooks/inline-math.mjs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The MathJax bundle to inline: its version and source. */
export interface MathJaxBundle {
  version: string;
  source: string;
}

/** Marker comment written before the inlined bundle (a page that has it is not changed again). */
export const inlinedMathMarker = '(npm package mathjax, tex-svg-full)';

/**
 * MathJax 3 settings matching nbconvert's MathJax 2 ones: `$...$` and `\(...\)` inline,
 * `$$...$$` and `\[...\]` displayed, `\$` for a dollar sign; Plotly charts are not scanned.
 */
export const mathJaxConfiguration = {
  tex: {
    inlineMath: [
      ['$', '$'],
      ['\\(', '\\)'],
    ],
    displayMath: [
      ['$$', '$$'],
      ['\\[', '\\]'],
    ],
    processEscapes: true,
    processEnvironments: true,
    tags: 'ams',
  },
  options: { ignoreHtmlClass: 'tex2jax_ignore|plotly-graph-div|js-plotly-plot' },
  svg: { fontCache: 'global' },
};

/** Reads `mathjax/es5/tex-svg-full.js` as resolved from `fromDirectory` (the project root). */
export function loadMathJaxBundle(fromDirectory: string): MathJaxBundle {
  let file: string;
  try {
    file = require.resolve('mathjax/es5/tex-svg-full.js', { paths: [fromDirectory] });
  } catch {
    throw new Error(
      `loadMathJaxBundle: the npm package mathjax (3.x) is not installed under ${fromDirectory}: run npm ci`,
    );
  }
  const version = (
    JSON.parse(readFileSync(path.join(path.dirname(file), '..', 'package.json'), 'utf8')) as { version: string }
  ).version;
  return { version, source: readFileSync(file, 'utf8') };
}

/** True when the page has TeX delimiters outside `<script>`, `<style>`, `<pre>` and `<code>`. */
export function hasMath(html: string): boolean {
  const text = html.replace(/<(script|style|pre|code)\b[\s\S]*?<\/\1>/gi, '');
  return /\$[^$\s][^$]*\$|\\\(|\\\[/.test(text);
}

/**
 * The page with every `<script src="...mathjax...">` loader removed and the bundle
 * inlined (after its configuration) before `</body>`. `</script` inside the bundle is
 * escaped so that it cannot end the inline script early.
 */
export function inlineMath(html: string, bundle: MathJaxBundle): string {
  const withoutLoader = html.replace(/<script[^>]*\bsrc="[^"]*mathjax[^"]*"[^>]*>\s*<\/script>/gi, '');
  const at = withoutLoader.lastIndexOf('</body>');
  if (at < 0) throw new Error('inlineMath: the page has no </body>');
  const block =
    `<!-- MathJax ${bundle.version} ${inlinedMathMarker}, inlined for offline reading -->\n` +
    `<script>window.MathJax = ${JSON.stringify(mathJaxConfiguration)};</script>\n` +
    `<script>${bundle.source.replace(/<\/script/gi, '<\\/script')}</script>\n`;
  return withoutLoader.slice(0, at) + block + withoutLoader.slice(at);
}
