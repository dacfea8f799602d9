/**
 * The report's claims section: one row per claim with its verdict and evidence, the claims
 * family's lines (Holm, minimal detectable effects) and, once, how to read the verdicts.
 */
import { claimsFamilyLines, renderMarkdown, type PaperClaimResult } from '../results';

/** The claims table with the family's lines under it (Markdown). */
export function claimsTableMarkdown(claims: PaperClaimResult[], paperName = 'paper 1'): string {
  const table = renderMarkdown({
    headers: ['#', 'Claim', paperName.replace(/^p/, 'P'), 'Verdict', 'Evidence (ours)'],
    rows: claims.map((claim, index) => [
      String(index + 1),
      claim.definition.statement,
      claim.definition.paperEvidence,
      `**${claim.verdict}** (${claim.reason})`,
      claim.evidence,
    ]),
  });
  return [table, ...claimsFamilyLines(claims)].join('\n\n');
}

/** How to read the verdicts: the three words, the interval, Holm and the minimal detectable effect. */
export function verdictDefinitions(alpha: number, paperName: string): string {
  return (
    `How to read the verdicts. Each claim compares two methods over the seeds both ran: the mean difference first - second with its 95 % t confidence interval (the paired t-test's). ` +
    `The claims of this table are one family: their p-values are Holm-adjusted, and significance means Holm p < ${alpha}. ` +
    `**supported**: significant in the claimed direction (the interval excludes 0 on the claimed side). ` +
    `**contradicted**: significant in the opposite direction, or, where the paper gives its own difference, ours is significantly below it (a one-sided test against the paper's effect, the TOST idea: the interval excludes the paper's effect). ` +
    `**undecided**: neither; the interval holds both 0 and the paper's effect (or 0, for a claim without a paper figure), so these seeds cannot tell. ` +
    '**cannot be tested here**: the runs it needs are missing. ' +
    'The interval printed is the unadjusted 95 % one; a verdict uses the Holm-adjusted p, so an interval just clear of 0 can still be undecided. ' +
    'The minimal detectable effect is the difference the paired t-test finds with 80 % power (alpha 0.05, two-sided) at this many seeds and the observed SD of the differences: (t_{0.975, n-1} + t_{0.8, n-1}) · sd / √n; smaller true differences are likely to read as undecided. ' +
    (paperName === 'paper 1'
      ? 'Paper 1 reports single runs, so its columns have no spread; its differences are its reported figures subtracted.'
      : 'Only the abstract of paper 2 was available: it gives the direction of its claim, no figures, so no claim of it can be contradicted by size.')
  );
}
