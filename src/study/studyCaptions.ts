/**
 * Titles and caption sentences of the study's charts, computed from the data drawn, so that
 * a notebook's chart never says more (or other) than its numbers: the grid's best cell, the
 * curves that coincide, who leads at the smallest labelled fraction, which paired intervals
 * exclude 0, and in how many classes one student beats another.
 */
import { differenceInterval, type PairedComparison } from '../plots/pairedDifferences';
import { overSeedsSentence } from '../plots/seedComparisons';
import type { RegimeSeries } from './studySeries';

/** A (T, a) setting of the grid. */
export interface GridSetting {
  temperature: number;
  studentLossWeight: number;
}

/** What {@link gridFinding} reads of a `gridValues` grid. */
export interface GridFindingInput {
  values: number[][];
  temperatures: number[];
  weights: number[];
}

const format = (value: number) => (Number.isFinite(value) ? value.toFixed(4) : '–');
const signed = (value: number, digits = 4) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;

/** The grid's value at a setting, or undefined when the setting is not in the grid. */
function gridValueAt(grid: GridFindingInput, setting: GridSetting): number | undefined {
  const row = grid.temperatures.indexOf(setting.temperature);
  const column = grid.weights.indexOf(setting.studentLossWeight);
  return row >= 0 && column >= 0 ? grid.values[row][column] : undefined;
}

/**
 * The title and caption of a T × a heatmap: the title names the setting chosen on validation
 * (the best mean validation accuracy); the caption gives the grid's range, the chosen value
 * and where paper 1's choice falls (its value, or "not in this grid").
 */
export function gridFinding(
  grid: GridFindingInput,
  methodName: string,
  chosen: GridSetting | undefined,
  paper: GridSetting | undefined,
): { title: string; caption: string } {
  const finite = grid.values.flat().filter(Number.isFinite);
  if (finite.length === 0 || !chosen)
    return { title: `${methodName}: no grid cell has a run`, caption: 'No cell of this grid has a finished run.' };
  const at = (setting: GridSetting) => `T ${setting.temperature}, a ${setting.studentLossWeight}`;
  const chosenValue = gridValueAt(grid, chosen) ?? Number.NaN;
  const paperValue = paper ? gridValueAt(grid, paper) : undefined;
  const paperSentence = !paper
    ? ''
    : paperValue === undefined
      ? ` Paper 1's choice (${at(paper)}) is not in this grid.`
      : ` Paper 1's choice (${at(paper)}, dashed outline) scores ${format(paperValue)} here.`;
  return {
    title: `${methodName}: validation accuracy is highest at ${at(chosen)}`,
    caption:
      `Mean validation accuracy over seeds ranges from ${format(Math.min(...finite))} to ` +
      `${format(Math.max(...finite))} across the grid; the solid outline marks the cell chosen on validation ` +
      `(${at(chosen)}, ${format(chosenValue)}).${paperSentence}`,
  };
}

/** A named per-epoch mean curve (e.g. a `methodCurveBands` entry). */
export interface NamedCurve {
  name: string;
  mean: number[];
}

/**
 * Pairs of curves whose means differ by at most `tolerance` at every epoch (they would hide
 * each other on a chart), as one sentence, or '' when no two curves coincide.
 */
export function coincidingCurvesSentence(curves: NamedCurve[], tolerance = 0.005): string {
  const pairs: string[] = [];
  curves.forEach((first, index) => {
    for (const second of curves.slice(index + 1)) {
      if (first.mean.length !== second.mean.length || first.mean.length === 0) continue;
      const gap = Math.max(...first.mean.map((value, epoch) => Math.abs(value - second.mean[epoch])));
      if (gap <= tolerance) pairs.push(`${first.name} and ${second.name} (at most ${format(gap)} apart)`);
    }
  });
  if (pairs.length === 0) return '';
  return `These curves lie on top of each other: ${pairs.join('; ')}; their dash styles and markers tell them apart.`;
}

