import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunResult } from '../results/runResult';
import { professorDifferences, professorTargetSentences } from './professorFindings';

const metrics = (teacher: number, refined: number) => ({
  teacherTrueClassFirst: teacher,
  refinedTrueClassFirst: refined,
  correlationDistanceAtTemperature: 0.001,
  correlationDistanceOffTrueClass: 0.01,
});

function run(method: string, seed: number, accuracy: number, professor?: RunResult['professor']): RunResult {
  return {
    method,
    seed,
    role: 'student',
    collapsed: false,
    test: { accuracy, macroF1: accuracy },
    professor,
  } as RunResult;
}

const coarseProfessor = (seed: number) =>
  ({ target: 'coarse', seed, metrics: metrics(0.8 + seed / 100, 0.99) }) as unknown as RunResult['professor'];

const runs = [
  run('heterogeneous', 1, 0.7),
  run('heterogeneous', 2, 0.72),
  run('professor-heterogeneous', 1, 0.71, coarseProfessor(1)),
  run('professor-heterogeneous', 2, 0.71, coarseProfessor(2)),
  run('professor-dual-heterogeneous', 1, 0.69, coarseProfessor(1)),
  run('professor-dual-heterogeneous', 2, 0.7, coarseProfessor(2)),
  run('traditional', 1, 0.6),
  run('plain', 1, 0.5),
];

describe('professor findings', () => {
  it('pairs each professor strategy with the paper method of its teacher', () => {
    const comparisons = professorDifferences(runs);
    assert.deepEqual(
      comparisons.map((comparison) => comparison.name.split(' − ')[1]),
      ['A heterogeneous KD', 'A heterogeneous KD'],
    );
    const [p1, p2] = comparisons.map((comparison) => comparison.differences.map((value) => +value.toFixed(6)));
    assert.deepEqual(p1, [0.01, -0.01]);
    assert.deepEqual(p2, [-0.01, -0.02]);
  });

  it('describes the refined targets once per seed and teacher', () => {
    // Seeds 1 and 2: teacher 0.81 and 0.82 -> 0.815; refined 0.99.
    assert.deepEqual(professorTargetSentences(runs), [
      'Coarse teacher (2 seeds): the refined targets put the true class first on 0.990 of the training rows, ' +
        "more often than the teacher's 0.815; the class-correlation matrices moved by 0.0010 at the " +
        'distillation temperature and 0.0100 off the true class at T = 1 (mean absolute difference).',
    ]);
    assert.deepEqual(professorTargetSentences([run('plain', 1, 0.5)]), []);
  });
});
