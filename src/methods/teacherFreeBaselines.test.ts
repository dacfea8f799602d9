import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import * as path from 'node:path';
import { initializeBackend } from '../backend/backend';
import { resolveExperimentConfig } from '../config/layering';
import { configuredMethods } from '../pipeline/plan/planRuns';
import { distillationLoss, hierarchicalCrossEntropyLoss, virtualTeacherLogits } from '../losses';
import { buildStudent } from '../models';
import { smallProblem } from '../training/testProblem';
import { trainModel } from '../training';
import { silentProgress } from '../util/progress';
import { SeededRandom } from '../util/random';
import { methodByName, resolveMethodSettings, type StackedObjectiveInputs } from './index';

/**
 * The teacher-free baselines F (soft labels), G (HXE) and H (Tf-KD with a virtual teacher):
 * their terms agree with the direct definitions, label terms skip unlabelled rows, and
 * training hands them the experiment's hierarchy (or says it is missing).
 */
const names = ['soft-labels', 'hxe', 'tf-kd-virtual'];
const fineToCoarse = [0, 1, 1, 2, 2, 2];
const random = new SeededRandom(7);
const logits = Array.from({ length: 5 }, () => Array.from({ length: 6 }, () => (random.next() * 2 - 1) * 4));
const labels = [0, 4, 2, 5, 1];

function inputs(method: string, rows: number[], mask?: number[]): StackedObjectiveInputs {
  const settings = resolveMethodSettings(methodByName(method));
  return {
    prediction: tf.tensor3d([rows.map((row) => logits[row])]),
    fineLabels: tf.tensor2d([rows.map((row) => labels[row])], undefined, 'int32'),
    settings: Object.fromEntries(Object.entries(settings).map(([name, value]) => [name, tf.tensor1d([value])])),
    fineToCoarse: tf.tensor1d(fineToCoarse, 'int32'),
    ...(mask ? { labelledMask: tf.tensor2d([mask]) } : {}),
  };
}

function terms(method: string, rows: number[], mask?: number[]): Record<string, number> {
  return tf.tidy(() => {
    const result = methodByName(method).objective(inputs(method, rows, mask));
    return Object.fromEntries(Object.entries(result).map(([name, tensor]) => [name, tensor.dataSync()[0]]));
  });
}

