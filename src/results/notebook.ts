/** Result tables in a tslab notebook: rendered as Markdown there, printed as aligned text elsewhere. */
import { showMarkdown, type MarkdownSink } from '../plots/markdown';
import { renderMarkdown, renderText, type ResultTable } from './table';

/** Shows a table in a notebook (Markdown output); outside a notebook, or with `text`, prints its text form. */
export function showResultTable(table: ResultTable, options: { sink?: MarkdownSink; text?: boolean } = {}): void {
  if (options.text) {
    console.log(renderText(table));
    return;
  }
  showMarkdown(renderMarkdown(table), { sink: options.sink });
}
