import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { initializeBackend } from '../backend/backend';
import { paperNewsgroupsExperiment, smokeVariant, type ExperimentConfig } from '../config';
import { runComparison } from '../pipeline/comparison';
import { prepareNewsgroupsExperiment } from '../pipeline/prepare/prepareData';
import {
  exportResultsBundle,
  loadExperimentResults,
  readResultsBundle,
  resultsToShow,
  type ExperimentResults,
} from '../results';
import { writeJsonAtomic } from '../util/atomicFile';
import { silentProgress } from '../util/progress';
import { checkReferenceReports, writeReferenceReports } from './referenceReports';
import { writeReport } from './writeReport';

/** A tiny real comparison, as the smoke pipeline runs it: 12 posts per class, hashing features, 2 epochs, 2 seeds. */
const tinyConfig: ExperimentConfig = {
  ...smokeVariant(paperNewsgroupsExperiment),
  name: 'bundle-test',
  dataset: { ...paperNewsgroupsExperiment.dataset, limitPerClass: 12 },
  features: { kind: 'encoder', encoder: { kind: 'hashing', dimension: 256 } },
  teacher: {
    ...paperNewsgroupsExperiment.teacher,
    model: { kind: 'dense', hiddenUnits: [32] },
    epochs: 2,
    earlyStopping: false,
  },
  student: {
    ...paperNewsgroupsExperiment.student,
    model: { kind: 'dense', hiddenUnits: [16] },
    epochs: 2,
    earlyStopping: false,
  },
  seeds: [1, 2],
};

const distFolder = path.resolve(__dirname, '..');

/** The results with every path (run folder or bundle member) reduced to the run's folder name. */
function withoutPaths(results: ExperimentResults): unknown {
  const strip = (runs: ExperimentResults['runs']) =>
    runs.map((run) => ({ ...run, directory: path.basename(run.directory) }));
  return { ...results, experimentDirectory: undefined, runs: strip(results.runs), allRuns: strip(results.allRuns) };
}

