import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { listIncompleteRuns, loadRuns } from '../runs';
import { cancelJob, slurmAvailable, waitForArray } from './slurmClient';

/**
 * Several workers over one runs folder, end to end on the real CLI (no mocks): a smoke pipeline
 * (four seeds, B and C, so eight teachers and eight students) run by one process is the reference;
 * the same command with local workers (static shards, dynamic) and as a 2-task array on the real
 * one-node Slurm (CI starts it; src/scripts/cluster/slurm-local.sh) must print the same tables,
 * byte for byte, with every run trained once and recorded once.
 */
const cli = path.join(__dirname, '..', 'pipeline', 'cli.js');
// Four seeds and 12 epochs: enough for a run trained in another stacked group to differ in the last digits.
const smoke = ['--smoke', '--seeds', '1,2,3,4', '--fixed-epochs', '12', '--methods', 'traditional,plain'];
const experiment = 'paper1-newsgroups-smoke-fixed12';
const planned = 16;
// Under the project: a file system the Slurm node sees (here the same machine).
const scratch = path.resolve(__dirname, '..', '..', '.cache', 'distributed-tests');

function folder(): string {
  mkdirSync(scratch, { recursive: true });
  return mkdtempSync(path.join(scratch, 'runs-'));
}

/** Deletes a passed test's runs folder (a failing test's stays: its logs and runs explain it). */
function passed(runs: string): void {
  rmSync(runs, { recursive: true, force: true });
}

