import { SeededRandom } from '../util/random';
import type { FloatMatrix } from '../tensors/matrix';
import type { DataSplit } from './prepare';
import { gaussianClusters } from './syntheticClusters';

/**
 * The small hierarchical problem the training tests share: 6 fine classes in 3 coarse
 * groups, 16-d Gaussian clusters, 600 / 240 / 240 rows.
 */
export function smallProblem() {
  const problem = gaussianClusters({ rowsPerSplit: [600, 240, 240], seed: 5 });
  const [train, validation, test] = problem.splits as DataSplit[];
  return { ...problem, train, validation, test, inputDimension: 16 };
}

/**
 * Stand-in teacher logits for a split: `strength` on each row's label, plus uniform noise
 * in [-1, 1) (seeded). `shuffleRows` moves every row's logits to another row (misaligned
 * teacher), which must destroy what a student can learn from them.
 */
export function labelTeacherLogits(
  labels: ArrayLike<number>,
  classCount: number,
  strength: number,
  seed: number,
  shuffleRows = false,
): FloatMatrix {
  const random = new SeededRandom(seed);
  const rows = labels.length;
  const source = Array.from({ length: rows }, (_, row) => row);
  if (shuffleRows) random.shuffle(source);
  const data = new Float32Array(rows * classCount);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < classCount; column++) {
      data[row * classCount + column] = (labels[source[row]] === column ? strength : 0) + (random.next() * 2 - 1);
    }
  }
  return { data, rows, columns: classCount };
}
