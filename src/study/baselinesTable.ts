/**
 * The baselines part's table and report section: the controls C, D and E at the experiment's
 * settings, and A and the baselines F-M each at its setting chosen on validation (the part's point
 * with the highest mean validation accuracy for that method), with test accuracy, the paired
 * difference to C (one Holm family for the table), mistake severity, calibration before and
 * after temperature scaling, and top-3 accuracy. Collapsed runs are left out and marked.
 */
import { formatMeanStd } from '../metrics';
import { methodByName } from '../methods/registry';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import type { SeverityCalibrationSeries } from '../plots/severityCalibration';
import { methodLabel, pairedFamilyTable, renderMarkdown, runsOf, type ResultTable } from '../results';
import type { PipelineRunSummary, SplitScores } from '../results/runSummary';
import { collapsedRunsIn, collapseFootnote, collapseMark } from './studyCollapse';
import type { StudyPartResult } from './studyParts';
import { groupRegimes } from './regimesTable';
import { chosenPoint, methodRuns } from './studyTables';

/** The part's methods in table order: A, the controls C, D, E, then F-M. */
export const baselineTableMethods = [
  'heterogeneous',
  'plain',
  'coarse-auxiliary',
  'label-smoothing',
  'soft-labels',
  'hxe',
  'tf-kd-virtual',
  'tf-kd-self',
  'dkd',
  'dkd-coarse',
  'composed-teacher',
  'composed-teacher-uniform',
];

/** The part's keys of `method` (`methods.<configKey>.<setting>`) that its points set. */
function gridKeys(points: SweepPointRuns[], method: string): string[] {
  const prefix = `methods.${methodByName(method).configKey}.`;
  return [...new Set(points.flatMap((point) => Object.keys(point.assignments)))].filter((key) =>
    key.startsWith(prefix),
  );
}

/** `beta 2`: a point's values of the keys (the setting name after the method's config key). */
function settingText(point: SweepPointRuns, keys: string[]): string {
  return keys.map((key) => `${key.split('.').at(-1)} ${JSON.stringify(point.assignments[key])}`).join(', ');
}

/**
 * A method's runs in the part: at its point chosen on validation when the points set one of its
 * settings (with that setting), else at the first point that holds it (A, C, D, E do not read
 * the part's settings: one run per seed, shared by every point).
 */
export function baselineRuns(
  points: SweepPointRuns[],
  method: string,
): { point?: SweepPointRuns; setting: string; runs: PipelineRunSummary[] } {
  const keys = gridKeys(points, method);
  const point =
    keys.length > 0
      ? chosenPoint(points, method)
      : points.find((candidate) => runsOf(candidate.summaries, method).length > 0);
  if (!point) return { setting: '', runs: [] };
  return { point, setting: keys.length > 0 ? settingText(point, keys) : '', runs: methodRuns(point, method) };
}

/** Mean ± std over the runs of one test score; '' when no run recorded it. */
function scoreCell(runs: PipelineRunSummary[], score: keyof SplitScores): string {
  const values = runs.map((run) => run.test[score]).filter((value): value is number => Number.isFinite(value));
  return values.length === 0 ? '' : formatMeanStd(values);
}

/**
 * One row per method of the part that has runs. `fixedSettings` names the setting of a method
 * the part does not grid (e.g. A's `T 28, a 0.3`); such a method's setting cell is otherwise empty.
 */
export function baselinesTable(points: SweepPointRuns[], fixedSettings: Record<string, string> = {}): ResultTable {
  const family = pairedFamilyTable((run: PipelineRunSummary) => run.test.accuracy);
  const plain = baselineRuns(points, 'plain').runs;
  const rows = baselineTableMethods
    .map((method) => ({ method, ...baselineRuns(points, method) }))
    .filter((entry) => entry.runs.length > 0)
    .map(({ method, point, setting, runs }) => [
      methodLabel(method),
      setting || fixedSettings[method] || '',
      `${scoreCell(runs, 'accuracy')}${point ? collapseMark(runsOf(point.summaries, method)) : ''}`,
      method === 'plain' ? '' : family.cell(runs, plain),
      scoreCell(runs, 'mistakeSeverity'),
      scoreCell(runs, 'expectedCalibrationError'),
      scoreCell(runs, 'scaledExpectedCalibrationError'),
      scoreCell(runs, 'topThreeAccuracy'),
    ]);
  return family.table({
    headers: [
      'Method',
      'Setting (chosen on validation)',
      'Test accuracy',
      '- C (paired t)',
      'Mistake severity',
      'ECE',
      'ECE after temperature scaling',
      'Top-3 accuracy',
    ],
    rows,
  });
}

