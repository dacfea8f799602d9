/**
 * The one table formatter: a table is header cells and rows of already-formatted cells,
 * rendered to aligned text (CLIs), GitHub Markdown (report, README, notebooks) or HTML and
 * plain records (notebook displays). Every table of the project goes through here, so the
 * CLI, the report and the notebooks print the same cells.
 */

/** A table: header cells and rows of cells (strings, already formatted). */
export interface ResultTable {
  headers: string[];
  rows: string[][];
  /** Lines printed under the table (e.g. what its paired tests can detect); absent when none. */
  notes?: string[];
}

/** One named column: its header and how a row's cell is written. */
export interface ColumnSpec<Row> {
  header: string;
  cell: (row: Row) => string;
  /** A line under the table about this column (e.g. its minimal detectable effect), or undefined. */
  note?: (rows: readonly Row[]) => string | undefined;
}

/** A table of `rows` with one column per spec (and the columns' notes under it, when any). */
export function buildTable<Row>(rows: readonly Row[], columns: ReadonlyArray<ColumnSpec<Row>>): ResultTable {
  const notes = columns
    .map((column) => column.note?.(rows))
    .filter((note): note is string => note !== undefined && note !== '');
  return {
    headers: columns.map((column) => column.header),
    rows: rows.map((row) => columns.map((column) => column.cell(row))),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** The table's notes, each after a blank line (so Markdown does not read them as rows); '' without notes. */
const notesBelow = (table: ResultTable, separator: string): string =>
  table.notes && table.notes.length > 0 ? `\n\n${table.notes.join(separator)}` : '';

/** Where a table goes: aligned text, GitHub Markdown, or an HTML table. */
export type TableFormat = 'text' | 'markdown' | 'html';

function checkShape(table: ResultTable): void {
  table.rows.forEach((row, index) => {
    if (row.length !== table.headers.length)
      throw new Error(
        `table row ${index + 1} has ${row.length} cells, expected ${table.headers.length} (headers: ${table.headers.join(', ')})`,
      );
  });
}

/** Aligned plain text: headers, a dashed rule, then the rows; columns two spaces apart, no trailing blanks. */
export function renderText(table: ResultTable): string {
  checkShape(table);
  const widths = table.headers.map((header, index) =>
    Math.max(header.length, ...table.rows.map((row) => row[index].length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index]))
      .join('  ')
      .trimEnd();
  return (
    [line(table.headers), widths.map((width) => '-'.repeat(width)).join('  '), ...table.rows.map(line)].join('\n') +
    notesBelow(table, '\n')
  );
}

/** GitHub-flavoured Markdown (pipes in cells escaped, line breaks as spaces). */
export function renderMarkdown(table: ResultTable): string {
  checkShape(table);
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return (
    [line(table.headers), line(table.headers.map(() => '---')), ...table.rows.map(line)].join('\n') +
    notesBelow(table, '\n\n')
  );
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An HTML table (cells escaped), as a notebook displays it. */
export function renderHtml(table: ResultTable): string {
  checkShape(table);
  const row = (cells: string[], tag: 'th' | 'td') =>
    `<tr>${cells.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
  const notes = (table.notes ?? []).map((note) => `\n<p>${escapeHtml(note)}</p>`).join('');
  return `<table>\n<thead>${row(table.headers, 'th')}</thead>\n<tbody>\n${table.rows.map((cells) => row(cells, 'td')).join('\n')}\n</tbody>\n</table>${notes}`;
}

/** The table in one of the formats. */
export function renderTable(table: ResultTable, format: TableFormat): string {
  if (format === 'text') return renderText(table);
  if (format === 'markdown') return renderMarkdown(table);
  return renderHtml(table);
}

/** One record per row, keyed by header (for a DataFrame or a notebook's data table). */
export function tableRecords(table: ResultTable): Array<Record<string, string>> {
  checkShape(table);
  return table.rows.map((row) => Object.fromEntries(table.headers.map((header, index) => [header, row[index]])));
}

/** A value of a record table: numbers get fixed decimals, missing values an empty cell. */
export type RecordCell = string | number | undefined | null;

/** Options of {@link recordsTable}. */
export interface RecordsTableOptions {
  /** Decimals of numbers (default 4). */
  digits?: number;
  /** Column order (default: keys of the first row, then new keys in order of appearance). */
  columns?: string[];
}

/** One cell: non-integer numbers with `digits` decimals (integers as they are), '' for undefined, null and NaN. */
export function formatRecordCell(value: RecordCell, digits = 4): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '';
    return Number.isInteger(value) ? String(value) : value.toFixed(digits);
  }
  return value;
}

/** A table from records (one object per row, one column per key). */
export function recordsTable(
  rows: ReadonlyArray<Record<string, RecordCell>>,
  options: RecordsTableOptions = {},
): ResultTable {
  if (rows.length === 0) throw new Error('recordsTable: no rows given');
  const columns = options.columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return {
    headers: columns,
    rows: rows.map((row) => columns.map((column) => formatRecordCell(row[column], options.digits ?? 4))),
  };
}
