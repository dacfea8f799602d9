import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { hasMath, inlineMath, inlinedMathMarker, loadMathJaxBundle } from './offlineMath';

// The head of an nbconvert 6/7 page: the MathJax 2 loader and its (inert) config block.
const page = [
  '<html><head>',
  '<script src="/usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"> </script>',
  '<script type="text/x-mathjax-config">init_mathjax = function() {}</script>',
  '</head><body><p>The loss $L = a \\cdot L_s$ here.</p><pre>price $5 and $6</pre></body></html>',
].join('\n');

describe('hasMath', () => {
  it('finds $...$, \\( and \\[ in prose but not in code or scripts', () => {
    assert.equal(hasMath(page), true);
    assert.equal(hasMath('<body><pre>cost $5 or $6</pre><script>var a = "$x$";</script></body>'), false);
    assert.equal(hasMath('<body><p>\\(x\\)</p></body>'), true);
    assert.equal(hasMath('<body><p>costs $ 5 each</p></body>'), false);
  });
});

describe('inlineMath', () => {
  it('drops the MathJax loader and inlines config and bundle before </body>', () => {
    const html = inlineMath(page, { version: '3.2.2', source: 'window.bundle = "</script>";' });
    assert.doesNotMatch(html, /MathJax\.js\?config/);
    assert.match(html, /text\/x-mathjax-config/, 'the inert config block may stay');
    assert.ok(html.includes(inlinedMathMarker));
    assert.ok(html.includes('window.bundle = "<\\/script>";'), 'a </script in the bundle is escaped');
    const configAt = html.indexOf('window.MathJax = {"tex":{"inlineMath":[["$","$"]');
    assert.ok(configAt > html.indexOf('<pre>') && configAt < html.indexOf('window.bundle'));
    assert.ok(html.trimEnd().endsWith('</body></html>'));
    assert.throws(() => inlineMath('<p>no body</p>', { version: '3', source: '' }), /no <\/body>/);
  });
});

describe('loadMathJaxBundle', () => {
  it('names the missing package and the fix', () => {
    assert.throws(
      () => loadMathJaxBundle(path.parse(process.cwd()).root),
      /npm package mathjax \(3\.x\) is not installed under .*: run npm ci/,
    );
  });
});
