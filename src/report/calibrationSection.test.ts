import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadExperimentResults } from '../results';
import { withTemporaryFolder, writeHandMadeRun } from '../results/fixtures/handMadeRuns';
import { mistakesAndCalibrationTable, pooledReliability } from './calibrationSection';
import { writeReport } from './writeReport';

/** Two seeds of A and C with every new score, and a B recorded before they existed. */
async function writeRuns(folder: string): Promise<void> {
  const scores = (severity: number, ece: number, scaledEce: number, temperature: number) => ({
    mistakeSeverity: severity,
    hierarchicalDistance: severity * 0.3,
    topThreeAccuracy: 0.9,
    expectedCalibrationError: ece,
    scaledExpectedCalibrationError: scaledEce,
    scaledCrossEntropy: 0.8,
    temperature,
    withinGroupErrorShare: 2 - severity,
    impliedCoarseAccuracy: 0.7 + 0.3 * (2 - severity),
  });
  for (const seed of [1, 2]) {
    const common = { seed, accuracy: 0.7, macroF1: 0.7, curve: [0.7] };
    await writeHandMadeRun(folder, {
      ...common,
      method: 'heterogeneous',
      extraTestScores: scores(seed === 1 ? 1.2 : 1.4, 0.05, 0.02, 1.5),
    });
    await writeHandMadeRun(folder, {
      ...common,
      method: 'plain',
      extraTestScores: scores(1.5, seed === 1 ? 0.1 : 0.2, 0.03, 2),
    });
    await writeHandMadeRun(folder, { ...common, method: 'traditional' });
    await writeHandMadeRun(folder, { ...common, method: 'teacher-coarse' });
  }
}

test('the mistakes-and-calibration table: mean ± std per method, "—" for runs recorded without the scores', async () => {
  await withTemporaryFolder(async (folder) => {
    const experiment = path.join(folder, 'handmade');
    await writeRuns(experiment);
    const results = await loadExperimentResults(experiment);
    const table = mistakesAndCalibrationTable(results.runs);
    const column = (header: string) => table.headers.indexOf(header);
    const row = (label: string) => table.rows.find((cells) => cells[0].startsWith(label))!;
    assert.deepEqual(
      table.rows.map((cells) => cells[0].slice(0, 1)),
      ['A', 'B', 'C'],
      'students only (the coarse teacher is not scored on fine labels)',
    );
    // Severity 1.2 and 1.4: mean 1.3, sample std 0.1414.
    assert.equal(row('A')[column('Mistake severity')], '1.300 ± 0.141');
    assert.equal(row('C')[column('ECE')], '0.1500 ± 0.0707');
    assert.equal(row('C')[column('ECE (T-scaled)')], '0.0300 ± 0.0000');
    assert.equal(row('A')[column('Fitted T')], '1.50 ± 0.00');
    assert.equal(row('A')[column('Top-3 acc.')], '0.9000 ± 0.0000');
    for (const header of ['Mistake severity', 'Top-3 acc.', 'ECE', 'ECE (T-scaled)', 'NLL (T-scaled)', 'Fitted T'])
      assert.equal(row('B')[column(header)], '—', `${header} of a run without it`);
    assert.equal(column('Severity on merge tree'), -1, 'no discovered hierarchy, no merge-tree column');
    // NLL (cross-entropy) was recorded before: the older run shows it.
    assert.equal(row('B')[column('NLL')], '1.0000 ± 0.0000');

    const written = await writeReport({
      experimentDirectory: experiment,
      outputDirectory: path.join(folder, 'reports'),
      generatedAt: 'now',
    });
    const markdown = await readFile(written.markdownPath, 'utf8');
    assert.match(markdown, /## Mistakes and calibration/);
    assert.match(markdown, /\| A heterogeneous KD \| 2 \| 1\.300 ± 0\.141 \|/);
  });
});

test('pooled reliability: count-weighted bins over the seeds, undefined without bins', async () => {
  await withTemporaryFolder(async (folder) => {
    const experiment = path.join(folder, 'handmade');
    const bins = (count: number, confidence: number, accuracy: number) => [
      { count: 0, confidence: null, accuracy: null },
      { count, confidence, accuracy },
    ];
    const common = { method: 'heterogeneous', accuracy: 0.7, macroF1: 0.7, curve: [0.7] };
    await writeHandMadeRun(experiment, { ...common, seed: 1, extraTestScores: { reliabilityBins: bins(1, 0.6, 0) } });
    await writeHandMadeRun(experiment, { ...common, seed: 2, extraTestScores: { reliabilityBins: bins(3, 0.8, 1) } });
    await writeHandMadeRun(experiment, { ...common, method: 'plain', seed: 1 });
    const runs = (await loadExperimentResults(experiment)).runs;
    const pooled = pooledReliability(runs.filter((run) => run.method === 'heterogeneous'))!;
    assert.equal(pooled.length, 2);
    assert.deepEqual(
      { ...pooled[0], confidence: String(pooled[0].confidence), accuracy: String(pooled[0].accuracy) },
      { lower: 0, upper: 0.5, count: 0, confidence: 'NaN', accuracy: 'NaN' },
    );
    // (1 * 0.6 + 3 * 0.8) / 4 = 0.75; (1 * 0 + 3 * 1) / 4 = 0.75.
    assert.equal(pooled[1].count, 4);
    assert.ok(Math.abs(pooled[1].confidence - 0.75) < 1e-12 && Math.abs(pooled[1].accuracy - 0.75) < 1e-12);
    assert.equal(pooledReliability(runs.filter((run) => run.method === 'plain')), undefined);
  });
});
