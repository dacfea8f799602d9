import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../config/builtInExperiments';
import type { RunResult } from '../results';
import { checkPart, costCheckTable } from './costModelCheck';
import type { MeasuredRun } from './studyGroups';

/** A finished plain student as the check reads it: its run result (role, seed, config) and its measurement. */
function student(id: string, seed: number, epochsRun: number, trainingSeconds: number, labelledFraction?: number) {
  const training = {
    ...paperNewsgroupsExperiment.student,
    ...(labelledFraction === undefined ? {} : { labelledFraction, unlabelledInputs: 'drop' as const }),
  };
  const result = {
    id,
    seed,
    role: 'student',
    method: 'plain',
    epochsRun,
    trainingSeconds,
    config: { role: 'student', method: 'plain', target: 'fine', training, inputDimension: 512 },
  } as unknown as RunResult;
  const measured: MeasuredRun = {
    role: 'student',
    method: 'plain',
    epochsRun,
    trainingSeconds,
    earlyStopped: true,
    groupSize: 1,
    rowShare: labelledFraction ?? 1,
  };
  return { result, measured };
}

describe('cost model check on finished runs', () => {
  it("prices a part from the other parts' runs and compares with its runs' training seconds", () => {
    // Others: plain students alone, 10 epochs in 4 s: 0.4 s per epoch on every row, 10 typical epochs.
    const others = [student('o1', 1, 10, 4), student('o2', 2, 10, 4)].map((run) => run.measured);
    // The part: two plain students on every row (20 and 30 epochs, 10 s and 14 s) and one on a tenth
    // of the rows (10 epochs, 1 s). Predicted: 2 x 10 x 0.4 + 10 x 0.04 = 8.4 s; measured 25 s.
    const part = [student('p1', 1, 20, 10), student('p2', 2, 30, 14), student('p3', 1, 10, 1, 0.1)];
    const row = checkPart('regimes', part, others, 36);
    assert.equal(row.runs, 3);
    assert.ok(Math.abs(row.predictedSeconds - 8.4) < 1e-9, String(row.predictedSeconds));
    assert.equal(row.measuredSeconds, 25);
    assert.ok(Math.abs(row.ratio - 8.4 / 25) < 1e-9);
    assert.equal(row.predictedEpochs, 30);
    assert.equal(row.measuredEpochs, 60);
    assert.ok(Math.abs(row.studentSecondsOthers - 0.4) < 1e-12);
    // This part: 25 s over 20 + 30 + 10 x 0.1 = 51 row-epochs.
    assert.ok(Math.abs(row.studentSecondsHere - 25 / 51) < 1e-12);
    const [header, , line] = costCheckTable([row]);
    assert.match(header, /^\| part \| runs \| predicted \| measured \| ratio \|/);
    assert.equal(line, '| regimes | 3 | 8.4s | 25.0s | 0.34 | 30 / 60 | 0.400 / 0.490 |');
  });
});
