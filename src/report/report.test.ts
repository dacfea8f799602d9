import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadExperimentResults } from '../results';
import { withTemporaryFolder, writeHandMadeRun as writeRun } from '../results/fixtures/handMadeRuns';
import { replaceMarkedSection, writeReport } from './writeReport';

const seeds = [1, 2, 3, 4];
// A beats C by 0.05-0.06 on every seed (significant); A - B = [0, 0.07, -0.01, 0.06] and
// B - C = [0.05, -0.01, 0.06, 0] vary too much to tell (undecided);
// A's macro-F1 is BELOW C's on every seed (contradicted: significant, opposite); A reaches 0.68 at epochs
// 2, 2, 3, 2 and C never does in its 3 epochs (censored at 4); D was not run.
const coarseTeacher = [0.8, 0.81, 0.79, 0.8];
const fineTeacher = [0.6, 0.62, 0.61, 0.59];
const heterogeneous = [0.7, 0.72, 0.71, 0.73];
const plain = [0.65, 0.66, 0.66, 0.67];
const traditional = [0.7, 0.65, 0.72, 0.67];
const heterogeneousF1 = [0.6, 0.6, 0.61, 0.6];
const plainF1 = [0.62, 0.63, 0.63, 0.63];
const heterogeneousCurves = [
  [0.6, 0.69, 0.7],
  [0.6, 0.7, 0.72],
  [0.6, 0.65, 0.71],
  [0.62, 0.7, 0.73],
];
const plainCurves = [
  [0.6, 0.64, 0.65],
  [0.6, 0.65, 0.66],
  [0.61, 0.65, 0.66],
  [0.6, 0.66, 0.67],
];

async function writeClearCase(experimentDirectory: string): Promise<void> {
  for (const [index, seed] of seeds.entries()) {
    await writeRun(experimentDirectory, {
      method: 'teacher-coarse',
      seed,
      accuracy: coarseTeacher[index],
      macroF1: coarseTeacher[index],
      curve: [coarseTeacher[index]],
    });
    await writeRun(experimentDirectory, {
      method: 'teacher-fine',
      seed,
      accuracy: fineTeacher[index],
      macroF1: fineTeacher[index],
      curve: [fineTeacher[index]],
    });
    await writeRun(experimentDirectory, {
      method: 'heterogeneous',
      seed,
      accuracy: heterogeneous[index],
      macroF1: heterogeneousF1[index],
      curve: heterogeneousCurves[index],
    });
    await writeRun(experimentDirectory, {
      method: 'traditional',
      seed,
      accuracy: traditional[index],
      macroF1: 0.6,
      curve: [0.6, 0.65, traditional[index]],
    });
    await writeRun(experimentDirectory, {
      method: 'plain',
      seed,
      accuracy: plain[index],
      macroF1: plainF1[index],
      curve: plainCurves[index],
    });
  }
}

