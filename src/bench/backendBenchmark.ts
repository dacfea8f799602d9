#!/usr/bin/env node
/**
 * `npm run benchmark`: one table of training and encoding speed, every figure measured in
 * this run on this machine, with ratios against same-run baselines (targets are printed as
 * ratios, not timed tests):
 *
 * - seconds per epoch of the paper-sized teacher and of the two-head student on every tfjs
 *   backend that loads (each in its own process: a process keeps one backend), and of the
 *   same networks in PyTorch on the CPU (src/bench/torch_peer.py; skipped with a message
 *   where torch is absent);
 * - students per minute for a group of students (default 36, a hyper-parameter grid):
 *   tfjs one at a time, tfjs stacked (`trainGroup`, when src/training has it), PyTorch one at a time;
 * - documents per second of the default encoder (USE lite) on real 20 Newsgroups posts;
 * - seconds per full epoch of the Fashion-MNIST conv teacher on the native tfjs backend and in
 *   PyTorch (src/bench/convBenchmark.ts), on a slice of real images.
 *
 *   npm run benchmark                      # full: a few minutes on 2 idle cores
 *   npm run benchmark -- --quick           # smaller slices, well under a minute of work
 *   npm run benchmark -- --backends tensorflow,wasm --students 12 --documents 200
 *   npm run benchmark -- --only conv --conv-rows 6000   # only the conv teacher part
 *   npm run benchmark -- --only workers --teachers-from runs/fashion-mnist   # 1 worker x 2 threads vs 2 x 1
 *     (src/bench/workersBenchmark.ts; also --experiment, --part students|regimes, --seeds, --student-epochs)
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { backendNames, initializeBackend } from '../backend/backend';
import { convChild, convRatios, measureConvComparison, printConvComparison } from './convBenchmark';
import { benchmarkTexts, measureEncoder, type EncoderTiming } from './encoderTimings';
import { runTorchPeer, type TorchTiming } from './torchPeer';
import { workersBenchmarkMain } from './workersBenchmark';
import {
  benchmarkData,
  groupOneAtATimeSeconds,
  groupStackedSeconds,
  paperTrainingRows,
  paperValidationRows,
  studentSecondsPerEpoch,
  teacherSecondsPerEpoch,
  type StackedResult,
} from './trainingTimings';

interface EpochTiming {
  backend: string;
  description: string;
  rows: number;
  /** Scaled to the paper's 8,765 training rows (validation rows scaled alike). */
  teacherSecondsPerEpoch: number;
  studentSecondsPerEpoch: number;
}

interface GroupTiming {
  backend: string;
  students: number;
  studentEpochs: number;
  oneAtATimeSeconds: number;
  stacked: StackedResult;
}

/** Validation rows that keep the paper's train/validation proportion for `rows` training rows. */
function validationRowsFor(rows: number): number {
  return Math.max(1, Math.round((rows * paperValidationRows) / paperTrainingRows));
}

/** The benchmark's parts (`--only`): 20 Newsgroups epochs, the student group, the encoder, the conv teacher. */
const benchmarkParts = ['dense', 'group', 'encoder', 'conv'] as const;

async function childMain(kind: string, values: Record<string, string | boolean | undefined>): Promise<unknown> {
  const info = await initializeBackend(String(values.backend));
  if (kind === 'epochs') {
    const rows = Number(values.rows);
    const epochs = Number(values.epochs);
    const data = benchmarkData(rows, validationRowsFor(rows));
    const scale = paperTrainingRows / rows;
    const teacher = await teacherSecondsPerEpoch(data, epochs);
    const student = await studentSecondsPerEpoch(data, epochs);
    return {
      backend: info.name,
      description: info.description,
      rows,
      teacherSecondsPerEpoch: teacher * scale,
      studentSecondsPerEpoch: student * scale,
    } satisfies EpochTiming;
  }
  if (kind === 'group') {
    const students = Number(values.students);
    const studentEpochs = Number(values['student-epochs']);
    const data = benchmarkData(paperTrainingRows, paperValidationRows);
    const oneAtATimeSeconds = await groupOneAtATimeSeconds(data, students, studentEpochs);
    const stacked = await groupStackedSeconds(data, students, studentEpochs);
    return { backend: info.name, students, studentEpochs, oneAtATimeSeconds, stacked } satisfies GroupTiming;
  }
  if (kind === 'encoder')
    return { backend: info.name, ...(await measureEncoder(await benchmarkTexts(Number(values.documents)))) };
  if (kind === 'conv') return convChild(info.name, Number(values.rows), Number(values.epochs));
  throw new Error(`unknown child measurement "${kind}"`);
}

