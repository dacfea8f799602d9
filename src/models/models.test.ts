import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import {
  buildStudent,
  buildTeacher,
  countParameters,
  describeModel,
  formatModelDescription,
  SeededDropout,
  studentHiddenUnitsFor,
  teacherHiddenUnitsFor,
} from './index';

function parametersOf(build: () => tf.LayersModel): number {
  const model = build();
  const count = countParameters(model);
  model.dispose();
  return count;
}

describe('teacher', () => {
  before(async () => {
    await initializeBackend();
  });

  it('768-d defaults land within 0.5% of Paper 1 and differ by exactly 910 (= 14 x 65)', () => {
    assert.deepEqual(teacherHiddenUnitsFor(768), [1024, 224, 96, 64]);
    const coarse = parametersOf(() => buildTeacher({ inputDimension: 768, classCount: 6, seed: 1 }));
    const fine = parametersOf(() => buildTeacher({ inputDimension: 768, classCount: 20, seed: 1 }));
    // Hand count: 769*1024 + 1025*224 + 225*96 + 97*64 = 1,044,864 body; + 65*6 / 65*20.
    assert.equal(coarse, 1_045_254);
    assert.equal(fine, 1_046_164);
    assert.equal(fine - coarse, 910);
    assert.ok(Math.abs(coarse - 1_045_378) / 1_045_378 < 0.005);
    assert.ok(Math.abs(fine - 1_046_288) / 1_046_288 < 0.005);
  });

  it('512-d and 384-d defaults match the documented table', () => {
    assert.deepEqual(teacherHiddenUnitsFor(512), [1380, 224, 96, 64]);
    assert.equal(
      parametersOf(() => buildTeacher({ inputDimension: 512, classCount: 6, seed: 1 })),
      1_045_482,
    );
    assert.equal(
      parametersOf(() => buildTeacher({ inputDimension: 512, classCount: 20, seed: 1 })),
      1_046_392,
    );
    assert.deepEqual(teacherHiddenUnitsFor(384), [1670, 224, 96, 64]);
    assert.equal(
      parametersOf(() => buildTeacher({ inputDimension: 384, classCount: 6, seed: 1 })),
      1_045_452,
    );
  });

  it('outputs logits (no softmax) from a layer named prediction', () => {
    const teacher = buildTeacher({ inputDimension: 8, classCount: 3, hiddenUnits: [5], dropoutRate: 0, seed: 3 });
    assert.deepEqual(teacher.outputNames.length, 1);
    const rows = describeModel(teacher);
    assert.deepEqual(
      rows.map((row) => row.name),
      ['features', 'hidden1', 'prediction'],
    );
    assert.equal(rows[2].activation, 'linear');
    assert.equal(rows[1].parameters, 9 * 5);
    assert.equal(rows[2].parameters, 6 * 3);
    assert.match(formatModelDescription(teacher), /total trainable parameters: 63/);
    const output = teacher.predict(tf.randomNormal([4, 8], 0, 3, 'float32', 1)) as tf.Tensor;
    const sums = output.sum(1).arraySync() as number[];
    assert.ok(
      sums.some((sum) => Math.abs(sum - 1) > 1e-3),
      'rows should not be probabilities',
    );
    tf.dispose([output]);
    teacher.dispose();
  });

  it('same seed -> identical initial weights; another seed -> different ones', () => {
    const weightsOf = (seed: number) => {
      const model = buildTeacher({ inputDimension: 10, classCount: 4, hiddenUnits: [7, 5], seed });
      const values = model.getWeights().map((weight) => Array.from(weight.dataSync()));
      model.dispose();
      return values;
    };
    const first = weightsOf(11);
    assert.deepEqual(weightsOf(11), first);
    assert.notDeepEqual(weightsOf(12), first);
    // Layers of one model must not share a stream (hidden1 vs hidden2 kernels start differently).
    assert.notDeepEqual(first[0].slice(0, 5), first[2].slice(0, 5));
  });

  it('rejects bad options with specific messages', () => {
    assert.throws(
      () => buildTeacher({ inputDimension: 0, classCount: 6, seed: 1 }),
      /buildTeacher: inputDimension and classCount/,
    );
    assert.throws(
      () => buildTeacher({ inputDimension: 4, classCount: 6, dropoutRate: 1, seed: 1 }),
      /dropoutRate must be in \[0, 1\)/,
    );
    assert.throws(() => buildTeacher({ inputDimension: 4, classCount: 6, seed: 1.5 }), /seed must be an integer/);
  });
});

