import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { fashionMnistBalancedIndices, fashionMnistPixels, loadFashionMnist } from '../data/fashionMnist';
import { trainModel } from '../training/trainModel';
import { predictLogits } from '../training/predict';
import { silentProgress } from '../util/progress';
import {
  buildConvTeacher,
  buildImageStudent,
  convTeacherFineParameters,
  countParameters,
  describeModel,
  imageStudentHiddenUnitsFor,
} from './index';

function parametersOf(build: () => tf.LayersModel): number {
  const model = build();
  const count = countParameters(model);
  model.dispose();
  return count;
}

describe('convolutional teacher', () => {
  before(async () => {
    await initializeBackend();
  });

  it('default counts match the documented table (fine and coarse differ only in the output layer)', () => {
    // conv1 (9+1)*32 = 320; conv2 (9*32+1)*64 = 18,496; hidden1 (7*7*64+1)*128 = 401,536; prediction 129*classes.
    const body = 320 + 18_496 + 401_536;
    assert.equal(
      parametersOf(() => buildConvTeacher({ classCount: 10, seed: 1 })),
      body + 129 * 10,
    );
    assert.equal(
      parametersOf(() => buildConvTeacher({ classCount: 10, seed: 1 })),
      421_642,
    );
    assert.equal(convTeacherFineParameters, 421_642);
    assert.equal(
      parametersOf(() => buildConvTeacher({ classCount: 5, seed: 1 })),
      420_997,
    );
    assert.equal(
      parametersOf(() => buildConvTeacher({ classCount: 3, seed: 1 })),
      420_739,
    );
  });

  it('takes flattened pixels, reshapes inside, and outputs logits from `prediction`', () => {
    const teacher = buildConvTeacher({
      imageShape: [8, 8, 1],
      classCount: 4,
      filters: [2, 3],
      kernelSize: 3,
      denseUnits: [5],
      seed: 2,
    });
    const rows = describeModel(teacher);
    assert.deepEqual(
      rows.map((row) => row.name),
      ['features', 'image', 'conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'hidden1', 'dropout1', 'prediction'],
    );
    assert.deepEqual(
      rows.map((row) => row.outputShape),
      [[64], [8, 8, 1], [8, 8, 2], [4, 4, 2], [4, 4, 3], [2, 2, 3], [12], [5], [5], [4]],
    );
    assert.equal(rows.at(-1)!.activation, 'linear');
    const logits = predictLogits(teacher, { data: new Float32Array(3 * 64).fill(0.5), rows: 3, columns: 64 });
    assert.deepEqual([logits.rows, logits.columns], [3, 4]);
    teacher.dispose();
  });

  it('same seed -> same initial weights; another seed -> different', () => {
    const weightsOf = (seed: number) => {
      const model = buildConvTeacher({ imageShape: [4, 4, 1], classCount: 2, filters: [2], denseUnits: [3], seed });
      const values = model.getWeights().map((weight) => Array.from(weight.dataSync()));
      model.dispose();
      return values;
    };
    assert.deepEqual(weightsOf(5), weightsOf(5));
    assert.notDeepEqual(weightsOf(5), weightsOf(6));
  });

  it('rejects bad options with specific messages', () => {
    assert.throws(
      () => buildConvTeacher({ classCount: 0, seed: 1 }),
      /buildConvTeacher: classCount must be positive integers/,
    );
    assert.throws(() => buildConvTeacher({ classCount: 3, filters: [], seed: 1 }), /at least one convolution block/);
    assert.throws(
      () => buildConvTeacher({ classCount: 3, kernelSize: 0, seed: 1 }),
      /kernelSize must be a positive integer/,
    );
    assert.throws(
      () => buildConvTeacher({ classCount: 3, imageShape: [28, 28] as never, seed: 1 }),
      /imageShape must be \[height, width, channels\]/,
    );
    assert.throws(
      () => buildConvTeacher({ classCount: 3, imageShape: [2, 2, 1], filters: [1, 1], seed: 1 }),
      /block 2 of \[1, 1\] would pool a 1 x 1 map/,
    );
  });
});

describe('image student', () => {
  before(async () => {
    await initializeBackend();
  });

  it('dense default: one hidden layer of 54, about a tenth of the conv teacher (documented counts)', () => {
    assert.deepEqual(imageStudentHiddenUnitsFor(784), [54]);
    assert.equal(
      parametersOf(() => buildImageStudent({ fineClassCount: 10, seed: 1 })),
      785 * 54 + 55 * 10,
    );
    assert.equal(
      parametersOf(() => buildImageStudent({ fineClassCount: 10, seed: 1 })),
      42_940,
    );
    assert.equal(
      parametersOf(() => buildImageStudent({ fineClassCount: 10, coarseClassCount: 5, seed: 1 })),
      43_215,
    );
    assert.equal(
      parametersOf(() => buildImageStudent({ fineClassCount: 10, coarseClassCount: 3, seed: 1 })),
      43_105,
    );
    const ratio = 43_215 / 421_642;
    assert.ok(ratio > 0.09 && ratio < 0.11, `ratio ${ratio}`);
  });

  it('conv body: documented counts', () => {
    // conv1 10*8 = 80; conv2 (72+1)*16 = 1,168; hidden1 (7*7*16+1)*32 = 25,120; prediction 33*10.
    assert.equal(
      parametersOf(() => buildImageStudent({ model: { kind: 'conv' }, fineClassCount: 10, seed: 1 })),
      80 + 1_168 + 25_120 + 330,
    );
    assert.equal(
      parametersOf(() =>
        buildImageStudent({ model: { kind: 'conv' }, fineClassCount: 10, coarseClassCount: 5, seed: 1 }),
      ),
      26_863,
    );
    assert.equal(
      parametersOf(() =>
        buildImageStudent({ model: { kind: 'conv' }, fineClassCount: 10, coarseClassCount: 3, seed: 1 }),
      ),
      26_797,
    );
  });

  for (const kind of ['dense', 'conv'] as const) {
    it(`${kind}: two heads named prediction and distillation on one body`, () => {
      const student = buildImageStudent({ model: { kind }, fineClassCount: 10, coarseClassCount: 5, seed: 3 });
      assert.deepEqual(student.outputNames, ['prediction', 'distillation']);
      const body = (name: string) => student.getLayer(name).inboundNodes[0].inboundLayers[0].name;
      assert.equal(body('prediction'), body('distillation'));
      const [fine, coarse] = student.predict(tf.zeros([2, 784])) as tf.Tensor[];
      assert.deepEqual(
        [fine.shape, coarse.shape],
        [
          [2, 10],
          [2, 5],
        ],
      );
      tf.dispose([fine, coarse]);
      student.dispose();
      const plain = buildImageStudent({ model: { kind }, fineClassCount: 10, seed: 3 });
      assert.deepEqual(plain.outputNames.length, 1);
      assert.equal(plain.layers.at(-1)!.name, 'prediction');
      plain.dispose();
    });
  }

  it('rejects an unknown body kind', () => {
    assert.throws(
      () => buildImageStudent({ model: { kind: 'rnn' } as never, fineClassCount: 10, seed: 1 }),
      /model\.kind must be 'dense' or 'conv', got "rnn"/,
    );
  });
});

describe('image models learn Fashion-MNIST (50 images per class)', () => {
  let train: ReturnType<typeof fashionMnistPixels>;
  let trainLabels: number[];
  let validation: ReturnType<typeof fashionMnistPixels>;
  let validationLabels: number[];

  before(async () => {
    await initializeBackend();
    const trainSet = await loadFashionMnist({ subset: 'train', onProgress: silentProgress });
    const testSet = await loadFashionMnist({ subset: 'test', onProgress: silentProgress });
    const trainIndices = fashionMnistBalancedIndices(trainSet.labels, 50);
    const validationIndices = fashionMnistBalancedIndices(testSet.labels, 30);
    train = fashionMnistPixels(trainSet, trainIndices);
    trainLabels = trainIndices.map((index) => trainSet.labels[index]);
    validation = fashionMnistPixels(testSet, validationIndices);
    validationLabels = validationIndices.map((index) => testSet.labels[index]);
  });

  it('pixels are scaled to [0, 1]', () => {
    assert.equal(train.columns, 784);
    assert.equal(train.rows, 500);
    assert.ok(train.data.every((value) => value >= 0 && value <= 1));
    assert.equal(
      train.data.reduce((largest, value) => Math.max(largest, value), 0),
      1,
    );
  });

  for (const [label, build] of [
    ['conv teacher', () => buildConvTeacher({ classCount: 10, seed: 1 })],
    ['dense student', () => buildImageStudent({ fineClassCount: 10, seed: 1 })],
    ['conv student', () => buildImageStudent({ model: { kind: 'conv' }, fineClassCount: 10, seed: 1 })],
  ] as const) {
    it(`${label}: 3 epochs reach accuracy far above chance (0.1)`, async (context) => {
      const model = build();
      const result = await trainModel({
        model,
        objective: { method: 'teacher-fine' },
        data: {
          train: { x: train, fineLabels: trainLabels },
          validation: { x: validation, fineLabels: validationLabels },
        },
        epochs: 3,
        batchSize: 32,
        seed: 1,
        progress: silentProgress,
      });
      const accuracy = result.history.at(-1)!.validationAccuracy;
      context.diagnostic(`${label}: validation accuracy ${accuracy.toFixed(3)} on 300 test images`);
      assert.ok(accuracy > 0.5, `${label} validation accuracy ${accuracy}`);
      model.dispose();
    });
  }
});
