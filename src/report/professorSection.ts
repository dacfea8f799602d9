import { professorMetricsTable, professorPairsTable, renderMarkdown, type RunResult } from '../results';

/**
 * The report's professor section, or no lines when no run distilled from a
 * professor: the paired comparisons with A / B and the measured target metrics.
 */
export function professorSection(runs: RunResult[]): string[] {
  if (!runs.some((run) => run.professor)) return [];
  return [
    '## Professor strategies (P1, P2)',
    '',
    "P1 distils from the professor's refined targets instead of the teacher's; P2 from both (w·KL(teacher) + (1-w)·KL(professor)). " +
      'The professor is our design after the abstract of Bang, Lee & Shim 2021 (src/professor/README.md), trained on the training split only.',
    '',
    renderMarkdown(professorPairsTable(runs)),
    '',
    'Targets on the training split: share of rows whose logits put the true class first (teacher vs refined), and the mean absolute distance of the ' +
      'class-correlation matrices (mean soft target per true class at the distillation T; off-true-class mass at T = 1).',
    '',
    renderMarkdown(professorMetricsTable(runs)),
    '',
  ];
}
