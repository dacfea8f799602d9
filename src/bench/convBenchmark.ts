/**
 * The conv-teacher part of `npm run benchmark`: seconds per full 54,000-row Fashion-MNIST
 * epoch of the conv teacher on tfjs (measured in a child process on a slice of real images,
 * see convTeacherTimings.ts) and of the same network in PyTorch on the CPU
 * (src/bench/torch_conv_peer.py), measured back to back in the same run, and their ratio.
 */
import { initializeBackend } from '../backend/backend';
import {
  convBenchmarkSlice,
  convSliceSizes,
  convTeacherSecondsPerEpoch,
  convTeacherSettings,
  type ConvEpochTiming,
  fashionFilePaths,
  fashionTrainingRows,
} from './convTeacherTimings';
import { runTorchConvPeer, type TorchConvTiming } from './torchPeer';

/** The tfjs child's answer. */
export interface ConvChildTiming extends ConvEpochTiming {
  backend: string;
  description: string;
  rows: number;
}

/** Measures the conv teacher on `backend` (inside the child process). */
export async function convChild(backend: string, rows: number, epochs: number): Promise<ConvChildTiming> {
  const info = await initializeBackend(backend);
  const timing = await convTeacherSecondsPerEpoch(await convBenchmarkSlice(rows), epochs);
  return { backend: info.name, description: info.description, rows, ...timing };
}

/** Both sides of the conv comparison, scaled to a full epoch. */
export interface ConvComparison {
  rows: number;
  batchSize: number;
  tfjs: ConvChildTiming | { failed: string };
  torch: TorchConvTiming | { missing: string };
  /** Factor from the measured rows to 54,000 rows. */
  scale: number;
}

/** Runs the tfjs child (`measureTfjs`), then the PyTorch peer on the same rows. */
export async function measureConvComparison(options: {
  rows: number;
  epochs: number;
  threads: number;
  measureTfjs: () => ConvChildTiming | { failed: string };
}): Promise<ConvComparison> {
  const sizes = convSliceSizes(options.rows);
  const { batchSize } = convTeacherSettings();
  const tfjs = options.measureTfjs();
  let torch: TorchConvTiming | { missing: string };
  try {
    torch = runTorchConvPeer({
      threads: options.threads,
      files: await fashionFilePaths(),
      ...sizes,
      validationStart: fashionTrainingRows,
      batchSize,
      epochs: options.epochs,
    });
  } catch (error) {
    torch = { missing: `Fashion-MNIST files not available: ${(error as Error).message}` };
  }
  return { rows: options.rows, batchSize, tfjs, torch, scale: fashionTrainingRows / options.rows };
}

type Row = (label: string, figure: string, note?: string) => void;
const seconds = (value: number) => `${value.toFixed(2)} s`;

/** Prints the comparison's section. */
export function printConvComparison(comparison: ConvComparison, row: Row): void {
  const { tfjs, torch, scale } = comparison;
  const sizes = convSliceSizes(comparison.rows);
  console.log(
    `\n--- Fashion-MNIST conv teacher (conv 32, conv 64, dense 128; batch ${comparison.batchSize}, Adam), seconds per 54,000-row epoch ---`,
  );
  console.log(
    `measured on real images: ${sizes.rows} training rows, ${sizes.validationRows} validation and ${sizes.testRows} test rows scored every epoch, scaled x${scale.toFixed(2)}`,
  );
  if ('failed' in tfjs) row('conv teacher, tfjs', 'not measured', tfjs.failed);
  else
    row(
      `conv teacher, tfjs ${tfjs.backend}`,
      seconds(tfjs.seconds * scale),
      `CPU ${seconds(tfjs.cpuSeconds * scale)}; ${tfjs.description}`,
    );
  if ('missing' in torch) row('conv teacher, PyTorch CPU', 'skipped', torch.missing);
  else
    row(
      'conv teacher, PyTorch CPU',
      seconds(torch.secondsPerEpoch * scale),
      `CPU ${seconds(torch.cpuSecondsPerEpoch * scale)}; torch ${torch.torchVersion}, ${torch.threads} threads, OMP_WAIT_POLICY=${torch.ompWaitPolicy}`,
    );
}

/** The tfjs / PyTorch ratios (wall and CPU seconds), when both sides were measured. */
export function convRatios(comparison: ConvComparison): { wall: number; cpu: number } | undefined {
  const { tfjs, torch } = comparison;
  if ('failed' in tfjs || 'missing' in torch) return undefined;
  return { wall: tfjs.seconds / torch.secondsPerEpoch, cpu: tfjs.cpuSeconds / torch.cpuSecondsPerEpoch };
}
