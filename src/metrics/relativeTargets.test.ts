import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { curveBand, relativeTargetEpochs, type CurveRecord } from './relativeTargets';

describe('relative targets', () => {
  const records: CurveRecord[] = [
    // Plain student: best 0.60 (seed 1) and 0.80 (seed 2) -> targets 0.57 and 0.76 at 95 %.
    { method: 'plain', seed: 1, values: [0.3, 0.58, 0.6, 0.59] },
    { method: 'plain', seed: 2, values: [0.5, 0.7, 0.77, 0.8] },
    // A: reaches 0.57 at epoch 3 on seed 1, 0.76 at epoch 2 on seed 2.
    { method: 'heterogeneous', seed: 1, values: [0.2, 0.5, 0.57, 0.65] },
    { method: 'heterogeneous', seed: 2, values: [0.6, 0.76, 0.78, 0.79] },
    // B never reaches seed 1's target; seed 3 has no reference and is left out.
    { method: 'traditional', seed: 1, values: [0.1, 0.2, 0.3, 0.4] },
    { method: 'traditional', seed: 2, values: [0.8, 0.8, 0.8, 0.8] },
    { method: 'traditional', seed: 3, values: [0.9, 0.9, 0.9, 0.9] },
  ];

  it('targets are 95 % of the plain student best on the same seed; epochs per seed, mean over reached seeds', () => {
    const rows = relativeTargetEpochs(records);
    const byMethod = new Map(rows.map((row) => [row.method, row]));
    const plain = byMethod.get('plain')!;
    assert.deepEqual(
      plain.targets.map((value) => Number(value.toFixed(4))),
      [0.57, 0.76],
    );
    assert.deepEqual(plain.epochs, [2, 3]);
    const a = byMethod.get('heterogeneous')!;
    assert.deepEqual(a.epochs, [3, 2]);
    assert.equal(a.meanEpochs, 2.5);
    assert.ok(Math.abs(a.stdEpochs - Math.SQRT1_2) < 1e-12, 'sample std of 3 and 2');
    // Own plateau: seed 1 best 0.65 -> 0.6175 reached at epoch 4; seed 2 best 0.79 -> 0.7505 at epoch 2.
    assert.deepEqual(a.ownPlateauEpochs, [4, 2]);
    const b = byMethod.get('traditional')!;
    assert.deepEqual(b.seeds, [1, 2]);
    assert.deepEqual(b.epochs, [undefined, 1]);
    assert.equal(b.reached, 1);
    assert.equal(b.meanEpochs, 1);
    assert.ok(Number.isNaN(b.stdEpochs));
  });

  it('another reference and share; bad share rejected', () => {
    const rows = relativeTargetEpochs(records, { referenceMethod: 'heterogeneous', share: 1 });
    assert.deepEqual(rows.find((row) => row.method === 'plain')!.epochs, [undefined, 4]);
    assert.throws(() => relativeTargetEpochs(records, { share: 0 }), /share must be in \(0, 1\], got 0/);
  });

  it('curveBand: mean ± sample std per epoch; shorter curves drop out', () => {
    const band = curveBand([
      [1, 2, 3],
      [3, 4],
    ]);
    assert.deepEqual(band.mean, [2, 3, 3]);
    assert.deepEqual(
      band.low.map((value) => Number(value.toFixed(6))),
      [2 - Math.SQRT2, 3 - Math.SQRT2, 3].map((value) => Number(value.toFixed(6))),
    );
    assert.deepEqual(band.high[2], 3);
  });
});
