import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sbatchScript } from './sbatchScript';
import { arrayStates, cancelJob, slurmAvailable, submitScript, waitForArray } from './slurmClient';

/**
 * Against a REAL Slurm (no fake sbatch): CI starts a one-node cluster with
 * src/scripts/cluster/slurm-local.sh before the tests. Where no controller answers, the test is
 * skipped and says how to start one. The folder is under the project (a file system the node sees).
 */
const available = slurmAvailable();
const skip = available
  ? false
  : 'no Slurm controller answers here (start one: sudo bash src/scripts/cluster/slurm-local.sh start)';
const scratch = path.resolve(__dirname, '..', '..', '.cache', 'slurm-tests');

function folder(): string {
  require('node:fs').mkdirSync(scratch, { recursive: true });
  return mkdtempSync(path.join(scratch, 'job-'));
}

describe('a job array on a real Slurm', () => {
  test('two tasks run the worker with their own shard and report exit codes', { skip, timeout: 120_000 }, async () => {
    const logs = folder();
    const worker = path.join(logs, 'worker.js');
    writeFileSync(
      worker,
      `require('fs').writeFileSync(require('path').join(${JSON.stringify(logs)}, 'shard-' + process.argv[3].replace('/', '-of-')), process.env.TF_NUM_INTRAOP_THREADS);\nprocess.exit(process.argv[3].startsWith('1/') ? 3 : 0);\n`,
    );
    const script = path.join(logs, 'array.sbatch');
    writeFileSync(
      script,
      sbatchScript({
        tasks: 2,
        jobName: 'hkd-test',
        workDirectory: logs,
        logDirectory: logs,
        command: [process.execPath, worker],
        cpusPerTask: 1,
      }),
    );
    const jobId = submitScript(script);
    const polls: string[] = [];
    const states = await waitForArray(jobId, [0, 1], logs, {
      pollMs: 500,
      timeoutMs: 100_000,
      onPoll: (now) => polls.push(now.map((task) => task.state).join(',')),
    });
    assert.deepEqual(states, [
      { index: 0, state: 'COMPLETED', exitCode: 0 },
      { index: 1, state: 'FAILED', exitCode: 3 },
    ]);
    assert.equal(readFileSync(path.join(logs, 'shard-0-of-2'), 'utf8'), '1');
    assert.ok(existsSync(path.join(logs, 'shard-1-of-2')));
    assert.ok(polls.length >= 1);
  });

  test('a task cancelled while it runs ends without a zero exit code; the other finishes', {
    skip,
    timeout: 120_000,
  }, async () => {
    const logs = folder();
    const worker = path.join(logs, 'worker.js');
    writeFileSync(
      worker,
      `const shard = process.argv[2 + 1];\nif (shard.startsWith('0/')) setTimeout(() => {}, 600000); else require('fs').writeFileSync(${JSON.stringify(path.join(logs, 'done'))}, shard);\n`,
    );
    const script = path.join(logs, 'array.sbatch');
    writeFileSync(
      script,
      sbatchScript({
        tasks: 2,
        jobName: 'hkd-cancel',
        workDirectory: logs,
        logDirectory: logs,
        command: [process.execPath, worker],
      }),
    );
    const jobId = submitScript(script);
    for (let look = 0; look < 100; look += 1) {
      if (arrayStates(jobId, [0], logs)[0].state === 'RUNNING') break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    cancelJob(jobId, 0);
    const states = await waitForArray(jobId, [0, 1], logs, { pollMs: 500, timeoutMs: 100_000 });
    assert.notEqual(states[0].exitCode, 0, `task 0: ${JSON.stringify(states[0])}`);
    assert.equal(states[1].exitCode, 0);
    assert.equal(readFileSync(path.join(logs, 'done'), 'utf8'), '1/2');
  });
});
