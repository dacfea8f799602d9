/** Result tables and claim verdicts in a tslab notebook: an HTML table there (the one formatter's HTML), aligned text elsewhere. */
import { collapseOfSummary } from './collapse';
import type { PaperClaim } from '../papers';
import { notebookDisplay, type HtmlSink } from '../plots/show';
import { claimsFamilyLines, evaluatePaperClaims, type PaperClaimOptions, type PaperClaimResult } from './paperClaims';
import type { RunResult } from './runResult';
import type { PipelineRunSummary } from './runSummary';
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

/** The collapse verdict of a summary (see collapse.ts), as RunResult fields; none without per-class scores. */
function collapseFields(summary: PipelineRunSummary): Pick<RunResult, 'collapsed' | 'collapseReason'> {
  if (!summary.test.perClassF1) return { collapsed: false };
  const verdict = collapseOfSummary(summary);
  return { collapsed: verdict.collapsed, ...(verdict.reason ? { collapseReason: verdict.reason } : {}) };
}

/**
 * A paper's claims judged by the claims engine on a notebook's pipeline run summaries (the
 * runs a notebook trained or reloaded), so a notebook never judges a claim from means. The
 * summaries carry no per-epoch curves: an epochs-to-target claim is "cannot be tested here".
 */
export function evaluateClaimsOnSummaries(
  summaries: PipelineRunSummary[],
  claims: PaperClaim[],
  options: PaperClaimOptions = {},
): PaperClaimResult[] {
  const runs: RunResult[] = summaries.map((summary) => ({
    ...collapseFields(summary),
    id: `seed${summary.seed}-${summary.method}`,
    directory: '',
    method: summary.method,
    role: summary.role,
    seed: summary.seed,
    parameters: summary.parameters,
    bestEpoch: summary.bestEpoch,
    epochsRun: summary.epochsRun,
    trainingSeconds: summary.trainingSeconds,
    test: summary.test,
    testAccuracyCurve: [],
    testMacroF1Curve: [],
    validationAccuracyCurve: [],
    validationLossCurve: [],
    config: {},
    finishedAt: '',
    backend: summary.backend,
  }));
  return evaluatePaperClaims(runs, claims, options);
}

/** Claims as notebook Markdown: one bullet per claim (verdict, reason, statement, evidence), then the family's lines. */
export function claimsMarkdown(results: PaperClaimResult[]): string {
  return [
    ...results.map(
      (result) => `- **${result.verdict}** (${result.reason}): ${result.definition.statement}. ${result.evidence}`,
    ),
    '',
    ...claimsFamilyLines(results).map((line) => `${line}\n`),
  ].join('\n');
}
