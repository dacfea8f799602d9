#!/usr/bin/env node
/**
 * Seconds per training epoch of a paper-sized teacher (~1.05M parameters, 512-d input,
 * 20 outputs, batch 128) on every TensorFlow.js backend this machine can load, each in
 * its own process (a process keeps one backend). Epoch time is measured on `--rows`
 * training rows (fewer for the slow pure-JS backend) and scaled to paper 1's 8,765
 * training documents; ratios are against the fastest backend measured in the same run.
 *
 *   npm run benchmark            # all backends
 *   npm run benchmark -- --backends tensorflow,wasm --rows 4096
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { backendNames, initializeBackend } from '../backend/backend';
import { buildTeacher } from '../models';
import { trainModel, type FloatMatrix } from '../training';
import { SeededRandom } from '../util/random';
import { silentProgress } from '../util/progress';

const paperTrainingRows = 8765;
const inputDimension = 512;
const classCount = 20;

interface Measurement {
  backend: string;
  description: string;
  rows: number;
  secondsPerEpoch: number;
  secondsPerPaperEpoch: number;
}

function randomMatrix(rows: number, columns: number, random: SeededRandom): FloatMatrix {
  const data = new Float32Array(rows * columns);
  for (let index = 0; index < data.length; index++) data[index] = random.next() * 2 - 1;
  return { data, rows, columns };
}

async function measure(backend: string, rows: number, epochs: number): Promise<Measurement> {
  const info = await initializeBackend(backend);
  const random = new SeededRandom(1);
  const labels = (count: number) => Array.from({ length: count }, () => random.nextInt(classCount));
  const model = buildTeacher({ inputDimension, classCount, seed: 1 });
  const train = { x: randomMatrix(rows, inputDimension, random), fineLabels: labels(rows) };
  const validation = { x: randomMatrix(256, inputDimension, random), fineLabels: labels(256) };
  // One warm-up epoch (kernel compilation, first allocations), then the measured ones.
  const result = await trainModel({ model, objective: { method: 'teacher', target: 'fine' }, data: { train, validation }, epochs: epochs + 1, seed: 1, progress: silentProgress });
  const measured = result.history.slice(1).map((record) => record.seconds);
  const secondsPerEpoch = measured.reduce((sum, value) => sum + value, 0) / measured.length;
  model.dispose();
  return { backend: info.name, description: info.description, rows, secondsPerEpoch, secondsPerPaperEpoch: (secondsPerEpoch * paperTrainingRows) / rows };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      backends: { type: 'string', default: backendNames.join(',') },
      rows: { type: 'string', default: '8765' },
      'slow-rows': { type: 'string', default: '1280' },
      epochs: { type: 'string', default: '2' },
    },
  });
  const epochs = Number(values.epochs);
  if (values.child) {
    const rows = Number(values.rows);
    process.stdout.write(JSON.stringify(await measure(values.child, rows, epochs)) + '\n');
    return;
  }
  console.log(`teacher ${inputDimension}-d -> ${classCount} classes, batch 128; seconds per epoch scaled to ${paperTrainingRows} training rows`);
  const results: Measurement[] = [];
  for (const backend of values.backends!.split(',')) {
    const rows = backend === 'cpu' ? values['slow-rows']! : values.rows!;
    const child = spawnSync(process.execPath, [__filename, '--child', backend, '--rows', rows, '--epochs', String(epochs)], {
      encoding: 'utf8',
      env: { ...process.env, HKD_BACKEND: '' },
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      const failure = (child.stderr || child.stdout).trim().split('\n').find((text) => text.startsWith('benchmark failed: '));
      const reason = failure ? failure.slice('benchmark failed: '.length) : `exit ${child.status}`;
      console.log(`${backend.padEnd(15)} not available: ${reason}`);
      continue;
    }
    const measurement = JSON.parse(line) as Measurement;
    results.push(measurement);
    console.log(`${backend.padEnd(15)} ${measurement.secondsPerPaperEpoch.toFixed(2).padStart(8)} s/epoch (measured on ${measurement.rows} rows) — ${measurement.description}`);
  }
  if (results.length === 0) return;
  const fastest = results.reduce((best, item) => (item.secondsPerPaperEpoch < best.secondsPerPaperEpoch ? item : best));
  console.log(`\nratios against ${fastest.backend} (same run):`);
  for (const item of results) console.log(`${item.backend.padEnd(15)} x${(item.secondsPerPaperEpoch / fastest.secondsPerPaperEpoch).toFixed(1)}`);
}

main().catch((error: Error) => {
  console.error(`benchmark failed: ${error.message}`);
  process.exit(1);
});
