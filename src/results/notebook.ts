/** Result tables in a tslab notebook: an HTML table there (the one formatter's HTML), aligned text elsewhere. */
import { notebookDisplay, type HtmlSink } from '../plots/show';
import { renderHtml, renderText, type ResultTable } from './table';

/** Shows a table in a notebook as HTML; outside a notebook (no tslab display), prints its text form. */
export function showResultTable(table: ResultTable, options: { sink?: HtmlSink } = {}): void {
  const sink = options.sink ?? notebookDisplay();
  if (!sink) {
    console.log(renderText(table));
    return;
  }
  sink.html(renderHtml(table));
}
