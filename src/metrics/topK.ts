import type { LogitRows } from './calibration';

/**
 * Top-k accuracy: the share of rows whose true class is among the k highest logits.
 * Ties are ranked like argmax (the lower class id first), so row i counts when
 * #{j : z_ij > z_iy} + #{j < y : z_ij = z_iy} < k; with k = 1 this is the accuracy of argmax.
 * Throws on k < 1, a shape mismatch or a label outside 0..columns-1 (naming its position).
 */
export function topKAccuracy(logits: LogitRows, labels: ArrayLike<number>, k: number): number {
  const { data, rows, columns } = logits;
  if (!Number.isInteger(k) || k < 1) throw new Error(`topKAccuracy: k must be an integer >= 1, got ${k}`);
  if (rows < 1 || data.length !== rows * columns)
    throw new Error(`topKAccuracy: ${data.length} logits cannot be ${rows} (>= 1) rows of ${columns}`);
  if (labels.length !== rows) throw new Error(`topKAccuracy: ${labels.length} labels for ${rows} rows of logits`);
  let hits = 0;
  for (let row = 0; row < rows; row++) {
    const label = labels[row];
    if (!Number.isInteger(label) || label < 0 || label >= columns)
      throw new Error(`topKAccuracy: label ${label} at position ${row} is outside 0..${columns - 1}`);
    const offset = row * columns;
    const own = data[offset + label];
    let ahead = 0;
    for (let column = 0; column < columns; column++) {
      const value = data[offset + column];
      if (value > own || (value === own && column < label)) ahead++;
    }
    if (ahead < k) hits++;
  }
  return hits / rows;
}
