import { builtInMethods } from '../methods/registry';
import { formatMeanStd, formatSignedDifference, mean, pairedDifferenceCell } from '../metrics';
import { methodLabel, paperReference } from '../pipeline/tables';
import { epochsToTarget, type ReportRun } from './experimentRuns';

/** A table: header cells and rows of cells (strings, already formatted). */
export interface ReportTable {
  headers: string[];
  rows: string[][];
}

/** GitHub-flavoured markdown of a table (pipes in cells escaped). */
export function markdownTable(table: ReportTable): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(table.headers), line(table.headers.map(() => '---')), ...table.rows.map(line)].join('\n');
}

/** The data set of the runs (`config.dataset.kind` of their run configs); undefined when none records one. */
export function datasetKindOf(runs: ReportRun[]): string | undefined {
  for (const run of runs) {
    const kind = (run.config.dataset as { kind?: unknown } | undefined)?.kind;
    if (typeof kind === 'string') return kind;
  }
  return undefined;
}

/** Paper 1's reference columns belong to 20 Newsgroups runs (and to runs that record no data set). */
export function paperOneColumnsFor(runs: ReportRun[]): boolean {
  const kind = datasetKindOf(runs);
  return kind === undefined || kind === 'newsgroups';
}

/** Options of the teachers' and students' tables. */
export interface ResultTableOptions {
  /** Paper 1's reference columns (default: only for 20 Newsgroups runs, see {@link paperOneColumnsFor}). */
  paperColumns?: boolean;
}

/** Sort key of a method: teachers first, then the registry's order (A-E), then by name. */
export function methodOrder(method: string): number {
  if (method === 'teacher-coarse') return -2;
  if (method === 'teacher-fine') return -1;
  const definition = builtInMethods.find((entry) => entry.name === method);
  return definition ? definition.order : 100;
}

/** Runs grouped by method, methods in {@link methodOrder}, runs by seed. */
export function groupRuns(runs: ReportRun[]): Array<[string, ReportRun[]]> {
  const groups = new Map<string, ReportRun[]>();
  for (const run of runs) groups.set(run.method, [...(groups.get(run.method) ?? []), run]);
  return [...groups]
    .map(([method, list]) => [method, list.sort((a, b) => a.seed - b.seed)] as [string, ReportRun[]])
    .sort(([a], [b]) => methodOrder(a) - methodOrder(b) || a.localeCompare(b));
}

/** `+0.0123 (p 0.021)` for a paired difference of `metric`, or '' with fewer than 2 shared seeds. */
export function pairedDifference(first: ReportRun[], second: ReportRun[], metric: 'accuracy' | 'macroF1'): string {
  return pairedDifferenceCell(first, second, (run) => run.test[metric]);
}

const parameters = (runs: ReportRun[]) => [...new Set(runs.map((run) => run.parameters))].map((count) => count.toLocaleString('en-US')).join(' / ');

/** Teachers: ours (mean ± std over seeds) beside paper 1's Table 3. */
export function teachersTable(runs: ReportRun[], options: ResultTableOptions = {}): ReportTable {
  const paper = options.paperColumns ?? paperOneColumnsFor(runs);
  const rows = groupRuns(runs.filter((run) => run.role === 'teacher')).map(([method, list]) => {
    const reference = paperReference.teachers[method as keyof typeof paperReference.teachers];
    const accuracy = mean(list.map((run) => run.test.accuracy));
    return [
      methodLabel(method),
      parameters(list),
      String(list.length),
      formatMeanStd(list.map((run) => run.test.accuracy)),
      formatMeanStd(list.map((run) => run.test.macroF1)),
      mean(list.map((run) => run.bestEpoch)).toFixed(1),
      ...(paper
        ? [
            reference ? reference.accuracy.toFixed(4) : '',
            reference ? formatSignedDifference(accuracy - reference.accuracy) : '',
            reference ? reference.parameters.toLocaleString('en-US') : '',
          ]
        : []),
    ];
  });
  return { headers: ['Teacher', 'Params', 'Seeds', 'Test accuracy', 'Test macro-F1', 'Best epoch', ...(paper ? ['Paper 1 accuracy', 'Ours - paper 1', 'Paper 1 params'] : [])], rows };
}

