/**
 * Runs the PyTorch CPU peer (src/bench/torch_peer.py) for `npm run benchmark` and reads
 * its JSON line. Finds a Python with `torch` importable: `HKD_TORCH_PYTHON` when set,
 * else `python3`, then Debian's `/usr/bin/python3` (package python3-torch). Where none has
 * torch, the benchmark prints the reason and carries on without the PyTorch column.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The peer's timings (see torch_peer.py). */
export interface TorchTiming {
  python: string;
  torchVersion: string;
  threads: number;
  ompWaitPolicy: string;
  rows: number;
  validationRows: number;
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

/** The peer script: beside this file in src/ (dist/ holds only compiled TypeScript). */
export function torchPeerScript(): string {
  const candidates = [
    path.join(__dirname, 'torch_peer.py'),
    path.resolve(__dirname, '..', '..', 'src', 'bench', 'torch_peer.py'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`torch_peer.py not found (looked in ${candidates.join(', ')})`);
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

/** Runs the peer; returns its timings or why there are none. */
export function runTorchPeer(options: TorchPeerOptions): TorchTiming | { missing: string } {
  const found = findTorchPython();
  if ('missing' in found) return found;
  const argumentsList = [
    torchPeerScript(),
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
  ];
  const child = spawnSync(found.python, argumentsList, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = (child.stdout ?? '').trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{'))
    return {
      missing: `PyTorch peer failed (exit ${child.status}): ${(child.stderr || child.stdout || '').trim().split('\n').slice(-3).join(' | ')}`,
    };
  const parsed = JSON.parse(line) as Partial<TorchTiming> & { error?: string };
  if (parsed.error) return { missing: parsed.error };
  return { ...(parsed as TorchTiming), python: found.python };
}
