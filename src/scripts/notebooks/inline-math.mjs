// Makes the formulas of exported notebooks render offline, like their charts: replaces
// the MathJax loader that nbconvert's template points at (a CDN, or Debian's
// /usr/share/javascript/mathjax that nothing installs) by MathJax 3's self-contained
// TeX-to-SVG bundle (npm package `mathjax`, es5/tex-svg-full.js, fonts included),
// inlined into the HTML. A page without `$...$` / `\(...\)` math is left unchanged.
//
//   node src/scripts/notebooks/inline-math.mjs notebooks/executed/NAME.html ...
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(path.join(root, 'package.json'));

function mathJaxBundle() {
  let file;
  try {
    file = require.resolve('mathjax/es5/tex-svg-full.js');
  } catch {
    console.error('inline-math: the npm package mathjax (3.x) is not installed: run npm ci');
    process.exit(1);
  }
  const version = JSON.parse(readFileSync(path.join(path.dirname(file), '..', 'package.json'), 'utf8')).version;
  // `</script` inside the bundle would end the inline script early.
  return { version, source: readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script') };
}

// MathJax 3 settings matching nbconvert's (MathJax 2) ones: $...$ and \(...\) inline,
// $$...$$ and \[...\] displayed, \$ for a dollar sign; charts and code are not scanned.
const configuration = {
  tex: {
    inlineMath: [['$', '$'], ['\\(', '\\)']],
    displayMath: [['$$', '$$'], ['\\[', '\\]']],
    processEscapes: true,
    processEnvironments: true,
    tags: 'ams',
  },
  options: { ignoreHtmlClass: 'tex2jax_ignore|plotly-graph-div|js-plotly-plot' },
  svg: { fontCache: 'global' },
};

/** True when the page has TeX delimiters outside <script>/<style>/<pre>/<code>. */
export function hasMath(html) {
  const text = html.replace(/<(script|style|pre|code)\b[\s\S]*?<\/\1>/gi, '');
  return /\$[^$\s][^$]*\$|\\\(|\\\[/.test(text);
}

/** The page with nbconvert's MathJax loader replaced by the inlined bundle. */
export function inlineMath(html, bundle) {
  const withoutLoader = html.replace(/<script[^>]*\bsrc="[^"]*mathjax[^"]*"[^>]*>\s*<\/script>/gi, '');
  const block =
    `<!-- MathJax ${bundle.version} (npm package mathjax, tex-svg-full), inlined for offline reading -->\n` +
    `<script>window.MathJax = ${JSON.stringify(configuration)};</script>\n` +
    `<script>${bundle.source}</script>\n`;
  const at = withoutLoader.lastIndexOf('</body>');
  if (at < 0) throw new Error('inline-math: no </body> in the page');
  return withoutLoader.slice(0, at) + block + withoutLoader.slice(at);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node src/scripts/notebooks/inline-math.mjs FILE.html ...');
    process.exit(1);
  }
  let bundle;
  for (const file of files) {
    const html = readFileSync(file, 'utf8');
    if (html.includes('(npm package mathjax, tex-svg-full)')) {
      console.log(`inline-math: ${file}: already inlined`);
      continue;
    }
    if (!hasMath(html)) {
      console.log(`inline-math: ${file}: no formulas, unchanged`);
      continue;
    }
    bundle ??= mathJaxBundle();
    const temporary = `${file}.tmp-${process.pid}`;
    writeFileSync(temporary, inlineMath(html, bundle));
    renameSync(temporary, file);
    console.log(`inline-math: ${file}: MathJax ${bundle.version} inlined`);
  }
}
