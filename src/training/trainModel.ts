import * as tf from '@tensorflow/tfjs';
import { distillationLayerName } from '../models/student';
import type { ProgressListener } from '../util/progress';
import type { EarlyStoppingOptions } from './earlyStopping';
import { LayersModelGroup } from './modelGroup';
import { memberForObjective, targetsCoarseLabels, TrainingObjective, validateObjective } from './objective';
import { predictionClassCount } from './predict';
import { DataSplit, prepareData, prepareMembers } from './prepare';
import type { EpochRecord, TrainResult } from './records';
import { checkLoopNumbers, runGroupTraining } from './trainLoop';
import { rowCount, type FloatMatrix } from '../tensors/matrix';

export type { DataSplit } from './prepare';
export type { EarlyStoppingOptions } from './earlyStopping';
export type { EpochRecord, TrainResult } from './records';

/** Options of {@link trainModel}. */
export interface TrainOptions {
  model: tf.LayersModel;
  /**
   * What to minimise: a {@link TrainingObjective}, or any registered method by name with
   * its settings (missing ones take the registry defaults) and teacher logits.
   */
  objective: TrainingObjective | RegistryObjective;
  data: { train: DataSplit; validation: DataSplit; test?: DataSplit };
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
/** Any method of the registry (src/methods), e.g. one added with registerMethod. */
export interface RegistryObjective {
  method: string;
  settings: Record<string, number>;
  teacherLogits?: FloatMatrix;
  /** The professor's refined logits, for methods with `professor: true`. */
  professorLogits?: FloatMatrix;
  /** 1/0 per training row: which labels the student may use (see MemberSpec.labelledMask). */
  labelledMask?: ArrayLike<number>;
}

function isRegistryObjective(objective: TrainingObjective | RegistryObjective): objective is RegistryObjective {
  return 'settings' in objective;
}

export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const { model, objective, data, seed } = options;
  const epochs = options.epochs ?? 100;
  const batchSize = options.batchSize ?? 128;
  const learningRate = options.learningRate ?? 1e-3;
  const earlyStopping = options.earlyStopping ?? false;
  checkLoopNumbers('trainModel', epochs, batchSize, learningRate);
  if (earlyStopping && !(Number.isInteger(earlyStopping.patience) && earlyStopping.patience >= 1)) throw new Error(`trainModel: earlyStopping.patience must be a positive integer, got ${earlyStopping.patience}`);
  const trainRows = rowCount(data.train.x);
  if (trainRows === 0) throw new Error('trainModel: the training split is empty');
  if (!isRegistryObjective(objective)) validateObjective(objective, model, trainRows, data.train.coarseLabels !== undefined);
  const classCount = predictionClassCount(model);
  const distillation = model.outputNames.includes(distillationLayerName)
    ? (model.outputs[model.outputNames.indexOf(distillationLayerName)].shape[1] as number)
    : undefined;
  const heads = { prediction: classCount, distillation };
  const member = isRegistryObjective(objective) ? objective : memberForObjective(objective);
  const members = prepareMembers([{ ...member, seed }], heads, data, 'trainModel');
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
      task: options.task ?? `train ${!isRegistryObjective(objective) && targetsCoarseLabels(objective) ? 'coarse teacher' : objective.method}`,
    });
    return outcomes.get(0)!.result;
  } finally {
    prepared.dispose();
  }
}
