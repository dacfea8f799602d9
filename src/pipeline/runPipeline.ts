import * as path from 'node:path';
import { initializeBackend } from '../backend/backend';
import { writeJsonAtomic } from '../util/atomicFile';
import { formatDuration } from '../util/progress';
import { runsDirectory } from '../util/paths';
import type { SweepPoint } from '../config/sweep';
import type { ExperimentConfig } from '../config/types';
import { configuredMethods, runComparison } from './comparison';
import { runSweep } from './sweep';
import { comparisonTablesText } from '../results/cliTables';
import type { WorkerOptions } from './execute/workerSelection';

/** What the pipeline's command line asks for, validated (see parseCommandLine in ./cli). */
export interface PipelineRequest {
  config: ExperimentConfig;
  /** The sweep grid when `--sweep` was given. */
  points?: SweepPoint[];
  stage: 'all' | 'teachers' | 'baseline';
  backend?: string;
  runsDirectory?: string;
  fresh: boolean;
  /** Rescore reused runs from their saved models with this code's metrics (`--rescore`). */
  rescore?: boolean;
  /** One of several workers over one runs folder (`--shard i/n`, `--dynamic`): trains its runs, prints no tables. */
  worker?: WorkerOptions;
}

/** Runs what a validated command line asks for: one comparison, or a sweep. */
export async function runPipeline(commandLine: PipelineRequest): Promise<void> {
  const { config, points, stage } = commandLine;
  const started = Date.now();
  const backend = await initializeBackend(commandLine.backend);
  console.log(`backend: ${backend.name} — ${backend.description}`);
  for (const reason of backend.skipped) console.log(`  skipped ${reason}`);
  const experimentDirectory = path.join(
    commandLine.runsDirectory ? path.resolve(commandLine.runsDirectory) : runsDirectory(),
    config.name,
  );
  console.log(`experiment: ${config.name} — ${config.description}`);
  console.log(
    `seeds ${config.seeds.join(', ')}; methods ${configuredMethods(config)
      .map((method) => method.name)
      .join(', ')}; stage ${stage}; runs in ${experimentDirectory}`,
  );

  if (commandLine.worker) {
    const options = { experimentDirectory, stage, fresh: commandLine.fresh, worker: commandLine.worker };
    if (points) await runSweep(points, options);
    else await runComparison(config, options);
    console.log(
      `\nworker finished (wall time ${formatDuration((Date.now() - started) / 1000)}); the tables come from the command without --shard/--dynamic, which reuses every run`,
    );
    return;
  }

  if (points) {
    console.log(`sweep: ${points.length} points: ${points.map((point) => point.label).join(' | ')}`);
    const result = await runSweep(points, {
      experimentDirectory,
      stage,
      fresh: commandLine.fresh,
      rescore: commandLine.rescore,
    });
    console.log(
      `\nbackend ${backend.name}; wall time ${formatDuration((Date.now() - started) / 1000)}; summary ${path.join(result.experimentDirectory, 'sweep.json')}`,
    );
    return;
  }

  const result = await runComparison(config, {
    experimentDirectory,
    stage,
    fresh: commandLine.fresh,
    rescore: commandLine.rescore,
  });
  // The same tables the report writes, read back from the run records just written.
  console.log(
    await comparisonTablesText({
      experimentDirectory,
      runFolders: Object.values(result.runDirectories),
      targetAccuracy: config.targetAccuracy,
      hierarchyName: result.data.hierarchy.name,
    }),
  );
  const summaryPath = path.join(experimentDirectory, 'comparison.json');
  await writeJsonAtomic(summaryPath, {
    config,
    backend,
    finishedAt: new Date().toISOString(),
    seconds: result.seconds,
    runs: result.runDirectories,
    teachers: result.teachers,
    students: result.students,
  });
  console.log(
    `\nbackend ${backend.name}; wall time ${formatDuration((Date.now() - started) / 1000)}; summary ${path.join(experimentDirectory, 'comparison.json')}`,
  );
}
