import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { threadsPerWorker } from '../cluster/localWorkers';
import {
  compareRunsFolders,
  copyRunFolders,
  finishedTeacherFolders,
  type SummariesComparison,
} from './workersRunsFolders';

/**
 * `npm run benchmark -- --only workers`: the same students trained once by 1 local worker with
 * all the threads and once by 2 local workers with half the threads each, through the real CLI
 * (`--workers N`, src/cluster/localWorkers.ts). The finished teachers are copied from
 * `--teachers-from` (only read) into two fresh runs folders, so that only students train.
 * Prints wall time, CPU time (of every process the CLI started) and their ratios, and whether the
 * two folders' run summaries are equal.
 */

/** The benchmark's parts: the pipeline's students, or the study's regimes part. */
export const workersParts = ['students', 'regimes'] as const;

/** Options of {@link measureWorkers}. */
export interface WorkersBenchmarkOptions {
  experiment: string;
  part: (typeof workersParts)[number];
  seeds: number[];
  /** student.epochs of every student (a cap: early stopping may end it sooner). */
  studentEpochs: number;
  /** A finished experiment folder (e.g. runs/fashion-mnist) holding the teachers; never written. */
  teachersFrom?: string;
  smoke: boolean;
  /** --methods of the students part (default: the experiment's). */
  methods?: string;
  /** Dynamic workers (each takes the next unclaimed group; the CLI's default) instead of static shards (`--static`). */
  dynamic: boolean;
  /** engine.groupSize (`--group-size`): at most this many students stacked together (default: the students part, one group per seed; the regimes part, the experiment's). */
  groupSize?: number;
  /** The regimes part's labelled fractions (`--fractions`, e.g. "0.1,1"; default: the study's). */
  fractions?: string;
  /** Keep the two runs folders (default: deleted when the summaries are equal). */
  keep: boolean;
  log?: (line: string) => void;
}

/** One of the two trainings: N workers with T threads each. */
export interface WorkersTiming {
  workers: number;
  threads: number;
  wallSeconds: number;
  /** User + system CPU seconds of the CLI and its workers; undefined where /proc is missing. */
  cpuSeconds?: number;
  runsFolder: string;
  /** Student runs each static shard planned, from its log (empty for dynamic workers). */
  studentsPerWorker: number[];
}

export interface WorkersResult {
  experimentName: string;
  teachersCopied: number;
  timings: [WorkersTiming, WorkersTiming];
  comparison: SummariesComparison;
  loadAverage: [number, number];
  /** The folder holding both runs folders, when kept (--keep, or summaries not equal). */
  keptFolder?: string;
}

/** CPU seconds (user + system) of this process's finished, waited-for children and their descendants. */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5), cutime and cstime, in clock ticks (USER_HZ: 100 on Linux).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

const projectDist = path.resolve(__dirname, '..');

/** The CLI and its arguments (no runs folder, no --workers) of a part. */
export function cliArguments(options: WorkersBenchmarkOptions): { script: string; argv: string[] } {
  const common = [
    '--experiment',
    options.experiment,
    ...(options.smoke ? ['--smoke'] : []),
    '--seeds',
    options.seeds.join(','),
    '--set',
    `student.epochs=${options.studentEpochs}`,
    ...(options.groupSize === undefined ? [] : ['--group-size', String(options.groupSize)]),
  ];
  if (options.part === 'regimes')
    return {
      script: path.join(projectDist, 'study', 'cli.js'),
      argv: [...common, '--parts', 'regimes', ...(options.fractions ? ['--fractions', options.fractions] : [])],
    };
  return {
    script: path.join(projectDist, 'pipeline', 'cli.js'),
    argv: [...common, ...(options.methods ? ['--methods', options.methods] : [])],
  };
}

function runNode(script: string, argv: string[]): string {
  const result = spawnSync(process.execPath, [script, ...argv], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0)
    throw new Error(
      `${path.basename(path.dirname(script))} ${argv.join(' ')} exited with ${result.status ?? result.signal}:\n${output.split('\n').slice(-20).join('\n')}`,
    );
  return output;
}

