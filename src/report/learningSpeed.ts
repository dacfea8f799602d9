import { curveBand, relativeTargetEpochs, type RelativeTargetRow } from '../metrics';
import { groupByMethod, methodLabel, type ResultTable, type RunResult } from '../results';
import { lineChartSvg } from './svgCharts';

/** Options of {@link learningSpeedTable}. */
export interface LearningSpeedOptions {
  /** Default 'plain' (C). */
  referenceMethod?: string;
  /** Default 0.95. */
  share?: number;
}

const formatEpochs = (row: RelativeTargetRow) =>
  row.reached === 0
    ? 'never'
    : `${row.meanEpochs.toFixed(1)}${Number.isFinite(row.stdEpochs) ? ` ± ${row.stdEpochs.toFixed(1)}` : ''}`;

/**
 * Students' learning speed with relative targets (see relativeTargetEpochs): epochs to
 * `share` of the reference method's best test accuracy on the same seed (mean ± std over
 * the seeds that reached it, and how many did), and epochs to `share` of the run's own
 * best; the same for macro-F1. Meaningful on fixed-length curves (early stopping off).
 */
export function learningSpeedTable(runs: RunResult[], options: LearningSpeedOptions = {}): ResultTable {
  const referenceMethod = options.referenceMethod ?? 'plain';
  const share = options.share ?? 0.95;
  const students = runs.filter((run) => run.role === 'student');
  const rowsOf = (curve: (run: RunResult) => number[]) =>
    new Map(
      relativeTargetEpochs(
        students.map((run) => ({ method: run.method, seed: run.seed, values: curve(run) })),
        { referenceMethod, share },
      ).map((row) => [row.method, row]),
    );
  const accuracy = rowsOf((run) => run.testAccuracyCurve);
  const macroF1 = rowsOf((run) => run.testMacroF1Curve);
  const percent = `${Math.round(share * 100)} %`;
  return {
    headers: [
      'Method',
      'Epochs run',
      `Epochs to ${percent} of ${methodLabel(referenceMethod)}'s best accuracy`,
      'Seeds reaching it',
      `Epochs to ${percent} of own best accuracy`,
      `Epochs to ${percent} of ${methodLabel(referenceMethod)}'s best macro-F1`,
    ],
    rows: groupByMethod(students)
      .filter(({ method }) => accuracy.has(method) && accuracy.get(method)!.seeds.length > 0)
      .map(({ method, runs: list }) => {
        const row = accuracy.get(method)!;
        const f1 = macroF1.get(method);
        return [
          methodLabel(method),
          [...new Set(list.map((run) => run.epochsRun))].join(' / '),
          formatEpochs(row),
          `${row.reached} / ${row.seeds.length}`,
          row.meanOwnPlateauEpochs.toFixed(1),
          f1 && f1.seeds.length > 0 ? formatEpochs(f1) : '',
        ];
      }),
  };
}

/** One method's per-epoch curve over seeds: mean with a ± std band (see curveBand). */
export interface MethodCurveBand {
  method: string;
  /** methodLabel(method), e.g. 'C plain student'. */
  name: string;
  /** Seeds averaged, ascending. */
  seeds: number[];
  mean: number[];
  low: number[];
  high: number[];
}

/** Per-epoch curves of every student method (methods in A-E order) whose runs all logged the curve: mean over seeds with a ± std band. */
export function methodCurveBands(
  runs: RunResult[],
  curve: 'testAccuracyCurve' | 'testMacroF1Curve' | 'validationAccuracyCurve' = 'testAccuracyCurve',
): MethodCurveBand[] {
  return groupByMethod(runs.filter((run) => run.role === 'student'))
    .filter(({ runs: list }) => list.every((run) => run[curve].some(Number.isFinite)))
    .map(({ method, runs: list }) => ({
      method,
      name: methodLabel(method),
      seeds: list.map((run) => run.seed),
      ...curveBand(list.map((run) => run[curve])),
    }));
}

/** Per-epoch test accuracy and macro-F1 of every student method: mean over seeds with a ± std band. */
export function curveChartsSvg(runs: RunResult[]): Array<{ file: string; caption: string; svg: string }> {
  const groups = groupByMethod(runs.filter((run) => run.role === 'student')).filter(({ runs: list }) =>
    list.every((run) => run.testAccuracyCurve.some(Number.isFinite)),
  );
  if (groups.length === 0) return [];
  const chart = (metric: 'testAccuracyCurve' | 'testMacroF1Curve', name: string) => {
    const series = methodCurveBands(runs, metric).map((band) => ({
      name: band.name,
      values: band.mean,
      band: { low: band.low, high: band.high },
    }));
    return lineChartSvg(`Students: test ${name} per epoch (mean, band ± std over seeds)`, series, {
      yLabel: `test ${name}`,
    });
  };
  const charts = [
    {
      file: 'students-accuracy-band.svg',
      caption: 'Students: test accuracy after each epoch (mean, band: ± std over seeds)',
      svg: chart('testAccuracyCurve', 'accuracy'),
    },
  ];
  if (groups.some(({ runs: list }) => list.some((run) => run.testMacroF1Curve.some(Number.isFinite)))) {
    charts.push({
      file: 'students-macro-f1-band.svg',
      caption: 'Students: test macro-F1 after each epoch (mean, band: ± std over seeds)',
      svg: chart('testMacroF1Curve', 'macro-F1'),
    });
  }
  return charts;
}
