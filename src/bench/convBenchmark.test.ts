import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { loadFashionMnist } from '../data/fashionMnist';
import { silentProgress } from '../util/progress';
import { convRatios, type ConvComparison } from './convBenchmark';
import {
  convBenchmarkSlice,
  convSliceSizes,
  convTeacherSecondsPerEpoch,
  convTeacherSettings,
  fashionFilePaths,
} from './convTeacherTimings';
import { findTorchPython, runTorchConvPeer } from './torchPeer';

describe('conv benchmark slice', () => {
  before(async () => {
    await initializeBackend();
  });

  it('keeps the pipeline proportions 54,000 : 6,000 : 10,000 and rejects impossible sizes', () => {
    assert.deepEqual(convSliceSizes(54_000), { rows: 54_000, validationRows: 6_000, testRows: 10_000 });
    assert.deepEqual(convSliceSizes(6_000), { rows: 6_000, validationRows: 667, testRows: 1_111 });
    assert.deepEqual(convSliceSizes(1), { rows: 1, validationRows: 1, testRows: 1 });
    assert.throws(() => convSliceSizes(0), /rows must be an integer in 1\.\.54000, got 0/);
    assert.throws(() => convSliceSizes(60_000), /got 60000/);
  });

  it('follows the fashion-mnist teacher config (batch 128, Adam 1e-3, conv [32, 64], dense [128])', () => {
    const settings = convTeacherSettings();
    assert.equal(settings.batchSize, 128);
    assert.equal(settings.learningRate, 1e-3);
    assert.deepEqual(settings.filters, [32, 64]);
    assert.deepEqual(settings.denseUnits, [128]);
  });

  it('takes real pixels: the first training images, validation from image 54,000, the first test images', async () => {
    const slice = await convBenchmarkSlice(90);
    const train = await loadFashionMnist({ subset: 'train', onProgress: silentProgress });
    const x = slice.train.x as { data: Float32Array; rows: number; columns: number };
    assert.equal(x.rows, 90);
    assert.equal(x.columns, 784);
    assert.equal(x.data[300], Math.fround(train.images[300] / 255));
    assert.deepEqual(Array.from(slice.train.fineLabels), Array.from(train.labels.subarray(0, 90)));
    const validation = slice.validation.x as { data: Float32Array; rows: number };
    assert.equal(validation.rows, 10);
    assert.equal(validation.data[400], Math.fround(train.images[54_000 * 784 + 400] / 255));
    assert.equal(slice.validation.fineLabels[0], train.labels[54_000]);
    assert.equal((slice.test.x as { rows: number }).rows, 17);
  });

  it('times epochs of the conv teacher (positive wall and CPU seconds)', async () => {
    const timing = await convTeacherSecondsPerEpoch(await convBenchmarkSlice(128), 1);
    assert.ok(Number.isFinite(timing.seconds) && timing.seconds > 0, `wall ${timing.seconds}`);
    assert.ok(Number.isFinite(timing.cpuSeconds) && timing.cpuSeconds > 0, `cpu ${timing.cpuSeconds}`);
  });
});

describe('conv teacher PyTorch peer', () => {
  it('reports seconds per epoch on the same rows, or a clear reason it cannot', async () => {
    const sizes = convSliceSizes(256);
    const result = runTorchConvPeer({
      threads: 1,
      files: await fashionFilePaths(),
      ...sizes,
      validationStart: 54_000,
      batchSize: 128,
      epochs: 1,
    });
    if ('missing' in findTorchPython()) {
      assert.ok('missing' in result);
      assert.match(result.missing, /python3-torch|pip install torch/);
      return;
    }
    assert.ok(!('missing' in result), 'missing' in result ? result.missing : '');
    assert.equal(result.threads, 1);
    assert.deepEqual([result.rows, result.validationRows, result.testRows], [256, 28, 47]);
    assert.equal(result.batchSize, 128);
    assert.ok(result.secondsPerEpoch > 0 && result.cpuSecondsPerEpoch > 0);
  });

  it('gives ratios only when both sides were measured', () => {
    const tfjs = { backend: 'tensorflow', description: '', rows: 10, seconds: 3, cpuSeconds: 4 };
    const torch = { secondsPerEpoch: 2, cpuSecondsPerEpoch: 8 } as ConvComparison['torch'];
    const comparison: ConvComparison = { rows: 10, batchSize: 128, tfjs, torch, scale: 5400 };
    assert.deepEqual(convRatios(comparison), { wall: 1.5, cpu: 0.5 });
    assert.equal(convRatios({ ...comparison, torch: { missing: 'no torch' } }), undefined);
    assert.equal(convRatios({ ...comparison, tfjs: { failed: 'no backend' } }), undefined);
  });
});
