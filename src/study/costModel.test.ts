import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../config/builtInExperiments';
import {
  costModelTable,
  criticalPathSeconds,
  groupSeconds,
  predictWallSeconds,
  studyCostModel,
  type CostGroup,
} from './costModel';
import { defaultEarlyStoppedEpochs, fixedSecondsPerGroup, measuredCostInputs, planStudyGroups } from './studyGroups';
import { countStudyRuns } from './studyCost';
import { buildStudyParts, fullStudySettings } from './studyParts';

function group(role: CostGroup['role'], chain: string, runEpochs: number, runs = 1): CostGroup {
  return { role, chain, runs, runEpochs, secondsPerRunEpoch: 2 };
}

// Two chains: x (teachers 10 s and 6 s, students 20 s and 4 s) and y (teacher 8 s, student 30 s).
const groups = [
  group('teacher', 'x', 5, 2),
  group('teacher', 'x', 3),
  group('teacher', 'y', 4, 2),
  group('student', 'x', 10, 36),
  group('student', 'x', 2, 4),
  group('student', 'y', 15, 20),
];

describe('study cost model', () => {
  it('a group costs its runs epochs times the seconds of one run-epoch', () => {
    assert.equal(groupSeconds(group('student', 'x', 10)), 20);
  });

  it('the critical path is the longest chain: its longest teacher group, then its longest student group', () => {
    // x: 10 + 20 = 30; y: 8 + 30 = 38.
    assert.equal(criticalPathSeconds(groups), 38);
    assert.equal(criticalPathSeconds([group('student', 'z', 7)]), 14, 'a chain without teachers is its students');
    assert.equal(criticalPathSeconds([]), 0);
  });

  it('one worker takes the sum of every group; many workers the critical path', () => {
    assert.equal(predictWallSeconds(groups, 1), 10 + 6 + 8 + 20 + 4 + 30);
    assert.equal(predictWallSeconds(groups, 64), 38);
  });

  it('two workers: teachers longest first to the worker free soonest, then students as soon as their chain is ready', () => {
    // Teachers: 10 (w0: 0-10), 8 (w1: 0-8), 6 (w1: 8-14); x ready at 14, y ready at 8.
    // Students longest first: y 30 starts at max(10, 8) = 10 on w0 (ends 40); x 20 on w1 at 14 (ends 34);
    // x 4 on w1 at 34 (ends 38). Wall 40.
    assert.equal(predictWallSeconds(groups, 2), 40);
    assert.throws(() => predictWallSeconds(groups, 0), /workers: expected a positive integer, got 0/);
  });

  it('summarises runs, groups, CPU time, critical path and the wall per worker count in one table', () => {
    const model = studyCostModel(groups, [1, 2, 64]);
    assert.deepEqual(model, {
      runs: 65,
      teacherGroups: 3,
      studentGroups: 3,
      cpuSeconds: 78,
      criticalPathSeconds: 38,
      wallSeconds: [
        { workers: 1, seconds: 78 },
        { workers: 2, seconds: 40 },
        { workers: 64, seconds: 38 },
      ],
    });
    const left = studyCostModel(groups.slice(1), [1, 2, 64]);
    const [header, row, leftRow] = costModelTable([
      { label: 'all', model },
      { label: 'left', model: left },
    ]);
    assert.match(
      header,
      /^\| plan \| runs \| groups \(teachers\+students\) \| CPU time \| critical path \| wall 1w\s*\| wall 2w/,
    );
    assert.match(row, /^\| all\s+\| 65\s+\| 3\+3\s+\| 1m18s\s+\| 38\.0s\s+\| 1m18s\s+\| 40\.0s\s+\| 38\.0s\s+\|$/);
    // Without the first teacher group (10 s of chain x): 68 s of CPU; x's path 6 + 20 = 26 s.
    assert.match(leftRow, /^\| left\s+\| 63\s+\| 2\+3\s+\| 1m08s\s+\| 38\.0s\s+\| 1m08s\s+/);
  });

  it('measures seconds per run-epoch per role and typical epochs per method from finished early-stopped runs', () => {
    const runs = [
      {
        role: 'teacher',
        method: 'teacher-coarse',
        epochsRun: 10,
        trainingSeconds: 5,
        earlyStopped: true,
        groupSize: 1,
      },
      { role: 'student', method: 'plain', epochsRun: 6, trainingSeconds: 3, earlyStopped: true, groupSize: 3 },
      { role: 'student', method: 'plain', epochsRun: 10, trainingSeconds: 1, earlyStopped: true, groupSize: 3 },
      { role: 'student', method: 'plain', epochsRun: 40, trainingSeconds: 4, earlyStopped: false, groupSize: 3 },
    ] as const;
    const inputs = measuredCostInputs([...runs]);
    assert.equal(inputs.fixedSecondsPerGroup, 0, 'no measured call, no fixed seconds');
    assert.equal(inputs.teacherSecondsPerEpoch, 0.5);
    assert.equal(inputs.studentSecondsPerEpoch, 8 / 56);
    assert.deepEqual(
      [...inputs.typicalEpochs],
      [
        ['teacher-coarse', 10],
        ['plain', 8],
      ],
    );
    // A call of 21 s trained all four (13 s of training) in 2 groups (1 + 3 x 1/3): 4 s per group.
    assert.ok(Math.abs(fixedSecondsPerGroup({ seconds: 21, runs: [...runs] }) - 4) < 1e-12);
    assert.ok(
      Math.abs(measuredCostInputs([...runs], { seconds: 21, runs: [...runs] }).fixedSecondsPerGroup - 4) < 1e-12,
    );
    assert.equal(fixedSecondsPerGroup({ seconds: 10, runs: [...runs] }), 0, 'never below 0');
  });

  it('a fixed cost per group adds to each group, hence to the CPU time and the critical path', () => {
    const fixed = groups.map((item) => ({ ...item, fixedSeconds: 1 }));
    assert.equal(groupSeconds(fixed[0]), 11);
    assert.equal(predictWallSeconds(fixed, 1), 78 + 6);
    assert.equal(criticalPathSeconds(fixed), 40);
  });

  it("plans the full study's groups: every distinct run once, fixed-length curves at their epochs, others at the typical or default epochs", () => {
    const parts = buildStudyParts(paperNewsgroupsExperiment, fullStudySettings);
    const counts = countStudyRuns(parts);
    const inputs = { ...measuredCostInputs([]), teacherSecondsPerEpoch: 1, studentSecondsPerEpoch: 1 };
    inputs.typicalEpochs.set('teacher-coarse', 3);
    const planned = planStudyGroups(parts, 36, inputs);
    const runsOf = (role: CostGroup['role']) =>
      planned.filter((item) => item.role === role).reduce((sum, item) => sum + item.runs, 0);
    assert.equal(runsOf('teacher'), counts.teachers);
    assert.equal(runsOf('student'), counts.students);
    assert.ok(planned.every((item) => item.runs <= 36));
    // The curves part: 5 coarse and 5 fine teachers (early-stopped: typical 3, default 15) and
    // 25 students of 40 fixed epochs, in one group of 25 (one training config).
    const curves = parts.find((part) => part.name === 'curves')!;
    const curveGroups = planStudyGroups([curves], 36, inputs);
    const epochsOf = (role: CostGroup['role']) =>
      curveGroups.filter((item) => item.role === role).map((item) => [item.runs, item.runEpochs]);
    assert.deepEqual(epochsOf('student'), [[25, 25 * 40]]);
    assert.deepEqual(
      epochsOf('teacher').sort((a, b) => a[1] - b[1]),
      [
        [5, 5 * 3],
        [5, 5 * defaultEarlyStoppedEpochs],
      ],
    );
    assert.ok(
      curveGroups.every((item) => item.chain === curveGroups[0].chain),
      'one data, one chain',
    );
  });
});
