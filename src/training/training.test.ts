import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { buildStudent, buildTeacher } from '../models';
import { silentProgress } from '../util/progress';
import {
  type DataSplit,
  evaluateLogits,
  evaluateModel,
  type FloatMatrix,
  gaussianClusters,
  predictLogits,
  type MethodObjective,
  trainModel,
  type TrainOptions,
} from './index';

const problem = gaussianClusters({ rowsPerSplit: [600, 240, 240], seed: 5 });
const [train, validation, test] = problem.splits as DataSplit[];
const { fineClassCount, coarseClassCount } = problem;
const chance = 1 / fineClassCount;

function student(twoHeads: boolean, seed = 7): tf.LayersModel {
  return buildStudent({
    inputDimension: 16,
    hiddenUnits: [24],
    dropoutRate: 0.1,
    fineClassCount,
    coarseClassCount: twoHeads ? coarseClassCount : undefined,
    seed,
  });
}

function options(model: tf.LayersModel, objective: MethodObjective, extra: Partial<TrainOptions> = {}): TrainOptions {
  return {
    model,
    objective,
    data: { train, validation, test },
    epochs: 3,
    seed: 3,
    learningRate: 0.01,
    progress: silentProgress,
    ...extra,
  };
}

function withoutSeconds(history: { seconds: number }[]): object[] {
  return history.map(({ seconds: _seconds, ...rest }) => rest);
}

