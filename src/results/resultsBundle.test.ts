import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { withTemporaryFolder, writeHandMadeRun } from './fixtures/handMadeRuns';
import { loadExperimentResults } from './loadResults';
import { exportResultsBundle, readResultsBundle } from './resultsBundle';

/** Two hand-made runs (written by the run writer) exported as `<folder>/small.runs.jsonl.gz`; gives the bundle's lines. */
async function smallBundle(folder: string): Promise<{ bundlePath: string; lines: string[] }> {
  const experimentDirectory = path.join(folder, 'small');
  await writeHandMadeRun(experimentDirectory, {
    method: 'plain',
    seed: 1,
    accuracy: 0.6,
    macroF1: 0.5,
    curve: [0.5, 0.6],
  });
  await writeHandMadeRun(experimentDirectory, {
    method: 'heterogeneous',
    seed: 1,
    accuracy: 0.7,
    macroF1: 0.6,
    curve: [0.7],
  });
  const bundlePath = path.join(folder, 'small.runs.jsonl.gz');
  await exportResultsBundle({ experimentDirectory, outputFile: bundlePath, exportedAt: '2026-01-01T00:00:00.000Z' });
  const lines = gunzipSync(await fs.readFile(bundlePath))
    .toString('utf8')
    .split('\n');
  return { bundlePath, lines };
}

/** Writes `lines` as a gzip file and returns the error message reading it gives. */
async function readError(file: string, lines: string[]): Promise<string> {
  await fs.writeFile(file, gzipSync(lines.join('\n')));
  return readResultsBundle(file).then(
    () => 'no error',
    (error: Error) => error.message,
  );
}

test('a bundle holds a header and one line per run, sorted by folder name, in a fixed key order', async () => {
  await withTemporaryFolder(async (folder) => {
    const { lines } = await smallBundle(folder);
    assert.equal(lines.at(-1), '', 'the file ends with a newline');
    assert.equal(
      lines[0],
      '{"format":"hkd-results-bundle","version":1,"experiment":"small","exportedAt":"2026-01-01T00:00:00.000Z","runs":2}',
    );
    const runs = lines.slice(1, -1).map((line) => JSON.parse(line));
    assert.deepEqual(
      runs.map((run) => run.folder),
      ['seed1-heterogeneous', 'seed1-plain'],
    );
    assert.deepEqual(Object.keys(runs[1]), ['runId', 'folder', 'config', 'summary', 'epochs']);
    const plainFolder = path.join(folder, 'small', 'seed1-plain');
    assert.deepEqual(runs[1].config, JSON.parse(await fs.readFile(path.join(plainFolder, 'config.json'), 'utf8')));
    assert.deepEqual(runs[1].summary, JSON.parse(await fs.readFile(path.join(plainFolder, 'summary.json'), 'utf8')));
    assert.deepEqual(
      runs[1].epochs.map((epoch: { testAccuracy: number }) => epoch.testAccuracy),
      [0.5, 0.6],
    );
    const entries = await fs.readdir(folder);
    assert.deepEqual(entries.sort(), ['small', 'small.runs.jsonl.gz'], 'no temporary file is left behind');
  });
});

test('a bundle loads as its folder does, listed runs included; a run it lacks is named', async () => {
  await withTemporaryFolder(async (folder) => {
    const { bundlePath } = await smallBundle(folder);
    const fromBundle = await loadExperimentResults(bundlePath);
    const fromFolder = await loadExperimentResults(path.join(folder, 'small'));
    assert.equal(fromBundle.experiment, 'small');
    assert.deepEqual(
      fromBundle.runs.map((run) => [run.id, run.test.accuracy, run.testAccuracyCurve]),
      fromFolder.runs.map((run) => [run.id, run.test.accuracy, run.testAccuracyCurve]),
    );
    const listed = await loadExperimentResults(bundlePath, { runFolders: ['seed1-plain'] });
    assert.deepEqual(
      listed.runs.map((run) => run.id),
      ['seed1-plain'],
    );
    await assert.rejects(
      loadExperimentResults(bundlePath, { runFolders: ['seed9-plain'] }),
      /small\.runs\.jsonl\.gz holds no run folder "seed9-plain"/,
    );
    await assert.rejects(
      loadExperimentResults(path.join(folder, 'absent.runs.jsonl.gz')),
      /results bundle .*absent\.runs\.jsonl\.gz does not exist/,
    );
  });
});