/** Runs one measurement in a fresh process (one backend per process); its JSON or why it failed. */
function inChild<T>(kind: string, backend: string, extra: string[]): T | { failed: string } {
  const child = spawnSync(process.execPath, [__filename, '--child', kind, '--backend', backend, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, HKD_BACKEND: '' },
    maxBuffer: 1 << 24,
  });
  const line = (child.stdout ?? '').trim().split('\n').pop() ?? '';
  if (child.status === 0 && line.startsWith('{')) return JSON.parse(line) as T;
  const failure = (child.stderr || child.stdout || '')
    .trim()
    .split('\n')
    .find((text) => text.startsWith('benchmark failed: '));
  return { failed: failure ? failure.slice('benchmark failed: '.length) : `exit ${child.status}` };
}

const seconds = (value: number) => `${value.toFixed(2)} s`;
const ratio = (value: number) => `x${value.toFixed(2)}`;

function row(label: string, figure: string, note = ''): void {
  console.log(`${label.padEnd(44)} ${figure.padStart(14)}  ${note}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      backend: { type: 'string' },
      quick: { type: 'boolean', default: false },
      backends: { type: 'string', default: backendNames.join(',') },
      rows: { type: 'string' },
      'slow-rows': { type: 'string' },
      epochs: { type: 'string' },
      students: { type: 'string' },
      'student-epochs': { type: 'string' },
      documents: { type: 'string' },
      threads: { type: 'string', default: String(cpus().length) },
      'comparison-epochs': { type: 'string', default: '20' },
      only: { type: 'string', default: benchmarkParts.join(',') },
      'conv-rows': { type: 'string' },
      'conv-epochs': { type: 'string' },
      experiment: { type: 'string', default: 'fashion-mnist' },
      part: { type: 'string', default: 'students' },
      seeds: { type: 'string', default: '1,2' },
      'teachers-from': { type: 'string' },
      smoke: { type: 'boolean', default: false },
      methods: { type: 'string' },
      keep: { type: 'boolean', default: false },
      static: { type: 'boolean', default: false },
      'group-size': { type: 'string' },
      fractions: { type: 'string' },
    },
  });
  if (values.child) {
    process.stdout.write(`${JSON.stringify(await childMain(values.child, values))}\n`);
    return;
  }
  if (values.only === 'workers') return workersBenchmarkMain(values, row);
  const quick = values.quick!;
  const rows = Number(values.rows ?? (quick ? 2048 : paperTrainingRows));
  const slowRows = Number(values['slow-rows'] ?? (quick ? 256 : 512));
  const epochs = Number(values.epochs ?? (quick ? 1 : 2));
  const students = Number(values.students ?? (quick ? 6 : 36));
  const studentEpochs = Number(values['student-epochs'] ?? (quick ? 1 : 2));
  const documents = Number(values.documents ?? (quick ? 128 : 500));
  const threads = Number(values.threads);
  const parts = new Set(values.only!.split(','));
  for (const part of parts)
    if (!(benchmarkParts as readonly string[]).includes(part))
      throw new Error(
        `--only: unknown part "${part}"; expected a comma-separated list of ${benchmarkParts.join(', ')}`,
      );
  const convRows = Number(values['conv-rows'] ?? (quick ? 1500 : 6000));
  const convEpochs = Number(values['conv-epochs'] ?? (quick ? 1 : 2));
  const loadBefore = loadavg()[0];
  const started = performance.now();

  console.log(
    `hkd benchmark: ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadBefore.toFixed(2)} at start`,
  );
  if (parts.has('dense') || parts.has('group')) {
    console.log(
      `teacher [1380,224,96,64]+20, two-head student [204]+20+6 (heterogeneous KD), 512-d float32, batch 128, Adam 1e-3;`,
    );
    console.log(
      `${paperTrainingRows} training rows, ${paperValidationRows} validation rows scored every epoch (epochs measured on fewer rows are scaled)\n`,
    );
  }

  const epochResults: EpochTiming[] = [];
  for (const backend of parts.has('dense') ? values.backends!.split(',') : []) {
    const backendRows = backend === 'cpu' ? slowRows : rows;
    // The pure-JS backend is ~50x slower: fewer rows and one measured epoch keep the run short.
    const backendEpochs = backend === 'cpu' ? 1 : epochs;
    const result = inChild<EpochTiming>('epochs', backend, [
      '--rows',
      String(backendRows),
      '--epochs',
      String(backendEpochs),
    ]);
    if ('failed' in result) {
      row(`tfjs ${backend}`, 'not available', result.failed);
      continue;
    }
    epochResults.push(result);
  }
  const native =
    epochResults.find((result) => result.backend === 'tensorflow-gpu') ??
    epochResults.find((result) => result.backend === 'tensorflow') ??
    epochResults[0];
  const torch: TorchTiming | { missing: string } = !parts.has('dense')
    ? { missing: 'not asked for (--only)' }
    : runTorchPeer({
        threads,
        rows,
        validationRows: validationRowsFor(rows),
        epochs,
        students,
        studentEpochs,
      });
  const torchTiming: TorchTiming | undefined = 'missing' in torch ? undefined : torch;
  const torchScale = paperTrainingRows / rows;
  const group =
    native && parts.has('group')
      ? inChild<GroupTiming>('group', native.backend, [
          '--students',
          String(students),
          '--student-epochs',
          String(studentEpochs),
        ])
      : undefined;
  const encoder = parts.has('encoder')
    ? inChild<EncoderTiming & { backend: string }>('encoder', native?.backend ?? 'tensorflow', [
        '--documents',
        String(documents),
      ])
    : undefined;
  const conv = parts.has('conv')
    ? await measureConvComparison({
        rows: convRows,
        epochs: convEpochs,
        threads,
        measureTfjs: () =>
          inChild('conv', native?.backend ?? 'tensorflow', [
            '--rows',
            String(convRows),
            '--epochs',
            String(convEpochs),
          ]),
      })
    : undefined;

  if (parts.has('dense')) console.log('--- seconds per epoch (paper sizes) ---');
  for (const result of epochResults) {
    row(
      `teacher, tfjs ${result.backend}`,
      seconds(result.teacherSecondsPerEpoch),
      `measured on ${result.rows} rows; ${result.description}`,
    );
    row(`student, tfjs ${result.backend}`, seconds(result.studentSecondsPerEpoch));
  }
  if (torchTiming) {
    row(
      'teacher, PyTorch CPU',
      seconds(torchTiming.teacherSecondsPerEpoch * torchScale),
      `torch ${torchTiming.torchVersion}, ${torchTiming.threads} threads, OMP_WAIT_POLICY=${torchTiming.ompWaitPolicy} (${torchTiming.python})`,
    );
    row('student, PyTorch CPU', seconds(torchTiming.studentSecondsPerEpoch * torchScale));
  } else if (parts.has('dense')) {
    row('PyTorch CPU', 'skipped', (torch as { missing: string }).missing);
  }

  if (parts.has('group'))
    console.log(
      `\n--- a ${students}-point group (6 x 6 temperature x studentLossWeight of method A, seed 1), ${studentEpochs} epoch(s) each, paper sizes ---`,
    );
  let stackedPerMinute: number | undefined;
  let oneAtATimePerMinute: number | undefined;
  if (group && !('failed' in group)) {
    oneAtATimePerMinute = (students * 60) / group.oneAtATimeSeconds;
    row(
      `tfjs ${group.backend}, one at a time`,
      `${oneAtATimePerMinute.toFixed(1)} /min`,
      `${seconds(group.oneAtATimeSeconds)} for the group`,
    );
    if ('seconds' in group.stacked) {
      stackedPerMinute = (students * 60) / group.stacked.seconds;
      row(
        `tfjs ${group.backend}, stacked (trainGroup)`,
        `${stackedPerMinute.toFixed(1)} /min`,
        `${seconds(group.stacked.seconds)} for the group`,
      );
    } else {
      row(`tfjs ${group.backend}, stacked (trainGroup)`, 'not measured', group.stacked.skipped);
    }
  } else if (parts.has('group')) {
    row('tfjs group', 'not measured', group ? group.failed : 'no tfjs backend loaded');
  }
  if (torchTiming && parts.has('group'))
    row(
      'PyTorch CPU, one at a time',
      `${torchTiming.studentsPerMinute.toFixed(1)} /min`,
      `${seconds(torchTiming.groupSeconds)} for the group`,
    );

  if (encoder) console.log('\n--- default encoder (USE lite) on real 20 Newsgroups posts ---');
  if (encoder && 'failed' in encoder) {
    row('encoder', 'not measured', encoder.failed);
  } else if (encoder) {
    row(
      `documents/s, tfjs ${encoder.backend}`,
      `${encoder.documentsPerSecond.toFixed(1)} /s`,
      `${encoder.documents} posts, ${encoder.meanTokens.toFixed(0)} tokens each on average`,
    );
    const parts = encoder.tokenizerSeconds + encoder.graphSeconds;
    row(
      '  tokenizer share',
      `${((100 * encoder.tokenizerSeconds) / parts).toFixed(0)} %`,
      `${seconds(encoder.tokenizerSeconds)} tokenizer, ${seconds(encoder.graphSeconds)} graph`,
    );
  }
  if (conv) printConvComparison(conv, row);

  console.log('\n--- ratios against same-run baselines (target in brackets) ---');
  if (native && torchTiming) {
    row(
      `teacher epoch, tfjs ${native.backend} / PyTorch`,
      ratio(native.teacherSecondsPerEpoch / (torchTiming.teacherSecondsPerEpoch * torchScale)),
      '[<= x1.5]',
    );
    row(
      `student epoch, tfjs ${native.backend} / PyTorch`,
      ratio(native.studentSecondsPerEpoch / (torchTiming.studentSecondsPerEpoch * torchScale)),
    );
  }
  if (stackedPerMinute !== undefined && oneAtATimePerMinute !== undefined)
    row('group, stacked / one at a time (speed-up)', ratio(stackedPerMinute / oneAtATimePerMinute), '[>= x5]');
  if (stackedPerMinute !== undefined && torchTiming)
    row('group, stacked / PyTorch one at a time', ratio(stackedPerMinute / torchTiming.studentsPerMinute), '[> x1]');
  if (oneAtATimePerMinute !== undefined && torchTiming)
    row('group, tfjs one at a time / PyTorch', ratio(oneAtATimePerMinute / torchTiming.studentsPerMinute));
  const convRatio = conv && convRatios(conv);
  if (convRatio)
    row(
      'conv teacher epoch, tfjs / PyTorch',
      ratio(convRatio.wall),
      `[<= x1.5] CPU seconds x${convRatio.cpu.toFixed(2)}`,
    );
  if (encoder && !('failed' in encoder))
    row('encoder documents/s / 200', ratio(encoder.documentsPerSecond / 200), '[>= x1]');
  if (native) {
    // 5 seeds x (2 teachers + 5 students); epochs per run vary with early stopping, so this is an estimate.
    const comparisonEpochs = Number(values['comparison-epochs']);
    const estimate = 5 * comparisonEpochs * (2 * native.teacherSecondsPerEpoch + 5 * native.studentSecondsPerEpoch);
    row(
      '35-run comparison estimate, one at a time',
      `${(estimate / 60).toFixed(1)} min`,
      `[< 6] at ${comparisonEpochs} epochs per run (--comparison-epochs), embeddings cached`,
    );
    if (group && !('failed' in group) && 'seconds' in group.stacked) {
      // Students at the stacked group's seconds per student-epoch (a same-seed grid: an optimistic bound for 5 methods x 5 seeds).
      const stackedStudentEpoch = group.stacked.seconds / (group.students * group.studentEpochs);
      const withStacking = 5 * comparisonEpochs * (2 * native.teacherSecondsPerEpoch + 5 * stackedStudentEpoch);
      row(
        '35-run comparison estimate, students stacked',
        `${(withStacking / 60).toFixed(1)} min`,
        `[< 6] teachers one at a time, students at ${stackedStudentEpoch.toFixed(2)} s per student-epoch`,
      );
    }
  }
  console.log(
    `\nload average ${loadavg()[0].toFixed(2)} at the end; ${((performance.now() - started) / 1000).toFixed(0)} s in all (figures from a busy machine are not comparable across runs, ratios are)`,
  );
}

main().catch((error: Error) => {
  console.error(`benchmark failed: ${error.message}`);
  process.exit(1);
});
