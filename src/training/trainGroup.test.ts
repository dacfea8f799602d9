import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { crossEntropyLoss } from '../losses';
import { type MethodDefinition, registerMethod, unregisterMethod } from '../methods';
import { buildStudent, buildTeacher } from '../models';
import { silentProgress } from '../util/progress';
import { type EpochRecord, type MemberSpec, trainGroup, trainModel } from './index';
import { labelTeacherLogits, smallProblem } from './testProblem';

const { train, validation, test, fineClassCount, coarseClassCount, inputDimension } = smallProblem();
const architecture = { inputDimension, hiddenUnits: [24], dropoutRate: 0.1, fineClassCount, coarseClassCount };
const coarseTeacher = labelTeacherLogits(train.coarseLabels!, coarseClassCount, 3, 1);
const fineTeacher = labelTeacherLogits(train.fineLabels, fineClassCount, 3, 2);

/**
 * Float tolerance of "stacked = one by one": batched and wide matMuls may sum in another
 * order than the single model's, so weights and losses agree to float32 rounding carried
 * through 3 epochs of Adam, not bit for bit.
 */
const tolerance = 1e-5;

const twoHeadMethods = new Set(['heterogeneous', 'coarse-auxiliary']);

async function trainAlone(
  member: MemberSpec,
  extra: { epochs: number; learningRate: number; earlyStopping?: Parameters<typeof trainModel>[0]['earlyStopping'] },
) {
  const model = buildStudent({
    ...architecture,
    coarseClassCount: twoHeadMethods.has(member.method) ? coarseClassCount : undefined,
    seed: member.seed,
  });
  const result = await trainModel({
    model,
    objective: member,
    data: { train, validation, test },
    seed: member.seed,
    progress: silentProgress,
    ...extra,
  });
  return { model, result };
}

function maxDifference(first: tf.LayersModel, second: tf.LayersModel): number {
  const a = first.getWeights();
  const b = second.getWeights();
  assert.deepEqual(
    a.map((weight) => weight.shape),
    b.map((weight) => weight.shape),
  );
  let largest = 0;
  a.forEach((weight, index) => {
    const left = weight.dataSync();
    const right = b[index].dataSync();
    for (let position = 0; position < left.length; position++)
      largest = Math.max(largest, Math.abs(left[position] - right[position]));
  });
  return largest;
}

const numericFields: Array<keyof EpochRecord> = [
  'totalLoss',
  'studentLoss',
  'distillationLoss',
  'auxiliaryLoss',
  'validationLoss',
  'testLoss',
  'validationAccuracy',
  'testAccuracy',
];

function assertSameHistory(stacked: EpochRecord[], alone: EpochRecord[], what: string): void {
  assert.equal(stacked.length, alone.length, `${what}: epochs`);
  stacked.forEach((record, index) => {
    for (const field of numericFields) {
      const left = record[field] as number | undefined;
      const right = alone[index][field] as number | undefined;
      assert.equal(left === undefined, right === undefined, `${what} epoch ${index + 1} ${field} present in one only`);
      if (left !== undefined)
        assert.ok(
          Math.abs(left - right!) <= tolerance,
          `${what} epoch ${index + 1} ${field}: stacked ${left}, alone ${right}`,
        );
    }
  });
}