describe('results bundle of real smoke-pipeline runs', () => {
  let folder: string;
  let experimentDirectory: string;
  let bundlePath: string;

  before(async () => {
    await initializeBackend();
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-bundle-'));
    process.env.HKD_DATA_DIR ??= path.join(folder, 'data');
    experimentDirectory = path.join(folder, 'runs', 'bundle-test');
    const quiet = { log: () => undefined, progress: silentProgress };
    const data = await prepareNewsgroupsExperiment(tinyConfig, quiet);
    const result = await runComparison(tinyConfig, { experimentDirectory, data, ...quiet });
    // The summary the pipeline CLI writes after a comparison (its run list is what the loader picks).
    await writeJsonAtomic(path.join(experimentDirectory, 'comparison.json'), {
      config: tinyConfig,
      runs: result.runDirectories,
    });
    bundlePath = path.join(folder, 'bundle-test.runs.jsonl.gz');
    await exportResultsBundle({ experimentDirectory, outputFile: bundlePath, exportedAt: '2026-01-01T00:00:00.000Z' });
  });

  after(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('loads from the bundle exactly what it loads from the run folders', async () => {
    const fromFolder = await loadExperimentResults(experimentDirectory);
    const fromBundle = await loadExperimentResults(bundlePath);
    assert.equal(fromFolder.source, 'comparison.json');
    assert.equal(fromFolder.runs.length, 14, '4 teachers and 10 students');
    assert.equal(fromBundle.experimentDirectory, bundlePath);
    assert.equal(fromBundle.runs[0].directory, path.join(bundlePath, path.basename(fromFolder.runs[0].directory)));
    assert.deepStrictEqual(withoutPaths(fromBundle), withoutPaths(fromFolder));
    const listed = Object.values(
      JSON.parse(await fs.readFile(path.join(experimentDirectory, 'comparison.json'), 'utf8')).runs as Record<
        string,
        string
      >,
    ).slice(0, 3);
    assert.deepStrictEqual(
      withoutPaths(await loadExperimentResults(bundlePath, { runFolders: listed })),
      withoutPaths(await loadExperimentResults(experimentDirectory, { runFolders: listed })),
    );
  });

  it('carries no weights, the header and comparison.json, and is byte-identical when exported again', async () => {
    const bundle = await readResultsBundle(bundlePath);
    const folders = (await fs.readdir(experimentDirectory, { withFileTypes: true })).filter((entry) =>
      entry.isDirectory(),
    );
    assert.equal(bundle.header.runs, folders.length);
    assert.equal(bundle.header.experiment, 'bundle-test');
    assert.equal((bundle.header.comparison as { config: { name: string } }).config.name, 'bundle-test');
    assert.ok(bundle.runs.every((run) => !run.hasModel));
    const again = path.join(folder, 'again.runs.jsonl.gz');
    await exportResultsBundle({ experimentDirectory, outputFile: again, exportedAt: '2026-01-01T00:00:00.000Z' });
    assert.deepEqual(await fs.readFile(again), await fs.readFile(bundlePath));
    const weights = (
      await Promise.all(
        folders.map((entry) =>
          fs.stat(path.join(experimentDirectory, entry.name, 'weights.bin')).then(
            (stat) => stat.size,
            () => 0,
          ),
        ),
      )
    ).reduce((sum, size) => sum + size, 0);
    assert.ok(
      (await fs.stat(bundlePath)).size < weights / 10,
      'the bundle is far smaller than the weights it leaves out',
    );
  });

  it('writes a byte-identical report (markdown and charts) from the bundle', async () => {
    const options = { generatedAt: '2026-01-01T00:00:00.000Z', command: 'npm run report' };
    const fromFolder = await writeReport({
      ...options,
      experimentDirectory,
      outputDirectory: path.join(folder, 'report-folder'),
    });
    const fromBundle = await writeReport({
      ...options,
      experimentDirectory: bundlePath,
      outputDirectory: path.join(folder, 'report-bundle'),
    });
    // The one line that names its source: the folder's path or the bundle's.
    assert.equal(
      fromBundle.markdown,
      fromFolder.markdown.replace(`in \`${experimentDirectory}\``, `in \`${bundlePath}\``),
    );
    assert.notEqual(fromBundle.markdown, fromFolder.markdown);
    // The README section links the report it was written with (each in its own output folder).
    assert.equal(fromBundle.resultsSection, fromFolder.resultsSection.replace('report-folder', 'report-bundle'));
    assert.deepEqual(
      fromBundle.chartPaths.map((file) => path.basename(file)),
      fromFolder.chartPaths.map((file) => path.basename(file)),
    );
    for (const [index, chart] of fromBundle.chartPaths.entries())
      assert.equal(await fs.readFile(chart, 'utf8'), await fs.readFile(fromFolder.chartPaths[index], 'utf8'), chart);
  });

  it('export-runs and report --bundle work from the command line', async () => {
    const out = path.join(folder, 'cli.runs.jsonl.gz');
    const exported = await promisify(execFile)(process.execPath, [
      path.join(distFolder, 'results', 'exportCli.js'),
      '--runs-dir',
      path.join(folder, 'runs'),
      '--experiment',
      'bundle-test',
      '--out',
      out,
    ]);
    const size = (await fs.stat(out)).size;
    assert.match(
      exported.stdout,
      new RegExp(`wrote .*cli\\.runs\\.jsonl\\.gz \\(${(await readResultsBundle(out)).runs.length} runs, `),
    );
    assert.match(exported.stderr, /export-runs: 1\/\d+ /);
    assert.ok(size > 0);
    const reported = await promisify(execFile)(process.execPath, [
      path.join(distFolder, 'report', 'cli.js'),
      '--bundle',
      out,
      '--out',
      path.join(folder, 'report-cli'),
    ]);
    assert.match(reported.stdout, /report: .*bundle-test\.md \(14 runs, seeds 1, 2;/);
    const markdown = await fs.readFile(path.join(folder, 'report-cli', 'bundle-test.md'), 'utf8');
    assert.match(markdown, /Generated by `npm run report -- --bundle .*cli\.runs\.jsonl\.gz`/);
    await assert.rejects(
      promisify(execFile)(process.execPath, [
        path.join(distFolder, 'report', 'cli.js'),
        '--bundle',
        out,
        '--experiment',
        'x',
      ]),
      (error: { code: number; stderr: string }) =>
        error.code === 1 && /--bundle: the bundle names its experiment; leave out --experiment/.test(error.stderr),
    );
  });

  it('writes the reference reports from a bundle folder byte-stably, and --check finds every changed, missing or stale file', async () => {
    const bundles = path.join(folder, 'reference');
    await fs.mkdir(bundles, { recursive: true });
    await fs.copyFile(bundlePath, path.join(bundles, 'bundle-test.runs.jsonl.gz'));
    const reports = path.join(folder, 'reference-reports');
    const readme = path.join(folder, 'README.md');
    await fs.writeFile(
      readme,
      '# Title\n\n<!-- report:bundle-test:start -->\nold\n<!-- report:bundle-test:end -->\n\nEnd.\n',
    );
    const {
      experiments: [written],
    } = await writeReferenceReports({ bundleDirectory: bundles, outputDirectory: reports, readme });
    const markdown = await fs.readFile(path.join(reports, 'bundle-test.md'), 'utf8');
    assert.match(markdown, /^Generated by `npm run report` from 14 run records in `.*bundle-test\.runs\.jsonl\.gz` /m);
    assert.doesNotMatch(markdown, /\d{4}-\d\d-\d\dT\d\d:/, 'no time stamp');
    assert.doesNotMatch(markdown, new RegExp(folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'no absolute path');
    const readmeText = await fs.readFile(readme, 'utf8');
    assert.match(
      readmeText,
      /<!-- report:bundle-test:start -->\nGenerated by `npm run report` .*full report: `hkd-bundle-\w+\/reference-reports\/bundle-test\.md`/,
    );
    assert.doesNotMatch(readmeText, /\nold\n/);
    assert.ok(written.chartPaths.length > 0);
    const check = () => checkReferenceReports({ bundleDirectory: bundles, outputDirectory: reports, readme });
    assert.deepEqual(await check(), []);
    // Edited by hand, deleted, left over from an older bundle, README section edited: each is found.
    await fs.appendFile(path.join(reports, 'bundle-test.md'), 'typed by hand\n');
    await fs.rm(written.chartPaths[0]);
    await fs.writeFile(path.join(reports, 'bundle-test', 'old-chart.svg'), '<svg/>');
    await fs.writeFile(readme, readmeText.replace('Generated by', 'Written by'));
    const problems = (await check()).map((difference) => `${difference.problem} ${path.basename(difference.file)}`);
    assert.deepEqual(problems.sort(), [
      'differs README.md',
      'differs bundle-test.md',
      `missing ${path.basename(written.chartPaths[0])}`,
      'stale old-chart.svg',
    ]);
    // Regenerating repairs all of it (the stale chart goes with the old chart folder).
    await writeReferenceReports({ bundleDirectory: bundles, outputDirectory: reports, readme });
    assert.deepEqual(await check(), []);
  });

  it('shows your runs when a comparison finished here, else the shipped reference, and says which', async () => {
    const referenceDirectory = path.join(folder, 'shown-reference');
    await fs.mkdir(referenceDirectory, { recursive: true });
    await fs.copyFile(bundlePath, path.join(referenceDirectory, 'bundle-test.runs.jsonl.gz'));
    const runsDirectory = path.join(folder, 'runs');
    const yours = await resultsToShow('bundle-test', { runsDirectory, referenceDirectory });
    assert.equal(yours?.origin, 'your runs');
    assert.match(
      yours?.banner ?? '',
      /^\*\*Your runs\*\* of `bundle-test` .*seeds 1, 2\), not the shipped reference\.$/,
    );
    const preferred = await resultsToShow('bundle-test', { runsDirectory, referenceDirectory, prefer: 'reference' });
    assert.equal(preferred?.origin, 'shipped reference');
    const empty = path.join(folder, 'no-runs');
    const reference = await resultsToShow('bundle-test', { runsDirectory: empty, referenceDirectory });
    assert.equal(reference?.origin, 'shipped reference');
    assert.match(
      reference?.banner ?? '',
      /data\/reference\/bundle-test\.runs\.jsonl\.gz, 14 runs, seeds 1, 2\), not runs made on this machine/,
    );
    assert.deepStrictEqual(
      withoutPaths(reference?.results as ExperimentResults),
      withoutPaths(yours?.results as ExperimentResults),
    );
    assert.equal(await resultsToShow('bundle-test', { runsDirectory: empty, referenceDirectory: empty }), undefined);
  });
});
