/**
 * `npm run export-runs -- --experiment <name> [--runs-dir runs] [--study [<study name>]] [--out <file>]`
 *
 * Writes the finished runs of `<runs-dir>/<name>/` (config, summary and per-epoch metrics of
 * each, and comparison.json; no model weights) as one results bundle (see resultsBundle.ts),
 * which `npm run report -- --bundle <file>` and loadExperimentResults read like the folder.
 * With `--study`, a study bundle instead: the study record `<name>-study.json` (the last
 * `npm run study` of that experiment) in the header and exactly the runs it names, from which
 * `npm run report` rebuilds the study's report.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pathExists, readJson } from '../util/atomicFile';
import { exitWithFailure, UserFacingError } from '../util/cliErrors';
import { runsDirectory } from '../util/paths';
import { bundleSuffix, exportResultsBundle } from './resultsBundle';

const usage = `usage: npm run export-runs -- --experiment <name> [--runs-dir <folder of experiments>]
                              [--study [<study name>]] [--out <name>${bundleSuffix}] [--debug]
  --study   a study bundle: the record of the experiment's last study call (<name>-study.json,
            or <study name>.json) and exactly the runs it names; default out <name>-study${bundleSuffix}
`;

/** The run folders a study record names (parts -> points -> runs), read structurally: the study layer checks the rest. */
export async function studyRecordRuns(recordPath: string): Promise<{ record: unknown; folders: string[] }> {
  if (!(await pathExists(recordPath)))
    throw new UserFacingError(
      `${recordPath} does not exist: run \`npm run study\` for this experiment first (or name the study)`,
    );
  const record = await readJson<{ parts?: Array<{ points?: Array<{ runs?: unknown }> }> }>(recordPath);
  const points = (record.parts ?? []).flatMap((part) => part.points ?? []);
  if (points.length === 0 || !points.every((point) => Array.isArray(point.runs)))
    throw new UserFacingError(
      `${recordPath}: its points do not list their run folders (written by an older version): run the same \`npm run study\` again, which reuses every run and rewrites the record`,
    );
  return { record, folders: [...new Set(points.flatMap((point) => point.runs as string[]))] };
}

/** `12.3 KiB`, `1.5 MiB` or `812 B`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      experiment: { type: 'string' },
      'runs-dir': { type: 'string' },
      out: { type: 'string' },
      study: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.experiment) {
    process.stdout.write(usage);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const experimentDirectory = path.join(
    values['runs-dir'] ? path.resolve(values['runs-dir']) : runsDirectory(),
    values.experiment,
  );
  if (positionals.length > (values.study ? 1 : 0))
    throw new UserFacingError(`unexpected argument(s) ${positionals.join(' ')}\n${usage}`);
  const studyName = values.study ? (positionals[0] ?? `${values.experiment}-study`) : undefined;
  const study = studyName ? await studyRecordRuns(path.join(experimentDirectory, `${studyName}.json`)) : undefined;
  const exported = await exportResultsBundle({
    experimentDirectory,
    outputFile: values.out ?? `${studyName ?? values.experiment}${bundleSuffix}`,
    ...(study ? { runFolders: study.folders, study: study.record } : {}),
    onProgress: (done, total, folder) => process.stderr.write(`export-runs: ${done}/${total} ${folder}\n`),
  });
  console.log(`export-runs: wrote ${exported.file} (${exported.runs} runs, ${formatBytes(exported.bytes)})`);
}

if (require.main === module) {
  main().catch((error: unknown) => exitWithFailure('export-runs', error));
}
