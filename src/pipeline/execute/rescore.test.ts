import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initializeBackend } from '../../backend/backend';
import { paperNewsgroupsExperiment, smokeVariant, type ExperimentConfig } from '../../config';
import { summaryFile } from '../../runs';
import { silentProgress } from '../../util/progress';
import { runComparison } from '../comparison';
import { type PreparedExperimentData, prepareNewsgroupsExperiment } from '../prepare/prepareData';

/** A tiny real comparison: 12 posts per class, hashing features, 2 epochs, one seed, A and C. */
const tinyConfig: ExperimentConfig = {
  ...smokeVariant(paperNewsgroupsExperiment),
  name: 'rescore-test',
  dataset: { ...paperNewsgroupsExperiment.dataset, limitPerClass: 12 },
  features: { kind: 'encoder', encoder: { kind: 'hashing', dimension: 128 } },
  teacher: {
    ...paperNewsgroupsExperiment.teacher,
    model: { kind: 'dense', hiddenUnits: [16] },
    epochs: 2,
    earlyStopping: false,
  },
  student: {
    ...paperNewsgroupsExperiment.student,
    model: { kind: 'dense', hiddenUnits: [8] },
    epochs: 2,
    earlyStopping: false,
  },
  methods: { heterogeneous: { studentLossWeight: 0.3, temperature: 4 }, plain: {} },
  seeds: [1],
};

type SummaryFile = {
  summary: { test: Record<string, unknown>; validation: Record<string, unknown> };
  rescoredAt?: string;
};

describe('rescoring finished runs from their saved models', () => {
  let folder: string;
  let experimentDirectory: string;
  let data: PreparedExperimentData;
  const quiet = { log: () => undefined, progress: silentProgress };
  const read = async (directory: string): Promise<SummaryFile> =>
    JSON.parse(await fs.readFile(path.join(directory, summaryFile), 'utf8'));

  before(async () => {
    await initializeBackend();
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-rescore-'));
    process.env.HKD_DATA_DIR ??= path.join(folder, 'data');
    experimentDirectory = path.join(folder, 'runs', 'rescore-test');
    data = await prepareNewsgroupsExperiment(tinyConfig, quiet);
    await runComparison(tinyConfig, { experimentDirectory, data, ...quiet });
  });

  after(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('recomputes every split score, restores a metric the record lacks, and keeps the recorded accuracies', async () => {
    const first = await runComparison(tinyConfig, { experimentDirectory, data, ...quiet });
    const student = first.runDirectories['seed1-heterogeneous'];
    const before = await read(student);
    // A record from before a metric existed: drop two fields from its summary.
    const older = structuredClone(before);
    delete older.summary.test.impliedCoarseAccuracy;
    delete older.summary.validation.crossEntropy;
    await fs.writeFile(path.join(student, summaryFile), JSON.stringify(older));
    const lines: string[] = [];
    const again = await runComparison(tinyConfig, {
      experimentDirectory,
      data,
      rescore: true,
      ...quiet,
      log: (line) => lines.push(line),
    });
    const after = await read(student);
    assert.match(after.rescoredAt ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(after.summary.test, before.summary.test, 'the test scores come back as training wrote them');
    assert.deepEqual(after.summary.validation, before.summary.validation);
    assert.equal(
      again.students.find((summary) => summary.method === 'heterogeneous')?.test.impliedCoarseAccuracy,
      before.summary.test.impliedCoarseAccuracy,
    );
    assert.ok(
      lines.every((line) => !/^not rescored/.test(line)),
      'every run had its model',
    );
    // The teachers are rescored on their own (coarse or fine) labels.
    const teacher = await read(first.runDirectories['seed1-teacher-coarse']);
    assert.match(teacher.rescoredAt ?? '', /^\d{4}/);
  });

  it('refuses, and writes nothing, when the saved model does not give the recorded accuracy', async () => {
    const first = await runComparison(tinyConfig, { experimentDirectory, data, ...quiet });
    const student = first.runDirectories['seed1-plain'];
    const record = await read(student);
    const tampered = structuredClone(record);
    tampered.summary.test.accuracy = 0.123456;
    const text = JSON.stringify(tampered);
    await fs.writeFile(path.join(student, summaryFile), text);
    await assert.rejects(
      runComparison(tinyConfig, { experimentDirectory, data, rescore: true, ...quiet }),
      /summary\.json: rescoring its saved model gives test accuracy [\d.]+ where the record says 0\.123456; the model or the rows differ/,
    );
    assert.equal(await fs.readFile(path.join(student, summaryFile), 'utf8'), text, 'the record is left as it was');
  });

  it('says which runs it cannot rescore for want of a saved model', async () => {
    const first = await runComparison(tinyConfig, { experimentDirectory, data, ...quiet });
    const student = first.runDirectories['seed1-plain'];
    await fs.rm(path.join(student, 'weights.bin'));
    const lines: string[] = [];
    await runComparison(tinyConfig, {
      experimentDirectory,
      data,
      rescore: true,
      ...quiet,
      log: (line) => lines.push(line),
    });
    assert.ok(
      lines.some((line) => line === `not rescored: ${student} has no saved model to rescore`),
      lines.join('\n'),
    );
  });
});
