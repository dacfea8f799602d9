import * as tf from '@tensorflow/tfjs';
import { crossEntropyLoss } from '../losses';
import {
  accuracy,
  argmaxRows,
  type Calibration,
  confusionMatrix,
  expectedCalibrationError,
  impliedCoarseAccuracy,
  macroF1,
  type MistakeSeverity,
  mistakeSeverity,
  perClassF1,
  topKAccuracy,
  twoLevelLcaHeights,
} from '../metrics';
import { type Features, type FloatMatrix, rowCount, validateLabels } from '../tensors/matrix';
import { predictLogits } from './predict';

/** Options of {@link evaluateModel}. */
export interface EvaluateOptions {
  /** Classes of the labels given: fine classes, or coarse ones when scoring a coarse teacher. */
  fineClassCount: number;
  /** When given, also scores the coarse group implied by each fine prediction. */
  fineToCoarse?: number[];
  batchSize?: number;
}

/** Scores of the prediction head on one split. */
export interface Evaluation {
  accuracy: number;
  macroF1: number;
  perClassF1: number[];
  /** Rows = true class, columns = predicted class. */
  confusionMatrix: number[][];
  /** Accuracy of fineToCoarse[predicted] against fineToCoarse[true], when fineToCoarse is given. */
  impliedCoarseAccuracy?: number;
  /** Mean cross-entropy of the prediction head on the labels (natural log). */
  crossEntropy: number;
  /** Argmax class per row. */
  predictions: Int32Array;
  /** The prediction logits scored (temperature scaling is fitted on the validation split's). */
  logits: FloatMatrix;
  /** Share of rows whose label is among the 3 highest logits (ties ranked like argmax). */
  topThreeAccuracy: number;
  /** Expected calibration error of the softmax confidences (15 bins) and its reliability bins. */
  calibration: Calibration;
  /** LCA height of the mistakes on the two-level hierarchy, when fineToCoarse is given. */
  severity?: MistakeSeverity;
}

/** Mean cross-entropy of logits against integer labels, via the project's loss. */
export function crossEntropyOfLogits(logits: FloatMatrix, labels: ArrayLike<number>): number {
  if (logits.rows === 0) return Number.NaN;
  return tf.tidy(() => {
    const labelTensor = tf.tensor1d(Int32Array.from(labels), 'int32');
    const logitTensor = tf.tensor2d(logits.data, [logits.rows, logits.columns], 'float32');
    return crossEntropyLoss(labelTensor, logitTensor).dataSync()[0];
  });
}

/** Scores precomputed logits (see {@link evaluateModel}). */
export function evaluateLogits(logits: FloatMatrix, labels: ArrayLike<number>, options: EvaluateOptions): Evaluation {
  const classCount = options.fineClassCount;
  if (logits.columns !== classCount)
    throw new Error(`evaluate: the model has ${logits.columns} prediction logits but fineClassCount is ${classCount}`);
  validateLabels(labels, logits.rows, classCount, 'evaluate labels');
  const trueLabels = Array.from(labels);
  const predictions = argmaxRows(logits.data, logits.rows, logits.columns);
  const predicted = Array.from(predictions);
  const evaluation: Evaluation = {
    accuracy: accuracy(trueLabels, predicted),
    macroF1: macroF1(trueLabels, predicted, classCount),
    perClassF1: perClassF1(trueLabels, predicted, classCount),
    confusionMatrix: confusionMatrix(trueLabels, predicted, classCount),
    crossEntropy: crossEntropyOfLogits(logits, trueLabels),
    predictions,
    logits,
    topThreeAccuracy: topKAccuracy(logits, trueLabels, 3),
    calibration: expectedCalibrationError(logits, trueLabels),
  };
  if (options.fineToCoarse) {
    if (options.fineToCoarse.length !== classCount)
      throw new Error(`evaluate: fineToCoarse has ${options.fineToCoarse.length} entries for ${classCount} classes`);
    evaluation.impliedCoarseAccuracy = impliedCoarseAccuracy(trueLabels, predicted, options.fineToCoarse);
    evaluation.severity = mistakeSeverity(trueLabels, predicted, twoLevelLcaHeights(options.fineToCoarse));
  }
  return evaluation;
}

/**
 * Accuracy, macro-F1, per-class F1, confusion matrix (and, given fineToCoarse, the
 * implied coarse accuracy) of the model's `prediction` head on `x`, inference mode.
 */
export function evaluateModel(
  model: tf.LayersModel,
  x: Features,
  labels: ArrayLike<number>,
  options: EvaluateOptions,
): Evaluation {
  if (labels.length !== rowCount(x)) throw new Error(`evaluateModel: ${labels.length} labels for ${rowCount(x)} rows`);
  return evaluateLogits(predictLogits(model, x, options.batchSize), labels, options);
}
