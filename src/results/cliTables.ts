/**
 * What the pipeline CLI prints after a comparison: the same teachers' and students' tables
 * the report writes (read back from the run records just written), as aligned text, plus
 * the head-to-head lines of A vs B and of each professor strategy vs its paper method, and
 * the verdict on each of the paper's claims (the report's claims engine).
 */
import { professorComparisons } from '../methods/registry';
import { paperFor } from '../papers';
import { comparisonLine, professorMetricsTable } from './comparisonTables';
import { collapseWarning } from './collapse';
import { loadExperimentResults } from './loadResults';
import { claimVerdictLines, evaluatePaperClaims } from './paperClaims';
import { renderText } from './table';
import { datasetKindOf, studentsTable, teachersTable } from './tables';

/** What {@link comparisonTablesText} reads. */
export interface ComparisonTablesInput {
  experimentDirectory: string;
  /** The run folders of the comparison (paths or names in the experiment folder). */
  runFolders: string[];
  /** The experiment's "epochs to reach" target accuracy. */
  targetAccuracy: number;
  /** The hierarchy's name, for the teachers' heading. */
  hierarchyName: string;
}

/** The comparison's tables and comparison lines as CLI text (one string, lines joined). */
export async function comparisonTablesText(input: ComparisonTablesInput): Promise<string> {
  const results = await loadExperimentResults(input.experimentDirectory, {
    runFolders: input.runFolders,
    targetAccuracy: input.targetAccuracy,
  });
  // Collapsed runs (collapse.ts) are said one per line and left out of every table below.
  const runs = results.runs.filter((run) => !run.collapsed);
  const warnings = results.runs
    .filter((run) => run.collapsed)
    .map((run) => collapseWarning(run, { collapsed: true, reason: run.collapseReason }));
  const seeds = results.seeds.length;
  const lines = [
    ...(warnings.length > 0 ? ['', ...warnings] : []),
    `\nTeachers (test set; mean ± std over ${seeds} seeds; hierarchy ${input.hierarchyName}):`,
    renderText(teachersTable(runs)),
  ];
  const students = runs.filter((run) => run.role === 'student');
  if (students.length === 0) return lines.join('\n');
  lines.push(
    `\nStudents (test set; mean ± std over ${seeds} seeds; target accuracy ${input.targetAccuracy}):`,
    renderText(studentsTable(runs, input.targetAccuracy)),
  );
  const methods = new Set(students.map((run) => run.method));
  if (methods.has('heterogeneous') && methods.has('traditional'))
    lines.push(`\n${comparisonLine(students, 'heterogeneous', 'traditional')}`);
  if (students.some((run) => run.professor)) {
    lines.push(
      '\nProfessor strategies: their targets on the training split (teacher vs refined), then paired tests against A / B:',
      renderText(professorMetricsTable(students)),
    );
    for (const [first, second] of professorComparisons)
      if (methods.has(first) && methods.has(second)) lines.push(comparisonLine(students, first, second));
  }
  const paper = paperFor(datasetKindOf(runs));
  lines.push(
    `\n${paper.name}'s claims on these runs (paired t-tests over seeds, Holm-corrected over the claims at 0.05; see "How to read the verdicts" in the README; npm run report gives the evidence):`,
  );
  lines.push(...claimVerdictLines(evaluatePaperClaims(runs, paper.claims, { targetAccuracy: input.targetAccuracy })));
  return lines.join('\n');
}
