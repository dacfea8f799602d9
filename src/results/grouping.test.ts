import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { methodByName, registerMethod, unregisterMethod } from '../methods/registry';
import { groupByMethod, meanCurve, methodLabel, methodLetter, methodOrder, runsOf } from './grouping';

describe('grouping by method and seed', () => {
  it('orders teachers first, then the registry order (a registered method included), unknown methods last by name', () => {
    const heterogeneous = methodByName('heterogeneous');
    const traditional = methodByName('traditional');
    // A registered method between A and B: every table sorts it there, from the registry.
    registerMethod({
      ...methodByName('plain'),
      name: 'toy-between',
      letter: 'Q',
      label: 'toy between A and B',
      configKey: 'toyBetween',
      order: (heterogeneous.order + traditional.order) / 2,
    });
    try {
      const runs = [
        'zeta',
        'traditional',
        'toy-between',
        'alpha',
        'plain',
        'teacher-fine',
        'heterogeneous',
        'teacher-coarse',
      ].flatMap((method) => [
        { method, seed: 2 },
        { method, seed: 1 },
      ]);
      const groups = groupByMethod(runs);
      assert.deepEqual(
        groups.map((group) => group.method),
        ['teacher-coarse', 'teacher-fine', 'heterogeneous', 'toy-between', 'traditional', 'plain', 'alpha', 'zeta'],
      );
      assert.ok(
        groups.every((group) => group.runs.map((run) => run.seed).join() === '1,2'),
        'runs by seed',
      );
      assert.equal(methodLabel('toy-between'), 'Q toy between A and B');
      assert.equal(methodLetter('toy-between'), 'Q');
    } finally {
      unregisterMethod('toy-between');
    }
    assert.equal(methodOrder('toy-between'), Number.MAX_SAFE_INTEGER, 'gone from the registry, it sorts last');
    assert.equal(methodLabel('teacher-coarse'), 'coarse teacher (hierarchy groups)');
    assert.equal(methodLabel('no-such-method'), 'no-such-method');
  });

  it("picks one method's runs by seed", () => {
    assert.deepEqual(
      runsOf(
        [
          { method: 'a', seed: 3 },
          { method: 'b', seed: 1 },
          { method: 'a', seed: 1 },
        ],
        'a',
      ),
      [
        { method: 'a', seed: 1 },
        { method: 'a', seed: 3 },
      ],
    );
    assert.deepEqual(runsOf([{ method: 'a', seed: 3 }], 'c'), []);
  });

  it('averages curves epoch by epoch: shorter runs drop out, non-finite values are left out', () => {
    const curve = meanCurve([[0.5, 0.6, 0.7], [0.7, Number.NaN], [0.3]]);
    assert.deepEqual(
      curve.map((value) => Number(value.toFixed(10))),
      [0.5, 0.6, 0.7],
    );
    assert.ok(Number.isNaN(meanCurve([[0.1, Number.NaN]])[1]));
    assert.deepEqual(meanCurve([]), []);
  });
});
