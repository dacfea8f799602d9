/**
 * The Fashion-MNIST conv teacher's epoch, timed for `npm run benchmark` on the active tfjs
 * backend, on real pixels: the same network, batch size, learning rate and dropout as the
 * built-in `fashion-mnist` experiment's teacher (src/config/builtInExperiments.ts), trained
 * by trainModel with validation and test scoring after every epoch as the pipeline's teacher
 * runs do. A slice of the training images stands in for the 54,000 rows; every split keeps
 * the pipeline's proportions (54,000 : 6,000 : 10,000), so seconds scale linearly to a full
 * epoch. The PyTorch peer (src/bench/torch_conv_peer.py) reads the same rows of the same files.
 */
import { fashionMnistExperiment } from '../config/builtInExperiments';
import { fashionMnistFiles, fashionMnistPixels, loadFashionMnist } from '../data/fashionMnist';
import { ensureDataFile } from '../data/download';
import { buildConvTeacher } from '../models';
import { trainModel, type DataSplit } from '../training';
import { silentProgress } from '../util/progress';

/** The pipeline's Fashion-MNIST split sizes: 60,000 training images less a 10 % validation split, and the test set. */
export const fashionTrainingRows = 54_000;
export const fashionValidationRows = 6_000;
export const fashionTestRows = 10_000;

/** The conv teacher's settings in the built-in experiment (batch size, learning rate, dropout, layers). */
export function convTeacherSettings() {
  const teacher = fashionMnistExperiment.teacher;
  const model = teacher.model;
  if (model.kind !== 'conv') throw new Error(`the fashion-mnist teacher is "${model.kind}", expected "conv"`);
  return {
    batchSize: teacher.batchSize,
    learningRate: teacher.learningRate,
    dropoutRate: teacher.dropoutRate,
    filters: model.filters,
    kernelSize: model.kernelSize,
    denseUnits: model.denseUnits,
  };
}

/** Split sizes for `rows` training rows in the pipeline's proportions (at least one row each). */
export function convSliceSizes(rows: number): { rows: number; validationRows: number; testRows: number } {
  if (!Number.isInteger(rows) || rows < 1 || rows > fashionTrainingRows)
    throw new Error(`conv benchmark: rows must be an integer in 1..${fashionTrainingRows}, got ${rows}`);
  const scaled = (count: number) => Math.max(1, Math.round((rows * count) / fashionTrainingRows));
  return { rows, validationRows: scaled(fashionValidationRows), testRows: scaled(fashionTestRows) };
}

/** The four Fashion-MNIST files on this machine (cache, mirror or download), for the PyTorch peer. */
export async function fashionFilePaths(): Promise<
  Record<'trainImages' | 'trainLabels' | 'testImages' | 'testLabels', string>
> {
  const options = { onProgress: silentProgress };
  return {
    trainImages: await ensureDataFile(fashionMnistFiles.train.images, options),
    trainLabels: await ensureDataFile(fashionMnistFiles.train.labels, options),
    testImages: await ensureDataFile(fashionMnistFiles.test.images, options),
    testLabels: await ensureDataFile(fashionMnistFiles.test.labels, options),
  };
}

/**
 * The benchmark's slice: the first `rows` training images, validation images from index
 * 54,000 of the training file (never among the training rows for `rows` <= 54,000), and the
 * first test images; fine labels (the fine teacher, 10 classes).
 */
export async function convBenchmarkSlice(
  rows: number,
): Promise<{ train: DataSplit; validation: DataSplit; test: DataSplit }> {
  const sizes = convSliceSizes(rows);
  const train = await loadFashionMnist({ subset: 'train', onProgress: silentProgress });
  const test = await loadFashionMnist({ subset: 'test', onProgress: silentProgress });
  const range = (start: number, count: number) => Array.from({ length: count }, (_, index) => start + index);
  const split = (data: typeof train, indices: number[]): DataSplit => ({
    x: fashionMnistPixels(data, indices),
    fineLabels: indices.map((index) => data.labels[index]),
  });
  return {
    train: split(train, range(0, sizes.rows)),
    validation: split(train, range(fashionTrainingRows, sizes.validationRows)),
    test: split(test, range(0, sizes.testRows)),
  };
}

/** Wall and CPU seconds of one epoch (training + validation and test scoring), averaged over the measured epochs. */
export interface ConvEpochTiming {
  seconds: number;
  /** Process CPU seconds (user + system, all threads): less sensitive than wall time to other load. */
  cpuSeconds: number;
}

/**
 * Trains the fine conv teacher (seed 1) for one warm-up epoch and `epochs` measured epochs
 * on `data`; returns the measured epochs' mean wall and CPU seconds.
 */
export async function convTeacherSecondsPerEpoch(
  data: { train: DataSplit; validation: DataSplit; test: DataSplit },
  epochs: number,
): Promise<ConvEpochTiming> {
  const settings = convTeacherSettings();
  const model = buildConvTeacher({
    classCount: 10,
    filters: settings.filters,
    kernelSize: settings.kernelSize,
    denseUnits: settings.denseUnits,
    dropoutRate: settings.dropoutRate,
    seed: 1,
  });
  const marks: { wall: number; cpu: number }[] = [];
  const mark = () => {
    const usage = process.cpuUsage();
    marks.push({ wall: performance.now(), cpu: usage.user + usage.system });
  };
  try {
    mark();
    await trainModel({
      model,
      objective: { method: 'teacher-fine' },
      data,
      epochs: 1 + epochs,
      batchSize: settings.batchSize,
      learningRate: settings.learningRate,
      seed: 1,
      onEpoch: mark,
      progress: silentProgress,
    });
  } finally {
    model.dispose();
  }
  // marks[0] is the start, marks[1] the end of the warm-up epoch.
  const measured = marks.length - 2;
  return {
    seconds: (marks.at(-1)!.wall - marks[1].wall) / 1000 / measured,
    cpuSeconds: (marks.at(-1)!.cpu - marks[1].cpu) / 1e6 / measured,
  };
}
