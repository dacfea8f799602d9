import { SeededRandom } from '../util/random';

/** Index sets of a train/validation split, each ascending. */
export interface StratifiedSplit {
  trainIndices: number[];
  validationIndices: number[];
}

/**
 * Splits `labels` into training and validation indices, per class in proportion (as
 * scikit-learn's `train_test_split(..., stratify=labels)`): the validation size is
 * ceil(fraction * n), shared out over the classes by largest remainder, so every class gets
 * floor or ceil of its exact share. Which members go to validation is a seeded shuffle per
 * class (one SeededRandom, classes in ascending order), so the split is repeatable.
 */
export function stratifiedSplit(labels: readonly number[], validationFraction: number, seed: number): StratifiedSplit {
  if (!(validationFraction > 0 && validationFraction < 1)) {
    throw new Error(`validationFraction must be between 0 and 1 (exclusive), got ${validationFraction}`);
  }
  const members = new Map<number, number[]>();
  labels.forEach((label, index) => {
    if (!Number.isInteger(label) || label < 0)
      throw new Error(`label at index ${index} is ${label}; labels must be non-negative integers`);
    const list = members.get(label);
    if (list) list.push(index);
    else members.set(label, [index]);
  });
  const classes = [...members.keys()].sort((first, second) => first - second);
  const total = labels.length;
  // The tolerance keeps float noise (30 * 0.1 = 3.0000000000000004) from adding one.
  const validationTotal = Math.ceil(validationFraction * total - 1e-9);

  // Largest-remainder apportionment of validationTotal over the classes.
  const shares = classes.map((label) => (members.get(label)!.length * validationTotal) / total);
  const counts = shares.map(Math.floor);
  let left = validationTotal - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = classes
    .map((_, position) => position)
    .sort((first, second) => shares[second] - counts[second] - (shares[first] - counts[first]) || first - second);
  for (const position of byRemainder) {
    if (left === 0) break;
    counts[position]++;
    left--;
  }

  const random = new SeededRandom(seed);
  const trainIndices: number[] = [];
  const validationIndices: number[] = [];
  classes.forEach((label, position) => {
    const shuffled = random.shuffle([...members.get(label)!]);
    validationIndices.push(...shuffled.slice(0, counts[position]));
    trainIndices.push(...shuffled.slice(counts[position]));
  });
  trainIndices.sort((first, second) => first - second);
  validationIndices.sort((first, second) => first - second);
  return { trainIndices, validationIndices };
}

/**
 * A stratified, seeded share of examples (e.g. the training rows whose label a student
 * sees): per class, round(fraction x class size) examples, at least 1 per class present,
 * taken from the front of a seeded per-class shuffle (one SeededRandom, classes in
 * ascending order). The shuffle does not depend on `fraction`, so with one seed the
 * subsets are nested: every row chosen at 0.05 is also chosen at 0.1. fraction 1 returns
 * every index. Returns ascending indices into `labels`.
 */
export function stratifiedSubset(labels: ArrayLike<number>, fraction: number, seed: number): number[] {
  if (!(fraction > 0 && fraction <= 1))
    throw new Error(`stratifiedSubset: fraction must be in (0, 1], got ${fraction}`);
  const members = new Map<number, number[]>();
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index];
    if (!Number.isInteger(label) || label < 0)
      throw new Error(`stratifiedSubset: label at index ${index} is ${label}; labels must be non-negative integers`);
    const list = members.get(label);
    if (list) list.push(index);
    else members.set(label, [index]);
  }
  if (fraction === 1) return Array.from({ length: labels.length }, (_, index) => index);
  const random = new SeededRandom(seed);
  const chosen: number[] = [];
  for (const label of [...members.keys()].sort((first, second) => first - second)) {
    const shuffled = random.shuffle([...members.get(label)!]);
    const count = Math.max(1, Math.round(fraction * shuffled.length));
    chosen.push(...shuffled.slice(0, count));
  }
  return chosen.sort((first, second) => first - second);
}