describe('trainModel', () => {
  let coarseTeacherLogits: FloatMatrix;
  let fineTeacherLogits: FloatMatrix;

  before(async () => {
    await initializeBackend();
    const coarseTeacher = buildTeacher({
      inputDimension: 16,
      classCount: coarseClassCount,
      hiddenUnits: [32, 16],
      seed: 1,
    });
    const coarseResult = await trainModel(options(coarseTeacher, { method: 'teacher-coarse' }, { epochs: 4 }));
    assert.ok(coarseResult.history.at(-1)!.validationAccuracy > 0.9, 'the coarse groups are well separated');
    coarseTeacherLogits = predictLogits(coarseTeacher, train.x);
    assert.equal(coarseTeacherLogits.columns, coarseClassCount);
    const fineTeacher = buildTeacher({
      inputDimension: 16,
      classCount: fineClassCount,
      hiddenUnits: [32, 16],
      seed: 2,
    });
    await trainModel(options(fineTeacher, { method: 'teacher-fine' }, { epochs: 4 }));
    fineTeacherLogits = predictLogits(fineTeacher, train.x);
    coarseTeacher.dispose();
    fineTeacher.dispose();
  });

  const cases: Array<[string, boolean, () => MethodObjective]> = [
    ['plain', false, () => ({ method: 'plain' })],
    [
      'heterogeneous',
      true,
      () => ({
        method: 'heterogeneous',
        settings: { temperature: 4, studentLossWeight: 0.3 },
        teacherLogits: coarseTeacherLogits,
      }),
    ],
    [
      'traditional',
      false,
      () => ({
        method: 'traditional',
        settings: { temperature: 4, studentLossWeight: 0.2 },
        teacherLogits: fineTeacherLogits,
      }),
    ],
    ['coarse-auxiliary', true, () => ({ method: 'coarse-auxiliary', settings: { studentLossWeight: 0.5 } })],
    ['label-smoothing', false, () => ({ method: 'label-smoothing', settings: { smoothing: 0.1 } })],
  ];
  for (const [name, twoHeads, objective] of cases) {
    it(`${name}: loss falls and accuracy beats chance in 3 epochs`, async () => {
      const model = student(twoHeads);
      const chosen = objective();
      const result = await trainModel(options(model, chosen));
      const [first, , last] = result.history;
      assert.equal(result.history.length, 3);
      assert.ok(last.totalLoss < first.totalLoss, `total loss ${first.totalLoss} -> ${last.totalLoss}`);
      assert.ok(last.validationAccuracy > chance + 0.3, `validation accuracy ${last.validationAccuracy}`);
      assert.ok(last.testAccuracy! > chance + 0.3, `test accuracy ${last.testAccuracy}`);
      if (chosen.settings?.studentLossWeight !== undefined) {
        const second = last.distillationLoss ?? last.auxiliaryLoss!;
        assert.ok(Number.isFinite(second));
        // Epoch means are linear in the batch losses, so the recorded terms recombine exactly (up to float32).
        const a = chosen.settings.studentLossWeight;
        assert.ok(Math.abs(last.totalLoss - (a * last.studentLoss + (1 - a) * second)) < 1e-4);
      } else {
        assert.equal(last.distillationLoss, undefined);
        assert.ok(Math.abs(last.totalLoss - last.studentLoss) < 1e-6);
      }
      // validationLoss is the prediction head's CE on fine labels, whatever the objective.
      const evaluation = evaluateModel(model, validation.x, validation.fineLabels, { fineClassCount });
      assert.ok(Math.abs(evaluation.crossEntropy - last.validationLoss) < 1e-5);
      assert.equal(evaluation.accuracy, last.validationAccuracy);
      model.dispose();
    });
  }

  it('same seeds -> bitwise identical history and weights', async () => {
    const run = async () => {
      const model = student(true, 11);
      const result = await trainModel(
        options(model, {
          method: 'heterogeneous',
          settings: { temperature: 10, studentLossWeight: 0.3 },
          teacherLogits: coarseTeacherLogits,
        }),
      );
      const weights = model.getWeights().map((weight) => Array.from(weight.dataSync()));
      model.dispose();
      return { history: withoutSeconds(result.history), weights };
    };
    const first = await run();
    const second = await run();
    assert.deepEqual(second.history, first.history);
    assert.deepEqual(second.weights, first.weights);
    const model = student(true, 11);
    const other = await trainModel(
      options(
        model,
        {
          method: 'heterogeneous',
          settings: { temperature: 10, studentLossWeight: 0.3 },
          teacherLogits: coarseTeacherLogits,
        },
        { seed: 4 },
      ),
    );
    assert.notDeepEqual(withoutSeconds(other.history), first.history, 'another batch-order seed changes the run');
    model.dispose();
  });

  it('early stopping stops after `patience` bad epochs and restores the best epoch weights', async () => {
    const model = student(false, 13);
    const result = await trainModel(
      options(
        model,
        { method: 'teacher-fine' },
        { epochs: 40, learningRate: 0.05, earlyStopping: { monitor: 'validationLoss', patience: 2 } },
      ),
    );
    assert.ok(result.stoppedEarly, `ran all ${result.stoppedEpoch} epochs`);
    assert.equal(result.stoppedEpoch, result.bestEpoch + 2);
    const best = result.history[result.bestEpoch - 1];
    assert.equal(best, result.bestRecord);
    assert.ok(result.history.every((record) => record.validationLoss >= best.validationLoss));
    assert.ok(result.history.at(-1)!.validationLoss > best.validationLoss);
    assert.ok(result.restoredBestWeights);
    const after = evaluateModel(model, validation.x, validation.fineLabels, { fineClassCount });
    assert.equal(after.accuracy, best.validationAccuracy);
    assert.ok(Math.abs(after.crossEntropy - best.validationLoss) < 1e-6);
    model.dispose();
  });

  it('does not leak tensors: the count after epoch 1 equals the count after epoch 6 and after training', async () => {
    const model = student(true, 17);
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await trainModel(
      options(
        model,
        {
          method: 'heterogeneous',
          settings: { temperature: 4, studentLossWeight: 0.3 },
          teacherLogits: coarseTeacherLogits,
        },
        {
          epochs: 6,
          earlyStopping: { monitor: 'validationAccuracy', patience: 10 },
          onEpoch: () => {
            counts.push(tf.memory().numTensors);
          },
        },
      ),
    );
    assert.equal(counts.length, 6);
    assert.equal(counts[5], counts[0], `tensors per epoch: ${counts.join(', ')}`);
    assert.equal(tf.memory().numTensors, before);
    model.dispose();
  });

  it('rejects mismatched objectives, models and labels with specific errors', async () => {
    const oneHead = student(false);
    await assert.rejects(
      trainModel(options(oneHead, { method: 'coarse-auxiliary', settings: { studentLossWeight: 0.5 } })),
      /the method needs the "distillation" head; the models have none/,
    );
    const shortLogits = { data: coarseTeacherLogits.data.slice(0, 30), rows: 10, columns: 3 };
    const twoHeads = student(true);
    await assert.rejects(
      trainModel(
        options(twoHeads, {
          method: 'heterogeneous',
          settings: { temperature: 2, studentLossWeight: 0.5 },
          teacherLogits: shortLogits,
        }),
      ),
      /teacherLogits has 10 rows, the training split 600/,
    );
    await assert.rejects(
      trainModel(
        options(twoHeads, {
          method: 'heterogeneous',
          settings: { temperature: 2, studentLossWeight: 0.5 },
          teacherLogits: fineTeacherLogits,
        }),
      ),
      /teacherLogits has 6 columns but the student's "distillation" head has 3 logits \(use a COARSE teacher\)/,
    );
    const badLabels = [...(train.fineLabels as number[])];
    badLabels[42] = 6;
    await assert.rejects(
      trainModel({
        ...options(oneHead, { method: 'teacher-fine' }),
        data: { train: { ...train, fineLabels: badLabels }, validation },
      }),
      /label at position 42 is 6, expected an integer in \[0, 6\)/,
    );
    oneHead.dispose();
    twoHeads.dispose();
  });
});

