/**
 * The baselines part's answers, one sentence per question, written from its runs: (1) does the
 * coarse teacher (A) beat the hierarchy-aware losses that need no teacher (F, G)? (2) does A make
 * better mistakes (lower severity) than C, F and G? (3) is A better calibrated than C after
 * temperature scaling? (4) which method is the most accurate, and can it be told from the
 * runner-up? Every number and verdict comes from the comparison families (baselineComparisons.ts),
 * so no sentence is typed by hand.
 */
import { formatMeanStd } from '../metrics';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import { methodLabel, methodLetter, renderMarkdown, type PaperClaimResult } from '../results';
import {
  baselineComparisonFamilies,
  baselineComparisonsTable,
  baselineMethods,
  baselineScoreWords,
  secondaryScores,
  chosenBaselineRuns,
  comparisonCell,
  comparisonFamily,
  comparisonName,
  mostAccurate,
  type BaselineComparisonFamily,
  type BaselineScore,
} from './baselineComparisons';
import { baselineRegimes, baselineTableMethods, type BaselineRegime } from './baselinesTable';

/**
 * The answer's first word from its comparisons' verdicts: 'Yes' when every one is supported,
 * 'No, the reverse' when every one is contradicted, 'Not detectably' when none is either (all
 * undecided), 'Partly' when they differ; 'Cannot be tested here' without a tested comparison.
 */
export function answerLead(results: PaperClaimResult[]): string {
  const tested = results.filter((result) => result.difference !== undefined);
  if (tested.length === 0) return 'Cannot be tested here';
  const count = (verdict: string) => tested.filter((result) => result.verdict === verdict).length;
  if (count('supported') === tested.length) return 'Yes';
  if (count('contradicted') === tested.length) return 'No, the reverse';
  if (count('undecided') === tested.length) return 'Not detectably';
  return 'Partly';
}

/** One comparison of a family, kept with its family (whose size decides whether a Holm p is printed). */
interface Picked {
  score: BaselineScore;
  result: PaperClaimResult;
  family: PaperClaimResult[];
}

/**
 * "severity A − F +0.0028 [-0.0005, +0.0061] p 0.090 (Holm 0.180), n 5: **undecided**"; an
 * untested comparison: "severity A − F: **cannot be tested here** (missing runs)".
 */
export function comparisonClause({ score, result, family }: Picked): string {
  const name = `${baselineScoreWords(score)} ${comparisonName(result)}`;
  if (!result.difference) return `${name}: **${result.verdict}** (${result.reason})`;
  return `${name} ${comparisonCell(result, family)}: **${result.verdict}**`;
}

/** The comparisons of the `score` family with `first` and a second method among `seconds`, in that order. */
function pick(families: BaselineComparisonFamily[], score: BaselineScore, first: string, seconds: string[]): Picked[] {
  const family = families.find((candidate) => candidate.score === score)?.results ?? [];
  return seconds.flatMap((second) =>
    family
      .filter((result) => result.definition.first === first && result.definition.second === second)
      .map((result) => ({ score, result, family })),
  );
}

/** A question, its lead word from the verdicts, and one clause per comparison; undefined without comparisons. */
function answer(question: string, picked: Picked[]): string | undefined {
  if (picked.length === 0) return undefined;
  const lead = answerLead(picked.map(({ result }) => result));
  return `**${question}** ${lead}: ${picked.map(comparisonClause).join('; ')}.`;
}

/**
 * The most accurate method of the part (highest mean test accuracy) against the runner-up by a
 * paired test (a family of one: distinguishable when its 95 % interval excludes 0), and the most
 * accurate baseline against C on the secondary scores.
 */
