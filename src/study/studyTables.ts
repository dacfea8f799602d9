import { formatMeanStd, mean, pairedDifferenceCell } from '../metrics';
import type { PipelineRunSummary } from '../results/runSummary';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import { paper1Choices } from '../papers';
import { methodLabel, methodLetter, pairedFamilyTable, runsOf, type ResultTable } from '../results';
import { collapseMark, keptRuns } from './studyCollapse';

const temperatureKey = 'methods.heterogeneous.temperature';
const weightKey = 'methods.heterogeneous.studentLossWeight';

/**
 * A point's value of a key path, whether it was swept alone (`a`) or linked with others
 * (`a+b`, as the study's grid sets A and B together).
 */
export function assignedValue(point: Pick<SweepPointRuns, 'assignments'>, keyPath: string): unknown {
  if (keyPath in point.assignments) return point.assignments[keyPath];
  const linked = Object.keys(point.assignments).find((key) => key.split('+').includes(keyPath));
  return linked === undefined ? undefined : point.assignments[linked];
}

/**
 * The runs of `method` at one point, by seed (the order every paired comparison pairs them in,
 * by seed number), collapsed runs left out (studyCollapse.ts): every mean, choice and paired test reads these.
 */
export function methodRuns(point: SweepPointRuns, method: string): PipelineRunSummary[] {
  return keptRuns(runsOf(point.summaries, method));
}

/** A method's test-accuracy cell at a point, marked when a collapsed run was left out. */
function markedAccuracyCell(point: SweepPointRuns, method: string): string {
  const cell = accuracyCell(methodRuns(point, method));
  return cell === '' ? cell : `${cell}${collapseMark(runsOf(point.summaries, method))}`;
}

/** A grid point's temperature and student-loss weight (the keys the grid sweeps, alone or linked). */
export function pointSettings(point: SweepPointRuns): { temperature: number; studentLossWeight: number } {
  const temperature = assignedValue(point, temperatureKey);
  const studentLossWeight = assignedValue(point, weightKey);
  if (typeof temperature !== 'number' || typeof studentLossWeight !== 'number') {
    throw new Error(
      `pointSettings: point "${point.label}" does not assign ${temperatureKey} and ${weightKey} (got ${JSON.stringify(point.assignments)})`,
    );
  }
  return { temperature, studentLossWeight };
}

/** `+0.0123 [+0.0031, +0.0215] p 0.021, n 5`: mean paired test-accuracy difference first - second over shared seeds, its 95 % interval and two-sided paired t-test; '' under 2 pairs. */
export function pairedCell(first: PipelineRunSummary[], second: PipelineRunSummary[]): string {
  return pairedDifferenceCell(first, second, (run) => run.test.accuracy);
}

/** The paired test-accuracy comparisons of one study table: one family (Holm p in each cell, minimal detectable effect under the table). */
const accuracyFamily = () => pairedFamilyTable((run: PipelineRunSummary) => run.test.accuracy);

const accuracyCell = (runs: PipelineRunSummary[]) =>
  runs.length === 0 ? '' : formatMeanStd(runs.map((run) => run.test.accuracy));

/** The grid of one method: rows = temperatures, columns = student-loss weights, cells = mean accuracy over seeds on `split`. */
export function gridValues(
  points: SweepPointRuns[],
  method: string,
  split: 'validation' | 'test',
): { rowLabels: string[]; columnLabels: string[]; values: number[][]; temperatures: number[]; weights: number[] } {
  const temperatures = [...new Set(points.map((point) => assignedValue(point, temperatureKey) as number))].sort(
    (a, b) => a - b,
  );
  const weights = [...new Set(points.map((point) => assignedValue(point, weightKey) as number))].sort((a, b) => a - b);
  const values = temperatures.map((temperature) =>
    weights.map((weight) => {
      const point = points.find(
        (candidate) =>
          assignedValue(candidate, temperatureKey) === temperature && assignedValue(candidate, weightKey) === weight,
      );
      const runs = point ? methodRuns(point, method) : [];
      return runs.length > 0 ? mean(runs.map((run) => run[split].accuracy)) : Number.NaN;
    }),
  );
  return {
    rowLabels: temperatures.map((value) => `T ${value}`),
    columnLabels: weights.map((value) => `a ${value}`),
    values,
    temperatures,
    weights,
  };
}

