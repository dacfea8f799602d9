import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cliArguments, workersBenchmarkMain } from './workersBenchmark';
import { compareRunsFolders, finishedTeacherFolders } from './workersRunsFolders';

const scratch = path.resolve(__dirname, '..', '..', '.cache', 'workers-benchmark-tests');

function folder(): string {
  mkdirSync(scratch, { recursive: true });
  return mkdtempSync(path.join(scratch, 'runs-'));
}

/** Writes a run folder holding a summary.json of the given summary. */
function run(experimentFolder: string, id: string, summary: unknown): void {
  mkdirSync(path.join(experimentFolder, id), { recursive: true });
  writeFileSync(path.join(experimentFolder, id, 'summary.json'), JSON.stringify({ finishedAt: 'now', summary }));
}

describe('the workers benchmark: the command it times', () => {
  const options = {
    experiment: 'paper1-newsgroups',
    seeds: [1, 2],
    studentEpochs: 5,
    smoke: false,
    dynamic: true,
    keep: false,
  };

  test("the regimes part runs the study's regimes at the fractions asked", () => {
    const { script, argv } = cliArguments({ ...options, part: 'regimes', fractions: '0.1,1' });
    assert.equal(path.basename(script), 'cli.js');
    assert.equal(path.basename(path.dirname(script)), 'study');
    assert.deepEqual(argv.slice(-4), ['--parts', 'regimes', '--fractions', '0.1,1']);
    assert.ok(!cliArguments({ ...options, part: 'regimes' }).argv.includes('--fractions'), "default: the study's");
    assert.deepEqual(cliArguments({ ...options, part: 'students' }).argv.slice(0, 4), [
      '--experiment',
      'paper1-newsgroups',
      '--seeds',
      '1,2',
    ]);
  });

  test('--fractions belongs to the regimes part only', () => {
    assert.throws(
      () => workersBenchmarkMain({ part: 'students', seeds: '1', fractions: '0.1,1' }, () => {}),
      /--fractions: only the regimes part has labelled fractions \(got --part students\)/,
    );
  });
});

describe('the workers benchmark: run folders', () => {
  test('finds the finished teachers of the asked seeds only', () => {
    const experiment = folder();
    run(experiment, 'seed1-teacher-coarse-aa', { role: 'teacher' });
    run(experiment, 'seed2-teacher-fine-bb', { role: 'teacher' });
    run(experiment, 'seed1-plain-cc', { role: 'student' });
    mkdirSync(path.join(experiment, 'seed1-teacher-fine-dd')); // unfinished: no summary.json
    assert.deepEqual(finishedTeacherFolders(experiment, [1]), ['seed1-teacher-coarse-aa']);
    assert.deepEqual(finishedTeacherFolders(experiment, [1, 2]), ['seed1-teacher-coarse-aa', 'seed2-teacher-fine-bb']);
    assert.throws(() => finishedTeacherFolders(path.join(experiment, 'missing'), [1]), /does not exist/);
    rmSync(experiment, { recursive: true, force: true });
  });

  test('compares summaries apart from times and stacked groups; names the runs that differ', () => {
    const first = folder();
    const second = folder();
    const student = (accuracy: number, seconds: number, size: number) => ({
      role: 'student',
      test: { accuracy },
      trainingSeconds: seconds,
      featuresSeconds: seconds,
      group: { size, index: 0 },
    });
    run(first, 'seed1-teacher-coarse-aa', { role: 'teacher' });
    run(second, 'seed1-teacher-coarse-aa', { role: 'teacher', test: { accuracy: 0.1 } });
    run(first, 'seed1-plain-aa', student(0.5, 1, 2));
    run(first, 'seed1-heterogeneous-bb', student(0.75, 1, 2));
    run(second, 'seed1-plain-aa', student(0.5, 2, 1));
    run(second, 'seed1-heterogeneous-bb', student(0.625, 2, 1));
    run(second, 'seed2-plain-cc', student(0.5, 2, 1));
    const comparison = compareRunsFolders(first, second, new Set(['seed1-teacher-coarse-aa']));
    assert.equal(comparison.common, 2);
    assert.equal(comparison.equal, 1);
    assert.deepEqual(comparison.differing, [{ id: 'seed1-heterogeneous-bb', testAccuracyDifference: -0.125 }]);
    assert.deepEqual(comparison.onlyInOne, ['seed2-plain-cc']);
    assert.deepEqual(comparison.groupSizes, [[2], [1, 1, 1]]);
    assert.equal(comparison.teachersTrained, 0);
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  });
});

/** Every file under a folder with its size and modification time (to see that nothing was written there). */
function snapshot(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => {
      const stat = statSync(path.join(directory, name));
      return `${name} ${stat.size} ${stat.mtimeMs}`;
    })
    .sort();
}

describe('the workers benchmark end to end (smoke slice, real CLI)', () => {
  test('copies the teachers, trains the students with 1 and 2 workers, reports equal summaries', {
    timeout: 120_000,
  }, () => {
    const source = folder();
    const teachers = spawnSync(
      process.execPath,
      [path.join(__dirname, '..', 'pipeline', 'cli.js'), '--smoke', '--seeds', '1', '--stage', 'teachers'].concat([
        '--runs-dir',
        source,
      ]),
      { encoding: 'utf8' },
    );
    assert.equal(teachers.status, 0, teachers.stderr);
    const experiment = path.join(source, 'paper1-newsgroups-smoke');
    const before = snapshot(experiment);
    const result = spawnSync(
      process.execPath,
      [
        path.join(__dirname, 'backendBenchmark.js'),
        ...['--only', 'workers', '--experiment', 'paper1-newsgroups', '--smoke', '--seeds', '1'],
        ...['--student-epochs', '2', '--methods', 'heterogeneous,plain', '--teachers-from', experiment],
      ],
      { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
    );
    const output = result.stdout + result.stderr;
    assert.equal(result.status, 0, output);
    assert.match(output, /2 teachers copied; 2 runs trained in each/);
    assert.match(output, /^1 worker\(s\) x \d+ thread\(s\), wall +\d+\.\d s {2}CPU \d+\.\d s/m);
    assert.match(output, /^2 worker\(s\) x \d+ thread\(s\), wall +\d+\.\d s {2}CPU \d+\.\d s/m);
    assert.match(output, /^wall, 2 workers \/ 1 worker +x\d+\.\d\d/m);
    assert.match(output, /^run summaries equal +2 of 2/m);
    assert.doesNotMatch(output, /teachers trained \(not copied\)/);
    assert.deepEqual(snapshot(experiment), before, 'the teachers folder was only read');
    rmSync(source, { recursive: true, force: true });
  });
});
