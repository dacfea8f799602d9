import { professorComparisons } from '../methods/registry';
import { formatMeanStd } from '../metrics';
import type { ProfessorTargetMetrics } from '../pipeline/targets/professorLogits';
import { methodLabel } from '../pipeline/tables';
import type { ReportRun } from './experimentRuns';
import { groupRuns, markdownTable, pairwiseTable, type ReportTable } from './reportTables';

/** Paired t-tests of each professor strategy against its paper method (P1-A, P2-A vs A; P1-B, P2-B vs B), for the pairs that both ran. */
export function professorPairsTable(runs: ReportRun[]): ReportTable {
  return pairwiseTable(runs, professorComparisons);
}

/** What the professor did to each strategy's targets (summary.professor.metrics), mean ± std over seeds. */
export function professorMetricsTable(runs: ReportRun[]): ReportTable {
  const rows = groupRuns(runs.filter((run) => run.professor))
    .map(([method, list]) => {
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
    headers: ['Method', 'Seeds', 'True class first: teacher', 'True class first: refined', 'Correlation distance @T', 'Off-true distance @T=1', 'Professor weights', 'Professor epochs'],
    rows,
  };
}

/**
 * The report's professor section (issue 11 §1), or no lines when no run distilled from a
 * professor: the paired comparisons with A / B and the measured target metrics.
 */
export function professorSection(runs: ReportRun[]): string[] {
  if (!runs.some((run) => run.professor)) return [];
  return [
    '## Professor strategies (P1, P2)',
    '',
    'P1 distils from the professor\'s refined targets instead of the teacher\'s; P2 from both (w·KL(teacher) + (1-w)·KL(professor)). ' +
      'The professor is our design after the abstract of Bang, Lee & Shim 2021 (src/professor/README.md), trained on the training split only.',
    '',
    markdownTable(professorPairsTable(runs)),
    '',
    'Targets on the training split: share of rows whose logits put the true class first (teacher vs refined), and the mean absolute distance of the ' +
      'class-correlation matrices (mean soft target per true class at the distillation T; off-true-class mass at T = 1).',
    '',
    markdownTable(professorMetricsTable(runs)),
    '',
  ];
}