/** A method's point with the highest mean VALIDATION accuracy (the earlier point on ties). */
export function chosenPoint(points: SweepPointRuns[], method: string): SweepPointRuns | undefined {
  let best: { point: SweepPointRuns; value: number } | undefined;
  for (const point of points) {
    const runs = methodRuns(point, method);
    if (runs.length === 0) continue;
    const value = mean(runs.map((run) => run.validation.accuracy));
    if (!best || value > best.value) best = { point, value };
  }
  return best?.point;
}

/** A and B: the point chosen on validation beside paper 1's choice, their test accuracy, and chosen - paper (paired). */
export function chosenVersusPaperTable(points: SweepPointRuns[]): ResultTable {
  const family = accuracyFamily();
  const rows: string[][] = [];
  for (const method of ['heterogeneous', 'traditional']) {
    const chosen = chosenPoint(points, method);
    if (!chosen) continue;
    const paper = paper1Choices[method];
    const paperPoint = points.find(
      (point) =>
        assignedValue(point, temperatureKey) === paper.temperature &&
        assignedValue(point, weightKey) === paper.studentLossWeight,
    );
    const chosenRuns = methodRuns(chosen, method);
    const paperRuns = paperPoint ? methodRuns(paperPoint, method) : [];
    rows.push([
      methodLabel(method),
      `T ${assignedValue(chosen, temperatureKey)}, a ${assignedValue(chosen, weightKey)}`,
      formatMeanStd(chosenRuns.map((run) => run.validation.accuracy)),
      markedAccuracyCell(chosen, method),
      `T ${paper.temperature}, a ${paper.studentLossWeight}`,
      paperPoint && paperRuns.length > 0 ? markedAccuracyCell(paperPoint, method) : 'not in the grid',
      paperRuns.length > 0 ? family.cell(chosenRuns, paperRuns) : '',
    ]);
  }
  return family.table({
    headers: [
      'Method',
      'Chosen on validation',
      'Validation accuracy',
      'Test accuracy',
      "Paper 1's choice",
      "Test accuracy at paper 1's choice",
      'Chosen - paper (paired t)',
    ],
    rows,
  });
}

/**
 * One row per point: the coarse teacher's test accuracy (on its own groups), each method's
 * test accuracy (mean ± std over seeds) and the paired differences asked for (e.g. A - C, A - D).
 */
export function pointsComparisonTable(
  points: SweepPointRuns[],
  methods: string[],
  comparisons: Array<[string, string]>,
  pointHeader: string,
  pointName: (point: SweepPointRuns) => string = (point) => point.label,
): ResultTable {
  const family = accuracyFamily();
  return family.table({
    headers: [
      pointHeader,
      'Coarse teacher',
      ...methods.map(methodLabel),
      ...comparisons.map(([first, second]) => `${methodLetter(first)} - ${methodLetter(second)} (paired t)`),
    ],
    rows: points.map((point) => [
      pointName(point),
      markedAccuracyCell(point, 'teacher-coarse'),
      ...methods.map((method) => markedAccuracyCell(point, method)),
      ...comparisons.map(([first, second]) => family.cell(methodRuns(point, first), methodRuns(point, second))),
    ]),
  });
}

/** `fraction 0.25, distill`, or `all labels` at fraction 1. */
export function regimeName(point: SweepPointRuns): string {
  const fraction = point.assignments['student.labelledFraction'] as number | undefined;
  if (fraction === undefined || fraction === 1) return 'all labels (1)';
  return `${fraction}, ${point.assignments['student.unlabelledInputs'] as string}`;
}

/**
 * One row per feature set (teachers and students on the same features): the coarse
 * teacher's and a student's parameter counts and their ratio, each network's test accuracy
 * (mean ± std over seeds), A - C paired over seeds, and the seconds the features took in
 * the call that built them (embedding, or TF-IDF fit + transform; 'cached' when read from
 * the embedding cache).
 */
