import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../config/builtInExperiments';
import { effectiveProcessors, predictWallSeconds, studyCostModel, type CostGroup } from './costModel';
import { trainingRowShare } from './costRunKeys';
import { measuredCostInputs, planStudyGroups, secondsPerRowEpoch, type MeasuredRun } from './studyGroups';
import { buildStudyParts, fullStudySettings } from './studyParts';

function group(role: CostGroup['role'], chain: string, runEpochs: number): CostGroup {
  return { role, chain, runs: 1, runEpochs, secondsPerRunEpoch: 2 };
}

// The groups of costModel.test.ts: chain x (teachers 10 s and 6 s, students 20 s and 4 s), y (teacher 8 s, student 30 s).
const groups = [
  group('teacher', 'x', 5),
  group('teacher', 'x', 3),
  group('teacher', 'y', 4),
  group('student', 'x', 10),
  group('student', 'x', 2),
  group('student', 'y', 15),
];

const training = paperNewsgroupsExperiment.student;
const rowsOf = (labelledFraction: number) =>
  ({ labelledFraction, labelledSubset: 'per-seed', validationRows: 'scaled' }) as const;

describe('cost model: rows and workers', () => {
  it('a run trains on the share of the rows its config says', () => {
    assert.equal(trainingRowShare({ role: 'teacher', training }), 1);
    assert.equal(trainingRowShare({ role: 'teacher', training, labelledRows: rowsOf(0.1) }), 0.1);
    assert.equal(trainingRowShare({ role: 'student', training }), 1);
    assert.equal(trainingRowShare({ role: 'student', training: { ...training, labelledFraction: 0.25 } }), 0.25);
    assert.equal(
      trainingRowShare({
        role: 'student',
        training: { ...training, labelledFraction: 0.25, unlabelledInputs: 'distill' },
      }),
      1,
      "a 'distill' student trains on every row",
    );
  });

  it('measures seconds per epoch on every row: seconds / (epochs x share)', () => {
    const run = (epochsRun: number, trainingSeconds: number, rowShare?: number): MeasuredRun => ({
      role: 'teacher',
      method: 'teacher-fine',
      epochsRun,
      trainingSeconds,
      earlyStopped: true,
      groupSize: 1,
      ...(rowShare === undefined ? {} : { rowShare }),
    });
    // 10 epochs on all rows in 50 s and 10 epochs on 10 % of them in 5 s: 55 s / 11 row-epochs = 5 s.
    assert.equal(secondsPerRowEpoch([run(10, 50), run(10, 5, 0.1)]), 5);
    assert.equal(secondsPerRowEpoch([run(8, 4, 0.1)]), 5);
    assert.ok(Number.isNaN(secondsPerRowEpoch([])));
    assert.equal(measuredCostInputs([run(10, 50), run(10, 5, 0.1)]).teacherSecondsPerEpoch, 5);
  });

  it('prices each group at the share of the rows it trains on: a 0.01 regime costs less than a 0.1 one', () => {
    const inputs = { ...measuredCostInputs([]), teacherSecondsPerEpoch: 2, studentSecondsPerEpoch: 1 };
    const regimesAt = (fractions: number[]) =>
      buildStudyParts(paperNewsgroupsExperiment, { ...fullStudySettings, fractions }).filter(
        (part) => part.name === 'regimes',
      );
    const planned = planStudyGroups(regimesAt([0.1, 1]), 36, inputs);
    const prices = (role: CostGroup['role']) =>
      [...new Set(planned.filter((item) => item.role === role).map((item) => item.secondsPerRunEpoch))].sort();
    // Teachers: on all rows (coarse; the all-label fine one) 2 s, the fine teacher of the labelled rows 0.2 s.
    assert.deepEqual(prices('teacher'), [0.2, 2]);
    // Students: 'drop' at 0.1 trains on a tenth of the rows; 'distill' and all-label on every row.
    assert.deepEqual(prices('student'), [0.1, 1]);
    const cpu = (fractions: number[]) => studyCostModel(planStudyGroups(regimesAt(fractions), 36, inputs)).cpuSeconds;
    assert.ok(cpu([0.01, 1]) < cpu([0.1, 1]), `${cpu([0.01, 1])} vs ${cpu([0.1, 1])}`);
  });

  it('W workers on C cores keep min(W, C) processors busy, each after its start-up', () => {
    assert.equal(effectiveProcessors(4, 2), 2);
    assert.equal(effectiveProcessors(2, 4), 2);
    assert.equal(effectiveProcessors(64), 64, 'a core per worker (cluster tasks)');
    // A core each, no start-up: the critical path (38 s).
    assert.equal(predictWallSeconds(groups, 4), 38);
    assert.equal(predictWallSeconds(groups, 2, { cores: 4 }), 40, 'two workers on four cores: two processors');
    // One worker: the CPU time (78 s) after its 5 s start-up.
    assert.equal(predictWallSeconds(groups, 1, { cores: 2, startupSeconds: 5 }), 83);
    // 4 (or 64) workers on 2 cores, 3 s start-up: two processors free at 3. Teachers 10 (p0 3-13), 8 (p1 3-11),
    // 6 (p1 11-17): x ready at 17, y at 11. Students: y 30 on p0 at 13 (ends 43), x 20 on p1 at 17 (ends 37),
    // x 4 on p1 at 37 (ends 41). Wall 43: the two-worker wall (40 s) after the start-up.
    assert.equal(predictWallSeconds(groups, 4, { cores: 2, startupSeconds: 3 }), 43);
    assert.equal(predictWallSeconds(groups, 64, { cores: 2, startupSeconds: 3 }), 43);
    assert.equal(predictWallSeconds([], 4, { cores: 2, startupSeconds: 3 }), 0, 'nothing left: no start-up');
  });
});
