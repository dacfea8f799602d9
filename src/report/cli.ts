/**
 * `npm run report -- --experiment <name> [--runs-dir runs] [--out reports] [--alpha 0.05]
 *   [--target-accuracy 0.64] [--readme README.md]`, or `npm run report -- --bundle <name>.runs.jsonl.gz ...`
 *
 * Writes reports/<name>.md and reports/<name>/*.svg from the run records of
 * <runs-dir>/<name>/ alone (or of a results bundle, see src/results/resultsBundle.ts); with
 * --readme, also replaces the README's section between
 * `<!-- report:<name>:start -->` and `<!-- report:<name>:end -->`.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { exitWithFailure, UserFacingError } from '../util/cliErrors';
import { claimVerdictLines, isResultsBundlePath } from '../results';
import { runsDirectory } from '../util/paths';
import { checkOutputFolders } from '../util/writableDirectory';
import { replaceMarkedSection, writeReport } from './writeReport';

const usage = `usage: npm run report -- --experiment <name> [--runs-dir <folder of experiments>] [--out reports]
                          [--alpha 0.05] [--target-accuracy <0..1>] [--readme README.md] [--debug]
       npm run report -- --bundle <name>.runs.jsonl.gz [--out reports] [...]   (from a results bundle)
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      experiment: { type: 'string' },
      'runs-dir': { type: 'string' },
      bundle: { type: 'string' },
      out: { type: 'string', default: 'reports' },
      alpha: { type: 'string' },
      'target-accuracy': { type: 'string' },
      readme: { type: 'string' },
      help: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
    },
  });
  if (values.help || (!values.experiment && !values.bundle)) {
    process.stdout.write(usage);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const number = (text: string | undefined, name: string, low: number, high: number): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!(value > low && value < high))
      throw new Error(`--${name}: expected a number in (${low}, ${high}), got "${text}"`);
    return value;
  };
  if (values.bundle && (values.experiment || values['runs-dir']))
    throw new UserFacingError('--bundle: the bundle names its experiment; leave out --experiment and --runs-dir');
  if (values.bundle && !isResultsBundlePath(values.bundle))
    throw new UserFacingError(`--bundle: expected a file ending ".runs.jsonl.gz", got "${values.bundle}"`);
  await checkOutputFolders({ outputDirectory: values.out });
  const experimentDirectory = values.bundle
    ? path.resolve(values.bundle)
    : path.join(values['runs-dir'] ? path.resolve(values['runs-dir']) : runsDirectory(), values.experiment ?? '');
  const commandParts = values.bundle
    ? ['npm run report -- --bundle', values.bundle]
    : ['npm run report -- --experiment', values.experiment ?? ''];
  if (values['runs-dir']) commandParts.push('--runs-dir', values['runs-dir']);
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
