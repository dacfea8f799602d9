/**
 * Charts and the sentences under them for one comparison's runs (shipped reference or the
 * reader's own): each student's paired difference to a baseline method over seeds, and the
 * share of errors that stay within the true class's coarse group against chance. The
 * sentences are computed from the same numbers as the charts, so prose never contradicts them.
 */
import { mean, pairBySeed } from '../metrics';
import { groupByMethod, methodLabel, methodLetter } from '../results/grouping';
import type { RunResult } from '../results/runResult';
import { meanStdBarChart } from './bars';
import type { FigureOptions, PlotlyFigure } from './figure';
import {
  differenceInterval,
  type DifferenceInterval,
  type PairedComparison,
  pairedDifferencesChart,
  type PairedDifferencesOptions,
} from './pairedDifferences';
import { withReferenceLines } from './referenceLine';

/** A score of a run; undefined (or NaN) when the run did not record it. */
export type RunScore = (run: RunResult) => number | undefined;

const scored = (runs: readonly RunResult[], score: RunScore) =>
  runs.filter((run) => !run.collapsed && Number.isFinite(score(run) ?? Number.NaN));

/**
 * Each student method's score minus the baseline method's on the same seed ("A heterogeneous
 * KD − C plain student"), in the registry's order; collapsed runs and runs without the score
 * are left out, and a method that shares no seed with the baseline is skipped.
 */
export function differencesToBaseline(
  runs: readonly RunResult[],
  score: RunScore,
  baseline = 'plain',
): PairedComparison[] {
  const students = scored(
    runs.filter((run) => run.role === 'student'),
    score,
  );
  const baselineRuns = students.filter((run) => run.method === baseline);
  const value = (run: RunResult) => score(run) as number;
  return groupByMethod(students.filter((run) => run.method !== baseline))
    .map((group) => ({
      name: `${methodLabel(group.method)} − ${methodLabel(baseline)}`,
      differences: pairBySeed(group.runs, baselineRuns, value).differences,
    }))
    .filter((comparison) => comparison.differences.length > 0);
}

/**
 * The paired-differences chart of {@link differencesToBaseline} with both axes titled: the
 * difference (points, mean and 95 % interval) and the comparison (same seed).
 */
export function differencesToBaselineFigure(
  comparisons: PairedComparison[],
  options: PairedDifferencesOptions = {},
): PlotlyFigure {
  const figure = pairedDifferencesChart(comparisons, options);
  const yaxis = { ...(figure.layout.yaxis as Record<string, unknown>), title: { text: 'compared (paired by seed)' } };
  return { data: figure.data, layout: { ...figure.layout, yaxis } };
}

/** The hierarchy a comparison's runs recorded in their run configs (name, fine -> coarse, group names). */
export interface RecordedHierarchy {
  name: string;
  fineToCoarse: number[];
  coarseLabelNames: string[];
}

/** The first hierarchy recorded in the runs' configs; undefined when none records one. */
export function recordedHierarchyOf(runs: readonly RunResult[]): RecordedHierarchy | undefined {
  for (const run of runs) {
    const hierarchy = run.config?.hierarchy as Partial<RecordedHierarchy> | undefined;
    if (
      typeof hierarchy?.name === 'string' &&
      Array.isArray(hierarchy.fineToCoarse) &&
      Array.isArray(hierarchy.coarseLabelNames)
    )
      return {
        name: hierarchy.name,
        fineToCoarse: hierarchy.fineToCoarse,
        coarseLabelNames: hierarchy.coarseLabelNames,
      };
  }
  return undefined;
}

/** The comparison's name up to the minus sign ("A heterogeneous KD"). */
const firstName = (interval: DifferenceInterval) => interval.name.split(' − ')[0];

/**
 * One sentence that sorts comparisons by their 95 % interval: above 0, below 0, or crossing 0
 * (no evidence either way); with one seed there is no interval and it says so.
 */
export function intervalDirectionSentence(comparisons: readonly PairedComparison[], baselineName: string): string {
  if (comparisons.length === 0) return `No method shares a seed with ${baselineName}.`;
  const intervals = comparisons.map((comparison) => differenceInterval(comparison));
  if (intervals.every((interval) => Number.isNaN(interval.halfWidth)))
    return `With one seed there is no interval: no difference to ${baselineName} can be judged.`;
  const list = (chosen: DifferenceInterval[]) => chosen.map(firstName).join(', ');
  const above = intervals.filter((interval) => interval.low > 0);
  const below = intervals.filter((interval) => interval.high < 0);
  const crossing = intervals.filter((interval) => !(interval.low > 0) && !(interval.high < 0));
  const sentence = overSeedsSentence(intervals, [
    above.length > 0 ? `above ${baselineName} (interval above 0): ${list(above)}` : '',
    below.length > 0 ? `below ${baselineName} (interval below 0): ${list(below)}` : '',
    crossing.length > 0 ? `not distinguishable from ${baselineName} (interval crosses 0): ${list(crossing)}` : '',
  ]);
  // The claims tables correct for the number of comparisons; these intervals do not.
  return above.length + below.length > 0
    ? `${sentence} These intervals are uncorrected (one comparison at a time); a claims table, which ` +
        'Holm-corrects over its comparisons, can still call such a difference undecided.'
    : sentence;
}

