import type * as tf from '@tensorflow/tfjs';
import { distillationLayerName } from '../models/student';
import type { ProgressListener } from '../util/progress';
import type { EarlyStoppingOptions } from './earlyStopping';
import { LayersModelGroup } from './modelGroup';
import type { MethodObjective } from './modelLoss';
import { predictionClassCount } from './predict';
import { type DataSplit, prepareData, prepareMembers } from './prepare';
import type { EpochRecord, TrainResult } from './records';
import { checkLoopNumbers, runGroupTraining } from './trainLoop';
import { rowCount } from '../tensors/matrix';

export type { DataSplit } from './prepare';
export type { EarlyStoppingOptions } from './earlyStopping';
export type { EpochRecord, TrainResult } from './records';
export type { MethodObjective } from './modelLoss';

/** Options of {@link trainModel}. */
export interface TrainOptions {
  model: tf.LayersModel;
  /**
   * What to minimise: any registered method (src/methods) or teacher role by name, with its
   * settings (missing ones take the registry defaults) and derived targets (teacherLogits,
   * targets by kind): `{ method: 'heterogeneous', settings: { temperature: 4 }, teacherLogits }`,
   * `{ method: 'teacher-coarse' }`.
   */
  objective: MethodObjective;
  /** The splits; `fineToCoarse` (the label hierarchy) for methods that read it. */
  data: { train: DataSplit; validation: DataSplit; test?: DataSplit; fineToCoarse?: ArrayLike<number> };
  /** Maximum epochs (default 100). */
  epochs?: number;
  batchSize?: number;
  /** Adam's learning rate (default 1e-3). */
  learningRate?: number;
  /** Seed of the batch order (the model's own seed fixes initial weights and dropout). */
  seed: number;
  /** Default: off (false), every epoch runs. */
  earlyStopping?: EarlyStoppingOptions | false;
  /** Called after every epoch (awaited), e.g. RunWriter.appendEpoch. */
  onEpoch?: (record: EpochRecord) => void | Promise<void>;
  /** Progress lines `train <method> k/N ... ETA`; default console. */
  progress?: ProgressListener;
  /** Task name in progress lines (default `train <method>`). */
  task?: string;
}

/**
 * Trains one tf.LayersModel (any architecture) — the step-by-step path of the notebooks,
 * and the same loop as trainGroup with a group of one (src/training/trainLoop.ts): each
 * epoch shuffles the training rows with a SeededRandom(seed) stream, and for each batch of
 * `batchSize` rows takes one Adam step on the method's objective (the registry entry's,
 * src/methods), then scores the validation (and test) split. Same seed, same model seed,
 * same backend -> same history. With early stopping that restores, the model ends holding
 * its best epoch's weights.
 */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const { model, objective, data, seed } = options;
  const epochs = options.epochs ?? 100;
  const batchSize = options.batchSize ?? 128;
  const learningRate = options.learningRate ?? 1e-3;
  const earlyStopping = options.earlyStopping ?? false;
  checkLoopNumbers('trainModel', epochs, batchSize, learningRate);
  if (earlyStopping && !(Number.isInteger(earlyStopping.patience) && earlyStopping.patience >= 1))
    throw new Error(`trainModel: earlyStopping.patience must be a positive integer, got ${earlyStopping.patience}`);
  const trainRows = rowCount(data.train.x);
  if (trainRows === 0) throw new Error('trainModel: the training split is empty');
  const classCount = predictionClassCount(model);
  const distillation = model.outputNames.includes(distillationLayerName)
    ? (model.outputs[model.outputNames.indexOf(distillationLayerName)].shape[1] as number)
    : undefined;
  const heads = { prediction: classCount, distillation };
  const members = prepareMembers([{ ...objective, seed }], heads, data, 'trainModel');
  const prepared = prepareData(members, heads, data, 'trainModel');
  try {
    const outcomes = await runGroupTraining({
      group: new LayersModelGroup(model, seed),
      members,
      data: prepared,
      classCount,
      epochs,
      batchSize,
      learningRate,
      earlyStopping,
      onEpoch: options.onEpoch ? (_id, record) => options.onEpoch!(record) : undefined,
      progress: options.progress,
      task: options.task ?? `train ${objective.method}`,
    });
    return outcomes.get(0)!.result;
  } finally {
    prepared.dispose();
  }
}
