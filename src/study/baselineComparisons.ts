/**
 * The baselines part's paired comparisons beyond "each method − C": A against the hierarchy-aware
 * losses without a teacher (F soft labels, G hierarchical cross-entropy) on test accuracy, and on
 * mistake severity and on calibration after temperature scaling (ECE, NLL) A against C, F and G
 * and the most accurate baseline against C. Each score is one family: the claims engine tests
 * every comparison by a paired t-test over shared seeds, Holm-adjusts within the family and
 * gives the verdict (supported, contradicted, undecided) in the claimed direction (more
 * accurate; lower severity, ECE and NLL).
 */
import { formatPairedDifference, mean, minimalDetectableEffectLine } from '../metrics';
import type { PaperClaim } from '../papers';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import {
  evaluateClaimsOnSummaries,
  methodLabel,
  methodLetter,
  type PaperClaimResult,
  type ResultTable,
} from '../results';
import type { PipelineRunSummary } from '../results/runSummary';
import { baselineRuns, baselineTableMethods } from './baselinesTable';

/** A score the baselines comparisons test. */
export type BaselineScore = 'accuracy' | 'mistakeSeverity' | 'scaledExpectedCalibrationError' | 'scaledCrossEntropy';

/** How a score is named (in a table, and inside a sentence), what "better" is in a claim, and its direction. */
const scoreTerms: Record<
  BaselineScore,
  { name: string; short: string; better: string; direction: 'greater' | 'less' }
> = {
  accuracy: { name: 'Test accuracy', short: 'test accuracy', better: 'is more accurate than', direction: 'greater' },
  mistakeSeverity: {
    name: 'Mistake severity',
    short: 'severity',
    better: 'makes less severe mistakes than',
    direction: 'less',
  },
  scaledExpectedCalibrationError: {
    name: 'ECE after temperature scaling',
    short: 'ECE after scaling',
    better: 'has a lower ECE after temperature scaling than',
    direction: 'less',
  },
  scaledCrossEntropy: {
    name: 'NLL after temperature scaling',
    short: 'NLL after scaling',
    better: 'has a lower NLL after temperature scaling than',
    direction: 'less',
  },
};

/** The score's short name inside a sentence ('severity'). */
export function baselineScoreWords(score: BaselineScore): string {
  return scoreTerms[score].short;
}

/** The score's name as tables print it ('Mistake severity'). */
export function baselineScoreName(score: BaselineScore): string {
  return scoreTerms[score].name;
}

/** The scores besides accuracy, each a family of its own: severity, then calibration after scaling. */
export const secondaryScores: BaselineScore[] = [
  'mistakeSeverity',
  'scaledExpectedCalibrationError',
  'scaledCrossEntropy',
];

/** The teacher-free hierarchy-aware losses A is held against: F and G. */
const hierarchyLosses = ['soft-labels', 'hxe'];

/** The baselines F-M (the table's methods after A, C, D, E). */
export const baselineMethods = baselineTableMethods.slice(4);

/** One score's family of comparisons with the claims engine's verdicts (Holm within the family). */
export interface BaselineComparisonFamily {
  score: BaselineScore;
  results: PaperClaimResult[];
}

/** Each method's runs at its setting chosen on validation (collapsed runs left out); methods without runs absent. */
export function chosenBaselineRuns(points: SweepPointRuns[]): Map<string, PipelineRunSummary[]> {
  return new Map(
    baselineTableMethods
      .map((method) => [method, baselineRuns(points, method).runs] as const)
      .filter(([, runs]) => runs.length > 0),
  );
}

/** The method of `methods` with the highest mean test accuracy over its runs (the first on a tie); undefined if none ran. */
export function mostAccurate(runs: Map<string, PipelineRunSummary[]>, methods: string[]): string | undefined {
  let best: { method: string; accuracy: number } | undefined;
  for (const method of methods) {
    const methodRuns = runs.get(method);
    if (!methodRuns) continue;
    const accuracy = mean(methodRuns.map((run) => run.test.accuracy));
    if (!best || accuracy > best.accuracy) best = { method, accuracy };
  }
  return best?.method;
}

