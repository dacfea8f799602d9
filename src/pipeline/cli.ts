#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { didYouMean } from '../config/didYouMean';
import { experiments, smokeVariant } from '../config/builtInExperiments';
import { resolveExperimentConfig } from '../config/layering';
import { expandSweep, type SweepPoint } from '../config/sweep';
import type { ExperimentConfig, MethodsConfig } from '../config/types';
import { validateExperimentConfig } from '../config/validateExperiment';
import { loadMethodPlugins } from '../methods/plugins';
import { registeredMethods, resolveMethodSettings } from '../methods/registry';
import { parseSeeds, positiveInteger, sharedTrainingOptions } from '../cli/arguments';
import {
  clusterOptionSpecs,
  clusterUsage,
  parseClusterArguments,
  type ClusterRequest,
} from '../cluster/clusterArguments';
import { runsDirectory } from '../util/paths';

export { parseSeeds } from '../cli/arguments';
import { installInterruptHandler } from '../runs/interrupt';
import { asUserFacing, exitWithFailure } from '../util/cliErrors';
import { checkOutputFolders } from '../util/writableDirectory';
import type { PipelineRequest } from './runPipeline';

const usage = `Runs the heterogeneous-distillation comparison headless.

Usage: npm run pipeline -- [options]

  --experiment <name|file.json>  base: built-in experiment (${Object.keys(experiments).join(', ')}) or a whole JSON config (default paper1-newsgroups)
  --config <partial.json>        partial config merged onto the base (objects merge, arrays replace, null removes a key)
  --set key.path=value           set any config key (repeatable; value is JSON when it parses, else text), e.g. --set methods.heterogeneous.temperature=20
  --sweep key.path=v1,v2,...     run the grid of all combinations (repeatable), every point for every seed; prints a sweep summary
                                 e.g. --sweep hierarchy=newsgroups-paper,discovered:class-means:6,discovered:confusion:6 (hierarchies found
                                 from the data: class means on training, or a softmax regression's validation confusions; ARI vs the hand-made one)
  --print-config                 print the resolved config (and sweep points) as JSON and exit
  --smoke                        small, fast version (40 examples per class, 4 epochs, 2 seeds)
  --seeds 1,2,3                  the seeds (unique integers 0 ... 4294967295)
  --methods a,b,...              subset of ${registeredMethods()
    .map((method) => method.name)
    .join(',')}
  --stage all|teachers|baseline  baseline = only the plain DNN classifier on the fine labels
  --fixed-epochs <n>             no early stopping: every network trains n epochs (paper 1's per-epoch curves)
  --group-size <n>               engine.groupSize: at most n students train together
  --backend <name>               force tensorflow-gpu | tensorflow | wasm | cpu (also HKD_BACKEND)
  --runs-dir <folder>            where run records go (default runs/, or HKD_RUNS_DIR)
  --plugin <file.js>             add the methods of a plugin file (repeatable; path relative to the current folder; see README, Adding a method)
  --fresh                        retrain even where identical finished runs exist
  --rescore                      rescore every finished run from its saved model with this code's metrics (no retraining;
                                 the recomputed accuracies must equal the recorded ones)
  --debug                        print the stack trace of an error (also HKD_DEBUG=1)
  --help

${clusterUsage}
Layers, lowest first: --experiment < --config < --smoke < --set < --seeds/--methods/--fixed-epochs/--group-size.
Every key is validated (all problems listed at once) before any data or backend is touched.
`;

/** `--methods a,b`: the named methods (registry names or config keys), in registry order, with the config's settings or the registry's defaults. */
export function selectMethods(text: string, methods: MethodsConfig): MethodsConfig {
  const names = registeredMethods().map((method) => method.name);
  const selected: MethodsConfig = {};
  const problems: string[] = [];
  const parts = text.split(',').map((part) => part.trim());
  if (text.trim() === '') problems.push('the list is empty');
  for (const name of text.trim() === '' ? [] : parts) {
    const method = registeredMethods().find((candidate) => candidate.name === name || candidate.configKey === name);
    if (!method) {
      problems.push(`unknown method "${name}"${didYouMean(name, names)}`);
      continue;
    }
    if (selected[method.configKey] !== undefined) {
      problems.push(`method "${name}" is repeated`);
      continue;
    }
    selected[method.configKey] = resolveMethodSettings(
      method,
      methods[method.configKey] as Record<string, number> | undefined,
    );
  }
  if (problems.length > 0)
    throw new Error(
      `--methods: got ${JSON.stringify(text)}; expected a comma-separated subset of ${names.join(', ')} (${problems.join('; ')})`,
    );
  // In registry order (the tables' order), whatever order they were named in.
  return Object.fromEntries(
    registeredMethods()
      .filter((method) => selected[method.configKey] !== undefined)
      .map((method) => [method.configKey, selected[method.configKey]]),
  );
}

/** The command-line options that override a resolved config. */
export interface OverrideValues {
  smoke?: boolean;
  seeds?: string;
  methods?: string;
  'fixed-epochs'?: string;
  'group-size'?: string;
}

/**
 * Applies command-line overrides to a config and validates the result; errors name the
 * option and the bad value, all at once.
 */
