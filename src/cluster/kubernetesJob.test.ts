import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseClusterArguments, withoutClusterFlags } from './clusterArguments';
import { type KubernetesJobOptions, kubernetesIndexedJob, validateKubernetesJobOptions } from './kubernetesJob';

const base: KubernetesJobOptions = {
  tasks: 4,
  name: 'hkd-study-20261206-120000',
  image: 'node:20-bookworm',
  volumeClaim: 'hkd-shared',
  mountPath: '/shared',
  workDirectory: '/shared/hkd',
  command: ['node', 'dist/study/cli.js', '--smoke', '--runs-dir', '/shared/hkd/runs'],
  cpusPerTask: 2,
};

type Container = { command: string[]; env: Array<{ name: string; value: string }>; workingDir: string };

describe('Kubernetes Indexed Job', () => {
  test('one pod per worker, each the worker with its completion index as shard, over the shared claim', () => {
    const job = kubernetesIndexedJob({ ...base, environment: { HKD_DATA_DIR: '/shared/hkd/data' } }) as {
      spec: {
        completionMode: string;
        completions: number;
        parallelism: number;
        template: { spec: Record<string, unknown> };
      };
    };
    assert.equal(job.spec.completionMode, 'Indexed');
    assert.equal(job.spec.completions, 4);
    assert.equal(job.spec.parallelism, 4);
    const pod = job.spec.template.spec as { restartPolicy: string; containers: Container[]; volumes: unknown[] };
    assert.equal(pod.restartPolicy, 'Never');
    assert.deepEqual(pod.volumes, [{ name: 'shared', persistentVolumeClaim: { claimName: 'hkd-shared' } }]);
    const [container] = pod.containers;
    assert.equal(container.workingDir, '/shared/hkd');
    assert.deepEqual(container.env, [
      { name: 'HKD_DATA_DIR', value: '/shared/hkd/data' },
      { name: 'TF_NUM_INTRAOP_THREADS', value: '2' },
      { name: 'OMP_NUM_THREADS', value: '2' },
    ]);
    // What pod 2 runs: the shell expands the index Kubernetes sets (echo stands in for node).
    const script = container.command[2].replace(/^exec node /, 'echo ');
    const run = spawnSync('sh', ['-c', script], {
      encoding: 'utf8',
      env: { ...process.env, JOB_COMPLETION_INDEX: '2' },
    });
    assert.equal(run.stdout, 'dist/study/cli.js --smoke --runs-dir /shared/hkd/runs --shard 2/4\n');
    assert.deepEqual(container.command.slice(0, 2), ['sh', '-c']);
  });

  test('bad options name the option and what was expected', () => {
    const cases: Array<[Partial<KubernetesJobOptions>, RegExp]> = [
      [{ tasks: 0 }, /--tasks must be a whole number >= 1 \(got 0\)/],
      [{ name: 'HKD_Job' }, /job name "HKD_Job" must be lower-case letters, digits and '-'/],
      [{ image: 'node 20' }, /--image "node 20" is not an image reference/],
      [{ volumeClaim: 'Shared_Volume' }, /--volume-claim "Shared_Volume" is not a PersistentVolumeClaim name/],
      [{ mountPath: 'shared' }, /--mount-path "shared" must be absolute/],
      [
        { workDirectory: '/home/me/hkd' },
        /the project \/home\/me\/hkd is not under --mount-path \/shared: pods would not see it/,
      ],
      [{ mountPath: '/shar' }, /the project \/shared\/hkd is not under --mount-path \/shar/],
      [{ cpusPerTask: 0 }, /--cpus-per-task must be a whole number >= 1/],
    ];
    for (const [change, message] of cases)
      assert.throws(() => validateKubernetesJobOptions({ ...base, ...change }), message);
  });

  test("the flags: required ones named, Slurm-only ones refused, and none left in the workers' command line", () => {
    assert.deepEqual(
      parseClusterArguments({
        executor: 'kubernetes',
        tasks: '3',
        image: 'node:20',
        'volume-claim': 'hkd',
        'cpus-per-task': '2',
      }),
      {
        kind: 'kubernetes',
        kubernetes: { tasks: 3, image: 'node:20', volumeClaim: 'hkd', mountPath: undefined, cpusPerTask: 2 },
        worker: {},
      },
    );
    assert.throws(
      () => parseClusterArguments({ executor: 'kubernetes', tasks: '3' }),
      /--executor kubernetes: --image is required\n--executor kubernetes: --volume-claim is required/,
    );
    assert.throws(
      () =>
        parseClusterArguments({
          executor: 'kubernetes',
          tasks: '2',
          image: 'i',
          'volume-claim': 'v',
          partition: 'cpu',
          wait: true,
        }),
      /--partition, --wait: only with --executor slurm/,
    );
    assert.throws(() => parseClusterArguments({ image: 'node:20' }), /--image: only with --executor kubernetes/);
    // The Indexed Job gives each pod a shard: --dynamic is refused there (it is the default elsewhere).
    assert.throws(
      () =>
        parseClusterArguments({ executor: 'kubernetes', tasks: '2', image: 'i', 'volume-claim': 'v', dynamic: true }),
      /--dynamic: the Kubernetes executor gives each pod a static shard/,
    );
    assert.deepEqual(
      withoutClusterFlags([
        '--smoke',
        '--executor',
        'kubernetes',
        '--image=node:20',
        '--volume-claim',
        'hkd',
        '--mount-path',
        '/x',
        '--tasks',
        '2',
      ]),
      ['--smoke'],
    );
  });

  test('npm run pipeline -- --executor kubernetes writes the job under the runs folder and says how to start it (no training here)', () => {
    const runs = mkdtempSync(path.join(tmpdir(), 'hkd-kubernetes-'));
    const cli = path.resolve(__dirname, '..', 'pipeline', 'cli.js');
    const args = [
      '--smoke',
      '--executor',
      'kubernetes',
      '--tasks',
      '2',
      '--image',
      'node:20',
      '--volume-claim',
      'hkd',
      '--mount-path',
      '/',
      '--runs-dir',
      runs,
    ];
    const result = spawnSync(process.execPath, [cli, ...args], {
      encoding: 'utf8',
      env: { ...process.env, HKD_DATA_MIRROR: '' },
    });
    assert.equal(result.status, 0, result.stderr);
    const [stamp] = readdirSync(path.join(runs, 'kubernetes'));
    const file = path.join(runs, 'kubernetes', stamp, 'indexed-job.json');
    assert.match(result.stdout, new RegExp(`start it: kubectl apply -f ${file.replace(/[.]/g, '\\.')}`));
    assert.match(result.stdout, /tables, when done: npm run pipeline -- --smoke --runs-dir /);
    const job = JSON.parse(readFileSync(file, 'utf8'));
    const command: string = job.spec.template.spec.containers[0].command[2];
    assert.match(
      command,
      /^exec node dist\/pipeline\/cli\.js --smoke --runs-dir \S+ --shard "\$JOB_COMPLETION_INDEX\/2"$/,
    );
    assert.equal(readdirSync(runs).join(','), 'kubernetes', 'nothing was trained or prepared here');
  });
});
