/**
 * `npm run export-runs -- --experiment <name> [--runs-dir runs] [--out <name>.runs.jsonl.gz]`
 *
 * Writes the finished runs of `<runs-dir>/<name>/` (config, summary and per-epoch metrics of
 * each, and comparison.json; no model weights) as one results bundle (see resultsBundle.ts),
 * which `npm run report -- --bundle <file>` and loadExperimentResults read like the folder.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { exitWithFailure } from '../util/cliErrors';
import { runsDirectory } from '../util/paths';
import { bundleSuffix, exportResultsBundle } from './resultsBundle';

const usage = `usage: npm run export-runs -- --experiment <name> [--runs-dir <folder of experiments>]
                              [--out <name>${bundleSuffix}] [--debug]
`;

/** `12.3 KiB`, `1.5 MiB` or `812 B`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      experiment: { type: 'string' },
      'runs-dir': { type: 'string' },
      out: { type: 'string' },
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
  const exported = await exportResultsBundle({
    experimentDirectory,
    outputFile: values.out ?? `${values.experiment}${bundleSuffix}`,
    onProgress: (done, total, folder) => process.stderr.write(`export-runs: ${done}/${total} ${folder}\n`),
  });
  console.log(`export-runs: wrote ${exported.file} (${exported.runs} runs, ${formatBytes(exported.bytes)})`);
}

if (require.main === module) {
  main().catch((error: unknown) => exitWithFailure('export-runs', error));
}