/** Students: ours (mean ± std, epochs to target, paired t vs C) beside paper 1's Table 4. */
export function studentsTable(runs: ReportRun[], targetAccuracy: number | undefined, options: ResultTableOptions = {}): ReportTable {
  const paper = options.paperColumns ?? paperOneColumnsFor(runs);
  const studentRuns = runs.filter((run) => run.role === 'student');
  const groups = groupRuns(studentRuns);
  const plain = groups.find(([method]) => method === 'plain')?.[1];
  // The paper's point on fine students: implied coarse accuracy and the share of errors that stay in the group.
  const groupColumns = studentRuns.some((run) => run.test.withinGroupErrorShare !== undefined);
  const scoreCell = (list: ReportRun[], pick: (run: ReportRun) => number | undefined) => {
    const values = list.map(pick).filter((value): value is number => value !== undefined);
    return values.length === list.length ? formatMeanStd(values) : '';
  };
  const rows = groups.map(([method, list]) => {
    const reference = paperReference.students[method as keyof typeof paperReference.students];
    let toTarget = '';
    if (targetAccuracy !== undefined && list.every((run) => run.testAccuracyCurve.length > 0)) {
      const reached = list.map((run) => epochsToTarget(run, targetAccuracy)).filter((epochs): epochs is number => epochs !== undefined);
      toTarget = reached.length > 0 ? `${mean(reached).toFixed(1)} (${reached.length}/${list.length})` : `- (0/${list.length})`;
    }
    const withinShare = (run: ReportRun) => run.test.withinGroupErrorShare ?? Number.NaN;
    return [
      methodLabel(method),
      parameters(list),
      String(list.length),
      formatMeanStd(list.map((run) => run.test.accuracy)),
      formatMeanStd(list.map((run) => run.test.macroF1)),
      mean(list.map((run) => run.bestEpoch)).toFixed(1),
      toTarget,
      plain && method !== 'plain' ? pairedDifference(list, plain, 'accuracy') : '',
      ...(groupColumns
        ? [
            scoreCell(list, (run) => run.test.impliedCoarseAccuracy),
            scoreCell(list, (run) => run.test.withinGroupErrorShare),
            plain && method !== 'plain' && [...list, ...plain].every((run) => run.test.withinGroupErrorShare !== undefined) ? pairedDifferenceCell(list, plain, withinShare) : '',
          ]
        : []),
      ...(paper ? [reference ? reference.accuracy.toFixed(4) : '', reference ? reference.macroF1.toFixed(4) : ''] : []),
    ];
  });
  const target = targetAccuracy === undefined ? 'Epochs to target' : `Epochs to ${targetAccuracy} (reached)`;
  return {
    headers: [
      'Method', 'Params', 'Seeds', 'Test accuracy', 'Test macro-F1', 'Best epoch', target, 'Accuracy vs C (paired t)',
      ...(groupColumns ? ['Implied coarse acc.', 'Errors in group', 'Errors in group vs C (paired t)'] : []),
      ...(paper ? ['Paper 1 accuracy', 'Paper 1 macro-F1'] : []),
    ],
    rows,
  };
}

/** The pairs compared head to head (first - second), when both were run. */
export const comparedPairs: Array<[string, string]> = [
  ['heterogeneous', 'traditional'],
  ['heterogeneous', 'plain'],
  ['traditional', 'plain'],
  ['heterogeneous', 'coarse-auxiliary'],
  ['coarse-auxiliary', 'plain'],
  ['heterogeneous', 'label-smoothing'],
  ['label-smoothing', 'plain'],
];

/** Paired t-tests over shared seeds for every pair of {@link comparedPairs} that both ran. */
export function pairwiseTable(runs: ReportRun[], pairs: ReadonlyArray<readonly [string, string]> = comparedPairs): ReportTable {
  const groups = new Map(groupRuns(runs));
  const rows = pairs
    .filter(([first, second]) => groups.has(first) && groups.has(second))
    .map(([first, second]) => [
      `${methodLabel(first)} - ${methodLabel(second)}`,
      pairedDifference(groups.get(first)!, groups.get(second)!, 'accuracy') || 'needs 2+ shared seeds',
      pairedDifference(groups.get(first)!, groups.get(second)!, 'macroF1') || 'needs 2+ shared seeds',
    ]);
  return { headers: ['Pair (first - second)', 'Test accuracy difference', 'Test macro-F1 difference'], rows };
}

/** Test accuracy of every run: one row per seed, one column per method. */
export function perSeedTable(runs: ReportRun[]): ReportTable {
  const groups = groupRuns(runs);
  const seeds = [...new Set(runs.map((run) => run.seed))].sort((a, b) => a - b);
  const rows = seeds.map((seed) => [String(seed), ...groups.map(([, list]) => list.find((run) => run.seed === seed)?.test.accuracy.toFixed(4) ?? '')]);
  return { headers: ['Seed', ...groups.map(([method]) => methodLabel(method))], rows };
}

/** The setup each method ran with, from its run config: features, input size, training settings, time. */
export function setupTable(runs: ReportRun[]): ReportTable {
  const describe = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    const record = value as Record<string, unknown>;
    if (typeof record.encoderId === 'string') return record.encoderId;
    // The data fingerprint identifies the texts, not the features: leave it out of the table.
    const { dataFingerprint: _fingerprint, ...rest } = record;
    return JSON.stringify(rest);
  };
  const rows = groupRuns(runs).map(([method, list]) => {
    const config = list[0].config;
    const training = config.training as Record<string, unknown> | undefined;
    return [
      methodLabel(method),
      describe(config.features ?? config.encoder),
      describe(config.inputDimension),
      describe(config.methodSettings),
      training ? `lr ${training.learningRate}, batch ${training.batchSize}, dropout ${training.dropoutRate}, ≤${training.epochs} epochs` : '',
      mean(list.map((run) => (Number.isFinite(run.trainingSeconds) ? run.trainingSeconds : 0))).toFixed(1),
      list.some((run) => run.featuresSeconds !== undefined) ? mean(list.filter((run) => run.featuresSeconds !== undefined).map((run) => run.featuresSeconds!)).toFixed(1) : '',
      [...new Set(list.map((run) => run.backend))].join(', '),
    ];
  });
  return { headers: ['Method', 'Features', 'Input size', 'Method settings', 'Training', 'Mean training s', 'Features s', 'Backend'], rows };
}
