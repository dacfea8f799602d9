import type { FloatMatrix } from '../tensors/matrix';
import { SeededRandom } from '../util/random';

/**
 * Constructed teacher logits for tests and demonstrations, with a known structure:
 * classes come in sibling pairs (0-1, 2-3, …; the last class of an odd count is its own
 * sibling's partner 0). Each row's logits are Gaussian noise (sd `noise`) plus 2 on the
 * true class and 1 on its sibling; then EXACTLY round(trueFirstRate · rows) rows (a seeded
 * choice) get their largest logit moved to the true class and the others get it moved
 * to the sibling (a swap of two entries). So the teacher ranks the true class first in
 * exactly that share of rows, and its mistakes are inter-class correlations (sibling).
 */
export function noisyTeacherLogits(options: {
  rows: number;
  classCount: number;
  trueFirstRate: number;
  noise?: number;
  seed: number;
}): {
  logits: FloatMatrix;
  labels: number[];
  siblings: number[];
} {
  const { rows, classCount, trueFirstRate, seed } = options;
  const noise = options.noise ?? 0.5;
  if (!Number.isInteger(rows) || rows < 1)
    throw new Error(`noisyTeacherLogits: rows must be a positive integer, got ${rows}`);
  if (!Number.isInteger(classCount) || classCount < 2)
    throw new Error(`noisyTeacherLogits: classCount must be an integer ≥ 2, got ${classCount}`);
  if (!(trueFirstRate >= 0 && trueFirstRate <= 1))
    throw new Error(`noisyTeacherLogits: trueFirstRate must be in [0, 1], got ${trueFirstRate}`);
  const random = new SeededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const siblings = Array.from({ length: classCount }, (_, label) =>
    label % 2 === 0 ? (label + 1) % classCount : label - 1,
  );
  const labels = Array.from({ length: rows }, () => random.nextInt(classCount));
  const correct = new Set(
    random.shuffle(Array.from({ length: rows }, (_, row) => row)).slice(0, Math.round(trueFirstRate * rows)),
  );
  const data = new Float32Array(rows * classCount);
  for (let row = 0; row < rows; row++) {
    const values = Array.from({ length: classCount }, () => normal() * noise);
    values[labels[row]] += 2;
    values[siblings[labels[row]]] += 1;
    const top = correct.has(row) ? labels[row] : siblings[labels[row]];
    const largest = values.indexOf(Math.max(...values));
    [values[top], values[largest]] = [values[largest], values[top]];
    data.set(values, row * classCount);
  }
  return { logits: { data, rows, columns: classCount }, labels, siblings };
}
