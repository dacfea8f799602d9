/**
 * Training tests that fail when a method is broken (mutation checks): the teacher's rows must
 * follow each shuffled batch, KD must change what is learnt relative to the plain student,
 * and early stopping on accuracy with minDelta must restore the best epoch. Each runs
 * the built-in methods side by side through trainGroup.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { crossEntropyLoss, distillationLoss } from '../losses';
import { type MethodDefinition, registeredMethods, registerMethod, unregisterMethod } from '../methods';
import { argmaxRows, accuracy } from '../metrics';
import { silentProgress } from '../util/progress';
import { evaluateModel, type FloatMatrix, type MemberSpec, trainGroup } from './index';
import { labelTeacherLogits, smallProblem } from './testProblem';

const { train, validation, fineClassCount, coarseClassCount, inputDimension } = smallProblem();
const architecture = { inputDimension, hiddenUnits: [24], dropoutRate: 0.1, fineClassCount, coarseClassCount };
const data = { train, validation };

/** Accuracy of the `distillation` head against the validation coarse labels. */
function distillationHeadAccuracy(model: tf.LayersModel): number {
  const x = validation.x as FloatMatrix;
  const logits = tf.tidy(() => (model.predict(tf.tensor2d(x.data, [x.rows, x.columns])) as tf.Tensor[])[1]);
  const predicted = argmaxRows(logits.dataSync() as Float32Array, x.rows, coarseClassCount);
  logits.dispose();
  return accuracy(Array.from(validation.coarseLabels!), Array.from(predicted));
}

/** Largest difference between the weights two students share (body and prediction head). */
function sharedWeightDifference(first: tf.LayersModel, second: tf.LayersModel): number {
  const names = ['hidden1', 'prediction'];
  let largest = 0;
  for (const name of names) {
    first
      .getLayer(name)
      .getWeights()
      .forEach((weight, index) => {
        const left = weight.dataSync();
        const right = second.getLayer(name).getWeights()[index].dataSync();
        for (let position = 0; position < left.length; position++)
          largest = Math.max(largest, Math.abs(left[position] - right[position]));
      });
  }
  return largest;
}

/** Heterogeneous KD with its distillation term multiplied by 0: the mutation the KD-vs-plain test must catch. */
const zeroedDistillation: MethodDefinition = {
  name: 'mutant-zero-distillation',
  letter: 'M0',
  label: 'A with the KD term zeroed',
  configKey: 'mutantZeroDistillation',
  teacher: 'coarse',
  distillationHead: true,
  settings: {
    temperature: { description: 'T', exclusiveMinimum: 0, default: 4 },
    studentLossWeight: { description: 'a', minimum: 0, maximum: 1, default: 0.3 },
  },
  lossTerms: ['student', 'distillation'],
  order: 90,
  kind: 'extension',
  objective: (inputs) => {
    const student = crossEntropyLoss(inputs.fineLabels, inputs.prediction);
    const distillation = tf.mul(
      distillationLoss(inputs.teacherLogits!, inputs.distillation!, inputs.settings.temperature),
      0,
    ) as tf.Tensor1D;
    const a = inputs.settings.studentLossWeight;
    return {
      total: tf.add(tf.mul(student, a), tf.mul(distillation, tf.sub(1, a))) as tf.Tensor1D,
      student,
      distillation,
    };
  },
};