function pipeline(args: string[]): string {
  const result = spawnSync(process.execPath, [cli, ...smoke, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  assert.equal(result.status, 0, `pipeline ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout + result.stderr;
}

/** The printed tables: from "Teachers (test set" up to the closing "backend ..." line. */
function tables(output: string): string {
  const start = output.indexOf('\nTeachers (test set');
  const end = output.lastIndexOf('\nbackend ');
  assert.ok(start >= 0 && end > start, `no tables in:\n${output}`);
  return output.slice(start, end);
}

/** Seed and method of every run a log says was TRAINED (not reused) and finished. */
function trainedRuns(log: string): string[] {
  return [
    ...log.matchAll(/\[\d+\/\d+\] seed (\d+) (\S+?)(?: \([^)]*\))?: test accuracy .*? \((?!reused)[^)]*\) \|/g),
  ].map((match) => `seed ${match[1]} ${match[2]}`);
}

/** Every planned run recorded once, finished, with epochs 1, 2, 3, ...; no unfinished folder or claim left. */
async function checkRunsFolder(runsDirectory: string): Promise<void> {
  const directory = path.join(runsDirectory, experiment);
  const records = await loadRuns(directory);
  assert.equal(records.length, planned, `run folders: ${records.map((record) => record.id).join(', ')}`);
  assert.equal(new Set(records.map((record) => record.id)).size, planned);
  for (const record of records)
    assert.deepEqual(
      record.epochs.map((epoch) => epoch.epoch),
      Array.from({ length: record.epochs.length }, (_, index) => index + 1),
      record.id,
    );
  assert.deepEqual(await listIncompleteRuns(directory), []);
  assert.deepEqual(
    readdirSync(directory).filter((name) => name.endsWith('.claim')),
    [],
  );
}

function assertTrainedOnce(logs: string[]): void {
  const trained = logs.flatMap(trainedRuns).sort();
  assert.equal(trained.length, planned, `trained: ${trained.join(', ')}`);
  assert.equal(new Set(trained).size, planned, `a run trained twice: ${trained.join(', ')}`);
}

let reference = '';
before(() => {
  const runs = folder();
  const output = pipeline(['--runs-dir', runs]);
  assertTrainedOnce([output]);
  reference = tables(output);
  passed(runs);
});

describe('local workers over one runs folder', () => {
  test('--workers 2 --static (shards) prints the same tables as one process; each run trained and recorded once', {
    timeout: 180_000,
  }, async () => {
    const runs = folder();
    const output = pipeline(['--workers', '2', '--static', '--runs-dir', runs]);
    assert.match(output, /^\[w1\] .*shard 0\/2: \d+ of 8 teacher and \d+ of 8 student runs$/m);
    assert.match(output, /^\[w2\] .*shard 1\/2: /m);
    assert.equal(tables(output), reference);
    assertTrainedOnce([output]);
    await checkRunsFolder(runs);
    passed(runs);
  });

  test('--workers 2 (dynamic, the default) prints the same tables as one process', { timeout: 180_000 }, async () => {
    const runs = folder();
    const output = pipeline(['--workers', '2', '--runs-dir', runs]);
    assert.match(output, /starting 2 dynamic workers, 1 thread\(s\) each/);
    assert.doesNotMatch(output, /shard \d\/2/);
    assert.equal(tables(output), reference);
    assertTrainedOnce([output]);
    await checkRunsFolder(runs);
    passed(runs);
  });
});

/** Processes whose command line mentions `text` (from /proc), other than this one. */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('stopping local workers', () => {
  test('Ctrl-C (SIGINT) to the command stops every worker; the next command resumes', {
    timeout: 180_000,
  }, async () => {
    const runs = folder();
    const command = spawn(process.execPath, [cli, ...smoke, '--workers', '2', '--runs-dir', runs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => command.on('close', resolve));
    for (const stream of [command.stdout, command.stderr])
      stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let look = 0; look < 900 && !/\[w\d\] .* 1\/12 \(/.test(output); look++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(processesMentioning(runs).length, 3, 'the command and its two workers run');
    command.kill('SIGINT');
    assert.notEqual(await exited, 0);
    assert.match(output, /SIGINT: stopping 2 workers/);
    assert.match(output, /stopped by SIGINT; finished runs are kept and reused by the next command/);
    assert.deepEqual(processesMentioning(runs), [], 'no worker is left running');
    const resumed = pipeline(['--runs-dir', runs]);
    assert.equal(tables(resumed), reference);
    await checkRunsFolder(runs);
    passed(runs);
  });
});

const skip = slurmAvailable()
  ? false
  : 'no Slurm controller answers here (start one: sudo bash src/scripts/cluster/slurm-local.sh start)';

/** The one `<runs>/slurm/<time>/` folder of a submission. */
function slurmFolder(runs: string): string {
  const stamps = readdirSync(path.join(runs, 'slurm'));
  assert.equal(stamps.length, 1);
  return path.join(runs, 'slurm', stamps[0]);
}

function taskLogs(logDirectory: string): string[] {
  return [0, 1].map((index) => readFileSync(path.join(logDirectory, `task-${index}.log`), 'utf8'));
}

describe('a 2-task job array on the real Slurm', () => {
  test('--executor slurm --tasks 2 --wait (dynamic tasks) prints the same tables as one process; each run trained once', {
    skip,
    timeout: 240_000,
  }, async () => {
    const runs = folder();
    const output = pipeline(['--executor', 'slurm', '--tasks', '2', '--wait', '--runs-dir', runs]);
    const logDirectory = slurmFolder(runs);
    const script = readFileSync(path.join(logDirectory, 'array.sbatch'), 'utf8');
    assert.match(script, /^#SBATCH --array=0-1$/m);
    assert.match(script, / --dynamic$/m, 'each task a dynamic worker');
    assert.match(
      output,
      /job \d+: task 0 \S+ \d+\/\d+ runs, task 1 \S+ \d+\/\d+ runs/,
      'progress counts finished run folders per task (of the groups each has claimed)',
    );
    assert.equal(tables(output), reference);
    assertTrainedOnce([output, ...taskLogs(logDirectory)]);
    await checkRunsFolder(runs);
    passed(runs);
  });

  test('--static: scancel one task mid-training, --resubmit: the same tables as the uninterrupted run', {
    skip,
    timeout: 300_000,
  }, async () => {
    const runs = folder();
    // Without --wait: prints the job id and how to collect the results.
    const submitted = pipeline([
      '--executor',
      'slurm',
      '--tasks',
      '2',
      '--static',
      '--worker-wait',
      '20',
      '--runs-dir',
      runs,
    ]);
    const jobId = /submitted job (\d+)/.exec(submitted)?.[1];
    assert.ok(jobId, submitted);
    assert.match(
      submitted,
      /tables, when done: npm run pipeline -- --smoke --seeds 1,2,3,4 --fixed-epochs 12 --methods traditional,plain --runs-dir \S+/,
    );
    const logDirectory = slurmFolder(runs);
    const log = path.join(logDirectory, 'task-1.log');
    // Cancel task 1 once it is training (an epoch line of its first run).
    for (let look = 0; look < 600 && !(existsSync(log) && / 1\/12 \(/.test(readFileSync(log, 'utf8'))); look++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    cancelJob(jobId, 1);
    const states = await waitForArray(jobId, [0, 1], logDirectory, { pollMs: 500, timeoutMs: 120_000 });
    assert.notEqual(states[1].exitCode, 0, `task 1 was cancelled: ${JSON.stringify(states[1])}`);
    assert.ok((await loadRuns(path.join(runs, experiment))).length < planned, 'the cancelled task left runs to do');
    // scancel sends SIGTERM: the task released the claims of the runs it had not finished (a task
    // killed outright leaves them to the stale-claim rule, tested in src/runs/runClaim.test.ts).
    assert.match(
      readFileSync(log, 'utf8'),
      /pipeline interrupted \(SIGTERM\): .*released the claims? of \d+ unfinished runs?/,
    );

    const output = pipeline(['--executor', 'slurm', '--tasks', '2', '--resubmit', jobId, '--wait', '--runs-dir', runs]);
    assert.match(output, new RegExp(`resubmitted tasks [0-9,-]+ of job ${jobId} as job \\d+`));
    assert.equal(tables(output), reference);
    await checkRunsFolder(runs);
    passed(runs);
  });
});
