import * as tf from '@tensorflow/tfjs';
import { convReluPoolStack, type ImageShape, validateImageShape, validateKernelSize } from './convStack';
import { fashionMnistImageShape } from './convTeacher';
import { denseReluStack, logitLayer, validateDropoutRate, validateWidths } from './denseStack';
import { LayerSeeds } from './seeds';
import { buildStudent, distillationLayerName, predictionLayerName } from './student';

/** Trainable parameters of the default fine (10-class) convolutional teacher, {@link buildConvTeacher}. */
export const convTeacherFineParameters = 421_642;

/**
 * Default hidden width of the dense image student: ONE ReLU layer holding about a tenth
 * of the default fine conv teacher's parameters: width = round(421,642 / 10 / (d + 1)).
 * For 28x28 images (d = 784): [54].
 */
export function imageStudentHiddenUnitsFor(inputDimension: number): number[] {
  if (!Number.isInteger(inputDimension) || inputDimension < 1)
    throw new Error(`imageStudentHiddenUnitsFor: inputDimension must be a positive integer, got ${inputDimension}`);
  return [Math.max(1, Math.round(convTeacherFineParameters / 10 / (inputDimension + 1)))];
}

/** Default filters, kernel size and dense widths of the convolutional image student. */
export const convStudentDefaults = { filters: [8, 16], kernelSize: 3, denseUnits: [32] } as const;

/** The student's body as a pipeline config states it. */
export type ImageStudentModel =
  | { kind: 'dense'; hiddenUnits?: number[] }
  | { kind: 'conv'; filters?: number[]; kernelSize?: number; denseUnits?: number[] };

/** Options of {@link buildImageStudent}. */
export interface ImageStudentOptions {
  /** Body kind and sizes; default `{ kind: 'dense' }` (hidden width {@link imageStudentHiddenUnitsFor}). */
  model?: ImageStudentModel;
  /** `[height, width, channels]`; default `[28, 28, 1]`; the input is the flattened image. */
  imageShape?: ImageShape;
  /** Logits of the `prediction` head (10 on Fashion-MNIST). */
  fineClassCount: number;
  /** When given, adds the `distillation` head with this many logits (coarse groups). */
  coarseClassCount?: number;
  /** Dropout after every dense hidden layer; default 0.2. */
  dropoutRate?: number;
  seed: number;
}

/**
 * A small student for images given as flattened pixel rows, with the same heads as
 * {@link buildStudent}: `prediction` (fine logits) and, with `coarseClassCount`,
 * `distillation` (coarse logits), both on one shared body; outputs `[prediction, distillation]`.
 * - `dense` (default): {@link buildStudent} on the 784 pixels, one hidden layer of 54.
 * - `conv`: conv-ReLU-maxpool blocks `[8, 16]` (3x3) -> Flatten -> Dense ReLU [32] -> heads.
 * Sizes are OUR choice (the paper's architecture is unknown): about a tenth of the
 * default conv teacher (421,642 with 10 outputs) for the dense body, less for the conv one.
 *
 * Exact trainable parameters on 28x28x1 with the defaults:
 *
 * | body                     | prediction only | + distillation (5) | + distillation (3) | vs teacher |
 * |--------------------------|-----------------|--------------------|--------------------|------------|
 * | dense [54]               | 42,940          | 43,215             | 43,105             | 10.2%      |
 * | conv [8, 16] k3, [32]    | 26,698          | 26,863             | 26,797             | 6.4%       |
 *
 * (dense: 785*54 + 55*10 (+ 55*coarse); conv: 80 + 1,168 + 785*32 + 33*10 (+ 33*coarse).)
 */
export function buildImageStudent(options: ImageStudentOptions): tf.LayersModel {
  const { fineClassCount, coarseClassCount, seed } = options;
  const model = options.model ?? { kind: 'dense' };
  const imageShape = options.imageShape ?? fashionMnistImageShape;
  const inputDimension = validateImageShape('buildImageStudent', imageShape);
  if (model.kind === 'dense') {
    return buildStudent({
      inputDimension,
      hiddenUnits: model.hiddenUnits ?? imageStudentHiddenUnitsFor(inputDimension),
      dropoutRate: options.dropoutRate,
      fineClassCount,
      coarseClassCount,
      seed,
    });
  }
  if (model.kind !== 'conv')
    throw new Error(
      `buildImageStudent: model.kind must be 'dense' or 'conv', got ${JSON.stringify((model as { kind: unknown }).kind)}`,
    );
  const filters = model.filters ?? [...convStudentDefaults.filters];
  const kernelSize = model.kernelSize ?? convStudentDefaults.kernelSize;
  const denseUnits = model.denseUnits ?? [...convStudentDefaults.denseUnits];
  const dropoutRate = options.dropoutRate ?? 0.2;
  validateWidths('buildImageStudent', 'fineClassCount', [fineClassCount]);
  if (coarseClassCount !== undefined) validateWidths('buildImageStudent', 'coarseClassCount', [coarseClassCount]);
  if (filters.length === 0) throw new Error('buildImageStudent: filters must list at least one convolution block');
  validateWidths('buildImageStudent', 'filters', filters);
  validateWidths('buildImageStudent', 'denseUnits', denseUnits);
  validateKernelSize('buildImageStudent', kernelSize);
  validateDropoutRate('buildImageStudent', dropoutRate);
  const seeds = new LayerSeeds(seed);
  const input = tf.input({ shape: [inputDimension], name: 'features' });
  const flat = convReluPoolStack(input, imageShape, filters, kernelSize, seeds);
  const body = denseReluStack(flat, denseUnits, dropoutRate, seeds);
  const prediction = logitLayer(body, fineClassCount, predictionLayerName, seeds);
  if (coarseClassCount === undefined) return tf.model({ inputs: input, outputs: prediction, name: 'student' });
  const distillation = logitLayer(body, coarseClassCount, distillationLayerName, seeds);
  return tf.model({ inputs: input, outputs: [prediction, distillation], name: 'student' });
}
