#!/usr/bin/env node
/**
 * `npm run study [-- --experiment fashion-mnist] [--set k=v] [--seeds 1,2,3] [--smoke] [--parts a,b] [--runs-dir runs] [--out reports/local] [--group-size n] [--fresh]`
 *
 * Runs the study (see runStudy) offline on the default encoder and writes
 * reports/local/<study>.md. The full study takes hours on 2 cores; --smoke runs every part on a
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
import { defaultWorkerStartupSeconds } from './workerMachine';
import { printStudyCostModel, runStudy, runStudyWorker } from './runStudy';
import {
  clusterOptionSpecs,
  clusterUsage,
  parseClusterArguments,
  type ClusterRequest,
} from '../cluster/clusterArguments';
import { runExecutor, workerOptionsOf } from '../cluster/executor';
import { runsDirectory } from '../util/paths';

const usage = `usage: npm run study -- [--experiment paper1-newsgroups|fashion-mnist|<file.json>] [--set key.path=value ...] [--seeds 1,2,3] [--smoke] [--parts curves,regimes,hierarchies,features,featureSets,baselines,grid] [--runs-dir <folder>] [--out reports/local] [--group-size <n>] [--costs-from <runs folder>] [--fractions 0.1,1] [--baseline-fractions 1] [--backend <name>] [--fresh] [--rescore] [--plugin <file.js> ...] [--plan] [--debug]

  --plan          print the cost model (all runs and those left, wall time for 1-64 workers) and
                  stop: trains nothing, writes nothing
  --debug         print the stack trace of an error (also HKD_DEBUG=1)
  --seeds 1,2,3   a subset of the experiment's seeds (run ids do not depend on the seed list:
                  a later run with all seeds reuses these runs and trains only the others)
  --costs-from <runs folder>
                  finished runs of this experiment there price the cost model printed before the
                  study (seconds per epoch, typical epochs); default the study's own runs folder
  --set k=v       any config key, as in npm run pipeline (e.g. --set student.epochs=30)
  --fractions 0.1,1
                  the labelled fractions of the regimes part and of the baselines part (the
                  baselines then run per fraction < 1 and unlabelled-inputs mode, beside all labels)
  --baseline-fractions 1
                  the baselines part's fractions alone, after --fractions (1: all labels only,
                  while the regimes take --fractions)

${clusterUsage}`;

/** The study's command line, parsed and validated (the experiment resolved) before any backend or data loads. */
export interface StudyArguments {
  help: boolean;
  base: ExperimentConfig;
  smoke: boolean;
  parts?: string[];
  runsDirectory?: string;
  outputDirectory: string;
  groupSize?: number;
  /** Runs folder whose finished runs price the cost model printed before the study (default --runs-dir). */
  costsFrom?: string;
  backend?: string;
  fresh: boolean;
  /** Print the cost model and stop (--plan): nothing is trained or written. */
  plan: boolean;
  /** Rescore reused runs from their saved models (--rescore). */
  rescore: boolean;
  /** The labelled fractions of the regimes and baselines parts (--fractions 0.1,1), else the study settings'. */
  fractions?: number[];
  /** The baselines part's fractions alone (--baseline-fractions 1). */
  baselineFractions?: number[];
  /** Several workers (--workers, --executor slurm) or one of them (--shard, --dynamic); see src/cluster. */
  cluster: ClusterRequest;
}

