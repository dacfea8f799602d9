import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accuracyColumn,
  methodColumn,
  methodRows,
  pairedVs,
  paperReferenceColumn,
  parametersColumn,
  seedsColumn,
} from './columns';
import { groupByMethod } from './grouping';
import { showResultTable } from './notebook';
import type { RunResult } from './runResult';
import { parseMarkdownTable as parseMarkdown, parseTextTable as parseText } from './fixtures/tableParsing';
import {
  buildTable,
  recordsTable,
  renderHtml,
  renderMarkdown,
  renderText,
  tableRecords,
  type ResultTable,
} from './table';

/** A run result with the fields the columns read (the rest empty). */
function result(method: string, seed: number, accuracy: number, parameters = 1_000): RunResult {
  return {
    id: `seed${seed}-${method}`,
    directory: `/runs/seed${seed}-${method}`,
    method,
    role: method.startsWith('teacher-') ? 'teacher' : 'student',
    seed,
    parameters,
    bestEpoch: 2,
    epochsRun: 3,
    trainingSeconds: 1,
    test: { accuracy, macroF1: accuracy },
    testAccuracyCurve: [],
    testMacroF1Curve: [],
    validationAccuracyCurve: [],
    validationLossCurve: [],
    collapsed: false,
    config: {},
    finishedAt: '2026-01-01',
    backend: 'cpu',
  };
}

// A - C per seed: +0.01, +0.02, +0.03 (seed 4 of A has no C partner and is left out):
// A's accuracy over its 4 seeds: mean 0.705, sample std sqrt(0.0515 / 3) = 0.1310. A - C: mean 0.02, std 0.01, t = 0.02 / (0.01 / sqrt 3) = 3.4641 on 2 df; two-sided p = 1 - t / sqrt(t^2 + 2) = 0.0742.
const runs = [
  result('plain', 3, 0.63),
  result('plain', 1, 0.61),
  result('plain', 2, 0.62),
  result('heterogeneous', 2, 0.64, 1_230),
  result('heterogeneous', 1, 0.62, 1_230),
  result('heterogeneous', 3, 0.66, 1_230),
  result('heterogeneous', 4, 0.9, 1_230),
];

describe('column specs', () => {
  const table = buildTable(methodRows(groupByMethod(runs)), [
    methodColumn(),
    parametersColumn(),
    seedsColumn(),
    accuracyColumn(),
    pairedVs('plain', 'accuracy', 'A | vs C'),
    paperReferenceColumn('Paper 1', (method) => (method === 'plain' ? 0.5781 : undefined)),
  ]);

  it('write each method once, in the registry order, with hand-computed cells', () => {
    assert.deepEqual(table.headers, ['Method', 'Params', 'Seeds', 'Test accuracy', 'A | vs C', 'Paper 1']);
    assert.deepEqual(table.rows, [
      // 95 % interval 0.02 ± t_{0.975, 2} · 0.01 / √3 = 0.02 ± 4.3027 · 0.005774; one comparison: no Holm p.
      ['A heterogeneous KD', '1,230', '4', '0.7050 ± 0.1310', '+0.0200 [-0.0048, +0.0448] p 0.074, n 3', ''],
      ['C plain student', '1,000', '3', '0.6200 ± 0.0100', '', '0.5781'],
    ]);
    // Minimal detectable effect: (t_{0.975, 2} + t_{0.8, 2}) · 0.01 / √3 = (4.3027 + 1.0607) · 0.005774 = 0.0310.
    assert.deepEqual(table.notes, [
      'A | vs C: With 3 seeds, a difference smaller than about 0.0310 (3.10 points) cannot be told from 0 (80 % power, alpha 0.05 two-sided), from the observed SD of the differences (0.0100).',
    ]);
  });

  it('render the same cells as text, Markdown, HTML and records', () => {
    const cells = [table.headers, ...table.rows];
    assert.deepEqual(parseText(renderText(table)), cells);
    assert.deepEqual(parseMarkdown(renderMarkdown(table)), cells);
    assert.match(renderMarkdown(table), /\| A \\\| vs C \|/);
    // The note follows a blank line (Markdown would read a line right under a table as a row).
    assert.ok(renderMarkdown(table).endsWith(`|\n\n${table.notes![0]}`));
    assert.ok(renderText(table).endsWith(`\n\n${table.notes![0]}`));
    assert.ok(renderHtml(table).endsWith(`</table>\n<p>${table.notes![0]}</p>`));
    const html = renderHtml(table);
    for (const cell of cells.flat().filter(Boolean))
      assert.ok(html.includes(`>${cell.replace(/</g, '&lt;')}<`), `${cell} in the HTML`);
    assert.deepEqual(
      tableRecords(table)[0],
      Object.fromEntries(table.headers.map((header, index) => [header, table.rows[0][index]])),
    );
  });

  it('shows a table in a notebook as the HTML rendering', () => {
    const shown: string[] = [];
    showResultTable(table, { sink: { html: (html) => shown.push(html) } });
    assert.deepEqual(shown, [renderHtml(table)]);
  });

  it('rejects a row whose cell count differs from the headers, naming both', () => {
    const broken: ResultTable = { headers: ['a', 'b'], rows: [['1']] };
    assert.throws(() => renderText(broken), /table row 1 has 1 cells, expected 2 \(headers: a, b\)/);
    assert.throws(() => renderMarkdown(broken), /row 1 has 1 cells/);
  });

  it('record tables: numbers with fixed decimals, integers as they are, missing values empty', () => {
    const table = recordsTable(
      [
        { method: 'A', accuracy: 0.65671, epochs: 10 },
        { method: 'C', accuracy: Number.NaN },
      ],
      { digits: 3 },
    );
    assert.deepEqual(table, {
      headers: ['method', 'accuracy', 'epochs'],
      rows: [
        ['A', '0.657', '10'],
        ['C', '', ''],
      ],
    });
    assert.throws(() => recordsTable([]), /no rows given/);
  });
});