/** "Over 5 seeds, <part>; <part>." from intervals' seed counts (several counts as 4/5) and the non-empty parts. */
export function overSeedsSentence(intervals: readonly { count: number }[], parts: string[]): string {
  const seeds = [...new Set(intervals.map((interval) => interval.count))].join('/');
  return `Over ${seeds} seeds, ${parts.filter((part) => part.length > 0).join('; ')}.`;
}

/** Mean within-group error share of one network kind, with its 95 % interval over seeds. */
export interface GroupShare {
  method: string;
  /** e.g. "A heterogeneous KD", "fine teacher (fine labels)". */
  name: string;
  mean: number;
  /** Half the 95 % interval's width (0 with one seed). */
  halfWidth: number;
  seeds: number;
}

const withinShare: RunScore = (run) => run.test.withinGroupErrorShare;

/**
 * The within-group error share (test split) of the fine teacher and of every student method,
 * mean and 95 % t-interval over seeds; networks that did not record it are left out.
 */
export function withinGroupShares(runs: readonly RunResult[]): GroupShare[] {
  const fineNetworks = runs.filter((run) => run.role === 'student' || run.method === 'teacher-fine');
  return groupByMethod(scored(fineNetworks, withinShare)).map((group) => {
    const values = group.runs.map((run) => withinShare(run) as number);
    const interval = differenceInterval({ name: group.method, differences: values });
    return {
      method: group.method,
      name: methodLabel(group.method),
      mean: mean(values),
      halfWidth: Number.isNaN(interval.halfWidth) ? 0 : interval.halfWidth,
      seeds: values.length,
    };
  });
}

/**
 * Bar chart of {@link withinGroupShares} (error bars: 95 % interval over seeds) with chance,
 * the share of a network that picks a wrong class at random, as a dashed line.
 */
export function withinGroupShareFigure(
  shares: readonly GroupShare[],
  chance: number,
  options: FigureOptions = {},
): PlotlyFigure {
  const figure = meanStdBarChart(
    shares.map((share) => ({ name: share.name, mean: share.mean, standardDeviation: share.halfWidth })),
    { xTitle: 'network', yTitle: 'share of test errors within the true group', yRange: [0, 1], ...options },
  );
  return withReferenceLines(figure, [{ value: chance, label: `chance ${chance.toFixed(3)}` }]);
}

/**
 * What {@link withinGroupShareFigure} shows, in one or two sentences: which network keeps the
 * most and the fewest errors in the group, where A stands against C, and against chance.
 */
export function withinGroupShareSentence(shares: readonly GroupShare[], chance: number): string {
  if (shares.length === 0) return 'No network recorded its within-group error share.';
  const sorted = [...shares].sort((a, b) => b.mean - a.mean);
  const format = (share: GroupShare) => `${share.name} ${share.mean.toFixed(3)}`;
  const sentences = [`Highest share: ${format(sorted[0])}; lowest: ${format(sorted[sorted.length - 1])}.`];
  const a = shares.find((share) => share.method === 'heterogeneous');
  const c = shares.find((share) => share.method === 'plain');
  if (a && c) {
    const relation = a.mean > c.mean ? 'more often than' : a.mean < c.mean ? 'less often than' : 'as often as';
    sentences.push(
      `Here ${methodLetter(a.method)}'s errors stay in the group ${relation} ${methodLetter(c.method)}'s ` +
        `(${a.mean.toFixed(3)} vs ${c.mean.toFixed(3)}).`,
    );
  }
  const belowChance = shares.filter((share) => share.mean <= chance);
  sentences.push(
    belowChance.length === 0
      ? `Every network is above chance (${chance.toFixed(3)}).`
      : `At or below chance (${chance.toFixed(3)}): ${belowChance.map((share) => share.name).join(', ')}.`,
  );
  return sentences.join(' ');
}

/** "Mean test accuracy (2 seeds): A 0.6000, B 0.5300, C 0.5500." over the students, registry order. */
export function meanAccuracySentence(runs: readonly RunResult[]): string {
  const groups = groupByMethod(
    scored(
      runs.filter((run) => run.role === 'student'),
      (run) => run.test.accuracy,
    ),
  );
  if (groups.length === 0) return 'No student finished.';
  const seeds = [...new Set(groups.map((group) => group.runs.length))].join('/');
  const means = groups.map(
    (group) => `${methodLetter(group.method)} ${mean(group.runs.map((run) => run.test.accuracy)).toFixed(4)}`,
  );
  return `Mean test accuracy (${seeds} seeds): ${means.join(', ')}.`;
}
