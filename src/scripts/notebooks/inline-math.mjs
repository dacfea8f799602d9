// Makes the formulas of exported notebooks render offline, like their charts: replaces
// the MathJax loader of nbconvert's template (a CDN, or Debian's libjs-mathjax that
// nothing installs) by MathJax 3's self-contained TeX-to-SVG bundle from the npm
// package `mathjax`, inlined into each page (src/plots/offlineMath.ts; needs
// `npm run build`). A page without math is left unchanged.
//
//   node src/scripts/notebooks/inline-math.mjs notebooks/executed/NAME.html ...
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node src/scripts/notebooks/inline-math.mjs FILE.html ...');
  process.exit(1);
}
let offlineMath;
try {
  offlineMath = require('./dist/plots/offlineMath.js');
} catch {
  console.error('inline-math: dist/ is not built: run npm run build');
  process.exit(1);
}
let bundle;
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`inline-math: no such file ${file}`);
    process.exit(1);
  }
  const html = readFileSync(file, 'utf8');
  if (html.includes(offlineMath.inlinedMathMarker)) {
    console.log(`inline-math: ${file}: already inlined`);
    continue;
  }
  if (!offlineMath.hasMath(html)) {
    console.log(`inline-math: ${file}: no formulas, unchanged`);
    continue;
  }
  try {
    bundle ??= offlineMath.loadMathJaxBundle(root);
  } catch (error) {
    console.error(`inline-math: ${error.message}`);
    process.exit(1);
  }
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, offlineMath.inlineMath(html, bundle));
  renameSync(temporary, file);
  console.log(`inline-math: ${file}: MathJax ${bundle.version} inlined`);
}