describe('student', () => {
  before(async () => {
    await initializeBackend();
  });

  it('default body is about a tenth of the teacher (documented counts)', () => {
    assert.deepEqual(studentHiddenUnitsFor(512), [204]);
    assert.deepEqual(studentHiddenUnitsFor(768), [136]);
    const twoHeads = parametersOf(() =>
      buildStudent({ inputDimension: 512, fineClassCount: 20, coarseClassCount: 6, seed: 1 }),
    );
    const oneHead = parametersOf(() => buildStudent({ inputDimension: 512, fineClassCount: 20, seed: 1 }));
    assert.equal(oneHead, 513 * 204 + 205 * 20);
    assert.equal(twoHeads, oneHead + 205 * 6);
    assert.equal(twoHeads, 109_982);
    assert.equal(
      parametersOf(() => buildStudent({ inputDimension: 768, fineClassCount: 20, seed: 1 })),
      107_324,
    );
    assert.equal(
      parametersOf(() => buildStudent({ inputDimension: 768, fineClassCount: 20, coarseClassCount: 6, seed: 1 })),
      108_146,
    );
    const ratio = twoHeads / 1_046_392;
    assert.ok(ratio > 0.09 && ratio < 0.12, `ratio ${ratio}`);
  });

  it('two heads share one body: outputs [prediction (fine), distillation (coarse)]', () => {
    const student = buildStudent({
      inputDimension: 6,
      hiddenUnits: [5, 4],
      fineClassCount: 4,
      coarseClassCount: 2,
      seed: 2,
    });
    assert.deepEqual(student.outputNames, ['prediction', 'distillation']);
    const [fine, coarse] = student.predict(tf.ones([3, 6])) as tf.Tensor[];
    assert.deepEqual(fine.shape, [3, 4]);
    assert.deepEqual(coarse.shape, [3, 2]);
    assert.equal(student.getLayer('prediction').getConfig().activation, 'linear');
    // Both heads read the same last hidden layer.
    assert.equal(student.getLayer('prediction').inboundNodes[0].inboundLayers[0].name, 'dropout2');
    assert.equal(student.getLayer('distillation').inboundNodes[0].inboundLayers[0].name, 'dropout2');
    tf.dispose([fine, coarse]);
    student.dispose();
    const plain = buildStudent({ inputDimension: 6, hiddenUnits: [5], fineClassCount: 4, seed: 2 });
    assert.deepEqual(plain.outputNames.length, 1);
    assert.equal(plain.layers.at(-1)!.name, 'prediction');
    plain.dispose();
  });
});

describe('SeededDropout', () => {
  before(async () => {
    await initializeBackend();
  });

  it('is the identity at inference and draws a new, repeatable mask on each training call', () => {
    const input = tf.ones([4, 50]);
    const maskOf = (layer: SeededDropout) =>
      Array.from((layer.apply(input, { training: true }) as tf.Tensor).dataSync());
    const first = new SeededDropout({ rate: 0.5, seed: 9 });
    const second = new SeededDropout({ rate: 0.5, seed: 9 });
    const a1 = maskOf(first);
    const a2 = maskOf(first);
    assert.notDeepEqual(a1, a2, 'consecutive calls must use different masks');
    assert.deepEqual(maskOf(second), a1);
    assert.deepEqual(maskOf(second), a2);
    // Inverted dropout: kept units are scaled by 1/(1-rate) = 2.
    assert.ok(a1.every((value) => value === 0 || value === 2));
    const dropped = a1.filter((value) => value === 0).length / a1.length;
    assert.ok(dropped > 0.3 && dropped < 0.7, `dropped ${dropped}`);
    const inference = first.apply(input, { training: false }) as tf.Tensor;
    assert.deepEqual(Array.from(inference.dataSync()), Array.from(input.dataSync()));
    tf.dispose([input]);
  });
});
