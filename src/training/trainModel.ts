import * as tf from '@tensorflow/tfjs';
import { distillationLayerName } from '../models/student';
import { consoleProgress, ProgressListener, ProgressTracker } from '../util/progress';
import { SeededRandom } from '../util/random';
import { evaluateModel } from './evaluate';
import { Features, featuresTensor, rowCount, validateLabels } from './matrix';
import { LossTerms, objectiveLoss, targetsCoarseLabels, TrainingObjective, validateObjective } from './objective';
import { predictionClassCount } from './predict';

/** One split: features and integer labels (coarse labels where the objective or evaluation needs them). */
export interface DataSplit {
  x: Features;
  fineLabels: ArrayLike<number>;
  coarseLabels?: ArrayLike<number>;
}

/** Early stopping: watch a validation figure; stop after `patience` epochs without improvement. */
export interface EarlyStoppingOptions {
  monitor: 'validationLoss' | 'validationAccuracy';
  patience: number;
  /** Put back the weights of the best epoch at the end (default true). */
  restoreBestWeights?: boolean;
  /** Smallest change that counts as an improvement (default 0: any strict improvement). */
  minDelta?: number;
}

/**
 * One epoch's figures. Loss terms are example-weighted means over the training batches
 * (dropout on). `validationLoss` is ALWAYS the mean cross-entropy of the prediction head
 * against the evaluation targets (fine labels; coarse labels for a coarse teacher) with
 * dropout off, whatever the objective, so that it compares across methods and does not
 * need teacher logits for the validation split.
 */
export interface EpochRecord {
  epoch: number;
  totalLoss: number;
  studentLoss: number;
  distillationLoss?: number;
  auxiliaryLoss?: number;
  validationLoss: number;
  validationAccuracy: number;
  validationMacroF1: number;
  testLoss?: number;
  testAccuracy?: number;
  testMacroF1?: number;
  /** Wall time of the epoch, training and evaluation. */
  seconds: number;
}

