import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { activeBackend, backendNames, initializeBackend } from './backend';

/** Runs a tiny script in a fresh process (a process keeps its first backend). */
function inFreshProcess(
  environment: Record<string, string>,
  script: string,
): { status: number | null; stdout: string; stderr: string } {
  const backendModule = path.join(__dirname, 'backend');
  const code = `const b = require(${JSON.stringify(backendModule)}); ${script}`;
  const result = spawnSync(process.execPath, ['-e', code], {
    encoding: 'utf8',
    env: { ...process.env, ...environment },
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

describe('backend policy', () => {
  it('starts a backend, records what ran, and computes on it', async () => {
    const info = await initializeBackend();
    console.log(
      `backend under test: ${info.name} (${info.description}); skipped: ${info.skipped.join('; ') || 'none'}`,
    );
    assert.ok(backendNames.includes(info.name));
    assert.equal(tf.getBackend(), info.tfjsBackend);
    assert.equal(activeBackend(), info);
    assert.deepEqual(Array.from(tf.tensor([1, 2, 3]).square().dataSync()), [1, 4, 9]);
    // Later calls return the same answer and refuse to switch.
    assert.equal(await initializeBackend(), info);
    const other = info.name === 'cpu' ? 'wasm' : 'cpu';
    await assert.rejects(initializeBackend(other), /already active/);
  });

  it('HKD_BACKEND forces one backend', () => {
    const result = inFreshProcess(
      { HKD_BACKEND: 'cpu' },
      'b.initializeBackend().then((i) => console.log(i.name + " " + i.skipped.length))',
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.split('\n').pop(), 'cpu 0');
  });

  it('records the intra-op threads of a native backend: TF_NUM_INTRAOP_THREADS, else every core; none for cpu', () => {
    const script = 'b.initializeBackend().then((i) => console.log(i.name + " " + JSON.stringify(i.threads ?? null)))';
    const one = inFreshProcess({ TF_NUM_INTRAOP_THREADS: '1' }, script).stdout.split('\n').pop()!;
    const [name, threads] = one.split(' ');
    assert.equal(JSON.parse(threads), name.startsWith('tensorflow') ? 1 : null, one);
    const unset = inFreshProcess({ TF_NUM_INTRAOP_THREADS: '' }, 'console.log(b.nativeThreads())');
    assert.equal(Number(unset.stdout.split('\n').pop()), os.availableParallelism());
    const cpu = inFreshProcess({ HKD_BACKEND: 'cpu', TF_NUM_INTRAOP_THREADS: '1' }, script);
    assert.equal(cpu.stdout.split('\n').pop(), 'cpu null');
  });

  it('the wasm backend loads from the package', () => {
    const result = inFreshProcess({ HKD_BACKEND: 'wasm' }, 'b.initializeBackend().then((i) => console.log(i.name))');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.split('\n').pop(), 'wasm');
  });

  it('an unknown backend name is a clear error', () => {
    const result = inFreshProcess(
      { HKD_BACKEND: 'quantum' },
      'b.initializeBackend().catch((e) => { console.log(e.message); process.exit(3); })',
    );
    assert.equal(result.status, 3);
    assert.match(
      result.stdout,
      /HKD_BACKEND: unknown backend "quantum"; expected one of tensorflow-gpu, tensorflow, wasm, cpu/,
    );
  });

  it('tensorflow-gpu is skipped with a reason where no NVIDIA driver is loaded', () => {
    const result = inFreshProcess(
      { HKD_BACKEND: '' },
      'b.initializeBackend().then((i) => console.log(JSON.stringify(i.skipped)))',
    );
    assert.equal(result.status, 0, result.stderr);
    const skipped = JSON.parse(result.stdout.split('\n').pop()!) as string[];
    assert.match(skipped[0] ?? 'tensorflow-gpu: (not skipped: a GPU is present)', /^tensorflow-gpu: /);
  });
});
