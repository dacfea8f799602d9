/**
 * The short form of an experiment's results for a first reading (the tour notebook): the
 * students' paired differences in test accuracy with their 95 % intervals and the paper's own
 * differences, as chart data, a chart with a title computed from the runs, a caption sentence,
 * and the claims as a compact table (claim, paper, ours with its interval, verdict). Every
 * number comes from the run records.
 */
import { pairBySeed } from '../metrics';
import { paperFor } from '../papers';
import { differenceInterval, pairedDifferencesChart, type PlotlyFigure } from '../plots';
import {
  datasetKindOf,
  evaluatePaperClaims,
  type ExperimentResults,
  methodLabel,
  methodLetter,
  type PaperClaimResult,
} from '../results';
import { pointsWithInterval } from './bottomLine';

/** One paired comparison of two students over seeds, with the paper's own difference where it gives one. */
export interface StudentDifference {
  /** 'A − C (heterogeneous KD vs plain student)' */
  name: string;
  first: string;
  second: string;
  /** test accuracy first − second, one per shared seed (ascending seed) */
  differences: number[];
  /** the paper's reported accuracy difference first − second, when it reports both */
  paperEffect?: number;
}

/** The comparisons the tour shows: the paper's (A−C, A−B, B−C), then the controls without a teacher. */
export const tourComparisons: ReadonlyArray<readonly [string, string]> = [
  ['heterogeneous', 'plain'],
  ['heterogeneous', 'traditional'],
  ['traditional', 'plain'],
  ['heterogeneous', 'coarse-auxiliary'],
  ['coarse-auxiliary', 'plain'],
  ['label-smoothing', 'plain'],
];

function shortLabel(method: string): string {
  return methodLabel(method).replace(/^\S+ /, '').replace(' (control)', '');
}

/**
 * The students' paired differences in test accuracy (same seed, same split), for each pair of
 * {@link tourComparisons} both of whose methods ran on at least two shared seeds.
 */
export function studentDifferences(results: ExperimentResults): StudentDifference[] {
  const paper = paperFor(datasetKindOf(results.runs));
  const runsOf = (method: string) => results.runs.filter((run) => run.role === 'student' && run.method === method);
  const differences: StudentDifference[] = [];
  for (const [first, second] of tourComparisons) {
    const pairs = pairBySeed(runsOf(first), runsOf(second), (run) => run.test.accuracy);
    if (pairs.seeds.length < 2) continue;
    const claim = paper.claims.find(
      (candidate) => candidate.metric === 'accuracy' && candidate.first === first && candidate.second === second,
    );
    differences.push({
      name: `${methodLetter(first)} − ${methodLetter(second)} (${shortLabel(first)} vs ${shortLabel(second)})`,
      first,
      second,
      differences: pairs.differences,
      ...(claim?.paperEffect === undefined ? {} : { paperEffect: claim.paperEffect }),
    });
  }
  return differences;
}

const signedPoints = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(2)}`;

/**
 * The paired-differences chart of {@link studentDifferences} (points, 95 % intervals over seeds,
 * a line at 0) with the paper's differences as vertical tick marks, and a title that states the
 * A − C finding from the runs (its mean and interval against the paper's).
 */
export function studentDifferencesFigure(results: ExperimentResults): PlotlyFigure {
  const comparisons = studentDifferences(results);
  if (comparisons.length === 0)
    throw new Error(`studentDifferencesFigure: ${results.experiment} has no pair of students over 2 or more seeds`);
  const headline = comparisons[0];
  const { low, high, mean } = differenceInterval(headline);
  const paperPart =
    headline.paperEffect === undefined ? '' : `; the paper reported ${signedPoints(headline.paperEffect)}`;
  const title =
    `${methodLetter(headline.first)} − ${methodLetter(headline.second)} is ${signedPoints(mean)} points ` +
    `[${signedPoints(low)}, ${signedPoints(high)}] over ${headline.differences.length} seeds${paperPart}`;
  const figure = pairedDifferencesChart(comparisons, { title, height: 60 * comparisons.length + 160 });
  const withPaper = comparisons.filter((comparison) => comparison.paperEffect !== undefined);
  if (withPaper.length === 0) return figure;
  figure.data.push({
    type: 'scatter',
    mode: 'markers',
    name: `${paperFor(datasetKindOf(results.runs)).name}'s difference`,
    x: withPaper.map((comparison) => (comparison.paperEffect as number) * 100),
    y: withPaper.map((comparison) => comparison.name),
    marker: { symbol: 'line-ns-open', size: 26, color: '#1f5fbf', line: { width: 3 } },
    hovertemplate: '%{y}: the paper %{x:.2f} points<extra></extra>',
  });
  (figure.data[0] as Record<string, unknown>).name = 'ours: mean and 95 % interval';
  const xaxis = figure.layout.xaxis as { range: [number, number] };
  const reach = Math.max(...withPaper.map((comparison) => Math.abs((comparison.paperEffect as number) * 100)));
  xaxis.range = [xaxis.range[0], Math.max(xaxis.range[1], reach * 1.15)];
  figure.layout.showlegend = true;
  figure.layout.legend = { orientation: 'h', y: -0.35, x: 0 };
  figure.layout.margin = { l: 60, r: 20, t: 50, b: 110 };
  return figure;
}

