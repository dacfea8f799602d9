import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SlurmCommandError } from '../cluster/slurmClient';
import { asUserFacing, debugRequested, formatCliFailure, UserFacingError } from './cliErrors';

class ConfigError extends Error {
  override name = 'ConfigError';
}

describe('CLI failures: one clean line, stack traces with --debug / HKD_DEBUG=1', () => {
  it('a user-facing error or a plain Error is one line; a programming error adds how to get its stack', () => {
    assert.equal(
      formatCliFailure('pipeline', new ConfigError('seeds[0]: got -3'), false),
      'pipeline failed: seeds[0]: got -3',
    );
    assert.equal(
      formatCliFailure('report', new Error('experiment folder runs/x does not exist'), false),
      'report failed: experiment folder runs/x does not exist',
    );
    const unreachable = new SlurmCommandError(
      'sbatch --parsable array.sbatch failed (exit 1): Unable to contact slurm controller',
    );
    assert.equal(
      formatCliFailure('study', unreachable, false),
      'study failed: sbatch --parsable array.sbatch failed (exit 1): Unable to contact slurm controller',
    );
    assert.equal(
      formatCliFailure('study', new TypeError("Cannot read properties of undefined (reading 'accuracy')"), false),
      "study failed: Cannot read properties of undefined (reading 'accuracy')\n(unexpected error: run again with --debug or HKD_DEBUG=1 for its stack trace)",
    );
  });

  it('with debug, the stack trace follows the line', () => {
    const error = new TypeError('boom');
    const printed = formatCliFailure('pipeline', error, true).split('\n');
    assert.equal(printed[0], 'pipeline failed: boom');
    assert.equal(printed[1], 'TypeError: boom');
    assert.match(printed[2], /^ {4}at /);
  });

  it('debugRequested: --debug, HKD_DEBUG=1 or true; not otherwise', () => {
    assert.equal(debugRequested(['node', 'cli.js', '--debug'], {}), true);
    assert.equal(debugRequested(['node', 'cli.js'], { HKD_DEBUG: '1' }), true);
    assert.equal(debugRequested(['node', 'cli.js'], { HKD_DEBUG: 'TRUE' }), true);
    assert.equal(debugRequested(['node', 'cli.js'], { HKD_DEBUG: '0' }), false);
    assert.equal(debugRequested(['node', 'cli.js', '--smoke'], {}), false);
  });

  it('asUserFacing turns a parsing step’s error into a user-facing one with the original stack', () => {
    const original = new TypeError('bad option');
    assert.throws(
      () =>
        asUserFacing(() => {
          throw original;
        }),
      (error: Error) =>
        error instanceof UserFacingError && error.message === 'bad option' && error.stack === original.stack,
    );
    assert.equal(
      asUserFacing(() => 3),
      3,
    );
  });

  it('the real CLIs: a bad option is one line; --debug and HKD_DEBUG=1 print the stack', () => {
    const pipeline = path.join(__dirname, '..', 'pipeline', 'cli.js');
    const plain = spawnSync(process.execPath, [pipeline, '--seeds=-3'], { encoding: 'utf8' });
    assert.equal(plain.status, 1);
    assert.equal(plain.stderr.trim().split('\n').length, 1, plain.stderr);
    assert.match(plain.stderr, /^pipeline failed: --seeds: got "-3"/);
    for (const [args, environment] of [
      [['--seeds=-3', '--debug'], {}],
      [['--seeds=-3'], { HKD_DEBUG: '1' }],
    ] as const) {
      const debug = spawnSync(process.execPath, [pipeline, ...args], {
        encoding: 'utf8',
        env: { ...process.env, ...environment },
      });
      assert.equal(debug.status, 1);
      assert.match(
        debug.stderr,
        /^pipeline failed: --seeds: got "-3".*\n.*Error: --seeds: got "-3".*\n {4}at parseCommandLine /,
      );
    }
    const study = spawnSync(
      process.execPath,
      [
        path.join(__dirname, '..', 'study', 'cli.js'),
        '--out',
        '/proc/hkd-study-out',
        '--smoke',
        '--runs-dir',
        os.tmpdir(),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(study.status, 1);
    assert.equal(
      study.stderr.trim(),
      "study failed: --out /proc/hkd-study-out: cannot create /proc/hkd-study-out (ENOENT: no such file or directory, mkdir '/proc/hkd-study-out')",
    );
    const report = spawnSync(
      process.execPath,
      [path.join(__dirname, '..', 'report', 'cli.js'), '--experiment', 'x', '--out', '/proc/hkd-report-out'],
      { encoding: 'utf8' },
    );
    assert.equal(report.status, 1);
    assert.match(report.stderr, /^report failed: --out \/proc\/hkd-report-out: cannot create/);
  });
});
