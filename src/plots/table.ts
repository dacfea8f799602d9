import { escapeHtml } from './html';

/** Rows as objects, or anything shaped like a danfojs DataFrame (`columns` + `values`). */
export type TableSource = ReadonlyArray<object> | { columns: string[]; values: unknown[][] | unknown[] };

/** Options of {@link tableHtml}. */
export interface TableOptions {
  /** Columns to show, in order (default: all, in first-seen order). */
  columns?: string[];
  /** Decimals for non-integer numbers (default 4). */
  digits?: number;
  caption?: string;
  /** Show at most this many rows (default 200), then a "... n more rows" line. */
  maxRows?: number;
}

function formatCell(value: unknown, digits: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    return Number.isInteger(value) ? String(value) : value.toFixed(digits);
  }
  if (Array.isArray(value)) return value.map((item) => formatCell(item, digits)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Normalises a {@link TableSource} to column names and row arrays. */
export function tableRows(source: TableSource, columns?: string[]): { columns: string[]; rows: unknown[][] } {
  if (!Array.isArray(source)) {
    const frame = source as { columns: string[]; values: unknown[] };
    if (!Array.isArray(frame.columns) || !Array.isArray(frame.values)) {
      throw new Error('tableRows: expected an array of row objects or a DataFrame with columns and values');
    }
    const rows = frame.values.map((row) => (Array.isArray(row) ? row : [row]));
    if (!columns) return { columns: frame.columns, rows };
    const positions = columns.map((name) => {
      const position = frame.columns.indexOf(name);
      if (position < 0) throw new Error(`tableRows: column "${name}" not in DataFrame (${frame.columns.join(', ')})`);
      return position;
    });
    return { columns, rows: rows.map((row) => positions.map((position) => row[position])) };
  }
  const objects = source as ReadonlyArray<Record<string, unknown>>;

  const names = columns ?? [...new Set(objects.flatMap((row) => Object.keys(row)))];
  return { columns: names, rows: objects.map((row) => names.map((name) => row[name])) };
}

/** An HTML `<table>` of the rows; numbers right-aligned, text escaped. */
export function tableHtml(source: TableSource, options: TableOptions = {}): string {
  const { columns, rows } = tableRows(source, options.columns);
  const digits = options.digits ?? 4;
  const maxRows = options.maxRows ?? 200;
  const shown = rows.slice(0, maxRows);
  const header = columns.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  const body = shown
    .map((row) => {
      const cells = row.map((value) => {
        const align = typeof value === 'number' ? ' style="text-align:right"' : ' style="text-align:left"';
        return `<td${align}>${escapeHtml(formatCell(value, digits))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const more = rows.length > shown.length ? `<p>… ${rows.length - shown.length} more rows</p>` : '';
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  return `<table class="hkd-table">${caption}<thead><tr>${header}</tr></thead>\n<tbody>\n${body}\n</tbody></table>${more}`;
}