/** A comparison as a claim of the engine: `first` better than `second` on `score`. */
export function comparisonClaim(score: BaselineScore, first: string, second: string): PaperClaim {
  const terms = scoreTerms[score];
  return {
    id: `${score}:${first}-${second}`,
    statement: `${methodLabel(first)} ${terms.better} ${methodLabel(second)}`,
    paperEvidence: 'none (a comparison of the study, not a claim of a paper)',
    first,
    second,
    metric: score,
    direction: terms.direction,
  };
}

/** The family of `pairs` on `score`: one claims-engine call, so Holm runs over exactly these comparisons. */
export function comparisonFamily(
  runs: Map<string, PipelineRunSummary[]>,
  score: BaselineScore,
  pairs: Array<[string, string]>,
): BaselineComparisonFamily {
  const made = pairs.filter(([first, second]) => runs.has(first) && runs.has(second));
  const methods = [...new Set(made.flat())];
  const summaries = methods.flatMap((method) => runs.get(method) ?? []);
  const claims = made.map(([first, second]) => comparisonClaim(score, first, second));
  return { score, results: evaluateClaimsOnSummaries(summaries, claims) };
}

/**
 * The part's families: test accuracy A − F, A − G; then for mistake severity, ECE after scaling
 * and NLL after scaling (each where some run recorded it) A − C, A − F, A − G and the most
 * accurate baseline (F-M, highest mean test accuracy) − C. Families without a comparison whose
 * methods both ran are left out.
 */
export function baselineComparisonFamilies(points: SweepPointRuns[]): BaselineComparisonFamily[] {
  const runs = chosenBaselineRuns(points);
  const best = mostAccurate(runs, baselineMethods);
  const againstA = hierarchyLosses.map((method): [string, string] => ['heterogeneous', method]);
  const secondary: Array<[string, string]> = [
    ['heterogeneous', 'plain'],
    ...againstA,
    ...(best ? [[best, 'plain'] as [string, string]] : []),
  ];
  const recorded = (score: BaselineScore) => [...runs.values()].flat().some((run) => Number.isFinite(run.test[score]));
  return [
    comparisonFamily(runs, 'accuracy', againstA),
    ...secondaryScores.filter(recorded).map((score) => comparisonFamily(runs, score, secondary)),
  ].filter((family) => family.results.length > 0);
}

/** "A − F": a comparison by the methods' letters. */
export function comparisonName(result: PaperClaimResult): string {
  return `${methodLetter(result.definition.first)} − ${methodLetter(result.definition.second)}`;
}

/**
 * A comparison's paired cell: "+0.0020 [+0.0006, +0.0035] p 0.017 (Holm 0.051), n 5", the Holm p
 * over `family`'s tested comparisons (none printed for a family of one: it equals the raw p);
 * why not, when untested.
 */
export function comparisonCell(result: PaperClaimResult, family: PaperClaimResult[]): string {
  if (!result.difference) return `– (${result.evidence})`;
  const tested = family.filter((member) => member.difference !== undefined).length;
  return formatPairedDifference(result.difference, { holmPValue: tested > 1 ? result.holmPValue : undefined });
}

/**
 * The families as one table: score, comparison, the paired difference with its 95 % interval, p
 * and Holm p (within the score's family), and the verdict (the claimed direction: the first
 * method more accurate, or lower in severity, ECE or NLL); under it, each family's minimal
 * detectable effect.
 */
export function baselineComparisonsTable(families: BaselineComparisonFamily[]): ResultTable {
  const rows = families.flatMap((family) =>
    family.results.map((result) => [
      baselineScoreName(family.score),
      comparisonName(result),
      comparisonCell(result, family.results),
      `**${result.verdict}** (${result.reason})`,
    ]),
  );
  const notes = families.flatMap((family) => {
    const line = minimalDetectableEffectLine(
      family.results.map((result) => result.difference),
      { points: family.score === 'accuracy' },
    );
    return line ? [`${baselineScoreName(family.score)}: ${line}`] : [];
  });
  return {
    headers: ['Score', 'Comparison', 'Difference (95 % interval, p, Holm p within the score)', 'Verdict'],
    rows,
    ...(notes.length > 0 ? { notes } : {}),
  };
}
