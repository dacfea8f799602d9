import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { fashionMnistExperiment } from '../config/builtInExperiments';
import { validateExperimentConfig } from '../config/validateExperiment';
import { buildConvTeacher, countParameters } from '../models';
import { loadRuns } from '../runs';
import { silentProgress } from '../util/progress';
import { runComparison, type ComparisonResult } from './comparison';
import type { ExperimentConfig } from './experimentConfig';
import type { PipelineRunSummary } from '../results/runSummary';
import { loadExperimentResults, studentsTable, tableRecords } from '../results';

/**
 * Fashion-MNIST end to end on a real slice: 10 images per class and split, a one-block
 * conv teacher (4 filters, dense 8), the built-in dense student (hidden 54), 1 epoch,
 * heterogeneous KD and the plain student, seed 1.
 */
const sliceConfig = validateExperimentConfig({
  ...fashionMnistExperiment,
  name: 'fashion-slice-test',
  dataset: { ...fashionMnistExperiment.dataset, limitPerClass: 10 },
  teacher: {
    ...fashionMnistExperiment.teacher,
    model: { kind: 'conv', filters: [4], kernelSize: 3, denseUnits: [8] },
    epochs: 1,
    earlyStopping: false,
  },
  student: { ...fashionMnistExperiment.student, epochs: 1, earlyStopping: false },
  methods: { heterogeneous: fashionMnistExperiment.methods.heterogeneous, plain: {} },
  seeds: [1],
}) as ExperimentConfig;

/** Within-group share recomputed from a confusion matrix: off-diagonal counts in the true class's group / all off-diagonal counts. */
function withinShareFromConfusion(matrix: number[][], fineToCoarse: readonly number[]): number {
  let errors = 0;
  let within = 0;
  matrix.forEach((row, truth) =>
    row.forEach((count, predicted) => {
      if (predicted === truth) return;
      errors += count;
      if (fineToCoarse[predicted] === fineToCoarse[truth]) within += count;
    }),
  );
  return within / errors;
}

describe('pipeline on a real Fashion-MNIST slice', () => {
  let runsRoot: string;
  let result: ComparisonResult;
  const byMethod = (method: string): PipelineRunSummary =>
    [...result.teachers, ...result.students].find((summary) => summary.method === method)!;

  before(async () => {
    await initializeBackend();
    runsRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-fashion-pipeline-'));
    result = await runComparison(sliceConfig, {
      experimentDirectory: path.join(runsRoot, 'fashion'),
      log: () => undefined,
      progress: silentProgress,
    });
  });

  after(async () => {
    await fs.rm(runsRoot, { recursive: true, force: true });
  });

  it('records both teachers and both students, one epoch each, with their models', async () => {
    assert.deepEqual(result.data.sizes, { train: 100, validation: 100, test: 100 });
    assert.deepEqual(
      result.teachers.map((summary) => summary.method),
      ['teacher-coarse', 'teacher-fine'],
    );
    assert.deepEqual(
      result.students.map((summary) => summary.method),
      ['heterogeneous', 'plain'],
    );
    const records = await loadRuns(result.experimentDirectory);
    assert.equal(records.length, 4);
    for (const record of records) {
      assert.equal(record.epochs.length, 1, `${record.id}: one epoch`);
      assert.ok(record.hasModel, `${record.id}: model saved`);
      const summary = record.summary as PipelineRunSummary;
      assert.equal(summary.experiment, 'fashion-slice-test');
      assert.ok(summary.test.accuracy >= 0 && summary.test.accuracy <= 1);
    }
  });

  it('builds the teachers as documented: conv teachers trained one at a time, five coarse outputs', () => {
    // conv1 (3*3*1 + 1) * 4 = 40; pooled 14x14x4 = 784 -> hidden1 (784 + 1) * 8 = 6,280; prediction 9 * classes.
    const coarse = byMethod('teacher-coarse');
    const fine = byMethod('teacher-fine');
    assert.equal(coarse.parameters, 40 + 6280 + 9 * 5);
    assert.equal(fine.parameters, 40 + 6280 + 9 * 10);
    assert.equal(coarse.test.confusionMatrix!.length, 5, 'the coarse teacher is scored on the five garment kinds');
    assert.equal(coarse.group, undefined, 'conv teachers do not train stacked');
    assert.equal(fine.group, undefined, 'conv teachers do not train stacked');
    // The documented full-size teacher (filters [32, 64], kernel 3, dense [128]): 421,642 with ten outputs, 420,997 with five.
    const model = fashionMnistExperiment.teacher.model;
    assert.equal(model.kind, 'conv');
    if (model.kind !== 'conv') return;
    for (const [classCount, parameters] of [
      [10, 421_642],
      [5, 420_997],
    ]) {
      const teacher = buildConvTeacher({
        classCount,
        filters: model.filters,
        kernelSize: model.kernelSize,
        denseUnits: model.denseUnits,
        seed: 1,
      });
      assert.equal(countParameters(teacher), parameters);
      teacher.dispose();
    }
  });

  it('builds the students as documented: dense hidden 54, the heterogeneous one with a five-logit distillation head', () => {
    // plain: (784 + 1) * 54 + (54 + 1) * 10 = 42,940; heterogeneous adds (54 + 1) * 5 = 275.
    assert.equal(byMethod('plain').parameters, 42_940);
    assert.equal(byMethod('heterogeneous').parameters, 43_215);
  });

  it('scores the within-group error share of every fine network in [0, 1], consistent with its confusions', async () => {
    const fineToCoarse = result.data.hierarchy.fineToCoarse;
    for (const method of ['teacher-fine', 'heterogeneous', 'plain']) {
      const { test } = byMethod(method);
      assert.equal(typeof test.withinGroupErrorShare, 'number', `${method}: withinGroupErrorShare recorded`);
      const share = test.withinGroupErrorShare!;
      assert.ok(share >= 0 && share <= 1, `${method}: share ${share} in [0, 1]`);
      assert.ok(
        Math.abs(share - withinShareFromConfusion(test.confusionMatrix!, fineToCoarse)) < 1e-12,
        `${method}: share matches the confusion matrix`,
      );
      assert.ok(
        Math.abs(test.impliedCoarseAccuracy! - (test.accuracy + (1 - test.accuracy) * share)) < 1e-12,
        `${method}: implied coarse accuracy`,
      );
    }
    assert.equal(
      byMethod('teacher-coarse').test.withinGroupErrorShare,
      undefined,
      'a coarse network has no fine errors to place',
    );
    const rows = tableRecords(
      studentsTable(
        (await loadExperimentResults(result.experimentDirectory, { runFolders: Object.values(result.runDirectories) }))
          .runs,
        undefined,
      ),
    );
    assert.deepEqual(
      rows.map((row) => row.Method[0]),
      ['A', 'C'],
    );
    // One seed: the table shows the value itself (4 decimals) and n = 1.
    assert.equal(
      rows[0]['Errors in group'],
      `${byMethod('heterogeneous').test.withinGroupErrorShare!.toFixed(4)} (n = 1)`,
    );
    assert.equal(rows[1]['Errors in group'], `${byMethod('plain').test.withinGroupErrorShare!.toFixed(4)} (n = 1)`);
  });
});