describe('teacher-free baselines F, G, H', () => {
  before(async () => {
    await initializeBackend();
  });

  it('G: the objective (masked label means of the two path terms) equals the direct HXE definition', () => {
    const all = [0, 1, 2, 3, 4];
    for (const alpha of [0, 0.5, 3]) {
      const direct = tf.tidy(() =>
        hierarchicalCrossEntropyLoss(
          tf.tensor1d(labels, 'int32'),
          tf.tensor2d(logits),
          tf.tensor1d(fineToCoarse, 'int32'),
          alpha,
        ).dataSync(),
      )[0];
      const objective = tf.tidy(() => {
        const given = inputs('hxe', all);
        return methodByName('hxe')
          .objective({ ...given, settings: { alpha: tf.tensor1d([alpha]) } })
          .total.dataSync();
      })[0];
      assert.ok(Math.abs(direct - objective) < 1e-5, `alpha ${alpha}: ${direct} vs ${objective}`);
    }
  });

  it('H: the distillation term equals distillationLoss(log p^d, s, T) with the virtual teacher, a = 0.9, T = 20', () => {
    const { distillation } = terms('tf-kd-virtual', [0, 1, 2, 3, 4]);
    const expected = tf.tidy(
      () =>
        distillationLoss(
          virtualTeacherLogits(tf.tensor1d(labels, 'int32'), 6, 0.9) as tf.Tensor2D,
          tf.tensor2d(logits),
          20,
        ).dataSync()[0],
    );
    assert.ok(Math.abs(distillation - expected) < 1e-4 * Math.max(1, expected), `${distillation} vs ${expected}`);
  });

  for (const method of names) {
    it(`${method}: unlabelled rows weigh nothing (masked = the labelled rows alone); no labelled row = 0 and no gradient`, () => {
      const masked = terms(method, [0, 1, 2, 3, 4], [1, 0, 1, 1, 0]);
      const alone = terms(method, [0, 2, 3]);
      for (const name of Object.keys(alone))
        assert.ok(Math.abs(masked[name] - alone[name]) < 1e-5, `${method} ${name}: ${masked[name]} vs ${alone[name]}`);
      const none = terms(method, [0, 1, 2], [0, 0, 0]);
      for (const [name, value] of Object.entries(none))
        assert.ok(Math.abs(value) < 1e-6, `${method} ${name}: ${value}`);
      tf.tidy(() => {
        const given = inputs(method, [0, 1, 2], [0, 0, 0]);
        const gradient = tf.grad((prediction: tf.Tensor) =>
          methodByName(method)
            .objective({ ...given, prediction: prediction as tf.Tensor3D })
            .total.sum(),
        )(given.prediction);
        assert.equal(gradient.abs().sum().dataSync()[0], 0);
      });
    });
  }

  it('settings: ranges checked by name (beta >= 0, alpha >= 0, correctProbability in (0, 1))', () => {
    assert.deepEqual(resolveMethodSettings(methodByName('soft-labels')), { beta: 4 });
    assert.deepEqual(resolveMethodSettings(methodByName('hxe')), { alpha: 0.5 });
    assert.deepEqual(resolveMethodSettings(methodByName('tf-kd-virtual')), {
      studentLossWeight: 0.5,
      temperature: 20,
      correctProbability: 0.9,
    });
    assert.throws(
      () => resolveMethodSettings(methodByName('soft-labels'), { beta: -1 }),
      /method soft-labels: setting beta must be >= 0, got -1/,
    );
    assert.throws(
      () => resolveMethodSettings(methodByName('hxe'), { alpha: -0.1 }),
      /method hxe: setting alpha must be >= 0, got -0.1/,
    );
    assert.throws(
      () => resolveMethodSettings(methodByName('tf-kd-virtual'), { correctProbability: 1 }),
      /method tf-kd-virtual: setting correctProbability must be < 1, got 1/,
    );
  });

  it('training: F and G need the hierarchy (clear error without it or with a wrong one); F, G, H learn the small problem', async () => {
    const problem = smallProblem();
    const build = () =>
      buildStudent({ inputDimension: 16, fineClassCount: problem.fineClassCount, hiddenUnits: [16], seed: 3 });
    const data = { train: problem.train, validation: problem.validation };
    for (const method of ['soft-labels', 'hxe']) {
      const model = build();
      await assert.rejects(
        trainModel({ model, objective: { method }, data, seed: 1, epochs: 1, progress: silentProgress }),
        new RegExp(
          `trainModel member 0 \\(${method}, seed 1\\): the method reads the label hierarchy; give data.fineToCoarse`,
        ),
      );
      await assert.rejects(
        trainModel({
          model,
          objective: { method },
          data: { ...data, fineToCoarse: problem.fineToCoarse.slice(1) },
          seed: 1,
          epochs: 1,
          progress: silentProgress,
        }),
        /fineToCoarse has 5 entries, expected one per fine class \(6\)/,
      );
      model.dispose();
    }
    for (const method of names) {
      const model = build();
      const result = await trainModel({
        model,
        objective: { method },
        data: { ...data, fineToCoarse: problem.fineToCoarse },
        seed: 1,
        epochs: 6,
        learningRate: 0.01,
        progress: silentProgress,
      });
      model.dispose();
      const history = result.history;
      assert.ok(
        history[5].totalLoss < history[0].totalLoss,
        `${method}: loss ${history[0].totalLoss} -> ${history[5].totalLoss}`,
      );
      assert.ok(history[5].validationAccuracy > 0.6, `${method}: validation accuracy ${history[5].validationAccuracy}`);
    }
  });

  it('optional: the default comparisons leave F, G, H, I out; the example config adds them with their settings', () => {
    for (const base of ['paper1-newsgroups', 'fashion-mnist'])
      assert.deepEqual(
        configuredMethods(resolveExperimentConfig({ base }))
          .map((method) => method.letter)
          .filter((letter) => ['F', 'G', 'H', 'I'].includes(letter)),
        [],
        base,
      );
    const file = path.resolve(__dirname, '..', '..', 'src', 'config', 'examples', 'teacher-free-baselines.json');
    const config = resolveExperimentConfig({ base: 'paper1-newsgroups', file, set: ['methods.softLabels.beta=2'] });
    assert.deepEqual(
      configuredMethods(config)
        .map((method) => method.letter)
        .slice(-4),
      ['F', 'G', 'H', 'I'],
    );
    assert.deepEqual(config.methods.softLabels, { beta: 2 });
    assert.deepEqual(config.methods.teacherFreeVirtual, {
      studentLossWeight: 0.5,
      temperature: 20,
      correctProbability: 0.9,
    });
  });
});
