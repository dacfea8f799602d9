#!/usr/bin/env node
/**
 * Seconds per student-epoch: one two-head student trained alone (trainModel, K = 1)
 * against 36 students trained as one stacked model (trainGroup), on paper-sized random
 * data: 8,765 x 512 float features, 20 fine / 6 coarse classes, batch 128, the default
 * 512-d student body ([204] hidden, ~110k parameters), method A (heterogeneous KD) with
 * a random coarse teacher. Stacked layouts measured:
 *   - same seed: 36 temperature points on one seed (first layer: one wide matMul)
 *   - 6 seeds x 6 temperature points (batched matMul over 6 wide first layers)
 *   - 36 seeds (batched matMul, one model per seed)
 * Epoch 1 is warm-up; the figure is the mean of the later epochs (a stacked epoch's time
 * divided by its 36 students). Ratios are against K = 1 measured in the same run.
 *
 *   npm run build && node dist/bench/stackedProbe.js [--epochs 3] [--rows 8765] [--validation-rows 975] [--members 36]
 */
import { parseArgs } from 'node:util';
import { activeBackend, initializeBackend } from '../backend/backend';
import { buildStudent, studentHiddenUnitsFor } from '../models';
import {
  estimateMemberBytes,
  trainGroup,
  trainModel,
  type EpochRecord,
  type FloatMatrix,
  type MemberSpec,
} from '../training';
import { silentProgress } from '../util/progress';
import { SeededRandom } from '../util/random';

const inputDimension = 512;
const fineClassCount = 20;
const coarseClassCount = 6;

function randomMatrix(rows: number, columns: number, random: SeededRandom, scale = 1): FloatMatrix {
  const data = new Float32Array(rows * columns);
  for (let index = 0; index < data.length; index++) data[index] = (random.next() * 2 - 1) * scale;
  return { data, rows, columns };
}

function randomSplit(rows: number, random: SeededRandom) {
  const fineLabels = Array.from({ length: rows }, () => random.nextInt(fineClassCount));
  return {
    x: randomMatrix(rows, inputDimension, random),
    fineLabels,
    coarseLabels: fineLabels.map((fine) => Math.floor((fine * coarseClassCount) / fineClassCount)),
  };
}

/** Mean seconds of the epochs after the first (all of them when there is only one). */
function meanLaterEpochs(history: EpochRecord[]): number {
  const later = history.length > 1 ? history.slice(1) : history;
  return later.reduce((sum, record) => sum + record.seconds, 0) / later.length;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      epochs: { type: 'string', default: '3' },
      rows: { type: 'string', default: '8765' },
      'validation-rows': { type: 'string', default: '975' },
      members: { type: 'string', default: '36' },
      backend: { type: 'string' },
    },
  });
  const epochs = Number(values.epochs);
  const rows = Number(values.rows);
  const members = Number(values.members);
  const seedsPerGrid = Math.round(Math.sqrt(members));
  await initializeBackend(values.backend);
  const random = new SeededRandom(1);
  const train = randomSplit(rows, random);
  const validation = randomSplit(Number(values['validation-rows']), random);
  const teacherLogits = randomMatrix(rows, coarseClassCount, random, 3);
  const data = { train, validation };
  const hiddenUnits = studentHiddenUnitsFor(inputDimension);
  const common = { epochs, batchSize: 128, learningRate: 1e-3, progress: silentProgress };
  const temperature = (index: number) => 2 + index;
  console.log(
    `backend ${activeBackend()?.name ?? '?'}; ${rows} x ${inputDimension} train rows, ${validation.x.rows} validation rows, student [${hiddenUnits}] + heads ${fineClassCount}/${coarseClassCount}, batch 128, ${epochs} epochs (first = warm-up)`,
  );

  const model = buildStudent({ inputDimension, hiddenUnits, fineClassCount, coarseClassCount, seed: 1 });
  const single = await trainModel({
    ...common,
    model,
    data,
    seed: 1,
    objective: { method: 'heterogeneous', settings: { temperature: 4, studentLossWeight: 0.3 }, teacherLogits },
  });
  model.dispose();
  const baseline = meanLaterEpochs(single.history);
  console.log(`K = 1 (trainModel):                 ${baseline.toFixed(3)} s per student-epoch  (ratio 1.00)`);

  const layouts: Array<[string, (index: number) => number]> = [
    [`K = ${members}, one seed:`, () => 1],
    [
      `K = ${members}, ${seedsPerGrid} seeds x ${Math.ceil(members / seedsPerGrid)}:`,
      (index) => 1 + (index % seedsPerGrid),
    ],
    [`K = ${members}, ${members} seeds:`, (index) => 1 + index],
  ];
  for (const [label, seedOf] of layouts) {
    const specs: MemberSpec[] = Array.from({ length: members }, (_, index) => ({
      method: 'heterogeneous',
      settings: { temperature: temperature(Math.floor(index / seedsPerGrid)), studentLossWeight: 0.3 },
      seed: seedOf(index),
      teacherLogits,
    }));
    const started = Date.now();
    const results = await trainGroup({
      ...common,
      members: specs,
      architecture: { inputDimension, hiddenUnits, fineClassCount, coarseClassCount },
      data,
    });
    const perStudent = meanLaterEpochs(results[0].result.history);
    results.forEach(({ model: trained }) => trained.dispose());
    console.log(
      `${label.padEnd(36)}${perStudent.toFixed(3)} s per student-epoch  (${(baseline / perStudent).toFixed(2)}x faster; group wall ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  const bytes = estimateMemberBytes({
    inputDimension,
    hiddenUnits,
    headUnits: [fineClassCount, coarseClassCount],
    batchSize: 128,
    trainRows: rows,
    teacherColumns: coarseClassCount,
  });
  console.log(`estimated device memory per stacked member: ${(bytes / 2 ** 20).toFixed(1)} MiB`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