/** Which curve ends highest and which lowest after the last epoch, as one sentence. */
export function lastEpochSentence(curves: NamedCurve[]): string {
  const last = curves
    .filter((curve) => curve.mean.length > 0)
    .map((curve) => ({ name: curve.name, value: curve.mean[curve.mean.length - 1] }))
    .sort((first, second) => second.value - first.value);
  if (last.length === 0) return '';
  const top = last[0];
  const bottom = last[last.length - 1];
  return (
    `After the last epoch ${top.name} has the highest mean test accuracy (${format(top.value)}) ` +
    `and ${bottom.name} the lowest (${format(bottom.value)}).`
  );
}

/**
 * The few-label chart's caption: at the smallest labelled fraction, the best method in each
 * mode, and the plain student's distill − drop gap (the same labels either way).
 */
export function fewLabelSentence(series: RegimeSeries[], plainMethod = 'plain'): string {
  const fractions = series.flatMap((line) => line.fractions).filter((fraction) => fraction < 1);
  if (fractions.length === 0) return '';
  const smallest = Math.min(...fractions);
  const valueAt = (line: RegimeSeries) => line.means[line.fractions.indexOf(smallest)] ?? Number.NaN;
  const modes = [...new Set(series.map((line) => line.mode))];
  const leaders = modes.flatMap((mode) => {
    const ranked = series
      .filter((line) => line.mode === mode && Number.isFinite(valueAt(line)))
      .sort((first, second) => valueAt(second) - valueAt(first));
    return ranked.length > 0 ? [`with ${mode} ${ranked[0].name} leads (${format(valueAt(ranked[0]))})`] : [];
  });
  const plain = (mode: string) => series.find((line) => line.method === plainMethod && line.mode === mode);
  const drop = plain('drop');
  const distill = plain('distill');
  const gap =
    drop && distill && Number.isFinite(valueAt(drop) - valueAt(distill))
      ? `; C distill − C drop = ${signed(valueAt(distill) - valueAt(drop))} with the same labels`
      : '';
  return `At the smallest labelled fraction (${smallest}): ${leaders.join(', ')}${gap}.`;
}

/** Which paired intervals lie above 0, below 0, or contain it, as one sentence. */
export function pairedIntervalsSentence(comparisons: PairedComparison[]): string {
  const intervals = comparisons
    .filter((comparison) => comparison.differences.length >= 2)
    .map((comparison) => differenceInterval(comparison));
  if (intervals.length === 0) return 'No comparison has two seeds: no interval can be drawn.';
  const named = (list: typeof intervals, verb: string, plural: string, what: string) =>
    list.length === 0
      ? ''
      : `the 95 % interval${list.length === 1 ? '' : 's'} of ${list.map((interval) => interval.name).join(', ')} ` +
        `${list.length === 1 ? verb : plural} ${what}`;
  return overSeedsSentence(intervals, [
    named(
      intervals.filter((interval) => interval.low > 0),
      'lies',
      'lie',
      'above 0 (the first is better)',
    ),
    named(
      intervals.filter((interval) => interval.high < 0),
      'lies',
      'lie',
      'below 0 (the second is better)',
    ),
    named(
      intervals.filter((interval) => interval.low <= 0 && interval.high >= 0),
      'contains',
      'contain',
      '0 (no evidence of a difference)',
    ),
  ]);
}

/**
 * In how many classes the first series' mean beats the second's, with the largest gain and
 * the largest loss (class names from `names`), as one sentence.
 */
export function classGainSentence(
  names: string[],
  first: { name: string; means: number[] },
  second: { name: string; means: number[] },
): string {
  const gaps = names
    .map((name, index) => ({ name, gap: first.means[index] - second.means[index] }))
    .filter((entry) => Number.isFinite(entry.gap));
  if (gaps.length === 0) return '';
  const wins = gaps.filter((entry) => entry.gap > 0).length;
  const sorted = [...gaps].sort((a, b) => b.gap - a.gap);
  const best = sorted[0];
  const worst = sorted[sorted.length - 1];
  return (
    `${first.name} has the higher mean F1 in ${wins} of ${gaps.length} classes; ` +
    `largest gain ${best.name} (${signed(best.gap, 3)}), largest loss ${worst.name} (${signed(worst.gap, 3)}).`
  );
}