/** The experiment's folder name under a runs folder (its resolved config's name) and its student methods. */
function resolvedExperiment(options: WorkersBenchmarkOptions): { name: string; methods: number } {
  const { argv } = cliArguments({ ...options, part: 'students' });
  const config = JSON.parse(runNode(path.join(projectDist, 'pipeline', 'cli.js'), [...argv, '--print-config'])) as {
    name: string;
    methods: Record<string, unknown>;
  };
  return { name: config.name, methods: Object.keys(config.methods).length };
}

/** Student runs each static shard planned, by shard index, from the workers' log lines "shard i/n: ... and k of m student runs". */
function studentsPerShard(output: string): number[] {
  const counts: number[] = [];
  for (const match of output.matchAll(/^\[w\d+\] shard (\d+)\/\d+: \d+ of \d+ teacher and (\d+) of \d+ student runs/gm))
    counts[Number(match[1])] = Number(match[2]);
  return counts;
}

/** Trains the part's students with 1 worker x all threads, then 2 workers x half; compares. */
export function measureWorkers(given: WorkersBenchmarkOptions): WorkersResult {
  const log = given.log ?? ((line: string) => console.log(line));
  const { name, methods } = resolvedExperiment(given);
  // The students part stacks every student of a call in one group by default, which leaves a
  // second worker idle: one group per seed instead (the same numbers; groups only batch runs).
  const options =
    given.part === 'students' && given.groupSize === undefined && given.seeds.length > 1
      ? { ...given, groupSize: methods }
      : given;
  const source = path.resolve(options.teachersFrom ?? path.join(process.env.HKD_RUNS_DIR ?? 'runs', name));
  const teachers = finishedTeacherFolders(source, options.seeds);
  if (teachers.length === 0)
    throw new Error(
      `--teachers-from ${source}: no finished teacher run of seeds ${options.seeds.join(',')} (folders seed<n>-teacher-*) there`,
    );
  const scratch = path.join(tmpdir(), 'hkd-workers-benchmark');
  mkdirSync(scratch, { recursive: true });
  const top = mkdtempSync(path.join(scratch, `${name}-`));
  const cores = availableParallelism();
  const { script, argv } = cliArguments(options);
  const loadBefore = loadavg()[0];
  const timings = [1, 2].map((workers): WorkersTiming => {
    const runsFolder = path.join(top, `workers-${workers}`);
    copyRunFolders(source, path.join(runsFolder, name), teachers);
    const extra = options.part === 'regimes' ? ['--out', path.join(top, `report-${workers}`)] : [];
    log(`${workers} worker(s) x ${threadsPerWorker(cores, workers)} thread(s): training into ${runsFolder}`);
    const cpuBefore = childrenCpuSeconds();
    const started = performance.now();
    const mode = options.dynamic ? ['--dynamic'] : ['--static'];
    const output = runNode(script, [
      ...argv,
      ...extra,
      '--runs-dir',
      runsFolder,
      '--workers',
      String(workers),
      ...mode,
    ]);
    const wallSeconds = (performance.now() - started) / 1000;
    const cpuAfter = childrenCpuSeconds();
    return {
      workers,
      threads: threadsPerWorker(cores, workers),
      wallSeconds,
      cpuSeconds: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      runsFolder,
      studentsPerWorker: studentsPerShard(output),
    };
  }) as [WorkersTiming, WorkersTiming];
  const comparison = compareRunsFolders(
    path.join(timings[0].runsFolder, name),
    path.join(timings[1].runsFolder, name),
    new Set(teachers),
  );
  const equal = comparison.equal === comparison.common && comparison.onlyInOne.length === 0;
  const kept = !equal || options.keep;
  if (!kept) rmSync(top, { recursive: true, force: true });
  return {
    experimentName: name,
    teachersCopied: teachers.length,
    timings,
    comparison,
    loadAverage: [loadBefore, loadavg()[0]],
    keptFolder: kept ? top : undefined,
  };
}

