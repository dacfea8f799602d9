import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCommandLine } from '../pipeline/cli';
import { parseStudyArguments } from '../study/cli';
import { parseClusterArguments, withAbsoluteRunsDirectory, withoutClusterFlags } from './clusterArguments';
import { threadsPerWorker } from './localWorkers';

describe('cluster command-line flags', () => {
  test('one mode at a time: a worker, local workers or a Slurm array', () => {
    assert.deepEqual(parseClusterArguments({}), { kind: 'single' });
    assert.deepEqual(parseClusterArguments({ shard: '1/3', 'worker-wait': '60' }), {
      kind: 'worker',
      worker: { unclaimedTimeoutMs: 60_000, mode: { kind: 'shard', index: 1, count: 3 } },
    });
    assert.deepEqual(parseClusterArguments({ dynamic: true }), {
      kind: 'worker',
      worker: { mode: { kind: 'dynamic' } },
    });
    // Local workers and Slurm tasks are dynamic unless --static (dynamic finishes first: src/study/scheduleModes.ts).
    for (const dynamic of [undefined, true])
      assert.deepEqual(parseClusterArguments({ workers: '2', dynamic }), {
        kind: 'local',
        workers: 2,
        dynamic: true,
        worker: {},
      });
    assert.deepEqual(parseClusterArguments({ workers: '2', static: true }), {
      kind: 'local',
      workers: 2,
      dynamic: false,
      worker: {},
    });
    const slurmTasks = (values: { static?: boolean; dynamic?: boolean }) =>
      parseClusterArguments({ executor: 'slurm', tasks: '2', ...values });
    assert.equal((slurmTasks({}) as { slurm: { dynamic: boolean } }).slurm.dynamic, true);
    assert.equal((slurmTasks({ dynamic: true }) as { slurm: { dynamic: boolean } }).slurm.dynamic, true);
    assert.equal((slurmTasks({ static: true }) as { slurm: { dynamic: boolean } }).slurm.dynamic, false);
    assert.deepEqual(
      parseClusterArguments({
        executor: 'slurm',
        tasks: '4',
        time: '01:00:00',
        'cpus-per-task': '2',
        gres: 'gpu:1',
        'sbatch-arg': ['--account=ml'],
        wait: true,
      }),
      {
        kind: 'slurm',
        slurm: {
          tasks: 4,
          partition: undefined,
          time: '01:00:00',
          cpusPerTask: 2,
          gres: 'gpu:1',
          sbatchArguments: ['--account=ml'],
          wait: true,
          resubmit: undefined,
          dynamic: true,
        },
        worker: {},
      },
    );
  });

  test('every problem is listed, naming the flag and the value', () => {
    assert.throws(
      () => parseClusterArguments({ shard: '1/3', workers: '2' }),
      /--shard and --workers cannot be combined/,
    );
    assert.throws(
      () => parseClusterArguments({ shard: '0/2', dynamic: true }),
      /--shard and --dynamic cannot be combined/,
    );
    assert.throws(() => parseClusterArguments({ workers: '0' }), /--workers: expected a whole number >= 1, got "0"/);
    assert.throws(
      () => parseClusterArguments({ workers: '2', static: true, dynamic: true }),
      /--static and --dynamic cannot be combined/,
    );
    assert.throws(
      () => parseClusterArguments({ static: true }),
      /--static: only with --workers <n> or --executor slurm/,
    );
    assert.throws(
      () => parseClusterArguments({ shard: '0/2', static: true }),
      /--static: only with --workers <n> or --executor slurm \(one worker by hand is static with --shard i\/n\)/,
    );
    assert.throws(() => parseClusterArguments({ tasks: '2' }), /--tasks: only with --executor slurm/);
    assert.throws(
      () => parseClusterArguments({ executor: 'pbs', tasks: '2' }),
      /--executor: expected slurm or kubernetes, got "pbs"/,
    );
    assert.throws(() => parseClusterArguments({ executor: 'slurm' }), /--tasks <n> is required/);
    assert.throws(
      () => parseClusterArguments({ executor: 'slurm', tasks: '2', time: 'soon' }),
      /--time "soon" is not a Slurm time limit/,
    );
    assert.throws(
      () => parseClusterArguments({ executor: 'slurm', resubmit: 'abc' }),
      /--resubmit: expected a Slurm job id \(digits\), got "abc"/,
    );
    assert.throws(
      () => parseClusterArguments({ shard: '0/2', 'stale-heartbeats': '1', 'claim-heartbeat': '-3' }),
      /--claim-heartbeat: expected a number of seconds > 0, got "-3"\n--stale-heartbeats: expected a whole number >= 2, got "1"/,
    );
    assert.throws(
      () => parseCommandLine(['--smoke', '--workers', '2', '--fresh']),
      /--fresh cannot be combined with workers/,
    );
  });

  test('the workers run the same command without the flags that start workers, on an absolute runs folder', () => {
    const argv = [
      '--smoke',
      '--workers',
      '2',
      '--dynamic',
      '--executor=slurm',
      '--tasks',
      '3',
      '--sbatch-arg',
      '--account=x',
      '--wait',
      '--seeds',
      '1,2',
      '--runs-dir',
      'runs-here',
      '--worker-wait',
      '9',
    ];
    assert.deepEqual(withoutClusterFlags(argv), [
      '--smoke',
      '--seeds',
      '1,2',
      '--runs-dir',
      'runs-here',
      '--worker-wait',
      '9',
    ]);
    assert.deepEqual(withoutClusterFlags(argv, true), ['--smoke', '--seeds', '1,2', '--runs-dir', 'runs-here']);
    assert.deepEqual(withAbsoluteRunsDirectory(['--smoke', '--runs-dir', 'x'], '/shared/runs'), [
      '--smoke',
      '--runs-dir',
      '/shared/runs',
    ]);
    assert.deepEqual(parseCommandLine(['--smoke', '--shard', '0/2']).cluster, {
      kind: 'worker',
      worker: { mode: { kind: 'shard', index: 0, count: 2 } },
    });
    assert.deepEqual(parseStudyArguments(['--smoke', '--workers', '3']).cluster, {
      kind: 'local',
      workers: 3,
      dynamic: true,
      worker: {},
    });
    assert.deepEqual(withoutClusterFlags(['--smoke', '--workers', '3', '--static']), ['--smoke']);
    assert.throws(
      () => parseStudyArguments(['--smoke', '--executor', 'slurm', '--tasks', '2', '--fresh']),
      /--fresh cannot be combined with workers/,
    );
  });

  test('each local worker gets an equal share of the cores, at least one thread', () => {
    assert.equal(threadsPerWorker(16, 4), 4);
    assert.equal(threadsPerWorker(2, 2), 1);
    assert.equal(threadsPerWorker(2, 3), 1);
    assert.equal(threadsPerWorker(7, 2), 3);
  });
});
