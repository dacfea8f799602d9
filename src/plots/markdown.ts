/**
 * Markdown output for notebooks: Results sections written from the run the reader
 * just executed (tslab renders `text/markdown` like a Markdown cell), so that the
 * numbers in the prose always match the tables and charts above them.
 */

/** A value in a Markdown table cell: numbers get `digits` decimals, missing values a dash. */
export type MarkdownCell = string | number | undefined | null;

/** Options of {@link markdownTable}. */
export interface MarkdownTableOptions {
  /** Decimals of numbers (default 4). */
  digits?: number;
  /** Column order (default: keys of the first row, then new keys in order of appearance). */
  columns?: string[];
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Formats one cell: numbers with fixed decimals (integers as they are), empty for undefined/null/NaN. */
export function formatMarkdownCell(value: MarkdownCell, digits = 4): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '';
    return Number.isInteger(value) ? String(value) : value.toFixed(digits);
  }
  return escapeCell(value);
}

/** A GitHub-flavoured Markdown table of `rows` (one object per row). */
export function markdownTable(rows: Record<string, MarkdownCell>[], options: MarkdownTableOptions = {}): string {
  if (rows.length === 0) throw new Error('markdownTable: no rows given');
  const columns = options.columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map(escapeCell)),
    line(columns.map(() => '---')),
    ...rows.map((row) => line(columns.map((column) => formatMarkdownCell(row[column], options.digits ?? 4)))),
  ].join('\n');
}

/** A signed number such as `+0.0008` or `−0.0010` (typographic minus). */
export function formatSigned(value: number, digits = 4): string {
  if (Number.isNaN(value)) return '–';
  const text = Math.abs(value).toFixed(digits);
  return value < 0 && Number(text) !== 0 ? `−${text}` : `+${text}`;
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
