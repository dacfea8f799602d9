/**
 * `npm run report` (no arguments): the reference reports, reports/<name>.md and
 * reports/<name>/*.svg from every results bundle shipped in data/reference/, and the README's
 * generated sections; `npm run report -- --check` regenerates them aside and fails on any
 * committed file that differs (CI).
 *
 * Your own runs: `npm run report -- --experiment <name> [--runs-dir runs]`, every experiment of
 * `--runs-dir <folder>`, or `--bundle <name>.runs.jsonl.gz`; these write to reports/local/
 * (gitignored) unless `--out` says otherwise, and with --readme also replace the section
 * between `<!-- report:<name>:start -->` and `<!-- report:<name>:end -->`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { exitWithFailure, UserFacingError } from '../util/cliErrors';
import { claimVerdictLines, isResultsBundlePath } from '../results';
import { projectRoot, runsDirectory } from '../util/paths';
import { checkOutputFolders } from '../util/writableDirectory';
import { studyRecordInBundle, writeStudyReportFromBundle } from '../study/studyBundle';
import { checkReferenceReports, referenceDirectory, writeReferenceReports } from './referenceReports';
import { replaceMarkedSection, writeReport } from './writeReport';

const usage = `usage: npm run report                 the reference reports (reports/, README) from data/reference/
       npm run report -- --check      fail if a committed reference report differs from what the bundles give
       npm run report -- --experiment <name> [--runs-dir <folder of experiments>] [--out reports/local]
                          [--alpha 0.05] [--target-accuracy <0..1>] [--readme README.md] [--debug]
       npm run report -- --runs-dir <folder of experiments> [...]   (every experiment in it)
       npm run report -- --bundle <name>.runs.jsonl.gz [--out reports/local] [...]   (from a results bundle; a study bundle gives the study report)
`;

/** Reports of your own runs go here unless --out says otherwise (reports/ holds the reference). */
const localReports = path.join('reports', 'local');

async function referenceMode(check: boolean, out: string | undefined, readme: string | undefined): Promise<void> {
  const readmePath = readme ?? path.join(projectRoot, 'README.md');
  const outputDirectory = out ?? path.join(projectRoot, 'reports');
  if (check) {
    const differences = await checkReferenceReports({ outputDirectory, readme: readmePath });
    for (const difference of differences) console.log(`  ${difference.problem.padEnd(8)} ${difference.file}`);
    if (differences.length > 0) {
      console.log(
        `report --check: ${differences.length} committed file(s) differ from what data/reference/ gives; run \`npm run report\` and commit`,
      );
      process.exitCode = 1;
    } else
      console.log(
        `report --check: every reference report and README section matches ${path.relative(projectRoot, referenceDirectory)}/`,
      );
    return;
  }
  const written = await writeReferenceReports({ outputDirectory, readme: readmePath });
  for (const name of written.studies)
    console.log(`report: ${path.relative(process.cwd(), path.join(outputDirectory, `${name}.md`))} (a study bundle)`);
  for (const report of written.experiments)
    console.log(
      `report: ${path.relative(process.cwd(), report.markdownPath)} (${report.runs.runs.length} runs, from ${path.basename(report.runs.experimentDirectory)})`,
    );
  console.log(`updated the generated sections of ${path.relative(process.cwd(), readmePath) || readmePath}`);
}

async function experimentsIn(runsDir: string): Promise<string[]> {
  const entries = await fs.readdir(runsDir, { withFileTypes: true }).catch(() => {
    throw new UserFacingError(`--runs-dir: cannot read the folder ${runsDir}`);
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) throw new UserFacingError(`--runs-dir: ${runsDir} has no experiment folder`);
  return names;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      experiment: { type: 'string' },
      'runs-dir': { type: 'string' },
      bundle: { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
      alpha: { type: 'string' },
      'target-accuracy': { type: 'string' },
      readme: { type: 'string' },
      help: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  if (!values.experiment && !values.bundle && !values['runs-dir']) {
    await referenceMode(values.check, values.out, values.readme);
    return;
  }
  if (values.check)
    throw new UserFacingError('--check: checks the reference reports; leave out --experiment, --bundle and --runs-dir');
  if (values.bundle && (values.experiment || values['runs-dir']))
    throw new UserFacingError('--bundle: the bundle names its experiment; leave out --experiment and --runs-dir');
  if (values.bundle && !isResultsBundlePath(values.bundle))
    throw new UserFacingError(`--bundle: expected a file ending ".runs.jsonl.gz", got "${values.bundle}"`);
  const out = values.out ?? localReports;
  await checkOutputFolders({ outputDirectory: out });
  const runsDir = values['runs-dir'] ? path.resolve(values['runs-dir']) : runsDirectory();
  const experiments = values.bundle || values.experiment ? [values.experiment ?? ''] : await experimentsIn(runsDir);
  for (const experiment of experiments) await reportOne({ ...values, out, experiment });
}

interface ReportArguments {
  experiment: string;
  bundle?: string;
  'runs-dir'?: string;
  out: string;
  alpha?: string;
  'target-accuracy'?: string;
  readme?: string;
}

async function reportOne(values: ReportArguments): Promise<void> {
  const number = (text: string | undefined, name: string, low: number, high: number): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!(value > low && value < high))
      throw new Error(`--${name}: expected a number in (${low}, ${high}), got "${text}"`);
    return value;
  };
  const experimentDirectory = values.bundle
    ? path.resolve(values.bundle)
    : path.join(values['runs-dir'] ? path.resolve(values['runs-dir']) : runsDirectory(), values.experiment);
  const commandParts = values.bundle
    ? ['npm run report -- --bundle', values.bundle]
    : ['npm run report -- --experiment', values.experiment];
  if (values['runs-dir']) commandParts.push('--runs-dir', values['runs-dir']);
  if (values.bundle && (await studyRecordInBundle(values.bundle))) {
    const study = await writeStudyReportFromBundle(values.bundle, {
      outputDirectory: values.out,
      generatedAt: new Date().toISOString(),
      command: commandParts.join(' '),
    });
    console.log(`report: ${study.markdownPath} (the study ${study.name}, from a study bundle)`);
    return;
  }
  const report = await writeReport({
    experimentDirectory,
    outputDirectory: values.out,
    alpha: number(values.alpha, 'alpha', 0, 1),
    targetAccuracy: number(values['target-accuracy'], 'target-accuracy', 0, 1),
    command: commandParts.join(' '),
  });
  console.log(
    `report: ${report.markdownPath} (${report.runs.runs.length} runs, seeds ${report.runs.seeds.join(', ')}; charts ${report.chartPaths.length})`,
  );
  for (const line of claimVerdictLines(report.claims)) console.log(line);
  if (values.readme) {
    await replaceMarkedSection(values.readme, report.experiment, report.resultsSection);
    console.log(`updated the results section of ${values.readme}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => exitWithFailure('report', error));
}