test('report on hand-made runs: tables, paper 1 columns, seeds, paired tests, charts and every claim verdict', async () => {
  await withTemporaryFolder(async (folder) => {
    const experimentDirectory = path.join(folder, 'runs', 'handmade');
    await writeClearCase(experimentDirectory);
    const report = await writeReport({ experimentDirectory, outputDirectory: path.join(folder, 'reports') });
    assert.equal(report.markdownPath, path.join(folder, 'reports', 'handmade.md'));
    const markdown = await readFile(report.markdownPath, 'utf8');
    assert.equal(markdown, report.markdown);

    const verdicts = Object.fromEntries(
      report.claims.map((claim) => [claim.definition.id, `${claim.verdict} / ${claim.reason}`]),
    );
    assert.deepEqual(verdicts, {
      'coarse-teacher': 'supported / in the claimed direction',
      'a-beats-c-accuracy': 'supported / in the claimed direction',
      'a-beats-b-accuracy': "undecided / consistent with 0 and with the paper's effect",
      'b-beats-c-accuracy': "undecided / consistent with 0 and with the paper's effect",
      'a-beats-c-macro-f1': 'contradicted / opposite direction',
      'a-faster-than-c': 'supported / in the claimed direction',
      'a-beats-d-accuracy': 'cannot be tested here / missing runs',
    });
    // The definitions once; under the claims table, its Holm family and minimal detectable effects.
    assert.equal(markdown.split('How to read the verdicts').length, 2);
    assert.match(markdown, /The claims are one family: Holm's correction over its 11 test\(s\)/);
    assert.match(
      markdown,
      /\n\nAccuracy claims: With 4 seeds, a difference smaller than about 0\.\d{4} \(\d+\.\d{2} points\) cannot be told from 0/,
    );
    assert.match(markdown, /\*\*contradicted\*\* \(opposite direction\)/);
    const byId = new Map(report.claims.map((claim) => [claim.definition.id, claim]));
    // A - C = [0.05, 0.06, 0.05, 0.06]: mean 0.055, sd 0.005774, t = 0.055 / (0.005774 / 2) = 19.05.
    assert.ok(Math.abs(byId.get('a-beats-c-accuracy')!.meanDifference! - 0.055) < 1e-12);
    assert.match(
      byId.get('a-beats-c-accuracy')!.evidence,
      /heterogeneous 0\.7150 vs plain 0\.6600 over 4 paired seeds; difference \+0\.0550 \[95 % CI \+0\.0458, \+0\.0642\] \(t 19\.05, df 3, p < 0\.001, Holm p 0\.00\d\); paper's difference \+0\.0080: ours below it p 1\.000/,
    );
    // Epochs to 0.68: A [2, 2, 3, 2], C never (3 epochs run -> 4): differences [-2, -2, -1, -2], mean -1.75, sd 0.5, t = -7.
    assert.match(
      byId.get('a-faster-than-c')!.evidence,
      /heterogeneous 2\.25 vs plain 4\.00 .*difference -1\.75 \[95 % CI -2\.55, -0\.95\] \(t -7\.00, df 3, p 0\.006, Holm p 0\.0\d\d\).*4 run\(s\) never reached the target/,
    );
    assert.match(byId.get('a-beats-d-accuracy')!.evidence, /no finished runs of coarse-auxiliary/);

    // Teachers: coarse 0.80 ± 0.0082 (sd of [0.80, 0.81, 0.79, 0.80]) beside paper 1's 0.7822.
    assert.match(
      markdown,
      /\| coarse teacher \(hierarchy groups\) \| 1,045,254 \| 4 \| 0\.8000 ± 0\.0082 \| 0\.8000 ± 0\.0082 \| 1\.0 \| 0\.7822 \| \+0\.0178 \| 1,045,378 \|/,
    );
    // Students: A 0.7150 ± 0.0129, paired vs C, epochs to target 2.3 (4/4), paper 1's 0.5861 / 0.5668.
    assert.match(
      markdown,
      /\| A heterogeneous KD \| 105,000 \| 4 \| 0\.7150 ± 0\.0129 \| 0\.6025 ± 0\.0050 \| 3\.0 \| 2\.3 \(4\/4\) \| \+0\.0550 \[\+0\.0458, \+0\.0642\] p <0\.001 \(Holm <0\.001\), n 4 \| 0\.5861 \| 0\.5668 \|/,
    );
    assert.match(
      markdown,
      /\| C plain student \| 105,000 \| 4 \| 0\.6600 ± 0\.0082 \| .* \| - \(0\/4\) \| {2}\| 0\.5781 \| 0\.5623 \|/,
    );
    assert.match(markdown, /Seeds: 1, 2, 3, 4\. Target test accuracy for "epochs to target": 0\.68\./);
    assert.match(
      markdown,
      /\| 3 \| 0\.7900 \| 0\.6100 \| 0\.7100 \| 0\.7200 \| 0\.6600 \|/,
      'per-seed row of seed 3, methods in order',
    );
    assert.match(
      markdown,
      /\| A heterogeneous KD - B traditional KD \| \+0\.0300 \[-0\.\d{4}, \+0\.\d{4}\] p 0\.2\d\d \(Holm [01]\.\d{3}\), n 4 \|/,
    );
    assert.match(
      markdown,
      /\| C plain student \| hashing-bow:256 \| 256 \| {2}\| lr 0\.001, batch 128, dropout 0\.2, ≤100 epochs \| 2\.0 \| 3\.3 \| cpu \|/,
      'setup row',
    );
    // Learning speed: C's best per seed 0.65, 0.66, 0.66, 0.67 -> targets 0.6175, 0.627, 0.627, 0.6365,
    // which A and C both reach at epoch 2 on every seed; no macro-F1 curve was logged (empty cell).
    assert.match(markdown, /## Learning speed \(relative targets\)/);
    // Own plateau of A: 95 % of [0.70, 0.72, 0.71, 0.73] reached at epochs 2, 2, 3, 2 -> 2.25.
    assert.match(markdown, /\| A heterogeneous KD \| 3 \| 2\.0 ± 0\.0 \| 4 \/ 4 \| 2\.3 \| {2}\|/);
    assert.match(markdown, /\| C plain student \| 3 \| 2\.0 ± 0\.0 \| 4 \/ 4 \| 2\.0 \| {2}\|/);
    assert.equal(report.chartPaths.length, 4, 'no macro-F1 band chart: no macro-F1 curve was logged');
    for (const chart of report.chartPaths) {
      assert.match(await readFile(chart, 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.ok(markdown.includes(`](handmade/${path.basename(chart)})`), `${chart} linked from the markdown`);
    }
    assert.match(
      await readFile(path.join(folder, 'reports', 'handmade', 'students-test-curves.svg'), 'utf8'),
      />target 0\.68</,
    );
    assert.match(report.resultsSection, /npm run report -- --experiment handmade/);
  });
});

test("Fashion-MNIST runs: paper 2's claims, no paper 1 columns, implied coarse accuracy and errors in group paired against C", async () => {
  await withTemporaryFolder(async (folder) => {
    const experimentDirectory = path.join(folder, 'runs', 'fashion');
    // A's within-group share beats C's by [0.05, 0.06, 0.05] (mean 0.0533, sd 0.00577, t 16.0, df 2, p 0.0039);
    // A's accuracy equals C's + [0.01, -0.01, 0.00] (undecided).
    const withinA = [0.8, 0.82, 0.81];
    const withinC = [0.75, 0.76, 0.76];
    for (const [index, seed] of [1, 2, 3].entries()) {
      const common = { seed, dataset: 'fashion-mnist', curve: [0.8] };
      await writeRun(experimentDirectory, { ...common, method: 'teacher-coarse', accuracy: 0.98, macroF1: 0.97 });
      await writeRun(experimentDirectory, {
        ...common,
        method: 'teacher-fine',
        accuracy: 0.91,
        macroF1: 0.91,
        withinGroupErrorShare: 0.78,
        impliedCoarseAccuracy: 0.97,
      });
      await writeRun(experimentDirectory, {
        ...common,
        method: 'heterogeneous',
        accuracy: 0.88 + [0.01, -0.01, 0][index],
        macroF1: 0.87,
        withinGroupErrorShare: withinA[index],
        impliedCoarseAccuracy: 0.96,
      });
      await writeRun(experimentDirectory, {
        ...common,
        method: 'plain',
        accuracy: 0.88,
        macroF1: 0.87,
        withinGroupErrorShare: withinC[index],
        impliedCoarseAccuracy: 0.95,
      });
    }
    const report = await writeReport({ experimentDirectory, outputDirectory: path.join(folder, 'reports') });
    const markdown = report.markdown;
    assert.match(markdown, /^# fashion: paper 2 vs our runs/);
    assert.match(markdown, /## Claims of paper 2/);
    assert.doesNotMatch(
      markdown,
      /Paper 1 (\(BERT\) )?accuracy|0\.5861|dashed: paper 1/,
      'no paper 1 reference on images',
    );
    const verdicts = Object.fromEntries(
      report.claims.map((claim) => [claim.definition.id, `${claim.verdict} / ${claim.reason}`]),
    );
    assert.deepEqual(verdicts, {
      'coarse-teacher': 'supported / in the claimed direction',
      'a-beats-b-accuracy': 'cannot be tested here / missing runs',
      'a-beats-c-accuracy': 'undecided / consistent with 0',
      'a-errors-in-group': 'supported / in the claimed direction',
      'a-beats-d-accuracy': 'cannot be tested here / missing runs',
    });
    const inGroup = report.claims.find((claim) => claim.definition.id === 'a-errors-in-group')!;
    assert.match(
      inGroup.evidence,
      /share of test errors within the true group: heterogeneous 0\.810 vs plain 0\.757 over 3 paired seeds; difference \+0\.053 \[95 % CI \+0\.039, \+0\.068\] \(t 16\.00, df 2, p 0\.004, Holm p 0\.0\d\d\)/,
    );
    assert.match(markdown, /\| Implied coarse acc\. \| Errors in group \| Errors in group vs C \(paired t\) \|/);
    assert.match(
      markdown,
      /\| A heterogeneous KD \| 105,000 \| 3 \| 0\.8800 ± 0\.0100 \| .* \| 0\.9600 ± 0\.0000 \| 0\.8100 ± 0\.0100 \| \+0\.0533 \[\+0\.0390, \+0\.0677\] p 0\.004, n 3 \|$/m,
    );
    assert.match(
      markdown,
      /\| C plain student \| 105,000 \| 3 \| 0\.8800 ± 0\.0000 \| .* \| 0\.9500 ± 0\.0000 \| 0\.7567 ± 0\.0058 \| {2}\|$/m,
    );
  });
});

test('missing runs: every claim that needs them cannot be tested; one shared seed is not enough', async () => {
  await withTemporaryFolder(async (folder) => {
    const experimentDirectory = path.join(folder, 'partial');
    await writeRun(experimentDirectory, {
      method: 'plain',
      seed: 1,
      accuracy: 0.65,
      macroF1: 0.63,
      curve: [0.6, 0.65],
    });
    await writeRun(experimentDirectory, {
      method: 'heterogeneous',
      seed: 1,
      accuracy: 0.7,
      macroF1: 0.68,
      curve: [0.6, 0.7],
    });
    await writeRun(experimentDirectory, {
      method: 'plain',
      seed: 2,
      accuracy: 0.66,
      macroF1: 0.64,
      curve: [0.6, 0.66],
    });
    const report = await writeReport({ experimentDirectory, outputDirectory: path.join(folder, 'reports') });
    assert.ok(
      report.claims.every((claim) => claim.verdict === 'cannot be tested here'),
      report.claims.map((claim) => claim.verdict).join(', '),
    );
    const byId = new Map(report.claims.map((claim) => [claim.definition.id, claim.evidence]));
    assert.equal(byId.get('coarse-teacher'), 'no finished runs of teacher-coarse and teacher-fine');
    assert.equal(
      byId.get('a-beats-c-accuracy'),
      'heterogeneous and plain share 1 seed(s); a paired test needs 2 or more',
    );
    assert.match(report.markdown, /_No teacher runs\._/);
  });
});

test('run choice: the latest run of a method and seed wins; comparison.json, when present, names the runs', async () => {
  await withTemporaryFolder(async (folder) => {
    const experimentDirectory = path.join(folder, 'rerun');
    await writeRun(experimentDirectory, {
      method: 'plain',
      seed: 1,
      accuracy: 0.5,
      macroF1: 0.5,
      curve: [0.5],
      runId: 'seed1-plain-old',
    });
    await writeRun(experimentDirectory, {
      method: 'plain',
      seed: 1,
      accuracy: 0.6,
      macroF1: 0.6,
      curve: [0.6],
      runId: 'seed1-plain-new',
    });
    let runs = await loadExperimentResults(experimentDirectory);
    assert.deepEqual(
      runs.runs.map((run) => [run.id, run.test.accuracy]),
      [['seed1-plain-new', 0.6]],
    );
    assert.deepEqual(runs.superseded, ['seed1-plain-old']);
    await writeFile(
      path.join(experimentDirectory, 'comparison.json'),
      JSON.stringify({
        config: { name: 'rerun', targetAccuracy: 0.55 },
        runs: { 'seed1-plain': path.join(experimentDirectory, 'seed1-plain-old') },
      }),
    );
    runs = await loadExperimentResults(experimentDirectory);
    assert.equal(runs.source, 'comparison.json');
    assert.deepEqual(
      runs.runs.map((run) => run.id),
      ['seed1-plain-old'],
    );
    assert.equal(runs.targetAccuracy, 0.55);
    await assert.rejects(
      loadExperimentResults(path.join(folder, 'absent')),
      /experiment folder .*absent does not exist/,
    );
  });
});

test('replaceMarkedSection rewrites only the marked README section and names missing markers', async () => {
  await withTemporaryFolder(async (folder) => {
    const readme = path.join(folder, 'README.md');
    await writeFile(readme, '# hkd\n\n## Results\n<!-- report:x:start -->\nold\n<!-- report:x:end -->\n\nafter\n');
    await replaceMarkedSection(readme, 'x', 'new table\n');
    assert.equal(
      await readFile(readme, 'utf8'),
      '# hkd\n\n## Results\n<!-- report:x:start -->\nnew table\n<!-- report:x:end -->\n\nafter\n',
    );
    await assert.rejects(
      replaceMarkedSection(readme, 'y', 'z'),
      /needs the markers <!-- report:y:start --> and <!-- report:y:end -->/,
    );
  });
});