describe('method mutations are caught by training', () => {
  before(async () => {
    await initializeBackend();
    registerMethod(zeroedDistillation);
  });
  after(() => unregisterMethod(zeroedDistillation.name));

  it("teacher rows follow each shuffled batch: a = 0 learns the teacher's labels when aligned, chance when misaligned", async () => {
    const coarseAligned = labelTeacherLogits(train.coarseLabels!, coarseClassCount, 6, 3);
    const coarseMisaligned = labelTeacherLogits(train.coarseLabels!, coarseClassCount, 6, 3, true);
    const fineAligned = labelTeacherLogits(train.fineLabels, fineClassCount, 6, 4);
    const fineMisaligned = labelTeacherLogits(train.fineLabels, fineClassCount, 6, 4, true);
    const kd = { temperature: 2, studentLossWeight: 0 };
    const members: MemberSpec[] = [
      { method: 'heterogeneous', settings: kd, seed: 5, teacherLogits: coarseAligned },
      { method: 'heterogeneous', settings: kd, seed: 5, teacherLogits: coarseMisaligned },
      { method: 'traditional', settings: kd, seed: 6, teacherLogits: fineAligned },
      { method: 'traditional', settings: kd, seed: 6, teacherLogits: fineMisaligned },
      // D with a = 0 learns the coarse head from the true coarse labels of each batch.
      { method: 'coarse-auxiliary', settings: { studentLossWeight: 0 }, seed: 7 },
    ];
    const results = await trainGroup({
      members,
      architecture,
      data,
      epochs: 6,
      learningRate: 0.01,
      progress: silentProgress,
    });
    const [aAligned, aMisaligned, bAligned, bMisaligned, dCoarse] = results.map(({ model }) => model);
    assert.ok(
      distillationHeadAccuracy(aAligned) > 0.9,
      `A aligned: coarse accuracy ${distillationHeadAccuracy(aAligned)}`,
    );
    assert.ok(
      distillationHeadAccuracy(aMisaligned) < 0.6,
      `A misaligned: coarse accuracy ${distillationHeadAccuracy(aMisaligned)} (chance 1/3)`,
    );
    assert.ok(
      results[2].result.history.at(-1)!.validationAccuracy > 0.8,
      `B aligned: fine accuracy ${results[2].result.history.at(-1)!.validationAccuracy}`,
    );
    assert.ok(
      results[3].result.history.at(-1)!.validationAccuracy < 0.4,
      `B misaligned: fine accuracy ${results[3].result.history.at(-1)!.validationAccuracy} (chance 1/6)`,
    );
    assert.ok(distillationHeadAccuracy(dCoarse) > 0.9, `D: coarse accuracy ${distillationHeadAccuracy(dCoarse)}`);
    [aAligned, aMisaligned, bAligned, bMisaligned, dCoarse].forEach((model) => model.dispose());
  });

  it('every method but C changes the trained weights relative to C from the same seed; the zeroed-KD mutant does not', async () => {
    const coarseTeacher = labelTeacherLogits(train.coarseLabels!, coarseClassCount, 3, 8);
    const fineTeacher = labelTeacherLogits(train.fineLabels, fineClassCount, 3, 9);
    const teachers: Record<string, FloatMatrix | undefined> = {
      none: undefined,
      coarse: coarseTeacher,
      fine: fineTeacher,
    };
    const builtIns = registeredMethods().filter((method) => method.kind !== 'extension');
    const members: MemberSpec[] = [
      ...builtIns.map((method) => ({ method: method.name, seed: 3, teacherLogits: teachers[method.teacher] })),
      { method: zeroedDistillation.name, seed: 3, teacherLogits: coarseTeacher },
    ];
    const results = await trainGroup({
      members,
      architecture,
      data,
      epochs: 3,
      learningRate: 0.01,
      progress: silentProgress,
    });
    const plain = results[builtIns.findIndex((method) => method.name === 'plain')].model;
    builtIns.forEach((method, index) => {
      const difference = sharedWeightDifference(results[index].model, plain);
      if (method.name === 'plain') assert.equal(difference, 0);
      else assert.ok(difference > 1e-2, `${method.letter} ${method.name} vs C: weights differ by only ${difference}`);
    });
    // Adam is nearly scale-invariant: a*CE trains like CE, so without its KD term A is C.
    const mutant = sharedWeightDifference(results.at(-1)!.model, plain);
    assert.ok(mutant < 1e-3, `zeroed-KD mutant vs C: ${mutant}`);
    results.forEach(({ model }) => model.dispose());
  });

  it('early stopping on validation accuracy with minDelta keeps and restores the best epoch, for every method', async () => {
    const coarseTeacher = labelTeacherLogits(train.coarseLabels!, coarseClassCount, 3, 10);
    const fineTeacher = labelTeacherLogits(train.fineLabels, fineClassCount, 3, 11);
    const teachers: Record<string, FloatMatrix | undefined> = {
      none: undefined,
      coarse: coarseTeacher,
      fine: fineTeacher,
    };
    const builtIns = registeredMethods().filter((method) => method.kind !== 'extension');
    const minDelta = 0.01;
    const results = await trainGroup({
      members: builtIns.map((method) => ({ method: method.name, seed: 12, teacherLogits: teachers[method.teacher] })),
      architecture,
      data,
      epochs: 30,
      learningRate: 0.05,
      earlyStopping: { monitor: 'validationAccuracy', patience: 2, minDelta },
      progress: silentProgress,
    });
    builtIns.forEach((method, index) => {
      const { model, result } = results[index];
      // The rule by hand: epoch 1 is best; a later epoch is best only if it beats the best by more than minDelta.
      let best = 1;
      result.history.forEach((record, epoch) => {
        if (record.validationAccuracy > result.history[best - 1].validationAccuracy + minDelta) best = epoch + 1;
      });
      assert.equal(result.bestEpoch, best, `${method.name}: best epoch`);
      assert.ok(
        result.stoppedEarly && result.stoppedEpoch === best + 2,
        `${method.name}: stopped at ${result.stoppedEpoch}, best ${best}`,
      );
      assert.ok(result.restoredBestWeights);
      const now = evaluateModel(model, validation.x, validation.fineLabels, { fineClassCount });
      assert.equal(now.accuracy, result.bestRecord.validationAccuracy, `${method.name}: restored accuracy`);
      assert.ok(
        Math.abs(now.crossEntropy - result.bestRecord.validationLoss) < 1e-5,
        `${method.name}: restored loss ${now.crossEntropy} vs ${result.bestRecord.validationLoss}`,
      );
      model.dispose();
    });
  });
});