describe('evaluation', () => {
  before(async () => {
    await initializeBackend();
  });

  it('scores hand-made logits: accuracy, confusion matrix, implied coarse accuracy', () => {
    // 4 rows, 4 classes; groups {0,1} -> 0 and {2,3} -> 1.
    const logits = { data: Float32Array.from([5, 1, 0, 0, 0, 4, 1, 0, 0, 0, 1, 3, 2, 0, 0, 0]), rows: 4, columns: 4 };
    const result = evaluateLogits(logits, [0, 0, 3, 3], { fineClassCount: 4, fineToCoarse: [0, 0, 1, 1] });
    assert.deepEqual(Array.from(result.predictions), [0, 1, 3, 0]);
    assert.equal(result.accuracy, 0.5);
    assert.equal(result.impliedCoarseAccuracy, 0.75);
    assert.deepEqual(result.confusionMatrix, [
      [1, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [1, 0, 0, 1],
    ]);
    // CE by hand: mean of -log softmax(row)[label].
    const expected =
      [
        [[5, 1, 0, 0], 0],
        [[0, 4, 1, 0], 0],
        [[0, 0, 1, 3], 3],
        [[2, 0, 0, 0], 3],
      ].reduce((sum, [row, label]) => {
        const values = row as number[];
        return sum + Math.log(values.reduce((total, value) => total + Math.exp(value), 0)) - values[label as number];
      }, 0) / 4;
    assert.ok(Math.abs(result.crossEntropy - expected) < 1e-5);
    assert.throws(() => evaluateLogits(logits, [0, 0, 3], { fineClassCount: 4 }), /3 labels for 4 rows/);
    assert.throws(
      () => evaluateLogits(logits, [0, 0, 3, 3], { fineClassCount: 5 }),
      /4 prediction logits but fineClassCount is 5/,
    );
  });

  it('predictLogits in batches equals one predict call and uses the prediction head', () => {
    const model = buildStudent({ inputDimension: 16, hiddenUnits: [8], fineClassCount, coarseClassCount, seed: 3 });
    const batched = predictLogits(model, validation.x, 7);
    const [whole] = model.predict(tf.tensor2d((validation.x as FloatMatrix).data, [240, 16])) as tf.Tensor[];
    assert.equal(batched.columns, fineClassCount);
    const expected = whole.dataSync();
    assert.ok(batched.data.every((value, index) => Math.abs(value - expected[index]) < 1e-5));
    tf.dispose(whole);
    model.dispose();
  });
});
