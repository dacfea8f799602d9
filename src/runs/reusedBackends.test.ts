import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeReusedRuns } from './reusedBackends';

it('describeReusedRuns: how many runs were reused and which backends trained them', () => {
  assert.equal(describeReusedRuns([], 12, 'wasm'), undefined);
  assert.equal(
    describeReusedRuns(Array(20).fill('tensorflow'), 10, 'wasm'),
    'reused 20 finished runs (trained on tensorflow); trained 10 now on wasm',
  );
  assert.equal(
    describeReusedRuns(['tensorflow', 'wasm', 'tensorflow'], 0, 'wasm'),
    'reused 3 finished runs (trained on tensorflow: 2, wasm: 1); trained 0 now on wasm',
  );
  assert.equal(describeReusedRuns(['cpu'], 0, 'cpu'), 'reused 1 finished run (trained on cpu); trained 0 now on cpu');
});