export function applyOverrides(config: ExperimentConfig, values: OverrideValues): ExperimentConfig {
  let result = values.smoke ? smokeVariant(config) : config;
  const problems: string[] = [];
  const attempt = (step: () => void): void => {
    try {
      step();
    } catch (error) {
      problems.push((error as Error).message);
    }
  };
  if (values['fixed-epochs'] !== undefined) {
    attempt(() => {
      const epochs = positiveInteger(values['fixed-epochs']!, '--fixed-epochs');
      result = {
        ...result,
        name: `${result.name}-fixed${epochs}`,
        teacher: { ...result.teacher, epochs, earlyStopping: false },
        student: { ...result.student, epochs, earlyStopping: false },
      };
    });
  }
  if (values.seeds !== undefined) attempt(() => (result = { ...result, seeds: parseSeeds(values.seeds!) }));
  if (values.methods !== undefined)
    attempt(() => (result = { ...result, methods: selectMethods(values.methods!, result.methods) }));
  if (values['group-size'] !== undefined) {
    attempt(
      () =>
        (result = {
          ...result,
          engine: { ...result.engine, groupSize: positiveInteger(values['group-size']!, '--group-size') },
        }),
    );
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return validateExperimentConfig(result, 'command line');
}

/** Everything the command line asks for, validated: what the pipeline runs, and how. */
export interface CommandLine extends Omit<PipelineRequest, 'worker'> {
  help: boolean;
  printConfig: boolean;
  /** Several workers (--workers, --executor slurm) or one of them (--shard, --dynamic); see src/cluster. */
  cluster: ClusterRequest;
}

/**
 * Parses and validates the whole command line (config layers, overrides, sweep grid)
 * without touching data or the backend. Throws one Error listing every problem.
 */
export function parseCommandLine(argv: string[]): CommandLine {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...sharedTrainingOptions,
      config: { type: 'string' },
      sweep: { type: 'string', multiple: true },
      'print-config': { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      methods: { type: 'string' },
      stage: { type: 'string', default: 'all' },
      'fixed-epochs': { type: 'string' },
      ...clusterOptionSpecs,
    },
  });
  loadMethodPlugins(values.plugin ?? []);
  const stage = values.stage as CommandLine['stage'];
  const common = {
    help: values.help!,
    printConfig: values['print-config']!,
    stage,
    backend: values.backend,
    runsDirectory: values['runs-dir'],
    fresh: values.fresh!,
    rescore: values.rescore!,
    cluster: { kind: 'single' } as ClusterRequest,
  };
  if (values.help) return { ...common, config: experiments['paper1-newsgroups'] };
  const problems: string[] = [];
  try {
    common.cluster = parseClusterArguments(values);
    if (common.cluster.kind !== 'single' && values.fresh)
      problems.push(
        "--fresh cannot be combined with workers (several processes would delete each other's runs): run once with --fresh alone, or delete the runs folder",
      );
    if (common.cluster.kind !== 'single' && values.rescore)
      problems.push('--rescore cannot be combined with workers: rescore once, in one process, after they finish');
    if (values.fresh && values.rescore)
      problems.push('--rescore rescores finished runs, --fresh retrains them: give one of the two');
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (!['all', 'teachers', 'baseline'].includes(stage))
    problems.push(`--stage: expected all, teachers or baseline, got "${values.stage}"`);
  // The options' own values are checked first, so their problems are listed with the config's.
  const optionChecks: Array<[string | undefined, (text: string) => unknown]> = [
    [values.seeds, parseSeeds],
    [values.methods, (text) => selectMethods(text, {})],
    [values['fixed-epochs'], (text) => positiveInteger(text, '--fixed-epochs')],
    [values['group-size'], (text) => positiveInteger(text, '--group-size')],
  ];
  for (const [text, check] of optionChecks) {
    if (text === undefined) continue;
    try {
      check(text);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  let config: ExperimentConfig | undefined;
  try {
    const resolved = resolveExperimentConfig({
      base: values.experiment!,
      file: values.config,
      smoke: values.smoke,
      set: values.set,
    });
    if (problems.length === 0) config = applyOverrides(resolved, { ...values, smoke: false });
  } catch (error) {
    problems.push((error as Error).message);
  }
  let points: SweepPoint[] | undefined;
  if (config && values.sweep && values.sweep.length > 0) {
    try {
      points = expandSweep(config, values.sweep);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0 || !config) throw new Error(problems.join('\n'));
  return { ...common, config, points };
}

async function main(): Promise<void> {
  const commandLine = asUserFacing(() => parseCommandLine(process.argv.slice(2)));
  if (commandLine.help) {
    process.stdout.write(usage);
    return;
  }
  const { config, points } = commandLine;
  if (commandLine.printConfig) {
    const printed = points
      ? { config, sweep: points.map((point) => ({ label: point.label, assignments: point.assignments })) }
      : config;
    process.stdout.write(`${JSON.stringify(printed, null, 2)}\n`);
    return;
  }
  // Every folder it will write must be writable before minutes of data loading.
  await checkOutputFolders({ runs: true, runsDirectory: commandLine.runsDirectory, data: true });
  // Workers (local or a Slurm array) first; then this process reuses every run and prints the tables.
  const { runExecutor, workerOptionsOf } = await import('../cluster/executor');
  if (
    !(await runExecutor({
      cluster: commandLine.cluster,
      script: __filename,
      argv: process.argv.slice(2),
      runsDirectory: commandLine.runsDirectory ?? runsDirectory(),
      npmScript: 'pipeline',
    }))
  )
    return;
  // Only after the workers (see the study CLI): their parent passes a signal on and waits for them.
  installInterruptHandler('pipeline'); // Ctrl-C releases this process's run claims and says what was kept
  // Only now load TensorFlow and touch data: every setting has been checked.
  const { runPipeline } = await import('./runPipeline');
  await runPipeline({ ...commandLine, worker: workerOptionsOf(commandLine.cluster) });
}

if (require.main === module) {
  main().catch((error: unknown) => exitWithFailure('pipeline', error));
}
