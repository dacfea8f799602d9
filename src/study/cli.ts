#!/usr/bin/env node
/**
 * `npm run study [-- --experiment fashion-mnist] [--set k=v] [--seeds 1,2,3] [--smoke] [--parts a,b] [--runs-dir runs] [--out reports] [--group-size n] [--fresh]`
 *
 * Runs the study (see runStudy) offline on the default encoder and writes
 * reports/<study>.md. The full study takes hours on 2 cores; --smoke runs every part on a
 * tiny slice in a minute or two (CI runs it).
 */
import { parseArgs } from 'node:util';
import { initializeBackend } from '../backend/backend';
import { resolveExperimentConfig } from '../config/layering';
import type { ExperimentConfig } from '../config/types';
import { validateExperimentConfig } from '../config/validateExperiment';
import { parseSeeds, positiveInteger, sharedTrainingOptions } from '../cli/arguments';
import { loadMethodPlugins } from '../methods/plugins';
import { installInterruptHandler } from '../runs/interrupt';
import { asUserFacing, exitWithFailure } from '../util/cliErrors';
import { checkOutputFolders } from '../util/writableDirectory';
import { runStudy } from './runStudy';

const usage = `usage: npm run study -- [--experiment paper1-newsgroups|fashion-mnist|<file.json>] [--set key.path=value ...] [--seeds 1,2,3] [--smoke] [--parts curves,regimes,hierarchies,features,featureSets,grid] [--runs-dir <folder>] [--out reports] [--group-size <n>] [--backend <name>] [--fresh] [--plugin <file.js> ...] [--debug]

  --debug         print the stack trace of an error (also HKD_DEBUG=1)
  --seeds 1,2,3   a subset of the experiment's seeds (run ids do not depend on the seed list:
                  a later run with all seeds reuses these runs and trains only the others)
  --set k=v       any config key, as in npm run pipeline (e.g. --set student.epochs=30)
`;

/** The study's command line, parsed and validated (the experiment resolved) before any backend or data loads. */
export interface StudyArguments {
  help: boolean;
  base: ExperimentConfig;
  smoke: boolean;
  parts?: string[];
  runsDirectory?: string;
  outputDirectory: string;
  groupSize?: number;
  backend?: string;
  fresh: boolean;
}

export function parseStudyArguments(args: string[]): StudyArguments {
  const { values } = parseArgs({
    args,
    options: {
      ...sharedTrainingOptions,
      smoke: { type: 'boolean', default: false },
      parts: { type: 'string' },
      out: { type: 'string', default: 'reports' },
    },
  });
  loadMethodPlugins(values.plugin ?? []);
  const groupSize = values['group-size'] === undefined ? undefined : positiveInteger(values['group-size'], '--group-size');
  let base = resolveExperimentConfig({ base: values.experiment!, set: values.set });
  if (values.seeds !== undefined) base = validateExperimentConfig({ ...base, seeds: parseSeeds(values.seeds) }, `${values.experiment} with --seeds ${values.seeds}`);
  return {
    help: values.help ?? false,
    base,
    smoke: values.smoke ?? false,
    parts: values.parts?.split(',').map((name) => name.trim()).filter(Boolean),
    runsDirectory: values['runs-dir'],
    outputDirectory: values.out!,
    groupSize,
    backend: values.backend,
    fresh: values.fresh ?? false,
  };
}

async function main(): Promise<void> {
  const parsed = asUserFacing(() => parseStudyArguments(process.argv.slice(2)));
  if (parsed.help) {
    process.stdout.write(usage);
    return;
  }
  await checkOutputFolders({ runs: true, runsDirectory: parsed.runsDirectory, outputDirectory: parsed.outputDirectory, data: true });
  installInterruptHandler('study'); // Ctrl-C releases this process's run claims and says what was kept
  if (parsed.backend) process.env.HKD_BACKEND = parsed.backend;
  const backend = await initializeBackend();
  console.log(`backend: ${backend.name} (${backend.description})`);
  await runStudy({ base: parsed.base, smoke: parsed.smoke, parts: parsed.parts, runsDirectory: parsed.runsDirectory, outputDirectory: parsed.outputDirectory, groupSize: parsed.groupSize, fresh: parsed.fresh });
}

if (require.main === module) {
  main().catch((error: unknown) => exitWithFailure('study', error));
}
