import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { SeededRandom } from '../util/random';
import {
  type MethodDefinition,
  registeredMethods,
  resolveMethodSettings,
  type StackedObjectiveInputs,
  teacherRoles,
} from './index';
import { loadMethodPlugins } from './plugins';

/**
 * Few-label mode: a student sees the fine (and coarse) labels of the rows its mask marks 1
 * only. Whatever a method's formula, the labels of unmarked rows must not reach its loss
 * or its gradients. Iterates the registry, so a method registered later is covered too
 * (here the example plugin, registered before the list is read).
 */
loadMethodPlugins([path.resolve(__dirname, '..', '..', 'src', 'methods', 'examples', 'confidencePenalty.js')]);
const models = 2;
const rows = 5;
const fine = 4;
const coarse = 3;
const random = new SeededRandom(7);
const grid = (classes: number) =>
  Array.from({ length: models }, () =>
    Array.from({ length: rows }, () => Array.from({ length: classes }, () => (random.next() * 2 - 1) * 3)),
  );
const prediction = grid(fine);
const distillation = grid(coarse);
const logitsFor = (classes: number) => grid(classes);
const teacher = { coarse: logitsFor(coarse), fine: logitsFor(fine) };
const professor = { coarse: logitsFor(coarse), fine: logitsFor(fine) };
/** Model 0 sees rows 0 and 3, model 1 rows 1, 2 and 4. */
const mask = [
  [1, 0, 0, 1, 0],
  [0, 1, 1, 0, 1],
];
const fineLabels = [
  [0, 3, 1, 2, 1],
  [2, 2, 0, 1, 3],
];
const coarseLabels = [
  [0, 2, 1, 1, 0],
  [1, 1, 0, 2, 2],
];
/** The same labels on marked rows, different ones on every unmarked row. */
const relabel = (labels: number[][], classes: number) =>
  labels.map((row, model) => row.map((label, index) => (mask[model][index] === 1 ? label : (label + 1) % classes)));

function inputsFor(
  method: MethodDefinition,
  predictionTensor: tf.Tensor3D,
  distillationTensor: tf.Tensor3D,
  fineRows: number[][],
  coarseRows: number[][],
): StackedObjectiveInputs {
  const settings = resolveMethodSettings(method);
  const target = method.teacher === 'none' ? undefined : method.teacher;
  return {
    prediction: predictionTensor,
    distillation: method.distillationHead ? distillationTensor : undefined,
    fineLabels: tf.tensor2d(fineRows, undefined, 'int32'),
    coarseLabels: tf.tensor2d(coarseRows, undefined, 'int32'),
    teacherLogits: target ? tf.tensor3d(teacher[target]) : undefined,
    targets:
      target && method.derivedTargets?.includes('professor-logits')
        ? { 'professor-logits': tf.tensor3d(professor[target]) }
        : method.derivedTargets?.includes('self-logits')
          ? { 'self-logits': tf.tensor3d(teacher.fine) }
          : undefined,
    settings: Object.fromEntries(
      Object.entries(settings).map(([name, value]) => [name, tf.fill([models], value) as tf.Tensor1D]),
    ),
    labelledMask: tf.tensor2d(mask),
    fineToCoarse: tf.tensor1d([0, 1, 1, 2], 'int32'),
  };
}

/** The total loss [K] and its gradients with respect to both heads' logits. */
function lossAndGradients(method: MethodDefinition, fineRows: number[][], coarseRows: number[][], term = 'total') {
  return tf.tidy(() => {
    const heads = [tf.tensor3d(prediction), tf.tensor3d(distillation)];
    const loss = (first: tf.Tensor, second: tf.Tensor) => {
      const terms = method.objective(
        inputsFor(method, first as tf.Tensor3D, second as tf.Tensor3D, fineRows, coarseRows),
      );
      // A zero-weighted sum keeps both heads on the tape, so an untouched head reads as a zero gradient.
      return tf.addN([terms[term].sum(), tf.mul(tf.sum(first), 0), tf.mul(tf.sum(second), 0)]);
    };
    const totals = method
      .objective(inputsFor(method, heads[0] as tf.Tensor3D, heads[1] as tf.Tensor3D, fineRows, coarseRows))
      [term].arraySync();
    const [toPrediction, toDistillation] = tf
      .grads(loss)(heads)
      .map((gradient) => gradient.arraySync() as number[][][]);
    return { totals, toPrediction, toDistillation };
  });
}

describe('few-label mode: no method reads the labels of unlabelled rows (every registered method)', () => {
  before(async () => {
    await initializeBackend();
  });

  const everyObjective = [...registeredMethods(), ...Object.values(teacherRoles)];
  for (const method of everyObjective) {
    it(`${method.letter} ${method.name}: changing an unlabelled row's labels changes neither the loss nor any gradient`, () => {
      const given = lossAndGradients(method, fineLabels, coarseLabels);
      const changed = lossAndGradients(method, relabel(fineLabels, fine), relabel(coarseLabels, coarse));
      assert.deepEqual(changed.totals, given.totals, `${method.name}: the loss read an unlabelled row's label`);
      assert.deepEqual(
        changed.toPrediction,
        given.toPrediction,
        `${method.name}: the prediction head's gradient read an unlabelled row's label`,
      );
      assert.deepEqual(
        changed.toDistillation,
        given.toDistillation,
        `${method.name}: the distillation head's gradient read an unlabelled row's label`,
      );
    });

    if (method.lossTerms.includes('student')) {
      it(`${method.letter} ${method.name}: the fine-label term sends exactly zero gradient to the prediction logits of unlabelled rows`, () => {
        const { toPrediction } = lossAndGradients(method, fineLabels, coarseLabels, 'student');
        for (let model = 0; model < models; model++) {
          for (let row = 0; row < rows; row++) {
            const size = toPrediction[model][row].reduce((sum, value) => sum + Math.abs(value), 0);
            if (mask[model][row] === 0)
              assert.equal(
                size,
                0,
                `${method.name}: model ${model} unlabelled row ${row} got gradient ${size} from the fine labels`,
              );
            else
              assert.ok(
                size > 1e-6,
                `${method.name}: model ${model} labelled row ${row} got no gradient from its label`,
              );
          }
        }
      });
    }
  }
});
