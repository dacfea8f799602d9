import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../config/builtInExperiments';
import { predictWallSeconds, studyCostModel, type CostGroup } from './costModel';
import { costModelLines, predictStudyCost } from './costModelReport';
import { compareScheduleModes } from './scheduleModes';
import { trainingRowShare } from './costRunKeys';
import { fitStackedEpochCost, memberEpochSeconds } from './stackedEpochCost';
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

  it('prices the whole study: later parts plan more teachers of the same data, and every worker count ends', () => {
    const inputs = { ...measuredCostInputs([]), teacherSecondsPerEpoch: 2, studentSecondsPerEpoch: 1 };
    const groups = planStudyGroups(buildStudyParts(paperNewsgroupsExperiment, fullStudySettings), 36, inputs);
    // The case that matters: a chain whose teacher groups come after some of its student groups in plan order.
    const laterTeacher = groups.some(
      (item, index) =>
        item.role === 'teacher' &&
        groups.some((other, before) => before < index && other.role === 'student' && other.chain === item.chain),
    );
    assert.ok(laterTeacher, 'the full study plans teachers of a data after students of it');
    const model = studyCostModel(groups, [1, 2, 4, 64], { cores: 2, startupSeconds: 5 });
    for (const { workers, seconds } of model.wallSeconds)
      assert.ok(Number.isFinite(seconds) && seconds >= model.criticalPathSeconds, `${workers} workers: ${seconds}`);
    assert.ok(model.wallSeconds[0].seconds >= model.cpuSeconds, 'one worker: at least the CPU time');
    // In plan order (dynamic) and by shards (static), as the --plan line prices them.
    for (const { workers, staticSeconds, dynamicSeconds } of compareScheduleModes(groups, [1, 2, 16]))
      assert.ok(Number.isFinite(staticSeconds) && Number.isFinite(dynamicSeconds), `${workers} workers`);
  });

  it('W workers on C cores: each after its start-up, at its share of the threads, sharing the cores when more', () => {
    // A core each, no start-up: the critical path (38 s).
    assert.equal(predictWallSeconds(groups, 4), 38);
    // One worker: the CPU time (78 s) after its 5 s start-up.
    assert.equal(predictWallSeconds(groups, 1, { cores: 2, startupSeconds: 5 }), 83);
    // 2 workers on 2 cores, measured by a two-thread process, 3 s start-up; teachers split over threads
    // (p 1: one thread, twice as long), students not at all (p 0). Teachers 20 (w0 3-23), 16 (w1 3-19),
    // then 12 (w1 19-31); y's student 30 is the first that can start when w0 frees (23-53); x's
    // students once x's teachers end at 31: 20 (w1 31-51), 4 (w1 51-55).
    const linearTeachers = { cores: 2, startupSeconds: 3, parallelFraction: { teacher: 1, student: 0 } };
    assert.equal(predictWallSeconds(groups, 2, linearTeachers), 55);
    // 4 workers on 2 cores, measured by one-thread processes: up to 4 computing share 2 cores. From 3 s:
    // teachers 10, 8, 6 at 2/3 speed each; 6 ends at 12 (10 and 8 have 4 and 2 left); then 2 at full
    // speed: 8 ends at 14 (y's student 30 starts), 10 at 16 (x's 20 and 4 start); three at 2/3: 4 ends
    // at 22 (30 and 20 have 24 and 16 left); two at full speed: 20 ends at 38, 30 at 46.
    const oneThread = { cores: 2, measuredThreads: 1, startupSeconds: 3 };
    assert.equal(predictWallSeconds(groups, 4, oneThread), 46);
    assert.equal(predictWallSeconds([], 4, { cores: 2, startupSeconds: 3 }), 0, 'nothing left: no start-up');
    assert.throws(() => predictWallSeconds(groups, 0), /workers: expected a positive integer, got 0/);
  });

  it('reproduces the workers benchmark it was fitted to: two one-thread workers train two student groups in x0.55 the wall', () => {
    const students = [group('student', 'x', 5), group('student', 'y', 5)];
    const machine = { cores: 2 };
    const ratio = predictWallSeconds(students, 2, machine) / predictWallSeconds(students, 1, machine);
    // Measured: 52.7 s against 95.5 s (x0.552).
    assert.ok(Math.abs(ratio - 52.7 / 95.5) < 0.005, String(ratio));
    // Teachers (p 0.65, the conv teacher's 36.8 s on 1 thread against 24.9 s on 2): each of two
    // one-thread workers takes 1 / 0.675 of a group's time, one two-thread worker 2 groups' time.
    const teachers = students.map((student) => ({ ...student, role: 'teacher' as const }));
    const teacherRatio = predictWallSeconds(teachers, 2, machine) / predictWallSeconds(teachers, 1, machine);
    assert.ok(Math.abs(teacherRatio - 1 / 0.675 / 2) < 1e-9, String(teacherRatio));
  });
});

