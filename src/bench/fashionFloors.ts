#!/usr/bin/env node
/**
 * Sanity floors on Fashion-MNIST (a measurement, not a test): trains a dense MLP, the
 * dense image student, the convolutional teacher (fine) and the conv teacher on the
 * 5-group coarse labels with src/training's trainModel, on the 60,000 training images
 * minus a stratified 10% validation split, and prints test accuracy and seconds per
 * epoch. Writes the MLP's validation confusion matrix and pixel class means to `--out`
 * (JSON) for hierarchy discovery.
 *
 *   node dist/bench/fashionFloors.js --models mlp,student,conv,coarse --out /tmp/floors.json
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { initializeBackend } from '../backend/backend';
import { fashionMnist5Hierarchy } from '../hierarchy/builtInHierarchies';
import { classMeanEmbeddings } from '../hierarchy/discover';
import { buildConvTeacher, buildImageStudent, buildTeacher, countParameters } from '../models';
import { evaluateModel, trainModel } from '../training';
import { silentProgress } from '../util/progress';
import { loadFashionBenchData } from './fashionBenchData';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string', default: 'mlp,student,conv,coarse' },
      out: { type: 'string', default: '/tmp/fashion-floors.json' },
      'mlp-epochs': { type: 'string', default: '5' },
      'conv-epochs': { type: 'string', default: '2' },
      'coarse-epochs': { type: 'string', default: '2' },
    },
  });
  const backend = await initializeBackend();
  console.log(`backend ${backend.name}`);
  const hierarchy = fashionMnist5Hierarchy;
  const data = await loadFashionBenchData(hierarchy);
  const { x: xTrain, fineLabels: trainFine } = data.train;
  const { x: xValidation, fineLabels: validationFine } = data.validation;
  const { x: xTest, fineLabels: testFine } = data.test;
  const output: Record<string, unknown> = {
    pixelClassMeans: classMeanEmbeddings(xTrain, trainFine, 10),
    labelNames: data.labelNames,
  };
  const wanted = new Set(values.models!.split(','));
  const runs = [
    {
      key: 'mlp',
      label: 'MLP dense [256, 128]',
      build: () => buildTeacher({ inputDimension: 784, classCount: 10, hiddenUnits: [256, 128], seed: 1 }),
      epochs: Number(values['mlp-epochs']),
      coarse: false,
    },
    {
      key: 'student',
      label: 'dense image student [54]',
      build: () => buildImageStudent({ fineClassCount: 10, seed: 1 }),
      epochs: Number(values['mlp-epochs']),
      coarse: false,
    },
    {
      key: 'conv',
      label: 'conv teacher fine [32, 64] k3 [128]',
      build: () => buildConvTeacher({ classCount: 10, seed: 1 }),
      epochs: Number(values['conv-epochs']),
      coarse: false,
    },
    {
      key: 'coarse',
      label: 'conv teacher coarse (fashion-mnist-5)',
      build: () => buildConvTeacher({ classCount: 5, seed: 1 }),
      epochs: Number(values['coarse-epochs']),
      coarse: true,
    },
  ];
  for (const run of runs.filter((candidate) => wanted.has(candidate.key))) {
    const model = run.build();
    const result = await trainModel({
      model,
      objective: { method: run.coarse ? 'teacher-coarse' : 'teacher-fine' },
      data,
      epochs: run.epochs,
      batchSize: 128,
      seed: 1,
      progress: silentProgress,
      onEpoch: (record) =>
        console.log(
          `${run.key} epoch ${record.epoch}: val acc ${record.validationAccuracy.toFixed(4)} test acc ${record.testAccuracy?.toFixed(4)} ${record.seconds.toFixed(1)} s`,
        ),
    });
    const last = result.history.at(-1)!;
    const secondsPerEpoch = result.history.reduce((sum, record) => sum + record.seconds, 0) / result.history.length;
    console.log(
      `${run.label}: ${countParameters(model)} parameters, ${run.epochs} epochs, test accuracy ${last.testAccuracy!.toFixed(4)}, ${secondsPerEpoch.toFixed(1)} s/epoch`,
    );
    const summary: Record<string, unknown> = {
      label: run.label,
      parameters: countParameters(model),
      epochs: run.epochs,
      testAccuracy: last.testAccuracy,
      validationAccuracy: last.validationAccuracy,
      secondsPerEpoch,
    };
    if (!run.coarse) {
      const validation = evaluateModel(model, xValidation, validationFine, { fineClassCount: 10 });
      const testEvaluation = evaluateModel(model, xTest, testFine, {
        fineClassCount: 10,
        fineToCoarse: [...hierarchy.fineToCoarse],
      });
      summary.validationConfusion = validation.confusionMatrix;
      summary.testPredictions = Array.from(testEvaluation.predictions);
      summary.testImpliedCoarseAccuracy = testEvaluation.impliedCoarseAccuracy;
    }
    output[run.key] = summary;
    writeFileSync(values.out!, JSON.stringify(output));
    model.dispose();
  }
  output.testLabels = testFine;
  writeFileSync(values.out!, JSON.stringify(output));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
