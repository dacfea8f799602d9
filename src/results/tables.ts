/**
 * The teachers' and students' tables (paper 1's Tables 3 and 4, with mean ± std over seeds
 * and paired tests), built from named column specs: the pipeline CLI prints them as text,
 * the report writes them as Markdown, the notebooks show them.
 */
import { paper1Reference } from '../papers';
import {
  accuracyColumn,
  bestEpochColumn,
  epochsToTargetColumn,
  macroF1Column,
  methodColumn,
  methodRows,
  pairedVs,
  paperReferenceColumn,
  parametersColumn,
  scoreColumn,
  seedsColumn,
  versusPaperColumn,
  type MethodColumn,
} from './columns';
import { groupByMethod } from './grouping';
import type { RunResult } from './runResult';
import { buildTable, type ResultTable } from './table';

/** The data set of the runs (`config.dataset.kind` of their run configs); undefined when none records one. */
export function datasetKindOf(runs: RunResult[]): string | undefined {
  for (const run of runs) {
    const kind = (run.config.dataset as { kind?: unknown } | undefined)?.kind;
    if (typeof kind === 'string') return kind;
  }
  return undefined;
}

/** Paper 1's reference columns belong to 20 Newsgroups runs (and to runs that record no data set). */
export function paperOneColumnsFor(runs: RunResult[]): boolean {
  const kind = datasetKindOf(runs);
  return kind === undefined || kind === 'newsgroups';
}

/** Options of the teachers' and students' tables. */
export interface ResultTableOptions {
  /** Paper 1's reference columns (default: only for 20 Newsgroups runs, see {@link paperOneColumnsFor}). */
  paperColumns?: boolean;
}

const teacherReference = (method: string) => paper1Reference.teachers[method as keyof typeof paper1Reference.teachers];
const studentReference = (method: string) => paper1Reference.students[method as keyof typeof paper1Reference.students];

/** Teachers: ours (mean ± std over seeds) beside paper 1's Table 3. */
export function teachersTable(runs: RunResult[], options: ResultTableOptions = {}): ResultTable {
  const paper = options.paperColumns ?? paperOneColumnsFor(runs);
  const columns: MethodColumn[] = [
    methodColumn('Teacher'),
    parametersColumn(),
    seedsColumn(),
    accuracyColumn(),
    macroF1Column(),
    bestEpochColumn(),
    ...(paper
      ? [
          paperReferenceColumn('Paper 1 (BERT) accuracy', (method) => teacherReference(method)?.accuracy),
          versusPaperColumn('Ours - paper 1', (method) => teacherReference(method)?.accuracy),
          paperReferenceColumn('Paper 1 params', (method) => teacherReference(method)?.parameters, 'count'),
        ]
      : []),
  ];
  return buildTable(methodRows(groupByMethod(runs.filter((run) => run.role === 'teacher'))), columns);
}

/**
 * Students: ours (mean ± std, epochs to target, paired t vs C) beside paper 1's Table 4;
 * with the group scores of fine runs (implied coarse accuracy, errors within the true
 * group, and that share vs C) when the runs recorded them.
 */
export function studentsTable(
  runs: RunResult[],
  targetAccuracy: number | undefined,
  options: ResultTableOptions = {},
): ResultTable {
  const paper = options.paperColumns ?? paperOneColumnsFor(runs);
  const students = runs.filter((run) => run.role === 'student');
  const groupColumns = students.some((run) => run.test.withinGroupErrorShare !== undefined);
  const columns: MethodColumn[] = [
    methodColumn(),
    parametersColumn(),
    seedsColumn(),
    accuracyColumn(),
    macroF1Column(),
    bestEpochColumn(),
    epochsToTargetColumn(targetAccuracy),
    pairedVs('plain', 'accuracy', 'Accuracy vs C (paired t)'),
    ...(groupColumns
      ? [
          scoreColumn('impliedCoarseAccuracy', 'Implied coarse acc.'),
          scoreColumn('withinGroupErrorShare', 'Errors in group'),
          pairedVs('plain', 'withinGroupErrorShare', 'Errors in group vs C (paired t)'),
        ]
      : []),
    ...(paper
      ? [
          paperReferenceColumn('Paper 1 (BERT) accuracy', (method) => studentReference(method)?.accuracy),
          paperReferenceColumn('Paper 1 (BERT) macro-F1', (method) => studentReference(method)?.macroF1),
        ]
      : []),
  ];
  return buildTable(methodRows(groupByMethod(students)), columns);
}