/** Prints a {@link WorkersResult} as the benchmark's rows. */
export function printWorkersComparison(
  result: WorkersResult,
  part: string,
  row: (label: string, figure: string, note?: string) => void,
): void {
  const [one, two] = result.timings;
  const { comparison } = result;
  console.log(
    `\n--- ${result.experimentName}, ${part}: 1 worker x ${one.threads} threads against 2 workers x ${two.threads} (${result.teachersCopied} teachers copied; ${comparison.common} runs trained in each) ---`,
  );
  for (const timing of result.timings)
    row(
      `${timing.workers} worker(s) x ${timing.threads} thread(s), wall`,
      `${timing.wallSeconds.toFixed(1)} s`,
      timing.cpuSeconds === undefined ? 'CPU time not measured (no /proc)' : `CPU ${timing.cpuSeconds.toFixed(1)} s`,
    );
  row('wall, 2 workers / 1 worker', `x${(two.wallSeconds / one.wallSeconds).toFixed(2)}`, '[< x1: 2 workers faster]');
  if (one.cpuSeconds !== undefined && two.cpuSeconds !== undefined)
    row('CPU, 2 workers / 1 worker', `x${(two.cpuSeconds / one.cpuSeconds).toFixed(2)}`);
  row(
    'stacked groups (run counts)',
    `${comparison.groupSizes[0].join('+') || '-'} | ${comparison.groupSizes[1].join('+') || '-'}`,
    '1 worker | 2 workers',
  );
  if (two.studentsPerWorker.length > 0)
    row(
      'student runs per static shard',
      two.studentsPerWorker.join(' + '),
      'a stacked group trains whole in the shard its first run id hashes to',
    );
  row(
    'run summaries equal',
    `${comparison.equal} of ${comparison.common}`,
    comparison.onlyInOne.length > 0 ? `runs in one folder only: ${comparison.onlyInOne.join(', ')}` : '',
  );
  for (const { id, testAccuracyDifference } of comparison.differing)
    row(
      `  differs: ${id}`,
      `${testAccuracyDifference >= 0 ? '+' : ''}${testAccuracyDifference.toFixed(4)}`,
      'test accuracy, 2 workers - 1',
    );
  if (comparison.teachersTrained > 0)
    row('teachers trained (not copied)', String(comparison.teachersTrained), 'missing from --teachers-from');
  if (result.keptFolder) row('runs folders kept', result.keptFolder);
  console.log(
    `load average ${result.loadAverage[0].toFixed(2)} at the start, ${result.loadAverage[1].toFixed(2)} at the end`,
  );
}

/** A flag's whole number >= 1, or an error naming the flag. */
function wholeNumber(text: string, option: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1) throw new Error(`${option}: expected a whole number >= 1, got "${text}"`);
  return value;
}

/** `--only workers`: 1 local worker with all threads against 2 with half each, on copied teachers. */
export function workersBenchmarkMain(
  values: Record<string, string | boolean | undefined>,
  row: (label: string, figure: string, note?: string) => void,
): void {
  const part = String(values.part) as (typeof workersParts)[number];
  if (!workersParts.includes(part))
    throw new Error(`--part: unknown part "${part}"; expected one of ${workersParts.join(', ')}`);
  const seeds = String(values.seeds)
    .split(',')
    .map((text) => Number(text));
  if (seeds.some((seed) => !Number.isInteger(seed) || seed < 0))
    throw new Error(`--seeds: expected comma-separated whole numbers, got "${values.seeds}"`);
  const studentEpochs = wholeNumber(String(values['student-epochs'] ?? 3), '--student-epochs');
  if (values.fractions !== undefined && part !== 'regimes')
    throw new Error(`--fractions: only the regimes part has labelled fractions (got --part ${part})`);
  console.log(`hkd benchmark: ${availableParallelism()} CPU cores (${cpus()[0]?.model ?? 'unknown'})`);
  const result = measureWorkers({
    experiment: String(values.experiment),
    part,
    seeds,
    studentEpochs,
    teachersFrom: values['teachers-from'] as string | undefined,
    smoke: values.smoke === true,
    methods: values.methods as string | undefined,
    fractions: values.fractions as string | undefined,
    keep: values.keep === true,
    dynamic: values.static !== true,
    groupSize:
      values['group-size'] === undefined ? undefined : wholeNumber(String(values['group-size']), '--group-size'),
  });
  printWorkersComparison(result, part, row);
}
