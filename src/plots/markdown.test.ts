import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { markdownTable, showMarkdown } from './markdown';

describe('markdownTable', () => {
  it('writes a header, a rule and one line per row, numbers with fixed decimals', () => {
    const table = markdownTable([
      { method: 'A heterogeneous', accuracy: 0.65671, epochs: 10 },
      { method: 'C | plain', accuracy: Number.NaN },
    ]);
    assert.equal(
      table,
      [
        '| method | accuracy | epochs |',
        '| --- | --- | --- |',
        '| A heterogeneous | 0.6567 | 10 |',
        '| C \\| plain |  |  |',
      ].join('\n'),
    );
    assert.throws(() => markdownTable([]), /no rows given/);
  });
});

describe('showMarkdown', () => {
  it('sends Markdown to the given sink', () => {
    const shown: string[] = [];
    showMarkdown('**bold**', { sink: { markdown: (text) => shown.push(text) } });
    assert.deepEqual(shown, ['**bold**']);
  });
});
