import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { crossEntropyLoss } from '../losses';
import { type MethodDefinition, registerMethod, unregisterMethod } from '../methods';
import { buildStudent } from '../models';
import { silentProgress } from '../util/progress';
import { checkFiniteFigures, checkFiniteWeights, TrainingDivergedError } from './divergence';
import { LayersModelGroup } from './modelGroup';
import { trainGroup, trainModel } from './index';
import { smallProblem } from './testProblem';

const { train, validation, fineClassCount, coarseClassCount, inputDimension } = smallProblem();
const architecture = { inputDimension, hiddenUnits: [24], dropoutRate: 0.1, fineClassCount, coarseClassCount };

describe('a diverging training stops with an error naming the run, the epoch and the fix', () => {
  before(async () => {
    await initializeBackend();
  });

  it('checkFiniteFigures: names only the members with NaN / Infinity, and the config key to lower', () => {
    const members = new Map([
      [0, { definition: { name: 'heterogeneous' }, batchSeed: 1 }],
      [1, { definition: { name: 'plain' }, batchSeed: 2 }],
      [2, { definition: { name: 'teacher-coarse' }, batchSeed: 3 }],
    ]) as unknown as Parameters<typeof checkFiniteFigures>[1];
    checkFiniteFigures(
      new Map([
        [0, { total: 1.2, student: 0.8 }],
        [1, { total: 0.4 }],
      ]),
      members,
      3,
      0.001,
      'group of 2',
    );
    assert.throws(
      () =>
        checkFiniteFigures(
          new Map([
            [0, { total: Number.NaN, student: 0.8 }],
            [1, { total: 0.4 }],
            [2, { total: Number.POSITIVE_INFINITY }],
          ]),
          members,
          4,
          0.5,
          'group of 3',
        ),
      (error: Error) => {
        assert.ok(error instanceof TrainingDivergedError);
        assert.equal(
          error.message,
          'training diverged at epoch 4 (2 of the 3 models of group of 3): heterogeneous seed 1 (total NaN); teacher-coarse seed 3 (total Infinity). ' +
            "The weights are no longer numbers, so nothing of this run can be used. Lower the learning rate (now 0.5; teacher.learningRate / student.learningRate in the config, e.g. --set teacher.learningRate=0.001) or the method's loss weights, then run again.",
        );
        return true;
      },
    );
  });

  it('checkFiniteWeights: a model whose weights hold NaN is named (the case where the last update diverged)', () => {
    const model = buildStudent({ ...architecture, coarseClassCount: undefined, seed: 3 });
    const members = new Map([[0, { definition: { name: 'plain' }, batchSeed: 3 }]]) as unknown as Parameters<
      typeof checkFiniteWeights
    >[2];
    try {
      const group = new LayersModelGroup(model, 0);
      checkFiniteWeights(group, [0], members, 2, 0.01, 'seed 3 plain');
      const weights = model.getWeights();
      const poisoned = tf.tidy(() =>
        weights.map((weight, index) => (index === 0 ? tf.mul(weight, Number.NaN) : weight.clone())),
      );
      model.setWeights(poisoned);
      tf.dispose(poisoned);
      assert.throws(
        () => checkFiniteWeights(group, [0], members, 2, 0.01, 'seed 3 plain'),
        /^TrainingDivergedError: training diverged at epoch 2 \(seed 3 plain\): plain seed 3 \(weights NaN\)/,
      );
    } finally {
      model.dispose();
    }
  });

  it('trainModel with learning rate 1e30 fails at epoch 1 with the method and seed (not in an argmax over NaN)', async () => {
    const model = buildStudent({ ...architecture, coarseClassCount: undefined, seed: 5 });
    try {
      await assert.rejects(
        trainModel({
          model,
          objective: { method: 'label-smoothing', settings: { smoothing: 0.1 } },
          data: { train, validation },
          seed: 5,
          epochs: 3,
          learningRate: 1e30,
          progress: silentProgress,
          task: 'seed 5 label-smoothing',
        }),
        (error: Error) =>
          error instanceof TrainingDivergedError &&
          /^training diverged at epoch 1 \(seed 5 label-smoothing\): label-smoothing seed 5 \(total NaN.*Lower the learning rate \(now 1e\+30; student\.learningRate/.test(
            error.message,
          ),
      );
    } finally {
      model.dispose();
    }
  });

  it('in a stacked group, only the member that diverged is named', async () => {
    const scaled: MethodDefinition = {
      name: 'toy-scaled',
      letter: 'T2',
      label: 'toy: fine CE times a scale',
      configKey: 'toyScaled',
      teacher: 'none',
      distillationHead: false,
      settings: { scale: { description: 'factor on the cross-entropy', minimum: 0, default: 1 } },
      lossTerms: ['student'],
      order: 51,
      kind: 'extension',
      objective: (inputs) => {
        const student = tf.mul(
          crossEntropyLoss(inputs.fineLabels, inputs.prediction),
          inputs.settings.scale,
        ) as tf.Tensor1D;
        return { total: student, student };
      },
    };
    registerMethod(scaled);
    try {
      await assert.rejects(
        // 1e39 is Infinity in float32: that member's loss overflows, the other's stays finite.
        trainGroup({
          members: [
            { method: 'toy-scaled', settings: { scale: 1 }, seed: 1 },
            { method: 'toy-scaled', settings: { scale: 1e39 }, seed: 2 },
          ],
          architecture,
          data: { train, validation },
          epochs: 2,
          learningRate: 0.01,
          progress: silentProgress,
        }),
        (error: Error) =>
          error instanceof TrainingDivergedError &&
          /^training diverged at epoch 1 \(1 of the 2 models of train group of 2\): toy-scaled seed 2 \(total (NaN|Infinity), student (NaN|Infinity)\)\./.test(
            error.message,
          ),
      );
    } finally {
      unregisterMethod('toy-scaled');
    }
  });
});
