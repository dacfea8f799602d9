import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitMethodEpochCost, groupFactor, weightedQuantile } from './methodEpochCost';
import { fitStackedEpochCost, memberEpochSeconds } from './stackedEpochCost';
import { measuredCostInputs, regimeTypicalEpochs, type MeasuredRun } from './studyGroups';

const close = (actual: number | undefined, expected: number, what: string) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} instead of ${expected}`);

/** A run of `epochs` epochs whose seconds follow the cost exactly. */
function exact(
  cost: { perMember: number; perGroup: number; fixedPerMember: number; fixedPerGroup: number },
  groupSize: number,
  rowShare: number,
  epochs = 10,
) {
  return {
    groupSize,
    rowShare,
    epochsRun: epochs,
    trainingSeconds: epochs * memberEpochSeconds(cost, groupSize, rowShare),
  };
}

describe('cost model: what does not scale with the rows', () => {
  it('recovers the four parts from runs on several row shares and group sizes', () => {
    const cost = { perMember: 0.3, perGroup: 1.2, fixedPerMember: 0.05, fixedPerGroup: 0.4 };
    const samples = [1, 0.5, 0.1].flatMap((share) => [1, 4, 11].map((size) => exact(cost, size, share)));
    const fit = fitStackedEpochCost(samples);
    close(fit.perMember, 0.3, 'perMember');
    close(fit.perGroup, 1.2, 'perGroup');
    close(fit.fixedPerMember, 0.05, 'fixedPerMember');
    close(fit.fixedPerGroup, 0.4, 'fixedPerGroup');
    // On a tenth of the rows the scoring that does not shrink is most of a member-epoch.
    close(memberEpochSeconds(fit, 11, 0.1), 0.1 * (0.3 + 1.2 / 11) + 0.05 + 0.4 / 11, 'a member-epoch at 0.1');
  });

  it('leaves out a part that would be negative, and keeps the earlier answers on one row share', () => {
    const cost = { perMember: 0.3, perGroup: 1.2, fixedPerMember: 0, fixedPerGroup: 0 };
    const fit = fitStackedEpochCost([1, 0.25].flatMap((share) => [2, 8].map((size) => exact(cost, size, share))));
    assert.deepEqual(Object.keys(fit).sort(), ['perGroup', 'perMember'], JSON.stringify(fit));
    close(fit.perMember, 0.3, 'perMember');
  });
});

describe('cost model: a member-epoch by method', () => {
  it("finds each method's factor on the group-size fit, scaled to a mean of 1", () => {
    const cost = { perMember: 0.2, perGroup: 2, fixedPerMember: 0, fixedPerGroup: 0 };
    // "dkd" costs 3 times "plain"; each trained alone in groups of 2 and of 8.
    const samples = [2, 8].flatMap((size) => [
      { ...exact(cost, size, 1), method: 'plain' },
      { ...exact({ ...cost, perMember: 0.6, perGroup: 6 }, size, 1), method: 'dkd' },
    ]);
    const { cost: fit, factors } = fitMethodEpochCost(samples);
    close(factors.get('dkd')! / factors.get('plain')!, 3, 'dkd / plain');
    close((factors.get('dkd')! + factors.get('plain')!) / 2, 1, 'mean factor');
    close(factors.get('plain')! * memberEpochSeconds(fit, 4), 0.2 + 2 / 4, 'plain in a group of 4');
    close(
      groupFactor(
        [
          { method: 'plain', epochs: 10 },
          { method: 'dkd', epochs: 30 },
        ],
        factors,
      ),
      0.5 * 0.25 + 1.5 * 0.75,
      'a mixed group',
    );
    close(groupFactor([{ method: 'never-seen', epochs: 5 }], factors), 1, 'a method no run measured');
  });

  it('keeps the parts that do not scale with the rows: a run is priced at what it measured', () => {
    const cost = { perMember: 0.3, perGroup: 1.2, fixedPerMember: 0.05, fixedPerGroup: 0.4 };
    const samples = [1, 0.5, 0.1].flatMap((share) =>
      [1, 4, 11].map((size) => ({ ...exact(cost, size, share), method: 'plain' })),
    );
    const { cost: fit, factors } = fitMethodEpochCost(samples);
    for (const [share, size] of [
      [0.1, 11],
      [1, 4],
    ])
      close(
        factors.get('plain')! * memberEpochSeconds(fit, size, share),
        memberEpochSeconds(cost, size, share),
        `a member-epoch at ${share} of the rows in a group of ${size}`,
      );
  });

  it('prices the quiet machine: a minority of runs slowed by other jobs does not move a factor', () => {
    const cost = { perMember: 0.2, perGroup: 2, fixedPerMember: 0, fixedPerGroup: 0 };
    const quiet = [2, 4, 8, 16].map((size) => ({ ...exact(cost, size, 1), method: 'plain' }));
    const busy = { ...exact(cost, 4, 1), method: 'plain' };
    busy.trainingSeconds *= 3;
    const { cost: fit, factors } = fitMethodEpochCost([...quiet, busy]);
    // The group-size fit is pulled up by the busy run, the lower-quartile factor takes it back.
    const priced = factors.get('plain')! * memberEpochSeconds(fit, 8);
    assert.ok(Math.abs(priced / (0.2 + 2 / 8) - 1) < 0.05, `priced ${priced} against the quiet ${0.2 + 2 / 8}`);
    assert.equal(
      weightedQuantile(
        [
          { ratio: 3, weight: 1 },
          { ratio: 1, weight: 3 },
        ],
        0.25,
      ),
      1,
    );
    assert.equal(weightedQuantile([], 0.25), undefined);
  });
});

describe('cost model: epochs on few labels', () => {
  const run = (
    method: string,
    epochsRun: number,
    fewLabel?: { labelledFraction: number; unlabelledInputs: string },
  ): MeasuredRun => ({
    role: 'student',
    method,
    epochsRun,
    trainingSeconds: epochsRun,
    earlyStopped: true,
    groupSize: 1,
    ...(fewLabel ? { fewLabel } : {}),
  });

  it("typical epochs come from all-label runs; a few-label run takes its regime's, else the nearest fraction of its mode", () => {
    const inputs = measuredCostInputs([
      run('heterogeneous', 50),
      run('heterogeneous', 28, { labelledFraction: 0.1, unlabelledInputs: 'distill' }),
      run('heterogeneous', 30, { labelledFraction: 0.1, unlabelledInputs: 'distill' }),
      run('heterogeneous', 70, { labelledFraction: 0.1, unlabelledInputs: 'drop' }),
      run('hxe', 40, { labelledFraction: 0.5, unlabelledInputs: 'drop' }),
    ]);
    assert.equal(inputs.typicalEpochs.get('heterogeneous'), 50, 'the all-label run only');
    assert.equal(inputs.typicalEpochs.get('hxe'), 40, 'a method only ever run on few labels: those');
    const regime = (labelledFraction: number, unlabelledInputs: string) => ({ labelledFraction, unlabelledInputs });
    assert.equal(regimeTypicalEpochs('heterogeneous', regime(0.1, 'distill'), inputs.regimeEpochs), 29);
    assert.equal(
      regimeTypicalEpochs('heterogeneous', regime(0.05, 'distill'), inputs.regimeEpochs),
      29,
      'the nearest fraction',
    );
    assert.equal(regimeTypicalEpochs('heterogeneous', regime(0.25, 'drop'), inputs.regimeEpochs), 70);
    assert.equal(regimeTypicalEpochs('plain', regime(0.1, 'drop'), inputs.regimeEpochs), undefined);
  });
});
