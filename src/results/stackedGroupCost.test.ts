import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunRecord } from '../runs';
import { methodCostRows, stackedGroups } from './stackedGroupCost';

/** A finished run record with the summary fields the cost view reads. */
function record(
  id: string,
  method: string,
  startedAt: string,
  trainingSeconds: number,
  epochsRun: number,
  group?: { size: number; index: number },
): RunRecord {
  return {
    id,
    directory: '',
    config: {},
    seed: 1,
    backend: { name: 'cpu', description: 'cpu' } as RunRecord['backend'],
    versions: {} as RunRecord['versions'],
    startedAt,
    finishedAt: startedAt,
    summary: { method, seed: 1, trainingSeconds, epochsRun, ...(group ? { group } : {}) },
    epochs: [],
    hasModel: true,
    missingModelFiles: [],
  };
}

// Two teachers stacked (2 s of training), then four students stacked: an epoch split over the
// members still training, so the two that ran 4 epochs took more of the group's 3 s than the
// two that stopped after 2; then one student trained alone.
const records = [
  record('teacher-1', 'teacher-coarse', '2026-01-01T00:00:00.000Z', 1, 4, { size: 2, index: 0 }),
  record('teacher-2', 'teacher-coarse', '2026-01-01T00:00:00.004Z', 1, 4, { size: 2, index: 1 }),
  record('a-1', 'heterogeneous', '2026-01-01T00:00:05.000Z', 1, 4, { size: 4, index: 0 }),
  record('c-1', 'plain', '2026-01-01T00:00:05.010Z', 0.5, 2, { size: 4, index: 2 }),
  record('a-2', 'heterogeneous', '2026-01-01T00:00:05.005Z', 1, 4, { size: 4, index: 1 }),
  record('c-2', 'plain', '2026-01-01T00:00:05.020Z', 0.5, 2, { size: 4, index: 3 }),
  record('c-3', 'plain', '2026-01-01T00:00:09.000Z', 2.5, 3),
];

describe('stacked group cost: a group wall time, not an even split', () => {
  it('regroups the runs by start order and index, summing their shares', () => {
    const groups = stackedGroups(records);
    assert.deepEqual(
      groups.map((group) => [group.size, group.methods, group.wallSeconds, group.epochs, group.runIds]),
      [
        [2, ['teacher-coarse'], 2, 4, ['teacher-1', 'teacher-2']],
        [4, ['heterogeneous', 'plain'], 3, 4, ['a-1', 'a-2', 'c-1', 'c-2']],
        [1, ['plain'], 2.5, 3, ['c-3']],
      ],
    );
  });

  it('a second group of the same size starts at index 0', () => {
    const twice = [
      record('x-1', 'plain', '2026-01-01T00:00:00.000Z', 1, 1, { size: 2, index: 0 }),
      record('x-2', 'plain', '2026-01-01T00:00:00.001Z', 1, 1, { size: 2, index: 1 }),
      record('y-1', 'plain', '2026-01-01T00:00:01.000Z', 2, 1, { size: 2, index: 0 }),
      record('y-2', 'plain', '2026-01-01T00:00:01.001Z', 2, 1, { size: 2, index: 1 }),
    ];
    assert.deepEqual(
      stackedGroups(twice).map((group) => group.wallSeconds),
      [2, 4],
    );
  });

  it('per method: runs, the groups it trained in, their wall time and the mean share', () => {
    assert.deepEqual(methodCostRows(records), [
      {
        method: 'coarse teacher (hierarchy groups)',
        runs: 2,
        trainedIn: '1 group of 2 runs',
        groupSeconds: 2,
        shareSecondsPerRun: 1,
      },
      { method: 'A heterogeneous KD', runs: 2, trainedIn: '1 group of 4 runs', groupSeconds: 3, shareSecondsPerRun: 1 },
      // C: two runs in the group of 4 (3 s) and one alone (2.5 s).
      {
        method: 'C plain student',
        runs: 3,
        trainedIn: '2 groups of 1/4 runs',
        groupSeconds: 5.5,
        shareSecondsPerRun: 7 / 6,
      },
    ]);
  });

  it('says which run lacks the fields it needs', () => {
    const broken = { ...records[0], id: 'broken', summary: { seed: 1 } };
    assert.throws(() => stackedGroups([broken]), /run broken has no method or trainingSeconds/);
  });
});
