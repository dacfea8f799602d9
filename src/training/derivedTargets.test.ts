import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { combinedLoss, distillationLoss } from '../losses';
import { type MethodDefinition, methodByName, registerMethod, unregisterMethod } from '../methods/registry';
import { fineLabelTerm, requiredInput } from '../methods/objective';
import { buildStudent } from '../models';
import type { FloatMatrix } from '../tensors/matrix';
import { silentProgress } from '../util/progress';
import { type DataSplit, gaussianClusters, trainModel } from './index';

/**
 * A derived target of a new kind reaches a method's objective through the generic
 * `targets` map: nothing in training names the kind. The toy method is B's formula with
 * its distillation target read from `inputs.targets['toy-logits']` instead of the
 * teacher's logits; given the same matrix as both, it must train exactly like B (so the
 * derived target's rows are gathered exactly like the teacher's, batch by batch).
 */
const problem = gaussianClusters({ rowsPerSplit: [300, 120, 120], seed: 11 });
const [train, validation] = problem.splits as DataSplit[];
const classes = problem.fineClassCount;
const trainX = train.x as FloatMatrix;
const trainRows = trainX.rows;

const toyMethod: MethodDefinition = {
  ...methodByName('traditional'),
  name: 'toy-derived',
  letter: 'TD',
  label: 'B with a derived target',
  configKey: 'toyDerived',
  kind: 'extension',
  order: 99,
  derivedTargets: ['toy-logits'],
  objective: (inputs) => {
    const student = fineLabelTerm(inputs);
    const target = requiredInput(inputs.targets?.['toy-logits'], 'the toy-logits target', 'toy-derived');
    const distillation = distillationLoss(target, inputs.prediction, inputs.settings.temperature);
    return { total: combinedLoss(student, distillation, inputs.settings.studentLossWeight), student, distillation };
  },
};

function randomLogits(rows: number, columns: number): FloatMatrix {
  const data = new Float32Array(rows * columns);
  let state = 12345;
  for (let index = 0; index < data.length; index++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    data[index] = (state / 2147483648) * 6 - 3;
  }
  return { data, rows, columns };
}

describe('derived targets of any kind', () => {
  before(async () => {
    await initializeBackend();
    registerMethod(toyMethod);
  });
  after(() => unregisterMethod('toy-derived'));

  const settings = { studentLossWeight: 0.4, temperature: 3 };
  const logits = randomLogits(trainRows, classes);
  const model = () =>
    buildStudent({ inputDimension: trainX.columns, hiddenUnits: [16], fineClassCount: classes, seed: 3 });
  const run = (objective: Parameters<typeof trainModel>[0]['objective']) => {
    const network = model();
    return trainModel({
      model: network,
      objective,
      data: { train, validation },
      epochs: 2,
      seed: 5,
      progress: silentProgress,
    }).finally(() => network.dispose());
  };

  it('reach the objective under their kind and train exactly like the same matrix given as teacher logits', async () => {
    const asTeacher = await run({ method: 'traditional', settings, teacherLogits: logits });
    const asDerived = await run({
      method: 'toy-derived',
      settings,
      teacherLogits: logits,
      targets: { 'toy-logits': logits },
    });
    const losses = (result: typeof asTeacher) =>
      result.history.map((record) => [record.totalLoss, record.distillationLoss, record.validationLoss]);
    assert.deepEqual(losses(asDerived), losses(asTeacher));
  });

  it('a missing or misshaped derived target is named with the method and the kind', async () => {
    await assert.rejects(
      run({ method: 'toy-derived', settings, teacherLogits: logits }),
      /\(toy-derived, seed 5\): the method needs its toy-logits target on the training split \(targets\['toy-logits'\]\)/,
    );
    await assert.rejects(
      run({
        method: 'toy-derived',
        settings,
        teacherLogits: logits,
        targets: { 'toy-logits': randomLogits(trainRows - 1, classes) },
      }),
      new RegExp(
        `\\(toy-derived, seed 5\\): targets\\['toy-logits'\\] is ${trainRows - 1}x${classes}, expected the teacherLogits' ${trainRows}x${classes}`,
      ),
    );
  });
});
