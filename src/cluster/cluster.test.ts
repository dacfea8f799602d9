import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
  arraySpecification,
  sbatchScript,
  shellQuote,
  SlurmOptionError,
  type SlurmArrayOptions,
  validateSlurmOptions,
} from './sbatchScript';
import { parseQueue } from './slurmClient';

const base: SlurmArrayOptions = {
  tasks: 3,
  jobName: 'hkd-study',
  workDirectory: '/shared/hkd',
  logDirectory: '/shared/hkd/runs/slurm/job-1',
  command: ['node', 'dist/study/cli.js', '--smoke', '--runs-dir', '/shared/hkd/runs'],
};

describe('sbatch job-array script', () => {
  test('asks for one task per worker and gives each its shard of the same total', () => {
    const script = sbatchScript({
      ...base,
      partition: 'cpu',
      time: '02:00:00',
      cpusPerTask: 4,
      gres: 'gpu:1',
      sbatchArguments: ['--account=ml'],
    });
    const directives = script.split('\n').filter((line) => line.startsWith('#SBATCH '));
    assert.deepEqual(directives, [
      '#SBATCH --job-name=hkd-study',
      '#SBATCH --array=0-2',
      '#SBATCH --chdir=/shared/hkd',
      '#SBATCH --output=/shared/hkd/runs/slurm/job-1/task-%a.log',
      '#SBATCH --ntasks=1',
      '#SBATCH --partition=cpu',
      '#SBATCH --time=02:00:00',
      '#SBATCH --cpus-per-task=4',
      '#SBATCH --gres=gpu:1',
      '#SBATCH --account=ml',
    ]);
    assert.match(
      script,
      /^node dist\/study\/cli\.js --smoke --runs-dir \/shared\/hkd\/runs --shard "\$SLURM_ARRAY_TASK_ID\/3"$/m,
    );
    assert.equal(spawnSync('bash', ['-n'], { input: script }).status, 0, 'the script is valid bash');
  });

  test("dynamic tasks (the executor's default) run the same worker with --dynamic instead of a shard", () => {
    const script = sbatchScript({ ...base, dynamic: true });
    assert.match(script, /^node dist\/study\/cli\.js --smoke --runs-dir \/shared\/hkd\/runs --dynamic$/m);
    assert.doesNotMatch(script, /--shard/);
    assert.match(script, /# same dynamic worker \(the next group nobody holds\)/);
    assert.equal(spawnSync('bash', ['-n'], { input: script }).status, 0, 'the script is valid bash');
  });

  test('a resubmission of some tasks keeps the array total in the shard', () => {
    const script = sbatchScript({ ...base, tasks: 8, taskIndices: [1, 2, 3, 6] });
    assert.match(script, /#SBATCH --array=1-3,6/);
    assert.match(script, /--shard "\$SLURM_ARRAY_TASK_ID\/8"/);
  });

  test('quotes arguments for bash', () => {
    assert.equal(shellQuote('plain/path-1.json'), 'plain/path-1.json');
    assert.equal(shellQuote("it's here"), `'it'\\''s here'`);
    const script = sbatchScript({ ...base, command: ['echo', "a b's"], environment: { HKD_DATA_MIRROR: '/data dir' } });
    const run = spawnSync(
      'bash',
      [
        '-c',
        `${script
          .split('\n')
          .filter((line) => line.startsWith('echo ') || line.startsWith('export HKD'))
          .join('\n')}\necho "$HKD_DATA_MIRROR"`,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, SLURM_ARRAY_TASK_ID: '2' },
      },
    );
    assert.equal(run.stdout, "a b's --shard 2/3\n/data dir\n");
  });

  test('array ranges are compact', () => {
    assert.equal(arraySpecification([0]), '0');
    assert.equal(arraySpecification([5, 0, 1, 2, 2, 9, 8]), '0-2,5,8-9');
  });

  test('bad options name the option and what was expected', () => {
    const cases: Array<[Partial<SlurmArrayOptions>, RegExp]> = [
      [{ tasks: 0 }, /--tasks must be a whole number >= 1 \(got 0\)/],
      [{ time: '2h' }, /--time "2h" is not a Slurm time limit \(expected MM, HH:MM:SS or D-HH:MM:SS\)/],
      [{ partition: 'cpu; rm -rf /' }, /--partition "cpu; rm -rf \/" is not a partition name/],
      [{ cpusPerTask: 1.5 }, /--cpus-per-task must be a whole number >= 1/],
      [{ gres: 'gpu 1' }, /--gres "gpu 1" is not a resource list/],
      [{ sbatchArguments: ['-A ml'] }, /--sbatch-arg "-A ml" must be one long option/],
      [{ taskIndices: [3] }, /task index 3 is outside 0..2/],
      [{ command: [] }, /the worker command is empty/],
    ];
    for (const [change, message] of cases)
      assert.throws(
        () => validateSlurmOptions({ ...base, ...change }),
        (error: unknown) => error instanceof SlurmOptionError && message.test((error as Error).message),
      );
    for (const time of ['30', '1:30:00', '2-00:00:00']) validateSlurmOptions({ ...base, time });
  });

  test('squeue lines give each task its state, ranges and throttles included', () => {
    const states = parseQueue('41_[3-5%2]|PENDING\n41_1|RUNNING\n42_0|RUNNING\n41|PENDING\n', '41');
    assert.deepEqual([...states.entries()].sort(), [
      [1, 'RUNNING'],
      [3, 'PENDING'],
      [4, 'PENDING'],
      [5, 'PENDING'],
    ]);
  });
});