/** Options of {@link trainModel}. */
export interface TrainOptions {
  model: tf.LayersModel;
  objective: TrainingObjective;
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

/** What {@link trainModel} returns. */
export interface TrainResult {
  history: EpochRecord[];
  /** Epoch (1-based) with the best monitored figure (validationLoss unless early stopping says otherwise). */
  bestEpoch: number;
  bestRecord: EpochRecord;
  /** Last epoch run. */
  stoppedEpoch: number;
  stoppedEarly: boolean;
  /** True when the model now holds the best epoch's weights. */
  restoredBestWeights: boolean;
  seconds: number;
}

function isBetter(monitor: EarlyStoppingOptions['monitor'], value: number, best: number, minDelta: number): boolean {
  return monitor === 'validationLoss' ? value < best - minDelta : value > best + minDelta;
}

/**
 * The one training loop for every method: each epoch shuffles the training rows with a
 * SeededRandom(seed) stream, and for each batch of `batchSize` runs
 * `optimizer.minimize(() => objective loss)` (Adam) inside tf.tidy; then scores the
 * validation (and test) split. Same seed, same model seed, same backend -> same history.
 */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const { model, objective, data, seed } = options;
  const epochs = options.epochs ?? 100;
  const batchSize = options.batchSize ?? 128;
  const learningRate = options.learningRate ?? 1e-3;
  const earlyStopping = options.earlyStopping ?? false;
  const monitor = earlyStopping ? earlyStopping.monitor : 'validationLoss';
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`trainModel: epochs must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`trainModel: batchSize must be a positive integer, got ${batchSize}`);
  if (earlyStopping && !(Number.isInteger(earlyStopping.patience) && earlyStopping.patience >= 1)) throw new Error(`trainModel: earlyStopping.patience must be a positive integer, got ${earlyStopping.patience}`);

  const trainRows = rowCount(data.train.x);
  if (trainRows === 0) throw new Error('trainModel: the training split is empty');
  validateObjective(objective, model, trainRows, data.train.coarseLabels !== undefined);
  const coarse = targetsCoarseLabels(objective);
  const classCount = predictionClassCount(model);
  const coarseCount = model.outputNames.includes(distillationLayerName)
    ? (model.outputs[model.outputNames.indexOf(distillationLayerName)].shape[1] as number)
    : undefined;
  const evaluationLabels = (split: DataSplit, name: string) => {
    const labels = coarse ? split.coarseLabels : split.fineLabels;
    if (!labels) throw new Error(`trainModel: the ${name} split has no coarseLabels (needed by a coarse teacher)`);
    validateLabels(labels, rowCount(split.x), classCount, `trainModel ${name} ${coarse ? 'coarse' : 'fine'} labels`);
    return labels;
  };
  // Fine labels index the prediction head except for a coarse teacher, whose targets are coarse.
  if (!coarse) validateLabels(data.train.fineLabels, trainRows, classCount, 'trainModel train fine labels');
  if (data.train.coarseLabels && (coarse || coarseCount !== undefined)) {
    validateLabels(data.train.coarseLabels, trainRows, coarse ? classCount : coarseCount!, 'trainModel train coarse labels');
  }
  const validationLabels = evaluationLabels(data.validation, 'validation');
  const testLabels = data.test ? evaluationLabels(data.test, 'test') : undefined;

  const owned: tf.Tensor[] = [];
  const x = featuresTensor(data.train.x, 'trainModel train features');
  if (x.owned) owned.push(x.tensor);
  const fineLabels = tf.tensor1d(Int32Array.from(data.train.fineLabels), 'int32');
  owned.push(fineLabels);
  const coarseLabels = data.train.coarseLabels ? tf.tensor1d(Int32Array.from(data.train.coarseLabels), 'int32') : undefined;
  if (coarseLabels) owned.push(coarseLabels);
  const teacherLogits =
    objective.method === 'heterogeneous' || objective.method === 'traditional'
      ? tf.tensor2d(objective.teacherLogits.data, [objective.teacherLogits.rows, objective.teacherLogits.columns], 'float32')
      : undefined;
  if (teacherLogits) owned.push(teacherLogits);

  const optimizer = tf.train.adam(learningRate);
  const random = new SeededRandom(seed);
  const order = Array.from({ length: trainRows }, (_, index) => index);
  const tracker = new ProgressTracker(options.task ?? `train ${objective.method}`, epochs, options.progress ?? consoleProgress());
  const history: EpochRecord[] = [];
  let bestValue = monitor === 'validationLoss' ? Infinity : -Infinity;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | undefined;
  let epochsWithoutImprovement = 0;
  let stoppedEarly = false;
  const started = Date.now();

  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const epochStart = Date.now();
      random.shuffle(order);
      // Running sums (example-weighted) of [total, student, distillation, auxiliary], kept on the device.
      let sums: tf.Tensor1D = tf.zeros([4]);
      for (let start = 0; start < trainRows; start += batchSize) {
        const indices = order.slice(start, start + batchSize);
        const previous = sums;
        sums = tf.tidy(() => {
          const indexTensor = tf.tensor1d(indices, 'int32');
          const batch = {
            x: tf.gather(x.tensor, indexTensor),
            fineLabels: tf.gather(fineLabels, indexTensor),
            coarseLabels: coarseLabels ? tf.gather(coarseLabels, indexTensor) : undefined,
            teacherLogits: teacherLogits ? tf.gather(teacherLogits, indexTensor) : undefined,
          };
          let terms: tf.Tensor1D | undefined;
          optimizer.minimize(() => {
            const loss: LossTerms = objectiveLoss(objective, model, batch);
            const zero = tf.scalar(0);
            terms = tf.keep(tf.stack([loss.total, loss.student, loss.distillation ?? zero, loss.auxiliary ?? zero]) as tf.Tensor1D);
            return loss.total;
          });
          const updated = previous.add(terms!.mul(indices.length)) as tf.Tensor1D;
          terms!.dispose();
          return updated;
        });
        previous.dispose();
      }
      const [total, student, distillation, auxiliary] = Array.from(sums.dataSync()).map((sum) => sum / trainRows);
      sums.dispose();

      const validation = evaluateModel(model, data.validation.x, validationLabels, { fineClassCount: classCount });
      const record: EpochRecord = {
        epoch,
        totalLoss: total,
        studentLoss: student,
        ...(objective.method === 'heterogeneous' || objective.method === 'traditional' ? { distillationLoss: distillation } : {}),
        ...(objective.method === 'coarse-auxiliary' ? { auxiliaryLoss: auxiliary } : {}),
        validationLoss: validation.crossEntropy,
        validationAccuracy: validation.accuracy,
        validationMacroF1: validation.macroF1,
        seconds: 0,
      };
      if (data.test && testLabels) {
        const test = evaluateModel(model, data.test.x, testLabels, { fineClassCount: classCount });
        Object.assign(record, { testLoss: test.crossEntropy, testAccuracy: test.accuracy, testMacroF1: test.macroF1 });
      }
      record.seconds = (Date.now() - epochStart) / 1000;
      history.push(record);

      const value = record[monitor];
      if (bestEpoch === 0 || isBetter(monitor, value, bestValue, earlyStopping ? (earlyStopping.minDelta ?? 0) : 0)) {
        bestValue = value;
        bestEpoch = epoch;
        epochsWithoutImprovement = 0;
        if (earlyStopping && earlyStopping.restoreBestWeights !== false) {
          tf.dispose(bestWeights);
          bestWeights = tf.tidy(() => model.getWeights().map((weight) => weight.clone()));
        }
      } else {
        epochsWithoutImprovement += 1;
      }
      tracker.advance(1, `loss ${total.toFixed(4)} val loss ${record.validationLoss.toFixed(4)} val acc ${record.validationAccuracy.toFixed(4)}`);
      if (options.onEpoch) await options.onEpoch(record);
      if (earlyStopping && epochsWithoutImprovement >= earlyStopping.patience) {
        stoppedEarly = epoch < epochs;
        break;
      }
    }
    let restoredBestWeights = false;
    if (bestWeights) {
      model.setWeights(bestWeights);
      restoredBestWeights = true;
    }
    return {
      history,
      bestEpoch,
      bestRecord: history[bestEpoch - 1],
      stoppedEpoch: history.length,
      stoppedEarly,
      restoredBestWeights,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    tf.dispose(bestWeights);
    tf.dispose(owned);
    optimizer.dispose();
  }
}