function bestMethodAnswer(
  points: SweepPointRuns[],
  families: BaselineComparisonFamily[],
  regime: string,
): string | undefined {
  const runs = chosenBaselineRuns(points);
  const best = mostAccurate(runs, baselineTableMethods);
  if (!best) return undefined;
  const runnerUp = mostAccurate(
    runs,
    baselineTableMethods.filter((method) => method !== best),
  );
  const accuracy = (method: string) => formatMeanStd(runs.get(method)!.map((run) => run.test.accuracy));
  let text = `**Which method is the most accurate?** ${regime}: ${methodLabel(best)} (${accuracy(best)})`;
  if (runnerUp) {
    const family = comparisonFamily(runs, 'accuracy', [[best, runnerUp]]).results;
    const [versus] = family;
    const verdict = !versus.difference
      ? `cannot be told apart by a paired test (${versus.evidence})`
      : versus.verdict === 'supported'
        ? 'distinguishable: the paired 95 % interval excludes 0'
        : versus.verdict === 'contradicted'
          ? 'on the seeds both kept the runner-up is ahead: the paired 95 % interval lies below 0'
          : 'not distinguishable: the paired 95 % interval holds 0';
    text +=
      `, ahead of the runner-up ${methodLabel(runnerUp)} (${accuracy(runnerUp)}) by ` +
      `${comparisonCell(versus, family)}: ${verdict}`;
  }
  const baseline = mostAccurate(runs, baselineMethods);
  const againstPlain = baseline ? secondaryScores.flatMap((score) => pick(families, score, baseline, ['plain'])) : [];
  if (baseline && againstPlain.length > 0)
    text += `. The most accurate baseline, ${methodLetter(baseline)}, against C: ${againstPlain.map(comparisonClause).join('; ')}`;
  return `${text}.`;
}

/**
 * The four answers as Markdown list items (questions whose runs the part lacks are left out).
 * `regime` names the part's labelled data in the best-method answer ('All labels').
 */
export function baselineAnswers(points: SweepPointRuns[], regime = 'All labels'): string[] {
  const families = baselineComparisonFamilies(points);
  const answers = [
    answer(
      'Does the coarse teacher (A) beat the hierarchy-aware losses that need no teacher (F, G)?',
      pick(families, 'accuracy', 'heterogeneous', ['soft-labels', 'hxe']),
    ),
    answer(
      'Does A make better mistakes (lower mistake severity) than C, F and G?',
      pick(families, 'mistakeSeverity', 'heterogeneous', ['plain', 'soft-labels', 'hxe']),
    ),
    answer('Is A better calibrated than C after temperature scaling?', [
      ...pick(families, 'scaledExpectedCalibrationError', 'heterogeneous', ['plain']),
      ...pick(families, 'scaledCrossEntropy', 'heterogeneous', ['plain']),
    ]),
    bestMethodAnswer(points, families, regime),
  ];
  return answers.filter((line): line is string => line !== undefined).map((line) => `- ${line}`);
}

/**
 * The block the report prints under the baselines table (and notebook 06 shows): the comparison
 * families as one table with their detectable effects, then the answers; per regime (a heading
 * each) when the part ran several. None without points.
 */
export function baselineAnswersSection(points: SweepPointRuns[]): string[] {
  if (points.length === 0) return [];
  const regimes = baselineRegimes(points);
  const several = regimes.length > 1;
  const perRegime = (regime: BaselineRegime) => [
    renderMarkdown(baselineComparisonsTable(baselineComparisonFamilies(regime.points))),
    '',
    several ? `Answers, ${regime.name.toLowerCase()}:` : '### Answers',
    '',
    ...baselineAnswers(regime.points, regime.name),
    '',
  ];
  return [
    '### A against the baselines on accuracy, mistakes and calibration, paired by seed',
    '',
    'Each score is one family (Holm within it). The verdict reads the claimed direction: the first method more ' +
      'accurate, or lower in mistake severity, in ECE or in NLL after temperature scaling (see "How to read the ' +
      'verdicts" in the README). The most accurate baseline is the one of F-M with the highest mean test accuracy.',
    '',
    ...regimes.flatMap((regime) => [...(several ? [`#### ${regime.name}`, ''] : []), ...perRegime(regime)]),
  ];
}

/**
 * The answers of every regime of the part as Markdown list items, each regime's under a line
 * naming it when the part ran several (the README's compact form).
 */
export function baselineAnswersByRegime(points: SweepPointRuns[]): string[] {
  const regimes = baselineRegimes(points);
  if (regimes.length <= 1) return baselineAnswers(points);
  return regimes.flatMap((regime, index) => [
    ...(index > 0 ? [''] : []),
    `${regime.name}:`,
    '',
    ...baselineAnswers(regime.points, regime.name),
  ]);
}

/** {@link baselineAnswersSection} as one Markdown string (a notebook's display). */
export function baselineAnswersMarkdown(points: SweepPointRuns[]): string {
  return baselineAnswersSection(points).join('\n');
}
