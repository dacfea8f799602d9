/**
 * The hierarchies part's table: per hierarchy the coarse teacher, A, C and D, and A − C, A − D
 * paired over seeds; each row named by its hierarchy, group count and adjusted Rand index
 * against the data set's hand-made grouping.
 */
import type { ResultTable } from '../results';
import { sweepHierarchyRows, type SweepHierarchyRow, type SweepPointRuns } from '../pipeline/sweepSummary';
import { pointsComparisonTable } from './studyTables';

/** The table, the points' groupings, and how a point is named in it. */
export function hierarchiesTable(points: SweepPointRuns[]): {
  table: ResultTable;
  groupings: SweepHierarchyRow[];
  hierarchyName: (point: SweepPointRuns) => string;
} {
  const groupings = sweepHierarchyRows(points) ?? [];
  const hierarchyName = (point: SweepPointRuns) => {
    const row = groupings.find((candidate) => candidate.point === point.label);
    const ari = row?.reference ? `, ARI ${row.reference.adjustedRandIndex.toFixed(3)} vs ${row.reference.name}` : '';
    return `${String(point.assignments.hierarchy)}${row ? ` (${row.groups.length} groups${ari})` : ''}`;
  };
  const table = pointsComparisonTable(
    points,
    ['heterogeneous', 'plain', 'coarse-auxiliary'],
    [
      ['heterogeneous', 'plain'],
      ['heterogeneous', 'coarse-auxiliary'],
    ],
    'Hierarchy',
    hierarchyName,
  );
  return { table, groupings, hierarchyName };
}
