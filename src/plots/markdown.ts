/**
 * Markdown output for notebooks: Results sections written from the run the reader
 * just executed (tslab renders `text/markdown` like a Markdown cell), so that the
 * numbers in the prose always match the tables and charts above them.
 */

import {
  formatRecordCell,
  recordsTable,
  renderMarkdown,
  type RecordCell,
  type RecordsTableOptions,
} from '../results/table';

/** A value in a Markdown table cell: numbers get `digits` decimals, missing values a dash. */
export type MarkdownCell = RecordCell;

/** Options of {@link markdownTable}: decimals of numbers (default 4) and the column order. */
export type MarkdownTableOptions = RecordsTableOptions;

/** Formats one cell: numbers with fixed decimals (integers as they are), empty for undefined/null/NaN. */
export function formatMarkdownCell(value: MarkdownCell, digits = 4): string {
  return formatRecordCell(value, digits);
}

/** A GitHub-flavoured Markdown table of `rows` (one object per row), through the results' one formatter. */
export function markdownTable(rows: Record<string, MarkdownCell>[], options: MarkdownTableOptions = {}): string {
  if (rows.length === 0) throw new Error('markdownTable: no rows given');
  return renderMarkdown(recordsTable(rows, options));
}

/** Where Markdown goes: tslab's `display` or anything with a `markdown` method. */
export interface MarkdownSink {
  markdown(markdown: string): void;
}

/**
 * Shows Markdown as a rendered output in a tslab notebook (in JupyterLab and in the
 * exported HTML); outside a notebook it prints the Markdown source.
 */
export function showMarkdown(markdown: string, options: { sink?: MarkdownSink } = {}): void {
  const sink = options.sink ?? notebookMarkdownSink();
  if (!sink) {
    console.log(markdown);
    return;
  }
  sink.markdown(markdown);
}

function notebookMarkdownSink(): MarkdownSink | undefined {
  try {
    const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: unknown };
    if (jupyter.lastWriteDisplayData == null) return undefined;
    return (require('tslab') as { display: MarkdownSink }).display;
  } catch {
    return undefined;
  }
}