/**
 * One caption sentence under the chart, computed from the comparisons: how many intervals lie
 * above 0, below 0 or cross it, and the largest mean difference in points.
 */
export function studentDifferencesCaption(results: ExperimentResults): string {
  const comparisons = studentDifferences(results);
  const intervals = comparisons.map((comparison) => differenceInterval(comparison));
  const letters = (interval: { name: string }) => interval.name.split(' (')[0];
  const above = intervals.filter((interval) => interval.low > 0).map(letters);
  const below = intervals.filter((interval) => interval.high < 0).map(letters);
  const crossing = intervals.length - above.length - below.length;
  const largest = Math.max(...intervals.map((interval) => Math.abs(interval.mean)));
  const list = (names: string[]) => (names.length === 0 ? 'none' : names.join(', '));
  return (
    `Each row pairs two students trained with the same seed: the dot is the mean difference in test accuracy ` +
    `(points), the bar its 95 % interval over seeds, the blue tick the paper's difference. ` +
    `Intervals above 0: ${list(above)}; below 0: ${list(below)}; ${crossing} of ${intervals.length} cross 0. ` +
    `The largest mean difference between two students is ${(largest * 100).toFixed(2)} points.`
  );
}

function claimValue(claim: PaperClaimResult): string {
  if (!claim.difference) return 'not measured';
  if (claim.definition.metric !== 'epochsToTarget') return pointsWithInterval(claim.difference);
  const epochs = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;
  const { meanDifference, low, high } = claim.difference;
  return `${epochs(meanDifference)} epochs [${epochs(low)}, ${epochs(high)}]`;
}

/** The paper's claims as a compact table: the claim, the paper's figures, our difference with its interval, the verdict. */
export function claimVerdictRows(results: ExperimentResults): Array<Record<string, string>> {
  const paper = paperFor(datasetKindOf(results.runs));
  const claims = evaluatePaperClaims(results.runs, paper.claims, { targetAccuracy: results.targetAccuracy });
  return claims.map((claim) => ({
    claim: claim.definition.statement,
    [paper.name]: claim.definition.paperEvidence,
    'ours (95 % interval)': claimValue(claim),
    verdict: `${claim.verdict} (${claim.reason})`,
  }));
}

/**
 * The tour's answer in one sentence, from the first comparison of {@link studentDifferences}
 * (A − C): its mean and interval, on which side of 0 the interval lies, and whether it is
 * smaller than, compatible with or larger than the paper's own difference.
 */
export function tourAnswerSentence(results: ExperimentResults): string {
  const [headline] = studentDifferences(results);
  if (!headline) return `${results.experiment} has no pair of students over 2 or more seeds: no answer yet.`;
  const interval = differenceInterval(headline);
  const side = interval.low > 0 ? 'above 0' : interval.high < 0 ? 'below 0' : 'across 0';
  const paper =
    headline.paperEffect === undefined
      ? ''
      : `, ${interval.high < headline.paperEffect ? 'smaller than' : interval.low > headline.paperEffect ? 'larger than' : 'compatible with'} ` +
        `the ${signedPoints(headline.paperEffect)} points ${paperFor(datasetKindOf(results.runs)).name} reported`;
  return (
    `Over ${interval.count} seeds, ${methodLabel(headline.first)} scores ` +
    `${pointsWithInterval({ meanDifference: interval.mean, low: interval.low, high: interval.high })} ` +
    `against ${methodLabel(headline.second)}: an interval ${side}${paper}.`
  );
}
