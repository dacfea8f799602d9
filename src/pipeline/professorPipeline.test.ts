import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { resolveExperimentConfig } from '../config/layering';
import { validateExperimentConfig } from '../config/validateExperiment';
import { trueClassFirstRate } from '../professor/targetMetrics';
import { writeReport } from '../report/writeReport';
import { loadModelFromRun } from '../runs';
import { predictLogits } from '../training';
import { silentProgress } from '../util/progress';
import { runComparison } from './comparison';
import { planRuns } from './plan/planRuns';
import { prepareExperimentData, type PreparedExperimentData } from './prepare/prepareData';
import { comparisonLine, loadExperimentResults, professorMetricsTable, studentsTable } from '../results';
import { professorComparisons } from '../methods/registry';

/** A tiny real-data experiment: 12 posts per class, hashing features, 2 epochs, 2 seeds, a 2-epoch professor. */
const tinyConfig = resolveExperimentConfig({
  base: 'paper1-newsgroups',
  set: [
    'name=professor-test',
    'dataset.limitPerClass=12',
    'features.encoder={"kind":"hashing","dimension":256}',
    'teacher.model.hiddenUnits=[64,32]',
    'student.model.hiddenUnits=[16]',
    'teacher.epochs=2',
    'student.epochs=2',
    'teacher.earlyStopping=false',
    'student.earlyStopping=false',
    'seeds=[1,2]',
    'professor={"epochs":2,"hiddenUnits":[16]}',
    'methods={"heterogeneous":{},"traditional":{},"professorHeterogeneous":{},"professorDualHeterogeneous":{},"professorTraditional":{},"professorDualTraditional":{}}',
  ],
});