test('a bundle that is not one, of another version, truncated or with a bad line is refused naming the file and line', async () => {
  await withTemporaryFolder(async (folder) => {
    const { bundlePath, lines } = await smallBundle(folder);
    const bad = path.join(folder, 'bad.runs.jsonl.gz');
    const header = JSON.parse(lines[0]);
    assert.match(
      await readError(bad, [JSON.stringify({ ...header, format: 'something-else' }), ...lines.slice(1)]),
      /bad\.runs\.jsonl\.gz line 1: not a results bundle \(format "something-else", expected "hkd-results-bundle"\)/,
    );
    assert.match(
      await readError(bad, [JSON.stringify({ ...header, version: 2 }), ...lines.slice(1)]),
      /line 1: bundle version 2 is not supported \(this code reads version 1\)/,
    );
    assert.match(
      await readError(bad, [lines[0], lines[1], '{"runId": "seed1-', lines[2]]),
      /bad\.runs\.jsonl\.gz line 3: not valid JSON/,
    );
    assert.match(await readError(bad, lines.slice(0, 2)), /the header lists 2 runs but the file holds 1/);
    const renamed = JSON.parse(lines[2]);
    renamed.config.id = 'another-id';
    assert.match(
      await readError(bad, [lines[0], lines[1], JSON.stringify(renamed)]),
      /line 3: config should have id "seed1-plain"/,
    );
    const twice = JSON.parse(lines[2]);
    twice.epochs[1].epoch = 1;
    assert.match(
      await readError(bad, [lines[0], lines[1], JSON.stringify(twice)]),
      /line 3: the metrics.jsonl records, line 2 is epoch 1, expected 2 \(epoch 1 is there twice/,
    );
    assert.match(await readError(bad, []), /bad\.runs\.jsonl\.gz is empty/);
    const bytes = await fs.readFile(bundlePath);
    await fs.writeFile(bad, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await assert.rejects(readResultsBundle(bad), /bad\.runs\.jsonl\.gz is not a complete gzip file \(truncated/);
    await fs.writeFile(bad, lines.join('\n'));
    await assert.rejects(loadExperimentResults(bad), /bad\.runs\.jsonl\.gz is not a complete gzip file/);
  });
});

test('export refuses a wrong file name, a missing folder and a folder without finished runs', async () => {
  await withTemporaryFolder(async (folder) => {
    await smallBundle(folder);
    const experimentDirectory = path.join(folder, 'small');
    await assert.rejects(
      exportResultsBundle({ experimentDirectory, outputFile: path.join(folder, 'small.jsonl') }),
      /small\.jsonl: a results bundle's name must end with "\.runs\.jsonl\.gz"/,
    );
    await assert.rejects(
      exportResultsBundle({
        experimentDirectory: path.join(folder, 'none'),
        outputFile: path.join(folder, 'none.runs.jsonl.gz'),
      }),
      /experiment folder .*none does not exist/,
    );
    await fs.mkdir(path.join(folder, 'empty'));
    await assert.rejects(
      exportResultsBundle({
        experimentDirectory: path.join(folder, 'empty'),
        outputFile: path.join(folder, 'empty.runs.jsonl.gz'),
      }),
      /no finished runs in .*empty: nothing to export/,
    );
    const exported = await exportResultsBundle({
      experimentDirectory,
      outputFile: path.join(folder, 'now.runs.jsonl.gz'),
    });
    const { header } = await readResultsBundle(exported.file);
    assert.ok(Math.abs(Date.parse(header.exportedAt) - Date.now()) < 60_000, 'exportedAt defaults to now');
    assert.equal(exported.bytes, (await fs.stat(exported.file)).size);
  });
});
