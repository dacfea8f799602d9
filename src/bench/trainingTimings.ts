/**
 * Training timings measured inside one process on the active tfjs backend, for
 * `npm run benchmark`: seconds per epoch of the paper-sized teacher and of the two-head
 * student (heterogeneous KD), and the time of a group of students trained one at a time
 * with `trainModel` or stacked with `trainGroup` (when src/training exports it).
 * Data are seeded random float32 rows of the paper's sizes (8,765 training, 2,192
 * validation rows, 512 columns); every epoch ends with trainModel's validation scoring.
 */
import type { LayersModel } from '@tensorflow/tfjs';
import * as training from '../training';
import { buildStudent, buildTeacher } from '../models';
import { trainModel, type DataSplit, type FloatMatrix, type MethodObjective } from '../training';
import { SeededRandom } from '../util/random';
import { silentProgress } from '../util/progress';

/** Paper 1's training and validation split sizes (20 Newsgroups, 80/20 of the by-date training set). */
export const paperTrainingRows = 8765;
export const paperValidationRows = 2192;
export const inputDimension = 512;
export const fineClassCount = 20;
export const coarseClassCount = 6;

/** Synthetic data of the benchmark: training and validation rows with fine and coarse labels, and random coarse teacher logits. */
export interface BenchmarkData {
  train: DataSplit;
  validation: DataSplit;
  teacherLogits: FloatMatrix;
}

function randomMatrix(rows: number, columns: number, random: SeededRandom): FloatMatrix {
  const data = new Float32Array(rows * columns);
  for (let index = 0; index < data.length; index++) data[index] = random.next() * 2 - 1;
  return { data, rows, columns };
}

/** Seeded random benchmark data of `rows` training and `validationRows` validation rows. */
export function benchmarkData(rows: number, validationRows: number, seed = 1): BenchmarkData {
  const random = new SeededRandom(seed);
  const labels = (count: number, classes: number) => Array.from({ length: count }, () => random.nextInt(classes));
  const split = (count: number): DataSplit => {
    const fineLabels = labels(count, fineClassCount);
    return {
      x: randomMatrix(count, inputDimension, random),
      fineLabels,
      coarseLabels: fineLabels.map((label) => label % coarseClassCount),
    };
  };
  const train = split(rows);
  const validation = split(validationRows);
  return { train, validation, teacherLogits: randomMatrix(rows, coarseClassCount, random) };
}

/** The heterogeneous-KD objective (method A) the student timings use. */
export function studentObjective(data: BenchmarkData): MethodObjective {
  return {
    method: 'heterogeneous',
    settings: { temperature: 4, studentLossWeight: 0.5 },
    teacherLogits: data.teacherLogits,
  };
}

/** Mean seconds of the epochs after the first (the first compiles kernels and allocates). */
function meanAfterWarmUp(seconds: number[]): number {
  const measured = seconds.length > 1 ? seconds.slice(1) : seconds;
  return measured.reduce((sum, value) => sum + value, 0) / measured.length;
}

/** Seconds per epoch of `model` under `objective`: one warm-up epoch, then `epochs` measured; disposes the model. */
async function secondsPerEpoch(
  model: LayersModel,
  objective: MethodObjective,
  data: BenchmarkData,
  epochs: number,
): Promise<number> {
  try {
    const result = await trainModel({ model, objective, data, epochs: epochs + 1, seed: 1, progress: silentProgress });
    return meanAfterWarmUp(result.history.map((record) => record.seconds));
  } finally {
    model.dispose();
  }
}

/** Seconds per epoch of the paper-sized teacher (fine, 20 logits), one warm-up epoch then `epochs` measured. */
export function teacherSecondsPerEpoch(data: BenchmarkData, epochs: number): Promise<number> {
  const model = buildTeacher({ inputDimension, classCount: fineClassCount, seed: 1 });
  return secondsPerEpoch(model, { method: 'teacher-fine' }, data, epochs);
}

/** Seconds per epoch of the two-head student under heterogeneous KD, one warm-up epoch then `epochs` measured. */
export function studentSecondsPerEpoch(data: BenchmarkData, epochs: number): Promise<number> {
  const model = buildStudent({ inputDimension, fineClassCount, coarseClassCount, seed: 1 });
  return secondsPerEpoch(model, studentObjective(data), data, epochs);
}

const gridTemperatures = [1, 2, 4, 8, 16, 28];
const gridStudentLossWeights = [0.1, 0.2, 0.3, 0.5, 0.7, 0.9];

/**
 * Point `index` of the benchmark's hyper-parameter group: a 6 x 6 grid of temperature x
 * studentLossWeight of method A on one seed (seed 1), as a sweep over one setting pair.
 */
export function groupPoint(index: number): { temperature: number; studentLossWeight: number } {
  return {
    temperature: gridTemperatures[index % 6],
    studentLossWeight: gridStudentLossWeights[Math.floor(index / 6) % 6],
  };
}

/** Seconds to train the group's `students` points one after another with trainModel, `epochs` each (the plain way). */
export async function groupOneAtATimeSeconds(data: BenchmarkData, students: number, epochs: number): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < students; index++) {
    const model = buildStudent({ inputDimension, fineClassCount, coarseClassCount, seed: 1 });
    try {
      const objective: MethodObjective = {
        method: 'heterogeneous',
        settings: groupPoint(index),
        teacherLogits: data.teacherLogits,
      };
      await trainModel({ model, objective, data, epochs, seed: 1, progress: silentProgress });
    } finally {
      model.dispose();
    }
  }
  return (performance.now() - started) / 1000;
}

/** Result of {@link groupStackedSeconds}: seconds, or why the stacked path was not measured. */
export type StackedResult = { seconds: number } | { skipped: string };

/** The slice of ENGINE's `trainGroup` API (src/training/trainGroup.ts) this benchmark calls. */
type TrainGroup = (options: {
  members: Array<{ method: string; seed: number; settings?: Record<string, number>; teacherLogits?: FloatMatrix }>;
  architecture: { inputDimension: number; fineClassCount: number; coarseClassCount?: number };
  data: { train: DataSplit; validation: DataSplit };
  epochs?: number;
  progress?: typeof silentProgress;
}) => Promise<Array<{ model: { dispose(): void } }>>;

/**
 * Seconds to train the same group (the same grid points, seed 1) stacked in one
 * model with `trainGroup` from src/training. Looked up at run time, so that the benchmark
 * still builds and runs where `trainGroup` is not there (the table then says why).
 */
export async function groupStackedSeconds(
  data: BenchmarkData,
  students: number,
  epochs: number,
): Promise<StackedResult> {
  const trainGroup = (training as Record<string, unknown>).trainGroup as TrainGroup | undefined;
  if (typeof trainGroup !== 'function')
    return { skipped: 'trainGroup is not exported by src/training (stacked training not built yet)' };
  const members = Array.from({ length: students }, (_, index) => ({
    method: 'heterogeneous',
    seed: 1,
    settings: groupPoint(index),
    teacherLogits: data.teacherLogits,
  }));
  const started = performance.now();
  try {
    const results = await trainGroup({
      members,
      architecture: { inputDimension, fineClassCount, coarseClassCount },
      data,
      epochs,
      progress: silentProgress,
    });
    const seconds = (performance.now() - started) / 1000;
    for (const member of results) member.model.dispose();
    return { seconds };
  } catch (error) {
    return { skipped: `trainGroup failed: ${(error as Error).message}` };
  }
}
