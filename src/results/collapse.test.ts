import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  collapseOf,
  collapseOfSummary,
  collapseWarning,
  validationLossNeverImproved,
  withoutCollapsed,
} from './collapse';
import { targetClassesOf } from './runResult';

describe('the collapse rule', () => {
  it("clause 1: kept epoch 1 of several at under 2 x chance (Fashion-MNIST's 0.170 seed: 10 classes, 2 x chance 0.2)", () => {
    const verdict = collapseOf({ bestEpoch: 1, epochsRun: 6, testAccuracy: 0.17, classes: 10 });
    assert.equal(verdict.collapsed, true);
    assert.equal(verdict.reason, 'kept epoch 1 of 6 at test accuracy 0.1700 < 2 x chance (0.2000)');
    // The same run at 0.21 (above 2 x chance) with an improving curve is not collapsed: it kept epoch 3.
    assert.deepEqual(
      collapseOf({ bestEpoch: 3, epochsRun: 6, testAccuracy: 0.21, classes: 10, validationLossCurve: [2, 1.9, 1.8] }),
      { collapsed: false },
    );
  });

  it('clause 2: a validation loss that never fell below epoch 1 collapses the run whatever its accuracy', () => {
    const curve = [0.9, 1.1, 1.3, 0.95];
    assert.equal(
      validationLossNeverImproved({ bestEpoch: 4, epochsRun: 4, testAccuracy: 0.7, validationLossCurve: curve }),
      true,
    );
    const verdict = collapseOf({
      bestEpoch: 4,
      epochsRun: 4,
      testAccuracy: 0.7,
      classes: 20,
      validationLossCurve: curve,
    });
    assert.equal(verdict.collapsed, true);
    assert.match(
      verdict.reason!,
      /^validation loss never improved on epoch 1's in 4 epochs \(test accuracy 0\.7000\)$/,
    );
    // One later epoch below epoch 1 is an improvement (0.89 < 0.9): clause 2 does not fire; clause 1 needs epoch 1 kept.
    assert.deepEqual(
      collapseOf({ bestEpoch: 2, epochsRun: 3, testAccuracy: 0.06, classes: 20, validationLossCurve: [0.9, 0.89, 1] }),
      { collapsed: false },
    );
  });

  it('near chance with an improving curve but epoch 1 kept (early stopping on accuracy) is clause 1', () => {
    const verdict = collapseOf({
      bestEpoch: 1,
      epochsRun: 5,
      testAccuracy: 0.09,
      classes: 20,
      validationLossCurve: [3, 2.9, 2.8, 2.7, 2.6],
    });
    assert.equal(verdict.collapsed, true);
    assert.match(verdict.reason!, /< 2 x chance \(0\.1000\)/);
  });

  it('without a curve, "never improved" is read from the kept epoch; one-epoch runs and unknown classes', () => {
    assert.equal(validationLossNeverImproved({ bestEpoch: 1, epochsRun: 5, testAccuracy: 0.5 }), true);
    assert.equal(validationLossNeverImproved({ bestEpoch: 2, epochsRun: 5, testAccuracy: 0.5 }), false);
    assert.equal(validationLossNeverImproved({ bestEpoch: 1, epochsRun: 1, testAccuracy: 0.5 }), undefined);
    assert.deepEqual(collapseOf({ bestEpoch: 1, epochsRun: 1, testAccuracy: 0.01, classes: 10 }), { collapsed: false });
    // Classes unknown: clause 1 is not judged, clause 2 still is.
    assert.deepEqual(collapseOf({ bestEpoch: 2, epochsRun: 5, testAccuracy: 0.01 }), { collapsed: false });
    assert.equal(collapseOf({ bestEpoch: 1, epochsRun: 5, testAccuracy: 0.9 }).collapsed, true);
    assert.throws(
      () => collapseOf({ bestEpoch: 1, epochsRun: 5, testAccuracy: 0.1, classes: 1 }),
      /classes should be an integer >= 2, got 1/,
    );
  });

  it('summaries: classes from the test per-class F1 (or given); a summary without them is a clear error', () => {
    const summary = { bestEpoch: 1, epochsRun: 3, test: { accuracy: 0.3, perClassF1: [0.1, 0.2, 0.3, 0.4, 0.5] } };
    // 5 classes: 2 x chance = 0.4 > 0.3.
    assert.match(collapseOfSummary(summary).reason!, /< 2 x chance \(0\.4000\)/);
    assert.match(collapseOfSummary({ ...summary, test: { accuracy: 0.3 } }, 10).reason!, /never improved/);
    assert.throws(() => collapseOfSummary({ ...summary, test: { accuracy: 0.3 } }), /no test\.perClassF1/);
    assert.equal(targetClassesOf(summary, undefined), 5);
    const config = { target: 'coarse', hierarchy: { fineToCoarse: [0, 0, 1, 2, 2, 1] } };
    assert.equal(targetClassesOf({ test: {} }, config), 3);
    assert.equal(targetClassesOf({ test: {} }, { ...config, target: 'fine' }), 6);
    assert.equal(targetClassesOf({ test: {} }, {}), undefined);
  });

  it('warning lines and the kept runs', () => {
    const verdict = collapseOf({ bestEpoch: 1, epochsRun: 6, testAccuracy: 0.17, classes: 10 });
    assert.equal(
      collapseWarning({ method: 'heterogeneous', seed: 3 }, verdict, 'labelledFraction=0.01'),
      "warning: seed 3 heterogeneous (labelledFraction=0.01) collapsed: kept epoch 1 of 6 at test accuracy 0.1700 < 2 x chance (0.2000); left out of the tables' means and paired tests",
    );
    const runs = [
      { seed: 1, collapsed: false },
      { seed: 2, collapsed: true },
    ];
    assert.deepEqual(
      withoutCollapsed(runs, (run) => run.collapsed).map((run) => run.seed),
      [1],
    );
  });
});