describe('trainGroup: K models stacked = the same K trained one by one', () => {
  before(async () => {
    await initializeBackend();
  });

  it(`7 members (A, A, C on seed 7; B, D, E on seed 11; C on seed 13), 3 epochs: equal weights and histories within ${tolerance}`, async () => {
    const members: MemberSpec[] = [
      {
        method: 'heterogeneous',
        settings: { temperature: 4, studentLossWeight: 0.3 },
        seed: 7,
        teacherLogits: coarseTeacher,
      },
      {
        method: 'heterogeneous',
        settings: { temperature: 8, studentLossWeight: 0.5 },
        seed: 7,
        teacherLogits: coarseTeacher,
      },
      { method: 'plain', seed: 7 },
      {
        method: 'traditional',
        settings: { temperature: 4, studentLossWeight: 0.2 },
        seed: 11,
        teacherLogits: fineTeacher,
      },
      { method: 'coarse-auxiliary', settings: { studentLossWeight: 0.5 }, seed: 11 },
      { method: 'label-smoothing', settings: { smoothing: 0.1 }, seed: 11 },
      { method: 'plain', seed: 13 },
    ];
    const stacked = await trainGroup({
      members,
      architecture,
      data: { train, validation, test },
      epochs: 3,
      learningRate: 0.01,
      progress: silentProgress,
    });
    assert.equal(stacked.length, members.length);
    for (const [index, member] of members.entries()) {
      const alone = await trainAlone(member, { epochs: 3, learningRate: 0.01 });
      const { model, result } = stacked[index];
      assert.deepEqual(model.outputNames, alone.model.outputNames, `member ${index} heads`);
      assert.deepEqual(
        model.layers.map((layer) => layer.name),
        alone.model.layers.map((layer) => layer.name),
      );
      const difference = maxDifference(model, alone.model);
      assert.ok(difference <= tolerance, `member ${index} (${member.method}): weights differ by ${difference}`);
      assertSameHistory(result.history, alone.result.history, `member ${index} (${member.method})`);
      assert.equal(result.bestEpoch, alone.result.bestEpoch);
      alone.model.dispose();
      model.dispose();
    }
  });

  it(`teachers with 3 hidden layers (2 coarse on seeds 1 and 2, 1 fine on seed 1), 2 epochs: equal to trainModel within ${tolerance}`, async () => {
    const hiddenUnits = [32, 16, 8];
    const coarse = await trainGroup({
      members: [
        { method: 'teacher-coarse', seed: 1 },
        { method: 'teacher-coarse', seed: 2 },
      ],
      architecture: { kind: 'teacher', inputDimension, hiddenUnits, dropoutRate: 0.2, classCount: coarseClassCount },
      data: { train, validation, test },
      epochs: 2,
      learningRate: 0.01,
      progress: silentProgress,
    });
    const fine = await trainGroup({
      members: [{ method: 'teacher-fine', seed: 1 }],
      architecture: { kind: 'teacher', inputDimension, hiddenUnits, dropoutRate: 0.2, classCount: fineClassCount },
      data: { train, validation, test },
      epochs: 2,
      learningRate: 0.01,
      progress: silentProgress,
    });
    const cases: Array<
      [{ result: import('./records').TrainResult; model: tf.LayersModel }, 'coarse' | 'fine', number]
    > = [
      [coarse[0], 'coarse', 1],
      [coarse[1], 'coarse', 2],
      [fine[0], 'fine', 1],
    ];
    for (const [stacked, target, seed] of cases) {
      const model = buildTeacher({
        inputDimension,
        classCount: target === 'coarse' ? coarseClassCount : fineClassCount,
        hiddenUnits,
        dropoutRate: 0.2,
        seed,
      });
      const alone = await trainModel({
        model,
        objective: { method: `teacher-${target}` },
        data: { train, validation, test },
        seed,
        epochs: 2,
        learningRate: 0.01,
        progress: silentProgress,
      });
      assert.deepEqual(
        stacked.model.layers.map((layer) => layer.name),
        model.layers.map((layer) => layer.name),
      );
      const difference = maxDifference(stacked.model, model);
      assert.ok(difference <= tolerance, `${target} teacher seed ${seed}: weights differ by ${difference}`);
      assertSameHistory(stacked.result.history, alone.history, `${target} teacher seed ${seed}`);
      assert.ok(alone.history.at(-1)!.validationAccuracy > 0.6, 'the teacher learns');
      model.dispose();
      stacked.model.dispose();
    }
  });

  it('per-member early stopping: different stop epochs, each with its best epoch and restored weights as if alone', async () => {
    const members: MemberSpec[] = [
      { method: 'plain', seed: 13 },
      { method: 'label-smoothing', settings: { smoothing: 0.3 }, seed: 13 },
      {
        method: 'heterogeneous',
        settings: { temperature: 2, studentLossWeight: 0.3 },
        seed: 21,
        teacherLogits: coarseTeacher,
      },
    ];
    const earlyStopping = { monitor: 'validationLoss' as const, patience: 2 };
    const seen: number[][] = members.map(() => []);
    const stacked = await trainGroup({
      members,
      architecture,
      data: { train, validation, test },
      epochs: 40,
      learningRate: 0.05,
      earlyStopping,
      progress: silentProgress,
      onEpoch: (index, record) => {
        seen[index].push(record.epoch);
      },
    });
    const stops = new Set<number>();
    for (const [index, member] of members.entries()) {
      const alone = await trainAlone(member, { epochs: 40, learningRate: 0.05, earlyStopping });
      const { model, result } = stacked[index];
      assert.ok(result.stoppedEarly, `member ${index} ran all epochs`);
      assert.equal(result.stoppedEpoch, alone.result.stoppedEpoch, `member ${index} stop epoch`);
      assert.equal(result.bestEpoch, alone.result.bestEpoch);
      assert.equal(result.stoppedEpoch, result.bestEpoch + 2);
      assert.ok(result.restoredBestWeights);
      assert.deepEqual(
        seen[index],
        result.history.map((record) => record.epoch),
        'onEpoch once per epoch it trained',
      );
      assertSameHistory(result.history, alone.result.history, `member ${index}`);
      const difference = maxDifference(model, alone.model);
      assert.ok(difference <= tolerance, `member ${index}: restored weights differ by ${difference}`);
      stops.add(result.stoppedEpoch);
      alone.model.dispose();
      model.dispose();
    }
    assert.ok(stops.size >= 2, `members should stop at different epochs, got ${[...stops].join(', ')}`);
  });

  it('rejects a member the architecture cannot serve, naming the member', async () => {
    await assert.rejects(
      trainGroup({
        members: [{ method: 'heterogeneous', seed: 1, teacherLogits: fineTeacher }],
        architecture,
        data: { train, validation },
        epochs: 1,
        progress: silentProgress,
      }),
      /member 0 \(heterogeneous, seed 1\): teacherLogits has 6 columns but the student's "distillation" head has 3 logits \(use a COARSE teacher\)/,
    );
    await assert.rejects(
      trainGroup({
        members: [{ method: 'coarse-auxiliary', seed: 1 }],
        architecture: { ...architecture, coarseClassCount: undefined },
        data: { train, validation },
        epochs: 1,
        progress: silentProgress,
      }),
      /needs the "distillation" head/,
    );
    await assert.rejects(
      trainGroup({
        members: [{ method: 'no-such', seed: 1 }],
        architecture,
        data: { train, validation },
        epochs: 1,
        progress: silentProgress,
      }),
      /unknown method "no-such"; known methods: heterogeneous, traditional, plain/,
    );
    await assert.rejects(
      trainGroup({
        members: [{ method: 'plain', seed: 1, settings: { temperature: 2 } }],
        architecture,
        data: { train, validation },
        epochs: 1,
        progress: silentProgress,
      }),
      /method plain: unknown setting "temperature"/,
    );
  });

  it('trains a toy method registered at run time next to a built-in one, logging its own loss term', async () => {
    const toy: MethodDefinition = {
      name: 'toy-coarse-sum',
      letter: 'T1',
      label: 'toy: fine CE + w * coarse CE',
      configKey: 'toyCoarseSum',
      teacher: 'none',
      distillationHead: true,
      settings: { weight: { description: 'w: weight of the coarse CE', minimum: 0, default: 1 } },
      lossTerms: ['student', 'coarse'],
      order: 50,
      kind: 'extension',
      needsCoarseLabels: true,
      objective: (inputs) => {
        const student = crossEntropyLoss(inputs.fineLabels, inputs.prediction);
        const coarse = crossEntropyLoss(inputs.coarseLabels!, inputs.distillation!);
        return { total: tf.add(student, tf.mul(coarse, inputs.settings.weight)) as tf.Tensor1D, student, coarse };
      },
    };
    registerMethod(toy);
    try {
      const results = await trainGroup({
        members: [
          { method: 'toy-coarse-sum', settings: { weight: 2 }, seed: 4 },
          { method: 'plain', seed: 4 },
        ],
        architecture,
        data: { train, validation },
        epochs: 3,
        learningRate: 0.01,
        progress: silentProgress,
      });
      const last = results[0].result.history.at(-1)!;
      assert.ok(last.otherLosses && Number.isFinite(last.otherLosses.coarse), 'the toy term is logged');
      assert.ok(Math.abs(last.totalLoss - (last.studentLoss + 2 * last.otherLosses!.coarse)) < 1e-4);
      assert.ok(
        last.validationAccuracy > 1 / fineClassCount + 0.3,
        `toy validation accuracy ${last.validationAccuracy}`,
      );
      assert.deepEqual(results[0].model.outputNames, ['prediction', 'distillation']);
      assert.deepEqual(
        results[1].model.outputNames,
        ['prediction'],
        'the plain member is exported with its own single head',
      );
      results.forEach(({ model }) => model.dispose());
    } finally {
      unregisterMethod('toy-coarse-sum');
    }
  });

  it('does not leak tensors: counts per epoch are stable and all is freed after training', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const results = await trainGroup({
      members: [
        { method: 'heterogeneous', seed: 1, teacherLogits: coarseTeacher },
        { method: 'plain', seed: 2 },
      ],
      architecture,
      data: { train, validation, test },
      epochs: 4,
      learningRate: 0.01,
      progress: silentProgress,
      earlyStopping: { monitor: 'validationAccuracy', patience: 10 },
      onEpoch: (index) => {
        if (index === 0) counts.push(tf.memory().numTensors);
      },
    });
    assert.equal(counts.length, 4);
    assert.equal(counts[3], counts[1], `tensors per epoch: ${counts.join(', ')}`);
    results.forEach(({ model }) => model.dispose());
    assert.equal(tf.memory().numTensors, before);
  });
});
