import * as path from 'node:path';
import { initializeBackend } from '../backend/backend';
import { writeJsonAtomic } from '../util/atomicFile';
import { formatDuration } from '../util/progress';
import { runsDirectory } from '../util/paths';
import type { SweepPoint } from '../config/sweep';
import type { ExperimentConfig } from '../config/types';
import { configuredMethods, runComparison } from './comparison';
import { runSweep } from './sweep';
import type { WorkerOptions } from './execute/workerSelection';
import { professorComparisonLines, professorTable, professorTableColumns } from './professorTables';
import { compareMethods, formatTextTable, studentTable, studentTableColumns, teacherTable, teacherTableColumns } from './tables';

/** What the pipeline's command line asks for, validated (see parseCommandLine in ./cli). */
export interface PipelineRequest {
  config: ExperimentConfig;
  /** The sweep grid when `--sweep` was given. */
  points?: SweepPoint[];
  stage: 'all' | 'teachers' | 'baseline';
  backend?: string;
  runsDirectory?: string;
  fresh: boolean;
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
  const experimentDirectory = path.join(commandLine.runsDirectory ? path.resolve(commandLine.runsDirectory) : runsDirectory(), config.name);
  console.log(`experiment: ${config.name} — ${config.description}`);
  console.log(`seeds ${config.seeds.join(', ')}; methods ${configuredMethods(config).map((method) => method.name).join(', ')}; stage ${stage}; runs in ${experimentDirectory}`);

  if (commandLine.worker) {
    const options = { experimentDirectory, stage, fresh: commandLine.fresh, worker: commandLine.worker };
    if (points) await runSweep(points, options);
    else await runComparison(config, options);
    console.log(`\nworker finished (wall time ${formatDuration((Date.now() - started) / 1000)}); the tables come from the command without --shard/--dynamic, which reuses every run`);
    return;
  }

  if (points) {
    console.log(`sweep: ${points.length} points: ${points.map((point) => point.label).join(' | ')}`);
    const result = await runSweep(points, { experimentDirectory, stage, fresh: commandLine.fresh });
    console.log(`\nbackend ${backend.name}; wall time ${formatDuration((Date.now() - started) / 1000)}; summary ${path.join(result.experimentDirectory, 'sweep.json')}`);
    return;
  }

  const result = await runComparison(config, { experimentDirectory, stage, fresh: commandLine.fresh });
  const { hierarchy } = result.data;
  // Paper 1's numbers are for 20 Newsgroups; other data sets get an empty column.
  const paperColumn = config.dataset.kind === 'newsgroups';
  console.log(`\nTeachers (test set; mean ± std over ${config.seeds.length} seeds; hierarchy ${hierarchy.name}):`);
  console.log(formatTextTable(teacherTable(result.teachers, { coarse: hierarchy.coarseLabelNames.length, fine: hierarchy.fineLabelNames.length }, { paperColumn }), teacherTableColumns));
  if (result.students.length > 0) {
    console.log(`\nStudents (test set; mean ± std over ${config.seeds.length} seeds; target accuracy ${config.targetAccuracy}):`);
    console.log(formatTextTable(studentTable(result.students, { paperColumn }), studentTableColumns));
    if (config.methods.heterogeneous && config.methods.traditional) console.log('\n' + compareMethods(result.students, 'heterogeneous', 'traditional'));
    const professorRows = professorTable(result.students);
    if (professorRows.length > 0) {
      console.log('\nProfessor strategies: their targets on the training split (teacher vs refined), then paired tests against A / B:');
      console.log(formatTextTable(professorRows, professorTableColumns));
      for (const line of professorComparisonLines(result.students)) console.log(line);
    }
  }
  const summaryPath = path.join(experimentDirectory, 'comparison.json');
  await writeJsonAtomic(summaryPath, { config, backend, finishedAt: new Date().toISOString(), seconds: result.seconds, runs: result.runDirectories, teachers: result.teachers, students: result.students });
  console.log(`\nbackend ${backend.name}; wall time ${formatDuration((Date.now() - started) / 1000)}; summary ${path.join(experimentDirectory, 'comparison.json')}`);
}
