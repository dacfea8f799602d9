import { formatMeanStd } from '../metrics';
import { professorComparisons } from '../methods/registry';
import type { PipelineRunSummary } from './runSummary';
import { compareMethods, methodLabel, methodOrder } from './tables';

/**
 * Paired comparisons of each professor strategy with its paper method (P1-A and P2-A vs A,
 * P1-B and P2-B vs B) over shared seeds, for the pairs that both ran (compareMethods lines).
 */
export function professorComparisonLines(students: PipelineRunSummary[]): string[] {
  const methods = new Set(students.map((summary) => summary.method));
  return professorComparisons.filter(([first, second]) => methods.has(first) && methods.has(second)).map(([first, second]) => compareMethods(students, first, second));
}

/** One row of the professor table: what refinement did to the targets each professor strategy distilled. */
export interface ProfessorTableRow {
  method: string;
  seeds: number;
  teacherTrueClassFirst: string;
  refinedTrueClassFirst: string;
  distanceAtTemperature: string;
  distanceOffTrueClass: string;
  professorEpochs: string;
}

/** Mean ± std over seeds of each professor strategy's target metrics (from `summary.professor`), in registry order. */
export function professorTable(students: PipelineRunSummary[]): ProfessorTableRow[] {
  const byMethod = new Map<string, PipelineRunSummary[]>();
  for (const summary of students) {
    if (!summary.professor) continue;
    byMethod.set(summary.method, [...(byMethod.get(summary.method) ?? []), summary]);
  }
  return [...byMethod]
    .sort(([a], [b]) => methodOrder(a) - methodOrder(b))
    .map(([method, runs]) => {
      const metric = (pick: (summary: PipelineRunSummary) => number) => formatMeanStd(runs.map(pick));
      return {
        method: methodLabel(method),
        seeds: runs.length,
        teacherTrueClassFirst: metric((run) => run.professor!.metrics.teacherTrueClassFirst),
        refinedTrueClassFirst: metric((run) => run.professor!.metrics.refinedTrueClassFirst),
        distanceAtTemperature: metric((run) => run.professor!.metrics.correlationDistanceAtTemperature),
        distanceOffTrueClass: metric((run) => run.professor!.metrics.correlationDistanceOffTrueClass),
        professorEpochs: [...new Set(runs.map((run) => run.professor!.settings.epochs))].join(' / '),
      };
    });
}

export const professorTableColumns: Array<[keyof ProfessorTableRow, string]> = [
  ['method', 'Method'],
  ['seeds', 'Seeds'],
  ['teacherTrueClassFirst', 'True class first: teacher'],
  ['refinedTrueClassFirst', 'refined'],
  ['distanceAtTemperature', 'Corr. distance @T'],
  ['distanceOffTrueClass', 'off-true @1'],
  ['professorEpochs', 'Professor epochs'],
];
