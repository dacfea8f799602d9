import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { figureHtml, plotlyLibraryHtml, scriptSafeJson } from './html';
import { loadPlotly, resetPlotlyLoaded, showFigure, showTable } from './show';
import { tableHtml } from './table';
import type { PlotlyFigure } from './figure';

const figure: PlotlyFigure = {
  data: [{ type: 'bar', x: ['</script><b>'], y: [1] }],
  layout: { height: 300, title: { text: 'a & b' } },
};

function recordingSink() {
  const outputs: string[] = [];
  return { outputs, sink: { html: (html: string) => outputs.push(html) } };
}

describe('figure HTML', () => {
  it('escapes script-closing text inside the JSON', () => {
    assert.equal(scriptSafeJson({ text: '</script>&' }), '{"text":"\\u003c/script\\u003e\\u0026"}');
    const html = figureHtml(figure, 'plot-1');
    assert.ok(html.startsWith('<div id="plot-1" class="hkd-figure" style="width:100%;min-height:300px"></div>'));
    assert.equal(html.match(/<\/script>/g)?.length, 1, 'only the closing tag of its own script');
    assert.ok(html.includes('Plotly.newPlot(element, data, layout'));
    // The inlined data round-trips through JSON.
    const dataJson = html.match(/var data = (.*);/)![1];
    assert.deepEqual(JSON.parse(dataJson), figure.data);
  });

  it('inlines plotly.js once, wrapped so that it sets window.Plotly', () => {
    const html = plotlyLibraryHtml('var Plotly = {}; /* </script> */ window.Plotly = Plotly;');
    assert.ok(html.startsWith('<script type="text/javascript">(function (module, exports, define) {'));
    assert.equal(html.match(/<\/script>/g)?.length, 1);
    assert.ok(html.includes('<\\/script>'));
  });
});

describe('showFigure', () => {
  beforeEach(() => resetPlotlyLoaded());

  it('emits the library before the first figure only', () => {
    const { outputs, sink } = recordingSink();
    showFigure(figure, { sink });
    showFigure(figure, { sink });
    assert.equal(outputs.length, 3);
    assert.ok(outputs[0].length > 1_000_000, 'the first output carries plotly.js');
    assert.ok(outputs[0].includes('window.Plotly'));
    assert.ok(outputs[1].length < 5_000 && outputs[2].length < 5_000, 'figures stay small');
    const ids = outputs.slice(1).map((html) => html.match(/id="([^"]+)"/)![1]);
    assert.notEqual(ids[0], ids[1], 'each figure gets its own element id');
    assert.equal(loadPlotly({ sink }), false, 'already loaded');
    assert.equal(loadPlotly({ sink, force: true }), true);
  });

  it('prints a summary outside a notebook', () => {
    const lines: string[] = [];
    const original = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      showFigure(figure);
    } finally {
      console.log = original;
    }
    assert.deepEqual(lines, ['[figure "a & b": bar]']);
  });
});

describe('tables', () => {
  it('renders row objects with escaped text and fixed decimals', () => {
    const html = tableHtml(
      [
        { name: '<a>', value: 0.123456, count: 3 },
        { name: 'b', extra: true },
      ],
      { digits: 2 },
    );
    assert.ok(html.includes('<th>name</th><th>value</th><th>count</th><th>extra</th>'));
    assert.ok(html.includes('<td style="text-align:left">&lt;a&gt;</td><td style="text-align:right">0.12</td>'));
    assert.ok(html.includes('<td style="text-align:right">3</td>'));
    assert.ok(html.includes('<td style="text-align:left">true</td>'));
  });

  it('renders a DataFrame-shaped source and picks columns', () => {
    const frame = {
      columns: ['a', 'b'],
      values: [
        [1, 'x'],
        [2, 'y'],
      ],
    };
    const html = tableHtml(frame, { columns: ['b'], maxRows: 1 });
    assert.ok(html.includes('<thead><tr><th>b</th></tr></thead>'));
    assert.ok(html.includes('<td style="text-align:left">x</td>'));
    assert.ok(!html.includes('>y<'));
    assert.ok(html.includes('1 more rows'));
    assert.throws(() => tableHtml(frame, { columns: ['c'] }), /column "c" not in DataFrame \(a, b\)/);
  });

  it('sends the table to the sink', () => {
    const { outputs, sink } = recordingSink();
    showTable([{ a: 1 }], { sink });
    assert.equal(outputs.length, 1);
    assert.ok(outputs[0].startsWith('<table class="hkd-table">'));
  });
});
