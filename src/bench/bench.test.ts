import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { findTorchPython, runTorchPeer } from './torchPeer';
import {
  benchmarkData,
  coarseClassCount,
  fineClassCount,
  groupStackedSeconds,
  inputDimension,
  studentSecondsPerEpoch,
} from './trainingTimings';

describe('benchmark data', () => {
  it('has the asked sizes, labels in range, and is the same for the same seed', () => {
    const data = benchmarkData(300, 75, 7);
    const x = data.train.x as { data: Float32Array; rows: number; columns: number };
    assert.equal(x.rows, 300);
    assert.equal(x.columns, inputDimension);
    assert.equal(data.validation.fineLabels.length, 75);
    assert.equal(data.teacherLogits.rows, 300);
    assert.equal(data.teacherLogits.columns, coarseClassCount);
    assert.ok(Array.from(data.train.fineLabels).every((label) => label >= 0 && label < fineClassCount));
    assert.ok(Array.from(data.train.coarseLabels!).every((label) => label >= 0 && label < coarseClassCount));
    assert.ok(x.data.every((value) => value >= -1 && value < 1));
    const again = benchmarkData(300, 75, 7);
    assert.deepEqual((again.train.x as { data: Float32Array }).data, x.data);
    assert.notDeepEqual((benchmarkData(300, 75, 8).train.x as { data: Float32Array }).data, x.data);
  });
});

describe('training timings', () => {
  it('times a student epoch on a small slice (positive, finite seconds)', async () => {
    await initializeBackend();
    const seconds = await studentSecondsPerEpoch(benchmarkData(256, 64), 1);
    assert.ok(Number.isFinite(seconds) && seconds > 0, `got ${seconds}`);
  });
  it('times a stacked group with trainGroup, or says why not', async () => {
    const result = await groupStackedSeconds(benchmarkData(256, 64), 2, 1);
    if ('seconds' in result) assert.ok(result.seconds > 0);
    else assert.match(result.skipped, /trainGroup/);
  });
});

describe('PyTorch peer', () => {
  it('reports timings of the same networks, or a clear reason it cannot', () => {
    const found = findTorchPython();
    const result = runTorchPeer({
      threads: 1,
      rows: 256,
      validationRows: 64,
      epochs: 1,
      students: 2,
      studentEpochs: 1,
    });
    if ('missing' in found) {
      assert.ok('missing' in result);
      assert.match(result.missing, /python3-torch|pip install torch/);
      return;
    }
    assert.ok(!('missing' in result), 'missing' in result ? result.missing : '');
    assert.equal(result.threads, 1);
    assert.equal(result.rows, 256);
    assert.equal(result.groupStudents, 2);
    for (const figure of [
      result.teacherSecondsPerEpoch,
      result.studentSecondsPerEpoch,
      result.groupSeconds,
      result.studentsPerMinute,
    ]) {
      assert.ok(Number.isFinite(figure) && figure > 0, `figure ${figure}`);
    }
  });
});
