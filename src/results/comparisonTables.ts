/**
 * Head-to-head comparisons over shared seeds: the pairwise table, the one-line comparison
 * the CLI prints, the per-seed accuracies, the runs' setup, and the professor strategies'
 * pairs and target metrics.
 */
import { professorComparisons } from '../methods/registry';
import {
  formatMeanStd,
  formatPValue,
  formatSignedDifference,
  mean,
  pairBySeed,
  pairedBySeedDifference,
  pairedFamilyCells,
  minimalDetectableEffectLine,
  type PairedDifference,
} from '../metrics';
import type { ProfessorTargetMetrics } from '../professor/professorSummary';
import { groupByMethod, methodLabel } from './grouping';
import type { RunResult } from './runResult';
import type { ResultTable } from './table';

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

const runsByMethod = (runs: RunResult[]) => new Map(groupByMethod(runs).map((group) => [group.method, group.runs]));

/**
 * Paired t-tests over shared seeds for every pair of {@link comparedPairs} (or `pairs`) that
 * both ran: mean difference, 95 % interval, p and (the table is one family) the Holm p;
 * under the table, its minimal detectable effect.
 */
export function pairwiseTable(
  runs: RunResult[],
  pairs: ReadonlyArray<readonly [string, string]> = comparedPairs,
): ResultTable {
  const groups = runsByMethod(runs);
  const ran = pairs.filter(([first, second]) => groups.has(first) && groups.has(second));
  const metrics = ['accuracy', 'macroF1'] as const;
  const differences: Array<PairedDifference | undefined> = ran.flatMap(([first, second]) =>
    metrics.map((metric) => pairedBySeedDifference(groups.get(first)!, groups.get(second)!, (run) => run.test[metric])),
  );
  const cells = pairedFamilyCells(differences).map((cell) => cell || 'needs 2+ shared seeds');
  const rows = ran.map(([first, second], index) => [
    `${methodLabel(first)} - ${methodLabel(second)}`,
    cells[index * metrics.length],
    cells[index * metrics.length + 1],
  ]);
  const note = minimalDetectableEffectLine(differences);
  return {
    headers: ['Pair (first - second)', 'Test accuracy difference', 'Test macro-F1 difference'],
    rows,
    ...(note ? { notes: [note] } : {}),
  };
}

/** One line comparing two methods over shared seeds (accuracy and macro-F1: difference, 95 % interval, t, df and p). */
export function comparisonLine(runs: RunResult[], first: string, second: string): string {
  const groups = runsByMethod(runs);
  const a = groups.get(first);
  const b = groups.get(second);
  if (!a || !b) return `${first} vs ${second}: not both run`;
  const parts = (['accuracy', 'macroF1'] as const).map((metric) => {
    const test = pairedBySeedDifference(a, b, (run) => run.test[metric]);
    if (!test) return `${metric}: needs 2+ shared seeds`;
    return `${metric} ${formatSignedDifference(test.meanDifference)} [${formatSignedDifference(test.low)}, ${formatSignedDifference(test.high)}] (t ${test.t.toFixed(2)}, df ${test.pairs - 1}, p ${formatPValue(test.pValue)})`;
  });
  return `${methodLabel(first)} vs ${methodLabel(second)} over ${pairBySeed(a, b, (run) => run.test.accuracy).seeds.length} shared seeds: ${parts.join('; ')}`;
}

/** Test accuracy of every run: one row per seed, one column per method. */
export function perSeedTable(runs: RunResult[]): ResultTable {
  const groups = groupByMethod(runs);
  const seeds = [...new Set(runs.map((run) => run.seed))].sort((a, b) => a - b);
  const rows = seeds.map((seed) => [
    String(seed),
    ...groups.map((group) => group.runs.find((run) => run.seed === seed)?.test.accuracy.toFixed(4) ?? ''),
  ]);
  return { headers: ['Seed', ...groups.map((group) => methodLabel(group.method))], rows };
}

/** The setup each method ran with, from its run config: features, input size, training settings, time. */
export function setupTable(runs: RunResult[]): ResultTable {
  const describe = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    const record = value as Record<string, unknown>;
    if (typeof record.encoderId === 'string') return record.encoderId;
    // The data fingerprint identifies the texts, not the features: leave it out of the table.
    const { dataFingerprint: _fingerprint, ...rest } = record;
    return JSON.stringify(rest);
  };
  const rows = groupByMethod(runs).map(({ method, runs: list }) => {
    const config = list[0].config;
    const training = config.training as Record<string, unknown> | undefined;
    return [
      methodLabel(method),
      describe(config.features ?? config.encoder),
      describe(config.inputDimension),
      describe(config.methodSettings),
      training
        ? `lr ${training.learningRate}, batch ${training.batchSize}, dropout ${training.dropoutRate}, ≤${training.epochs} epochs`
        : '',
      mean(list.map((run) => (Number.isFinite(run.trainingSeconds) ? run.trainingSeconds : 0))).toFixed(1),
      list.some((run) => run.featuresSeconds !== undefined)
        ? mean(list.filter((run) => run.featuresSeconds !== undefined).map((run) => run.featuresSeconds!)).toFixed(1)
        : '',
      [...new Set(list.map((run) => run.backend))].join(', '),
    ];
  });
  return {
    headers: [
      'Method',
      'Features',
      'Input size',
      'Method settings',
      'Training',
      'Mean training s',
      'Features s',
      'Backend',
    ],
    rows,
  };
}

/** Paired t-tests of each professor strategy against its paper method (P1-A, P2-A vs A; P1-B, P2-B vs B), for the pairs that both ran. */
export function professorPairsTable(runs: RunResult[]): ResultTable {
  return pairwiseTable(runs, professorComparisons);
}

/** What the professor did to each strategy's targets (summary.professor.metrics), mean ± std over seeds. */
export function professorMetricsTable(runs: RunResult[]): ResultTable {
  const rows = groupByMethod(runs.filter((run) => run.professor)).map(({ method, runs: list }) => {
    const metric = (key: keyof ProfessorTargetMetrics) => formatMeanStd(list.map((run) => run.professor!.metrics[key]));
    return [
      methodLabel(method),
      String(list.length),
      metric('teacherTrueClassFirst'),
      metric('refinedTrueClassFirst'),
      metric('correlationDistanceAtTemperature'),
      metric('correlationDistanceOffTrueClass'),
      [...new Set(list.map((run) => JSON.stringify(run.professor!.settings.weights)))].join(' / '),
      [...new Set(list.map((run) => run.professor!.settings.epochs))].join(' / '),
    ];
  });
  return {
    headers: [
      'Method',
      'Seeds',
      'True class first: teacher',
      'True class first: refined',
      'Correlation distance @T',
      'Off-true distance @T=1',
      'Professor weights',
      'Professor epochs',
    ],
    rows,
  };
}