describe('professor strategies through the pipeline (20 Newsgroups slice)', () => {
  let data: PreparedExperimentData;
  let root: string;
  const lines: string[] = [];
  const quiet = { log: (line: string) => void lines.push(line), progress: silentProgress };

  before(async () => {
    await initializeBackend();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-professor-'));
    data = await prepareExperimentData(tinyConfig, quiet);
  });

  it('P1 and P2 on the coarse and the fine teacher train end to end, record their professor, and reach the tables and the report', async () => {
    const experimentDirectory = path.join(root, tinyConfig.name);
    const result = await runComparison(tinyConfig, { experimentDirectory, data, ...quiet });
    const methods = [
      'heterogeneous',
      'traditional',
      'professor-heterogeneous',
      'professor-dual-heterogeneous',
      'professor-traditional',
      'professor-dual-traditional',
    ];
    assert.deepEqual(
      result.students.map((summary) => summary.method),
      methods.flatMap((method) => [method, method]),
    );
    const results = (
      await loadExperimentResults(experimentDirectory, { runFolders: Object.values(result.runDirectories) })
    ).runs;
    assert.deepEqual(
      studentsTable(results, undefined).rows.map((row) => row[0].split(' ')[0]),
      ['A', 'B', 'P1-A', 'P2-A', 'P1-B', 'P2-B'],
    );

    // One professor per (teacher, T, settings, seed): P1-A and P2-A of a seed share one, so do P1-B and P2-B.
    assert.equal(
      lines.filter((line) => line.startsWith('professor (')).length,
      4,
      lines.filter((line) => line.startsWith('professor (')).join('\n'),
    );
    const bySeedMethod = new Map(result.students.map((summary) => [`${summary.seed}-${summary.method}`, summary]));
    for (const seed of [1, 2]) {
      assert.deepEqual(
        bySeedMethod.get(`${seed}-professor-heterogeneous`)!.professor,
        bySeedMethod.get(`${seed}-professor-dual-heterogeneous`)!.professor,
      );
      assert.equal(bySeedMethod.get(`${seed}-heterogeneous`)!.professor, undefined);
      // P1 distils other targets than A / B (same seed, same initial weights and batches).
      for (const [professor, paper] of [
        ['professor-heterogeneous', 'heterogeneous'],
        ['professor-traditional', 'traditional'],
      ]) {
        const difference = Math.abs(
          bySeedMethod.get(`${seed}-${professor}`)!.validation.crossEntropy -
            bySeedMethod.get(`${seed}-${paper}`)!.validation.crossEntropy,
        );
        assert.ok(difference > 1e-6, `seed ${seed} ${professor} vs ${paper}: validation loss differs by ${difference}`);
      }
    }
    for (const summary of result.students.filter((student) => student.method.startsWith('professor-'))) {
      const professor = summary.professor!;
      assert.equal(professor.target, summary.method.endsWith('heterogeneous') ? 'coarse' : 'fine');
      assert.equal(professor.temperature, summary.method.endsWith('heterogeneous') ? 28 : 23);
      assert.equal(professor.history.length, 2);
      assert.ok(
        professor.history.every(
          (epoch) => Number.isFinite(epoch.totalLoss) && Number.isFinite(epoch.discriminatorLoss),
        ),
      );
      assert.ok(professor.metrics.correlationDistanceAtTemperature > 0, 'refined targets differ from the teacher');
    }

    // The measured teacher rate is the coarse teacher's on the training split's COARSE labels.
    const coarse = bySeedMethod.get('1-professor-heterogeneous')!.professor!;
    const teacher = await loadModelFromRun(result.runDirectories[`seed1-teacher-coarse`]);
    try {
      assert.equal(
        coarse.metrics.teacherTrueClassFirst,
        trueClassFirstRate(predictLogits(teacher, data.train.x), data.train.coarseLabels),
      );
    } finally {
      teacher.dispose();
    }
    assert.equal(coarse.teacherRunId, path.basename(result.runDirectories['seed1-teacher-coarse']));

    const comparisons = professorComparisons.map(([first, second]) => comparisonLine(results, first, second));
    assert.deepEqual(
      comparisons.map((line) => line.split(' over ')[0].replace(/ \(.*?\)/g, '')),
      [
        'P1-A heterogeneous KD from the professor vs A heterogeneous KD',
        'P2-A heterogeneous KD from teacher and professor vs A heterogeneous KD',
        'P1-B traditional KD from the professor vs B traditional KD',
        'P2-B traditional KD from teacher and professor vs B traditional KD',
      ],
    );
    assert.ok(
      comparisons.every((line) => /over 2 shared seeds: accuracy [+-]\d/.test(line)),
      comparisons.join('\n'),
    );
    assert.equal(professorMetricsTable(results).rows.length, 4);

    const report = await writeReport({ experimentDirectory, outputDirectory: path.join(root, 'reports') });
    assert.match(report.markdown, /## Professor strategies \(P1, P2\)/);
    assert.match(
      report.markdown,
      /\| P2-B traditional KD from teacher and professor \(P2\) - B traditional KD \| [+-]\d\.\d{4} \[[+-]\d\.\d{4}, [+-]\d\.\d{4}\] p /,
    );
    assert.match(report.markdown, /\| P1-A heterogeneous KD from the professor \(P1\) \| 2 \| /);
  });

  it("P2 with teacher weight 1 trains as A; professor settings change the professor runs' ids only", async () => {
    const experimentDirectory = path.join(root, tinyConfig.name);
    const asA = validateExperimentConfig({
      ...tinyConfig,
      methods: { heterogeneous: {}, professorDualHeterogeneous: { teacherWeight: 1 } },
    });
    const result = await runComparison(asA, { experimentDirectory, data, groupSize: 1, ...quiet });
    for (const seed of [1, 2]) {
      const [a, dual] = ['heterogeneous', 'professor-dual-heterogeneous'].map(
        (method) => result.students.find((summary) => summary.method === method && summary.seed === seed)!,
      );
      assert.ok(
        Math.abs(a.validation.crossEntropy - dual.validation.crossEntropy) < 1e-3,
        `seed ${seed}: ${a.validation.crossEntropy} vs ${dual.validation.crossEntropy}`,
      );
      assert.ok(Math.abs(a.test.accuracy - dual.test.accuracy) <= 2 / 240 + 1e-9);
    }

    const ids = (config: typeof tinyConfig) =>
      new Map(
        planRuns([{ label: '', assignments: {}, config }], data).students.map((run) => [
          `${run.seed}-${run.runConfig.method}`,
          run.runId,
        ]),
      );
    const before = ids(tinyConfig);
    const after = ids(
      validateExperimentConfig({
        ...tinyConfig,
        professor: { ...tinyConfig.professor, weights: { reconstruction: 1, classification: 2, adversarial: 0.5 } },
      }),
    );
    for (const [key, id] of before) assert.equal(after.get(key) !== id, key.includes('professor'), key);
  });
});