export function featureSetsTable(points: SweepPointRuns[]): ResultTable {
  const first = (runs: PipelineRunSummary[]) => runs[0];
  const family = accuracyFamily();
  return family.table({
    headers: [
      'Feature set',
      'Teacher parameters',
      'Student parameters',
      'Student / teacher',
      'Coarse teacher',
      'Fine teacher',
      ...['heterogeneous', 'traditional', 'plain'].map(methodLabel),
      'A - C (paired t)',
      'Features seconds (this call)',
    ],
    rows: points.map((point) => {
      const teacher = first(methodRuns(point, 'teacher-coarse'));
      const student = first(methodRuns(point, 'plain'));
      const seconds = point.summaries
        .map((summary) => summary.featuresSeconds)
        .filter((value): value is number => Number.isFinite(value));
      return [
        point.label,
        teacher ? teacher.parameters.toLocaleString('en-US') : '',
        student ? student.parameters.toLocaleString('en-US') : '',
        teacher && student ? (student.parameters / teacher.parameters).toFixed(3) : '',
        markedAccuracyCell(point, 'teacher-coarse'),
        markedAccuracyCell(point, 'teacher-fine'),
        ...['heterogeneous', 'traditional', 'plain'].map((method) => markedAccuracyCell(point, method)),
        family.cell(methodRuns(point, 'heterogeneous'), methodRuns(point, 'plain')),
        seconds.length > 0 && Math.max(...seconds) >= 0.05 ? Math.max(...seconds).toFixed(1) : 'cached',
      ];
    }),
  });
}

const macroF1Cell = (runs: PipelineRunSummary[]) =>
  runs.length === 0 ? '' : formatMeanStd(runs.map((run) => run.test.macroF1));

/**
 * A and B at their points chosen on validation beside the controls C, D and E (which do not
 * read T or a: the first point holding them), each with test accuracy and macro-F1 and its
 * paired difference to C and to D over seeds; the last row is chosen A - chosen B.
 */
export function chosenVersusControlsTable(points: SweepPointRuns[]): ResultTable {
  const shared = (method: string) => {
    const point = points.find((candidate) => methodRuns(candidate, method).length > 0);
    return point ? methodRuns(point, method) : [];
  };
  const chosenRuns = (method: string) => {
    const point = chosenPoint(points, method);
    return point
      ? {
          runs: methodRuns(point, method),
          at: `T ${assignedValue(point, temperatureKey)}, a ${assignedValue(point, weightKey)}`,
        }
      : { runs: [], at: '' };
  };
  const heterogeneous = chosenRuns('heterogeneous');
  const traditional = chosenRuns('traditional');
  const plain = shared('plain');
  const coarseAuxiliary = shared('coarse-auxiliary');
  const family = accuracyFamily();
  const rows: Array<[string, string, PipelineRunSummary[]]> = [
    [methodLabel('heterogeneous'), heterogeneous.at, heterogeneous.runs],
    [methodLabel('traditional'), traditional.at, traditional.runs],
    [methodLabel('plain'), '', plain],
    [methodLabel('coarse-auxiliary'), '', coarseAuxiliary],
    [methodLabel('label-smoothing'), '', shared('label-smoothing')],
  ];
  return family.table({
    headers: [
      'Network',
      'Setting (chosen on validation)',
      'Test accuracy',
      'Test macro-F1',
      '- C (paired t)',
      '- D (paired t)',
    ],
    rows: [
      ...rows
        .filter(([, , runs]) => runs.length > 0)
        .map(([label, at, runs]) => [
          label,
          at,
          accuracyCell(runs),
          macroF1Cell(runs),
          runs === plain ? '' : family.cell(runs, plain),
          runs === coarseAuxiliary ? '' : family.cell(runs, coarseAuxiliary),
        ]),
      ['A - B (chosen vs chosen)', '', family.cell(heterogeneous.runs, traditional.runs), '', '', ''],
    ],
  });
}

/** The teacher-features part's table: A, B and C per teacher feature set, A − C and B − C paired over seeds. */
export function teacherFeaturesTable(points: SweepPointRuns[]): ResultTable {
  return pointsComparisonTable(
    points,
    ['heterogeneous', 'traditional', 'plain'],
    [
      ['heterogeneous', 'plain'],
      ['traditional', 'plain'],
    ],
    'Teacher features',
  );
}
