import * as tf from '@tensorflow/tfjs';
import { denseReluStack, logitLayer, validateDropoutRate, validateWidths } from './denseStack';
import { LayerSeeds } from './seeds';

/**
 * Trainable parameters of Paper 1's teacher body (everything but the output layer):
 * its teachers have 1,045,378 parameters with 6 outputs and 1,046,288 with 20 on
 * 768-d BERT input; the difference 910 = 14 x 65 fixes the last hidden width at 64,
 * and 1,045,378 - 6 x 65 = 1,044,988.
 */
export const paperTeacherBodyParameters = 1_044_988;

/** The three narrower hidden layers shared by every default teacher. */
const teacherTailWidths = [224, 96, 64];

/**
 * Default teacher hidden widths for an input dimension: `[first, 224, 96, 64]`, with
 * `first` chosen so that the body lands nearest to {@link paperTeacherBodyParameters}:
 * body = first*(d+1) + (first+1)*224 + 225*96 + 97*64 = first*(d+225) + 28,032.
 *
 * Exact trainable parameter counts (output layer = 65 x classes):
 *
 * | input d | hidden widths          | 6 outputs | 20 outputs | vs Paper 1 (768-d) |
 * |---------|------------------------|-----------|------------|--------------------|
 * | 768     | [1024, 224, 96, 64]    | 1,045,254 | 1,046,164  | -124 (-0.012%)     |
 * | 512     | [1380, 224, 96, 64]    | 1,045,482 | 1,046,392  | +104 (+0.010%)     |
 * | 384     | [1670, 224, 96, 64]    | 1,045,452 | 1,046,362  | +74 (+0.007%)      |
 *
 * Paper 1: 1,045,378 (6 outputs) and 1,046,288 (20 outputs); in every row the
 * 20-output teacher has exactly 910 more parameters than the 6-output one.
 */
export function teacherHiddenUnitsFor(inputDimension: number): number[] {
  if (!Number.isInteger(inputDimension) || inputDimension < 1)
    throw new Error(`teacherHiddenUnitsFor: inputDimension must be a positive integer, got ${inputDimension}`);
  // body = first*(d+1) + (first+1)*224 + (224+1)*96 + (96+1)*64 = first*(d+1+224) + tail
  let tail = teacherTailWidths[0];
  for (let index = 1; index < teacherTailWidths.length; index++)
    tail += (teacherTailWidths[index - 1] + 1) * teacherTailWidths[index];
  const first = Math.max(
    1,
    Math.round((paperTeacherBodyParameters - tail) / (inputDimension + 1 + teacherTailWidths[0])),
  );
  return [first, ...teacherTailWidths];
}

/** Options of {@link buildTeacher}. */
export interface TeacherOptions {
  inputDimension: number;
  /** Output logits: 6 for a coarse teacher, 20 for a fine one on 20 Newsgroups. */
  classCount: number;
  /** Hidden ReLU widths; default {@link teacherHiddenUnitsFor}(inputDimension). */
  hiddenUnits?: number[];
  /** Dropout after every hidden layer; default 0.2. */
  dropoutRate?: number;
  /** Integer seed of every initialiser and dropout mask. */
  seed: number;
}

/**
 * A dense ReLU teacher: input -> hidden layers (with seeded dropout) -> `prediction`
 * Dense(classCount) that outputs LOGITS (no softmax; the losses apply it).
 */
export function buildTeacher(options: TeacherOptions): tf.LayersModel {
  const { inputDimension, classCount, seed } = options;
  validateWidths('buildTeacher', 'inputDimension and classCount', [inputDimension, classCount]);
  const hiddenUnits = options.hiddenUnits ?? teacherHiddenUnitsFor(inputDimension);
  const dropoutRate = options.dropoutRate ?? 0.2;
  validateWidths('buildTeacher', 'hiddenUnits', hiddenUnits);
  validateDropoutRate('buildTeacher', dropoutRate);
  const seeds = new LayerSeeds(seed);
  const input = tf.input({ shape: [inputDimension], name: 'features' });
  const body = denseReluStack(input, hiddenUnits, dropoutRate, seeds);
  const logits = logitLayer(body, classCount, 'prediction', seeds);
  return tf.model({ inputs: input, outputs: logits, name: 'teacher' });
}
