import { SeededRandom } from '../util/random';
import type { FloatMatrix } from '../tensors/matrix';

/** A labelled synthetic split (for tests and smoke runs). */
export interface SyntheticSplit {
  x: FloatMatrix;
  fineLabels: number[];
  coarseLabels: number[];
}

/**
 * A small, learnable hierarchical problem: `coarseCount` well-separated group centres,
 * each with `finePerCoarse` fine-class centres near it, and unit-variance Gaussian
 * points around the fine centres. Fine class f belongs to group floor(f / finePerCoarse).
 * Deterministic for a seed. Used by the training and runs tests.
 */
export function gaussianClusters(options: {
  rowsPerSplit: number[];
  dimension?: number;
  coarseCount?: number;
  finePerCoarse?: number;
  /** Distance scale between group centres (default 3) and between fine centres in a group (default 1.5). */
  coarseSpread?: number;
  fineSpread?: number;
  seed: number;
}): { splits: SyntheticSplit[]; fineToCoarse: number[]; fineClassCount: number; coarseClassCount: number } {
  const dimension = options.dimension ?? 16;
  const coarseCount = options.coarseCount ?? 3;
  const finePerCoarse = options.finePerCoarse ?? 2;
  const random = new SeededRandom(options.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const fineClassCount = coarseCount * finePerCoarse;
  const fineToCoarse = Array.from({ length: fineClassCount }, (_, fine) => Math.floor(fine / finePerCoarse));
  const coarseCentres = Array.from({ length: coarseCount }, () =>
    Array.from({ length: dimension }, () => normal() * (options.coarseSpread ?? 3)),
  );
  const fineCentres = fineToCoarse.map((coarse) =>
    coarseCentres[coarse].map((value) => value + normal() * (options.fineSpread ?? 1.5)),
  );
  const splits = options.rowsPerSplit.map((rows) => {
    const data = new Float32Array(rows * dimension);
    const fineLabels: number[] = [];
    for (let row = 0; row < rows; row++) {
      const fine = random.nextInt(fineClassCount);
      fineLabels.push(fine);
      for (let column = 0; column < dimension; column++)
        data[row * dimension + column] = fineCentres[fine][column] + normal();
    }
    return {
      x: { data, rows, columns: dimension },
      fineLabels,
      coarseLabels: fineLabels.map((fine) => fineToCoarse[fine]),
    };
  });
  return { splits, fineToCoarse, fineClassCount, coarseClassCount: coarseCount };
}