describe('cost model: a member epoch by its group size', () => {
  const sample = (groupSize: number, epochsRun: number, trainingSeconds: number, rowShare = 1) => ({
    groupSize,
    epochsRun,
    trainingSeconds,
    rowShare,
  });

  it('fits perMember + perGroup / k to the measured shares (weighted by row-epochs)', () => {
    // Groups of 2: 1.0 s per member-epoch; groups of 4: 0.8 s. So perGroup (1/2 - 1/4) = 0.2: perGroup 0.8, perMember 0.6.
    const fit = fitStackedEpochCost([sample(2, 10, 10), sample(4, 10, 8)]);
    assert.ok(Math.abs(fit.perGroup - 0.8) < 1e-12 && Math.abs(fit.perMember - 0.6) < 1e-12, JSON.stringify(fit));
    assert.ok(Math.abs(memberEpochSeconds(fit, 8) - 0.7) < 1e-12);
    assert.ok(Math.abs(memberEpochSeconds(fit, 8, 0.1) - 0.07) < 1e-12, 'a tenth of the rows');
    // On 10 % of the rows the same runs take a tenth of the seconds: the same fit.
    const tenth = fitStackedEpochCost([sample(2, 10, 1, 0.1), sample(4, 10, 0.8, 0.1)]);
    assert.ok(Math.abs(tenth.perGroup - 0.8) < 1e-9 && Math.abs(tenth.perMember - 0.6) < 1e-9);
  });

  it('one group size, or a fit below zero: no per-group part, the plain seconds per row-epoch', () => {
    assert.deepEqual(fitStackedEpochCost([sample(3, 6, 3), sample(3, 10, 1)]), { perMember: 0.25, perGroup: 0 });
    // Bigger groups slower per member (a busy machine): perGroup would be < 0.
    assert.deepEqual(fitStackedEpochCost([sample(2, 10, 5), sample(4, 10, 15)]), { perMember: 1, perGroup: 0 });
    assert.ok(Number.isNaN(fitStackedEpochCost([]).perMember));
  });

  it('prices a group by its size from the fit; the flat figure where none was fitted', () => {
    const runs: MeasuredRun[] = [
      { role: 'student', method: 'plain', epochsRun: 10, trainingSeconds: 10, earlyStopped: true, groupSize: 2 },
      { role: 'student', method: 'plain', epochsRun: 10, trainingSeconds: 8, earlyStopped: true, groupSize: 4 },
    ];
    const inputs = measuredCostInputs(runs);
    assert.equal(inputs.studentSecondsPerEpoch, 0.9);
    assert.deepEqual(inputs.roleEpochs, { student: 10 });
    const parts = buildStudyParts(paperNewsgroupsExperiment, fullStudySettings).filter(
      (part) => part.name === 'curves',
    );
    // The curves part's 25 students (fixed 40 epochs) in one group of 25: 0.6 + 0.8 / 25 = 0.632 s per member-epoch;
    // its teachers (no teacher measured): NaN.
    const students = planStudyGroups(parts, 36, inputs).filter((item) => item.role === 'student');
    assert.equal(students.length, 1);
    assert.ok(Math.abs(students[0].secondsPerRunEpoch - 0.632) < 1e-12, String(students[0].secondsPerRunEpoch));
    const lines = costModelLines(predictStudyCost(parts, 36, { runs }), 'runs/x');
    assert.match(
      lines[3],
      /: 0\.600 \+ 0\.800 \/ k s per student epoch in a group of k, no teacher measured, on every training row/,
    );
  });
});
