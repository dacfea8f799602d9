/**
 * Runs the PyTorch CPU peers for `npm run benchmark` (src/bench/torch_peer.py: the 20
 * Newsgroups networks; src/bench/torch_conv_peer.py: the Fashion-MNIST conv teacher) and
 * reads their JSON line. Finds a Python with `torch` importable: `HKD_TORCH_PYTHON` when set,
 * else `python3`, then Debian's `/usr/bin/python3` (package python3-torch). Where none has
 * torch, the benchmark prints the reason and carries on without the PyTorch column.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** What every PyTorch peer reports about itself and its data. */
export interface TorchPeerInfo {
  python: string;
  torchVersion: string;
  threads: number;
  ompWaitPolicy: string;
  rows: number;
  validationRows: number;
}

/** The peer's timings (see torch_peer.py). */
export interface TorchTiming extends TorchPeerInfo {
  teacherSecondsPerEpoch: number;
  studentSecondsPerEpoch: number;
  groupStudents: number;
  groupStudentEpochs: number;
  groupSeconds: number;
  studentsPerMinute: number;
}

/** Options of {@link runTorchPeer}. */
export interface TorchPeerOptions {
  threads: number;
  rows: number;
  validationRows: number;
  epochs: number;
  students: number;
  studentEpochs: number;
}

/** A peer script: beside this file in src/ (dist/ holds only compiled TypeScript). */
export function torchPeerScript(name = 'torch_peer.py'): string {
  const candidates = [path.join(__dirname, name), path.resolve(__dirname, '..', '..', 'src', 'bench', name)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`${name} not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Python interpreters to try, in order. */
function pythonCandidates(): string[] {
  const fromEnvironment = process.env.HKD_TORCH_PYTHON;
  return [...(fromEnvironment ? [fromEnvironment] : []), 'python3', '/usr/bin/python3'];
}

/** First interpreter that imports torch, or why none does. */
export function findTorchPython(): { python: string } | { missing: string } {
  const tried: string[] = [];
  for (const python of pythonCandidates()) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { python };
    tried.push(`${python}: ${probe.error ? probe.error.message : 'no module torch'}`);
  }
  return {
    missing: `PyTorch not found (${tried.join('; ')}); install it with \`apt-get install python3-torch\` or \`pip install torch\`, or point HKD_TORCH_PYTHON at a Python that has it`,
  };
}

/** Runs a peer script with `argumentsList` on the first Python with torch; its JSON line, or why there is none. */
function runPeerScript<T>(script: string, argumentsList: string[]): (T & { python: string }) | { missing: string } {
  const found = findTorchPython();
  if ('missing' in found) return found;
  const child = spawnSync(found.python, [torchPeerScript(script), ...argumentsList], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = (child.stdout ?? '').trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{'))
    return {
      missing: `PyTorch peer failed (exit ${child.status}): ${(child.stderr || child.stdout || '').trim().split('\n').slice(-3).join(' | ')}`,
    };
  const parsed = JSON.parse(line) as Partial<T> & { error?: string };
  if (parsed.error) return { missing: parsed.error };
  return { ...(parsed as T), python: found.python };
}

/** Runs the peer; returns its timings or why there are none. */
export function runTorchPeer(options: TorchPeerOptions): TorchTiming | { missing: string } {
  return runPeerScript<TorchTiming>('torch_peer.py', [
    '--threads',
    String(options.threads),
    '--rows',
    String(options.rows),
    '--validation-rows',
    String(options.validationRows),
    '--epochs',
    String(options.epochs),
    '--students',
    String(options.students),
    '--student-epochs',
    String(options.studentEpochs),
  ]);
}

/** The conv peer's timings (see torch_conv_peer.py). */
export interface TorchConvTiming extends TorchPeerInfo {
  testRows: number;
  batchSize: number;
  secondsPerEpoch: number;
  cpuSecondsPerEpoch: number;
}

/** Options of {@link runTorchConvPeer}: the Fashion-MNIST files and the slice's sizes. */
export interface TorchConvPeerOptions {
  threads: number;
  files: Record<'trainImages' | 'trainLabels' | 'testImages' | 'testLabels', string>;
  rows: number;
  validationRows: number;
  testRows: number;
  validationStart: number;
  batchSize: number;
  epochs: number;
}

/** Runs the conv teacher's peer (torch_conv_peer.py); its timings or why there are none. */
export function runTorchConvPeer(options: TorchConvPeerOptions): TorchConvTiming | { missing: string } {
  const { files } = options;
  return runPeerScript<TorchConvTiming>('torch_conv_peer.py', [
    ...['--threads', String(options.threads), '--train-images', files.trainImages],
    ...['--train-labels', files.trainLabels, '--test-images', files.testImages, '--test-labels', files.testLabels],
    ...['--rows', String(options.rows), '--validation-rows', String(options.validationRows)],
    ...['--test-rows', String(options.testRows), '--validation-start', String(options.validationStart)],
    ...['--batch-size', String(options.batchSize), '--epochs', String(options.epochs)],
  ]);
}
