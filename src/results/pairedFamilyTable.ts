/**
 * A table whose paired comparisons are one family: its cells are registered while the table
 * is built and written once it is complete, each with its 95 % interval and the Holm p over
 * the table's comparisons, and the table's minimal detectable effect goes under it.
 */
import {
  minimalDetectableEffectLine,
  pairedBySeedDifference,
  pairedFamilyCells,
  type PairedDifference,
  type Seeded,
} from '../metrics';
import type { ResultTable } from './table';

/** Marks a cell that {@link PairedFamilyTable.table} fills in. */
const slotPrefix = '\u0000paired:';

/** Collects a table's paired comparisons (see {@link pairedFamilyTable}). */
export interface PairedFamilyTable<Run extends Seeded> {
  /** Registers `score(first) − score(second)` over shared seeds; returns the cell's placeholder. */
  cell(first: Run[], second: Run[]): string;
  /** The table with its placeholders written (Holm over every registered comparison) and the family's note under it. */
  table(table: ResultTable): ResultTable;
}

/**
 * A family of paired comparisons on `score` for one table: build the rows with
 * `family.cell(first, second)` where a paired cell goes, then pass the table to
 * `family.table(...)`. A comparison under 2 shared seeds gives ''.
 */
export function pairedFamilyTable<Run extends Seeded>(score: (run: Run) => number): PairedFamilyTable<Run> {
  const differences: Array<PairedDifference | undefined> = [];
  return {
    cell(first, second) {
      differences.push(pairedBySeedDifference(first, second, score));
      return `${slotPrefix}${differences.length - 1}`;
    },
    table(table) {
      const cells = pairedFamilyCells(differences);
      const note = minimalDetectableEffectLine(differences);
      const fill = (cell: string) =>
        cell.startsWith(slotPrefix) ? cells[Number(cell.slice(slotPrefix.length))] : cell;
      return {
        ...table,
        rows: table.rows.map((row) => row.map(fill)),
        ...(note ? { notes: [...(table.notes ?? []), note] } : {}),
      };
    },
  };
}