/** Each method's per-seed severity and scaled ECE at its chosen setting (the chart's input). */
export function baselineSeverityCalibration(points: SweepPointRuns[]): SeverityCalibrationSeries[] {
  const finite = (values: Array<number | undefined>) =>
    values.filter((value): value is number => Number.isFinite(value));
  return baselineTableMethods
    .map((method) => ({ method, runs: baselineRuns(points, method).runs }))
    .filter((entry) => entry.runs.length > 0)
    .map(({ method, runs }) => ({
      name: methodLabel(method),
      severity: finite(runs.map((run) => run.test.mistakeSeverity)),
      calibration: finite(runs.map((run) => run.test.scaledExpectedCalibrationError)),
    }));
}

/** The settings the part leaves at the experiment's (A, D, E), as the table's setting cells name them. */
export function experimentSettings(part: StudyPartResult): Record<string, string> {
  const methods = part.part.points[0]?.config.methods ?? {};
  const heterogeneous = methods.heterogeneous;
  const text = (values: Record<string, unknown> | undefined) =>
    values
      ? `${Object.entries(values)
          .map(([key, value]) => `${key} ${JSON.stringify(value)}`)
          .join(', ')} (the experiment's)`
      : '';
  return {
    heterogeneous: heterogeneous
      ? `T ${heterogeneous.temperature}, a ${heterogeneous.studentLossWeight} (the experiment's)`
      : '',
    'coarse-auxiliary': text(methods.coarseAuxiliary as Record<string, unknown> | undefined),
    'label-smoothing': text(methods.labelSmoothing as Record<string, unknown> | undefined),
  };
}

/** One regime of the baselines part: its name ('All labels', '10 % of the labels, unlabelled inputs dropped') and points. */
export interface BaselineRegime {
  name: string;
  points: SweepPointRuns[];
}

/**
 * The part's regimes: all labels first (points without a labelled fraction), then each (fraction,
 * unlabelled-inputs mode) of a part run at fractions < 1, larger fractions first, modes in the
 * points' order.
 */
export function baselineRegimes(points: SweepPointRuns[]): BaselineRegime[] {
  // Array sort is stable: regimes of one fraction keep the points' order.
  const ordered = groupRegimes(points).sort((first, second) => second.fraction - first.fraction);
  return ordered.map((regime) => ({
    name:
      regime.fraction === 1
        ? 'All labels'
        : `${Number((regime.fraction * 100).toPrecision(6))} % of the labels, unlabelled inputs ${regime.mode === 'drop' ? 'dropped' : 'distilled'}`,
    points: regime.points,
  }));
}

/** The report's section on the baselines part (none without it); one table per regime when it ran several. */
export function baselinesSection(part: StudyPartResult | undefined): string[] {
  if (!part) return [];
  const regimes = baselineRegimes(part.points);
  const settings = experimentSettings(part);
  const tables = regimes.flatMap((regime) => [
    ...(regimes.length > 1 ? [`### ${regime.name}`, ''] : []),
    renderMarkdown(baselinesTable(regime.points, settings)),
    '',
  ]);
  const keys = [...new Set(part.points.flatMap((point) => Object.keys(point.assignments)))];
  const grids = keys
    .filter((key) => key.startsWith('methods.'))
    .map(
      (key) =>
        `${key.replace(/^methods\./, '')} {${[...new Set(part.points.map((point) => JSON.stringify(point.assignments[key])))].join(', ')}}`,
    );
  const regimeWords =
    regimes.length > 1
      ? `In each regime (${regimes.map((regime) => regime.name).join('; ')}) with its own choices on validation`
      : 'All labels';
  return [
    '## Baselines without a trained teacher and better uses of the teacher',
    '',
    'Does the coarse teacher beat the methods that use the same hierarchy without a teacher (F, G), a hand-made or ' +
      "the student's own teacher (H, I), or a teacher used in another way (J, K decoupled KD; L, M the coarse teacher " +
      `composed into a fine distribution)? ${regimeWords}; A and each of F-M at the ` +
      `setting with the highest mean validation accuracy over its small grid (${grids.join('; ')}). ` +
      'Mistake severity: mean height of the lowest common ancestor of the true and predicted class over the errors ' +
      '(1 within a group, 2 across). ECE: expected calibration error (15 bins), before and after a temperature fitted ' +
      'on validation. Lower is better for both.',
    '',
    ...tables,
    ...collapseFootnote(collapsedRunsIn(part.points, [...baselineTableMethods, 'teacher-coarse', 'teacher-fine'])),
    '',
  ];
}