export function parseStudyArguments(args: string[]): StudyArguments {
  const { values } = parseArgs({
    args,
    options: {
      ...sharedTrainingOptions,
      smoke: { type: 'boolean', default: false },
      parts: { type: 'string' },
      out: { type: 'string', default: 'reports/local' },
      'costs-from': { type: 'string' },
      fractions: { type: 'string' },
      'baseline-fractions': { type: 'string' },
      plan: { type: 'boolean', default: false },
      ...clusterOptionSpecs,
    },
  });
  loadMethodPlugins(values.plugin ?? []);
  const cluster = parseClusterArguments(values);
  if (cluster.kind !== 'single' && values.fresh)
    throw new Error(
      "--fresh cannot be combined with workers (several processes would delete each other's runs): run once with --fresh alone, or delete the runs folder",
    );
  if (cluster.kind !== 'single' && values.rescore)
    throw new Error('--rescore cannot be combined with workers: rescore once, in one process, after they finish');
  const fractionList = (flag: string, text: string | undefined) =>
    text?.split(',').map((part) => {
      const value = Number(part.trim());
      if (!(value > 0 && value <= 1))
        throw new Error(`${flag}: expected labelled fractions in (0, 1] separated by commas, got "${text}"`);
      return value;
    });
  const fractions = fractionList('--fractions', values.fractions);
  const baselineFractions = fractionList('--baseline-fractions', values['baseline-fractions']);
  const groupSize =
    values['group-size'] === undefined ? undefined : positiveInteger(values['group-size'], '--group-size');
  let base = resolveExperimentConfig({ base: values.experiment!, set: values.set });
  if (values.seeds !== undefined)
    base = validateExperimentConfig(
      { ...base, seeds: parseSeeds(values.seeds) },
      `${values.experiment} with --seeds ${values.seeds}`,
    );
  return {
    help: values.help ?? false,
    base,
    smoke: values.smoke ?? false,
    parts: values.parts
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    runsDirectory: values['runs-dir'],
    outputDirectory: values.out!,
    groupSize,
    costsFrom: values['costs-from'],
    backend: values.backend,
    fresh: values.fresh ?? false,
    plan: values.plan ?? false,
    rescore: values.rescore ?? false,
    ...(fractions ? { fractions } : {}),
    ...(baselineFractions ? { baselineFractions } : {}),
    cluster,
  };
}

async function main(): Promise<void> {
  const parsed = asUserFacing(() => parseStudyArguments(process.argv.slice(2)));
  if (parsed.help) {
    process.stdout.write(usage);
    return;
  }
  const costModelOptions = {
    base: parsed.base,
    smoke: parsed.smoke,
    parts: parsed.parts,
    runsDirectory: parsed.runsDirectory,
    groupSize: parsed.groupSize,
    costsFrom: parsed.costsFrom,
    fractions: parsed.fractions,
    baselineFractions: parsed.baselineFractions,
    // Cluster tasks each have their own cores; local workers (and one process) share this machine's.
    ...(parsed.cluster.kind === 'slurm' || parsed.cluster.kind === 'kubernetes'
      ? { machine: { startupSeconds: defaultWorkerStartupSeconds } }
      : {}),
  };
  // --plan: the cost model alone (it reads finished runs, trains and writes nothing).
  if (parsed.plan) {
    await printStudyCostModel(costModelOptions);
    return;
  }
  await checkOutputFolders({
    runs: true,
    runsDirectory: parsed.runsDirectory,
    outputDirectory: parsed.outputDirectory,
    data: true,
  });
  if (parsed.backend) process.env.HKD_BACKEND = parsed.backend;
  // Several workers: the cost model before they start (the collecting call prints it again from their runs).
  if (parsed.cluster.kind !== 'single' && parsed.cluster.kind !== 'worker') await printStudyCostModel(costModelOptions);
  // Workers (local or a Slurm array) first; then this process reuses every run and writes the report.
  if (
    !(await runExecutor({
      cluster: parsed.cluster,
      script: __filename,
      argv: process.argv.slice(2),
      runsDirectory: parsed.runsDirectory ?? runsDirectory(),
      npmScript: 'study',
    }))
  )
    return;
  // Only after the workers: while they run, their parent passes Ctrl-C or SIGTERM on to them and
  // waits for each to release its claims (runLocalWorkers); exiting at once would orphan them.
  installInterruptHandler('study'); // Ctrl-C releases this process's run claims and says what was kept
  const backend = await initializeBackend();
  console.log(`backend: ${backend.name} (${backend.description})`);
  const worker = workerOptionsOf(parsed.cluster);
  if (worker) {
    await runStudyWorker({
      base: parsed.base,
      smoke: parsed.smoke,
      parts: parsed.parts,
      runsDirectory: parsed.runsDirectory,
      groupSize: parsed.groupSize,
      fractions: parsed.fractions,
      baselineFractions: parsed.baselineFractions,
      worker,
    });
    console.log('worker finished; the report comes from the command without --shard/--dynamic, which reuses every run');
    return;
  }
  await runStudy({
    base: parsed.base,
    smoke: parsed.smoke,
    parts: parsed.parts,
    runsDirectory: parsed.runsDirectory,
    outputDirectory: parsed.outputDirectory,
    groupSize: parsed.groupSize,
    costsFrom: parsed.costsFrom,
    fresh: parsed.fresh,
    rescore: parsed.rescore,
    fractions: parsed.fractions,
    baselineFractions: parsed.baselineFractions,
  });
}

if (require.main === module) {
  main().catch((error: unknown) => exitWithFailure('study', error));
}
