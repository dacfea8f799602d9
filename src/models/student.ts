import * as tf from '@tensorflow/tfjs';
import { denseReluStack, logitLayer, validateDropoutRate, validateWidths } from './denseStack';
import { LayerSeeds } from './seeds';
import { paperTeacherBodyParameters } from './teacher';

/** Name of the head that makes the fine-label predictions (used at inference). */
export const predictionLayerName = 'prediction';
/** Name of the head matched to the teacher's (coarse) soft targets. */
export const distillationLayerName = 'distillation';

/**
 * Default student body: ONE hidden ReLU layer whose weights are about a tenth of the
 * teacher body (104,499 parameters): width = round(104,499 / (d + 1)).
 *
 * | input d | hidden | one head (20) | two heads (20 + 6) |
 * |---------|--------|---------------|--------------------|
 * | 768     | [136]  | 107,324       | 108,146            |
 * | 512     | [204]  | 108,752       | 109,982            |
 */
export function studentHiddenUnitsFor(inputDimension: number): number[] {
  if (!Number.isInteger(inputDimension) || inputDimension < 1)
    throw new Error(`studentHiddenUnitsFor: inputDimension must be a positive integer, got ${inputDimension}`);
  return [Math.max(1, Math.round(Math.round(paperTeacherBodyParameters / 10) / (inputDimension + 1)))];
}

/** Options of {@link buildStudent}. */
export interface StudentOptions {
  inputDimension: number;
  /** Hidden ReLU widths of the shared body; default {@link studentHiddenUnitsFor}(inputDimension). */
  hiddenUnits?: number[];
  /** Dropout after every hidden layer; default 0.2. */
  dropoutRate?: number;
  /** Logits of the `prediction` head (20 on 20 Newsgroups). */
  fineClassCount: number;
  /** When given, adds the `distillation` head with this many logits (6 coarse groups). */
  coarseClassCount?: number;
  seed: number;
}

/**
 * The student: one shared dense ReLU body and
 * - with `coarseClassCount`: two logit heads, outputs `[prediction (fine), distillation (coarse)]`
 *   (heterogeneous KD and the coarse-auxiliary control);
 * - without: the `prediction` head only (plain student, traditional KD, label smoothing).
 * Inference uses the `prediction` head only (see `predictLogits` in src/training).
 */
export function buildStudent(options: StudentOptions): tf.LayersModel {
  const { inputDimension, fineClassCount, coarseClassCount, seed } = options;
  validateWidths('buildStudent', 'inputDimension and fineClassCount', [inputDimension, fineClassCount]);
  const hiddenUnits = options.hiddenUnits ?? studentHiddenUnitsFor(inputDimension);
  const dropoutRate = options.dropoutRate ?? 0.2;
  validateWidths('buildStudent', 'hiddenUnits', hiddenUnits);
  if (coarseClassCount !== undefined) validateWidths('buildStudent', 'coarseClassCount', [coarseClassCount]);
  validateDropoutRate('buildStudent', dropoutRate);
  const seeds = new LayerSeeds(seed);
  const input = tf.input({ shape: [inputDimension], name: 'features' });
  const body = denseReluStack(input, hiddenUnits, dropoutRate, seeds);
  const prediction = logitLayer(body, fineClassCount, predictionLayerName, seeds);
  if (coarseClassCount === undefined) return tf.model({ inputs: input, outputs: prediction, name: 'student' });
  const distillation = logitLayer(body, coarseClassCount, distillationLayerName, seeds);
  return tf.model({ inputs: input, outputs: [prediction, distillation], name: 'student' });
}
