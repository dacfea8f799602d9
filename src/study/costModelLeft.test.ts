import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../config/builtInExperiments';
import type { PlannedRun } from '../pipeline/plan/planRuns';
import { handMadeBackend, handMadeVersions, withTemporaryFolder } from '../results/fixtures/handMadeRuns';
import { startRun } from '../runs';
import { costModelLines, measuredRunsIn, predictStudyCost } from './costModelReport';
import { costRunKeys } from './costRunKeys';
import { planStudyByData } from './studyCost';
import { buildStudyParts, smokeStudySettings } from './studyParts';

const backend = handMadeBackend;
const versions = handMadeVersions;

/**
 * Writes a planned run as a finished run folder the way the real data would record it: its
 * own run id (`real-...`), the features' real fingerprint and the hierarchy's real groups
 * (the plan's stand-ins differ), its teacher by that teacher's real id; `seconds` of training
 * over `epochs` epochs.
 */
async function writeFinished(directory: string, run: PlannedRun, epochs: number, seconds: number): Promise<void> {
  const { runConfig } = run;
  const writer = await startRun({
    runsDirectory: directory,
    runId: `real-${run.runId}`,
    seed: run.seed,
    backend,
    versions,
    config: {
      ...runConfig,
      features: { dataFingerprint: 'f00d', encoderId: 'use-lite-512:chars2000' },
      hierarchy: {
        ...runConfig.hierarchy,
        fineToCoarse: runConfig.hierarchy.fineToCoarse.map(
          (group) => (group + 1) % runConfig.hierarchy.coarseLabelNames.length,
        ),
      },
      teacherRunId: runConfig.teacherRunId ? `real-${runConfig.teacherRunId}` : null,
    },
  });
  for (let epoch = 1; epoch <= epochs; epoch++)
    await writer.appendEpoch({ epoch, totalLoss: 1, validationLoss: 1, validationAccuracy: 0.5, seconds: 0.1 });
  await writer.finish({
    experiment: runConfig.experiment,
    role: run.role.kind,
    method: runConfig.method,
    target: runConfig.target,
    seed: run.seed,
    parameters: 1,
    bestEpoch: epochs,
    epochsRun: epochs,
    stoppedEarly: true,
    epochsToTarget: null,
    targetAccuracy: 0.5,
    trainingSeconds: seconds,
    backend: 'cpu',
    validation: { accuracy: 0.5, macroF1: 0.5, crossEntropy: 1 },
    test: { accuracy: 0.5, macroF1: 0.5, crossEntropy: 1 },
  });
}

/** The cost keys of every run the parts plan (as if all were finished). */
function allKeys(parts: Parameters<typeof planStudyByData>[0]): string[] {
  const planned = planStudyByData(parts).flatMap(({ plan }) => [...plan.teachers, ...plan.students]);
  return [...costRunKeys(planned.map((run) => ({ runId: run.runId, seed: run.seed, config: run.runConfig }))).values()];
}

describe('cost model: what is left', () => {
  it('prices the whole plan and the runs not finished in the runs folder (a hand-made folder, some runs finished)', async () => {
    const parts = buildStudyParts(paperNewsgroupsExperiment, smokeStudySettings, true).filter(
      (part) => part.name === 'hierarchies',
    );
    const [first] = planStudyByData(parts);
    const teachers = first.plan.teachers;
    const students = first.plan.students.slice(0, 3);
    assert.ok(teachers.length > 0 && first.plan.students.length > 3);
    await withTemporaryFolder(async (folder) => {
      const directory = path.join(folder, 'paper1-newsgroups-smoke');
      // Teachers: 4 epochs in 8 s (2 s per epoch); students: 4 epochs in 2 s (0.5 s per epoch).
      for (const run of teachers) await writeFinished(directory, run, 4, 8);
      for (const run of students) await writeFinished(directory, run, 4, 2);
      const measured = await measuredRunsIn(directory);
      assert.equal(measured.runs.length, teachers.length + 3);
      assert.equal(measured.finished?.size, teachers.length + 3);
      const prediction = predictStudyCost(parts, 36, measured, { finished: measured.finished });
      const { model, remaining } = prediction;
      assert.ok(remaining);
      assert.equal(remaining.runs, model.runs - teachers.length - 3, 'the finished runs are matched up to the data');
      // Left: the plan less each finished run's epochs (4, the typical epochs measured; the smoke maximum
      // is 4 too) x its seconds per epoch: 8 s per teacher, 2 s per student (no study call: no fixed cost).
      const saved = teachers.length * 8 + 3 * 2;
      assert.ok(
        Math.abs(model.cpuSeconds - remaining.cpuSeconds - saved) < 1e-9,
        `${model.cpuSeconds} - ${remaining.cpuSeconds}`,
      );
      const none = predictStudyCost(parts, 36, measured, { finished: new Set() });
      assert.equal(none.remaining?.runs, model.runs, 'nothing finished: all is left');
      const lines = costModelLines({ ...prediction, machine: { cores: 2, startupSeconds: 5 } }, directory);
      assert.match(
        lines[0],
        /^cost model \(2 cores here: W workers of floor\(2 \/ W\) threads \(at least 1; more workers than cores share them\) against the 2 of the measured runs, Amdahl parallel fraction of an epoch: teacher 0\.65 \(conv 0\.65, dense 0\), student 0\.19; each worker starts in 5 s;/,
      );
      assert.match(lines[2], new RegExp(`^\\| all\\s+\\| ${model.runs}\\s+\\|`));
      assert.match(lines[3], new RegExp(`^\\| left\\s+\\| ${remaining.runs}\\s+\\|`));
      assert.match(lines[4], /0\.500 s per student epoch, 2\.000 s per teacher epoch, on every training row/);
      assert.match(lines[4], new RegExp(`left: ${remaining.runs} of ${model.runs} runs`));
      // Static shards against dynamic workers, on the runs left: never faster than dynamic with one worker each.
      assert.match(
        lines[5],
        /^ {2}static shards vs dynamic workers \(cluster tasks.*\): 2w \S+ vs \S+ .*\(the runs left\)$/,
      );
      for (const { workers, staticSeconds, dynamicSeconds } of prediction.scheduleModes)
        assert.ok(staticSeconds > 0 && dynamicSeconds > 0, `${workers} workers`);
      // Everything finished: the line prices every run (how the study would split), not an empty plan.
      const done = predictStudyCost(parts, 36, measured, {
        finished: new Set([...measured.finished!, ...allKeys(parts)]),
      });
      assert.equal(done.remaining?.runs, 0);
      assert.match(costModelLines(done, directory).at(-1)!, /\(every run\)$/);
      assert.ok(done.scheduleModes.every((mode) => mode.dynamicSeconds > 0));
    });
  });
});
