/**
 * Measures TF-IDF features on paper 1's split (8,765 / 2,192 / 7,274): fit + transform time
 * per dimension, and a plain student (one hidden layer, fine labels, Adam 1e-3, batch 128,
 * early stopping on validation loss with patience 5, best weights restored) per setting.
 *
 *   node dist/features/measureTfidf.js [--dimensions 2000,5000] [--hidden 52,21] [--seeds 1]
 *     [--reduction chi2|hashing] [--min-df 2] [--role student|teacher-fine|teacher-coarse|heterogeneous] [--out file.json]
 *
 * `--hidden` pairs with `--dimensions` (default: studentHiddenUnitsFor, about a tenth of
 * the teacher). `--role teacher-*` trains paper 1's ~1.05M-parameter teacher instead
 * (teacherHiddenUnitsFor), on fine or coarse (newsgroups-paper hierarchy) labels;
 * `--role heterogeneous` trains the coarse teacher, then student A on its logits (a = 0.3, T = 28). Prints one JSON line per setting and seed. A measurement, not a test.
 */
import { parseArgs } from 'node:util';
import { initializeBackend } from '../backend/backend';
import { prepareNewsgroups } from '../data';
import { hierarchyByName, toCoarseLabels } from '../hierarchy';
import { buildStudent, buildTeacher, countParameters, studentHiddenUnitsFor, teacherHiddenUnitsFor } from '../models';
import { evaluateModel, predictLogits, trainModel, type FloatMatrix as TrainingMatrix } from '../training';
import { writeJsonAtomic } from '../util/atomicFile';
import { fitTfidf, transformTfidf, type TfidfReduction } from './tfidf';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dimensions: { type: 'string', default: '2000,5000,10000' },
      hidden: { type: 'string' },
      seeds: { type: 'string', default: '1' },
      reduction: { type: 'string', default: 'chi2' },
      'min-df': { type: 'string', default: '2' },
      'max-df': { type: 'string', default: '1' },
      'no-train': { type: 'boolean', default: false },
      role: { type: 'string', default: 'student' },
      out: { type: 'string' },
    },
  });
  const backend = await initializeBackend();
  const dimensions = values.dimensions!.split(',').map(Number);
  const hidden = values.hidden?.split(',').map(Number);
  const seeds = values.seeds!.split(',').map(Number);
  const role = values.role!;
  if (!['student', 'teacher-fine', 'teacher-coarse', 'heterogeneous'].includes(role))
    throw new Error(`--role: expected student, teacher-fine, teacher-coarse or heterogeneous, got "${role}"`);
  const coarse = role === 'teacher-coarse';
  const data = await prepareNewsgroups();
  const hierarchy = hierarchyByName('newsgroups-paper');
  const labelsOf = (labels: number[]) => (coarse ? toCoarseLabels(labels, hierarchy) : labels);
  const classCount = coarse ? hierarchy.coarseLabelNames.length : 20;
  console.error(
    `backend ${backend.name}; ${data.train.texts.length} / ${data.validation.texts.length} / ${data.test.texts.length} documents`,
  );
  const results: unknown[] = [];
  for (const [position, dimension] of dimensions.entries()) {
    const reduction = { kind: values.reduction, dimension } as TfidfReduction;
    const started = Date.now();
    const model = fitTfidf(data.train.texts, data.train.labels, {
      minDocumentFrequency: Number(values['min-df']),
      maxDocumentFrequency: Number(values['max-df']),
      reduction,
    });
    const fitSeconds = (Date.now() - started) / 1000;
    const train = transformTfidf(model, data.train.texts);
    const validation = transformTfidf(model, data.validation.texts);
    const test = transformTfidf(model, data.test.texts);
    const featureSeconds = (Date.now() - started) / 1000;
    const hiddenUnits = hidden
      ? [hidden[position]]
      : role.startsWith('teacher')
        ? teacherHiddenUnitsFor(dimension)
        : studentHiddenUnitsFor(dimension);
    const base = {
      role,
      reduction: values.reduction,
      dimension,
      vocabulary: model.vocabulary.length,
      fitSeconds,
      fitTransformSeconds: featureSeconds,
      hiddenUnits,
    };
    if (values['no-train']) {
      console.log(JSON.stringify(base));
      results.push(base);
      continue;
    }
    for (const seed of seeds) {
      let teacher: { logits: TrainingMatrix; testAccuracy: number } | undefined;
      if (role === 'heterogeneous') {
        const coarseLabels = (labels: number[]) => toCoarseLabels(labels, hierarchy);
        const coarseTeacher = buildTeacher({ inputDimension: dimension, classCount: 6, seed });
        await trainModel({
          model: coarseTeacher,
          objective: { method: 'teacher-coarse' },
          data: {
            train: { x: train, fineLabels: data.train.labels, coarseLabels: coarseLabels(data.train.labels) },
            validation: {
              x: validation,
              fineLabels: data.validation.labels,
              coarseLabels: coarseLabels(data.validation.labels),
            },
          },
          epochs: 100,
          seed,
          earlyStopping: { monitor: 'validationLoss', patience: 5, restoreBestWeights: true },
          progress: () => undefined,
        });
        teacher = {
          logits: predictLogits(coarseTeacher, train),
          testAccuracy: evaluateModel(coarseTeacher, test, coarseLabels(data.test.labels), { fineClassCount: 6 })
            .accuracy,
        };
        coarseTeacher.dispose();
      }
      const student =
        role === 'student' || role === 'heterogeneous'
          ? buildStudent({
              inputDimension: dimension,
              hiddenUnits,
              fineClassCount: 20,
              coarseClassCount: teacher ? 6 : undefined,
              seed,
            })
          : buildTeacher({ inputDimension: dimension, hiddenUnits, classCount, seed });
      const result = await trainModel({
        model: student,
        objective: teacher
          ? {
              method: 'heterogeneous',
              settings: { temperature: 28, studentLossWeight: 0.3 },
              teacherLogits: teacher.logits,
            }
          : { method: coarse ? 'teacher-coarse' : 'teacher-fine' },
        data: {
          train: {
            x: train,
            fineLabels: data.train.labels,
            coarseLabels: toCoarseLabels(data.train.labels, hierarchy),
          },
          validation: {
            x: validation,
            fineLabels: data.validation.labels,
            coarseLabels: toCoarseLabels(data.validation.labels, hierarchy),
          },
        },
        epochs: 100,
        batchSize: 128,
        learningRate: 1e-3,
        seed,
        earlyStopping: { monitor: 'validationLoss', patience: 5, restoreBestWeights: true },
        progress: () => undefined,
      });
      const evaluation = evaluateModel(student, test, labelsOf(data.test.labels), { fineClassCount: classCount });
      const line = {
        ...base,
        seed,
        parameters: countParameters(student),
        bestEpoch: result.bestEpoch,
        epochsRun: result.stoppedEpoch,
        trainingSeconds: result.seconds,
        validationAccuracy: result.bestRecord.validationAccuracy,
        testAccuracy: evaluation.accuracy,
        testMacroF1: evaluation.macroF1,
        ...(teacher ? { coarseTeacherTestAccuracy: teacher.testAccuracy } : {}),
      };
      console.log(JSON.stringify(line));
      results.push(line);
      student.dispose();
    }
  }
  if (values.out) await writeJsonAtomic(values.out, results);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
