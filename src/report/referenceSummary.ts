/**
 * The reference results a notebook opens its results with: the shipped runs of an experiment
 * (data/reference/), their bottom line, the claims table with verdicts and the students' table,
 * as one Markdown block that names its source, so a reader sees the full measurement before the
 * notebook's own (often smoke) runs.
 */
import { paperFor } from '../papers';
import {
  datasetKindOf,
  evaluatePaperClaims,
  renderMarkdown,
  resultsToShow,
  type ResultsToShowOptions,
  studentsTable,
} from '../results';
import { bottomLineSentences } from './bottomLine';
import { claimsTableMarkdown } from './claimsSection';

/**
 * Markdown of an experiment's reference results (shipped runs preferred over local ones), or a
 * sentence saying none are shipped yet.
 */
export async function referenceResultsMarkdown(
  experiment: string,
  options: Omit<ResultsToShowOptions, 'prefer'> = {},
): Promise<string> {
  const shown = await resultsToShow(experiment, { ...options, prefer: 'reference' });
  if (!shown)
    return `_No reference runs of \`${experiment}\` are shipped yet (\`data/reference/${experiment}.runs.jsonl.gz\`), and none are in your runs folder: the results below are this notebook's own._`;
  const { results } = shown;
  const paper = paperFor(datasetKindOf(results.runs));
  const claims = evaluatePaperClaims(results.runs, paper.claims, { targetAccuracy: results.targetAccuracy });
  return [
    shown.banner,
    '',
    ...bottomLineSentences(results).map((sentence) => `- ${sentence}`),
    '',
    claimsTableMarkdown(claims, paper.name),
    '',
    renderMarkdown(studentsTable(results.runs, results.targetAccuracy)),
  ].join('\n');
}
