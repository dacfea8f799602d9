import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparableStudentRuns } from './discoveredSection';
import type { RunResult } from '../results';

const paper = { name: 'newsgroups-paper', fineToCoarse: [0, 0, 1, 1], coarseLabelNames: ['a', 'b'] };
const discovered = {
  name: 'discovered-class-means-2-average',
  fineToCoarse: [0, 1, 0, 1],
  coarseLabelNames: ['x', 'y'],
};

function run(
  id: string,
  method: string,
  hierarchy: object,
  extra: Record<string, unknown> = {},
  finishedAt = '2026-01-01',
): RunResult {
  const role = method.startsWith('teacher') ? 'teacher' : 'student';
  return {
    id,
    directory: id,
    method,
    role,
    seed: 1,
    parameters: 1,
    bestEpoch: 1,
    epochsRun: 1,
    trainingSeconds: 1,
    test: { accuracy: 0.5, macroF1: 0.5 },
    testAccuracyCurve: [],
    testMacroF1Curve: [],
    validationAccuracyCurve: [],
    validationLossCurve: [],
    collapsed: false,
    finishedAt,
    backend: 'cpu',
    config: {
      method,
      methodSettings: {},
      training: { epochs: 1 },
      dataset: { kind: 'newsgroups' },
      encoder: { kind: 'use-lite' },
      features: 'use',
      hierarchy,
      ...extra,
    },
  };
}

describe('discovered hierarchies: which runs are compared', () => {
  it("keeps students whose settings and whose teacher match a discovered run, so a TF-IDF teacher's student is not taken for the hand-made row", () => {
    const runs = [
      run('teacher-paper', 'teacher-coarse', paper),
      run('teacher-paper-tfidf', 'teacher-coarse', paper, {
        encoder: { kind: 'tfidf', dimension: 5000 },
        features: 'tfidf',
      }),
      run('teacher-discovered', 'teacher-coarse', discovered),
      run('a-paper', 'heterogeneous', paper, { teacherRunId: 'teacher-paper' }),
      // Trained later, same student settings and hierarchy, but its teacher read TF-IDF.
      run('a-paper-tfidf-teacher', 'heterogeneous', paper, { teacherRunId: 'teacher-paper-tfidf' }, '2026-02-01'),
      run('a-discovered', 'heterogeneous', discovered, { teacherRunId: 'teacher-discovered' }),
      // Another student setting that no discovered run shares (a grid point).
      run('a-paper-t2', 'heterogeneous', paper, { teacherRunId: 'teacher-paper', methodSettings: { temperature: 2 } }),
    ];
    assert.deepEqual(
      comparableStudentRuns(runs)
        .map((kept) => kept.id)
        .sort(),
      ['a-discovered', 'a-paper'],
    );
  });
});
