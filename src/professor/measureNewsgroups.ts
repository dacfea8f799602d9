/**
 * Measures what the professor does to real teacher targets (its effect is measured, not
 * assumed): on a 20 Newsgroups slice embedded with the hashing encoder (no model files
 * needed), trains a coarse and a fine teacher for a few epochs, refines each one's
 * TRAINING-split logits with a professor per seed, and prints the true-class-first rate
 * (teacher vs refined) and the class-correlation distances. A report tool, not a test:
 *
 *   node dist/professor/measureNewsgroups.js [--limit-per-class 100] [--teacher-epochs 5]
 *     [--professor-epochs 30] [--seeds 1,2,3] [--coarse-temperature 28] [--fine-temperature 23]
 *     [--students]
 *
 * With --students it also trains, per seed, the paper's student (A for the coarse teacher,
 * B for the fine one) and P1 (the same objective on the refined logits) and prints their
 * test accuracy: an indication on a small slice, not the comparison over seeds.
 */
import { initializeBackend } from '../backend/backend';
import { prepareNewsgroups } from '../data';
import { HashingEncoder } from '../embeddings/hashingEncoder';
import { newsgroupsPaperHierarchy, toCoarseLabels } from '../hierarchy';
import { buildStudent, buildTeacher } from '../models';
import { type FloatMatrix, predictLogits, trainModel } from '../training';
import { disposeProfessor } from './model';
import { classCorrelationMatrix, correlationDistance, softmaxRows, trueClassFirstRate } from './targetMetrics';
import { type ProfessorLossWeights, refineTargets, trainProfessor } from './trainProfessor';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

/** Smoothed one-hot targets (1 - ε on the true class): the reference that keeps no correlations. */
function smoothedLabels(labels: number[], classCount: number, epsilon = 0.1): FloatMatrix {
  const data = new Float32Array(labels.length * classCount).fill(epsilon / (classCount - 1));
  labels.forEach((label, row) => (data[row * classCount + label] = 1 - epsilon));
  return { data, rows: labels.length, columns: classCount };
}

async function main(): Promise<void> {
  const limitPerClass = Number(option('limit-per-class', '100'));
  const teacherEpochs = Number(option('teacher-epochs', '5'));
  const professorEpochs = Number(option('professor-epochs', '30'));
  const seeds = option('seeds', '1,2,3').split(',').map(Number);
  const weights: ProfessorLossWeights = JSON.parse(
    option('weights', '{"reconstruction":1,"classification":1,"adversarial":0.5}'),
  );
  const backend = await initializeBackend();
  console.log(`backend: ${backend.description}`);
  const newsgroups = await prepareNewsgroups({ limitPerClass });
  const encoder = new HashingEncoder(512);
  const embed = async (texts: string[]): Promise<FloatMatrix> => ({
    data: await encoder.encode(texts),
    rows: texts.length,
    columns: 512,
  });
  const train = {
    x: await embed(newsgroups.train.texts),
    fineLabels: newsgroups.train.labels,
    coarseLabels: toCoarseLabels(newsgroups.train.labels, newsgroupsPaperHierarchy),
  };
  const validation = {
    x: await embed(newsgroups.validation.texts),
    fineLabels: newsgroups.validation.labels,
    coarseLabels: toCoarseLabels(newsgroups.validation.labels, newsgroupsPaperHierarchy),
  };
  const test = {
    x: await embed(newsgroups.test.texts),
    fineLabels: newsgroups.test.labels,
    coarseLabels: toCoarseLabels(newsgroups.test.labels, newsgroupsPaperHierarchy),
  };
  const withStudents = process.argv.includes('--students');
  /** Test accuracy (at the best validation-loss epoch) of a student distilling from `targets`. */
  const studentAccuracy = async (
    kind: 'coarse' | 'fine',
    targets: FloatMatrix,
    temperature: number,
    seed: number,
  ): Promise<number> => {
    const student = buildStudent({
      inputDimension: 512,
      fineClassCount: 20,
      coarseClassCount: kind === 'coarse' ? 6 : undefined,
      seed,
    });
    const objective =
      kind === 'coarse'
        ? { method: 'heterogeneous', settings: { temperature, studentLossWeight: 0.3 }, teacherLogits: targets }
        : { method: 'traditional', settings: { temperature, studentLossWeight: 0.2 }, teacherLogits: targets };
    const result = await trainModel({
      model: student,
      objective,
      data: { train, validation, test },
      epochs: 40,
      seed,
      earlyStopping: { monitor: 'validationLoss', patience: 3 },
      progress: () => undefined,
    });
    student.dispose();
    return result.bestRecord.testAccuracy!;
  };
  console.log(
    `20 Newsgroups slice: ${train.x.rows} train / ${validation.x.rows} validation documents, hashing-bow:512`,
  );

  for (const kind of ['coarse', 'fine'] as const) {
    const temperature = Number(option(`${kind}-temperature`, kind === 'coarse' ? '28' : '23'));
    const classCount = kind === 'coarse' ? 6 : 20;
    const labels = kind === 'coarse' ? train.coarseLabels : train.fineLabels;
    const teacher = buildTeacher({ inputDimension: 512, classCount, seed: 1 });
    const result = await trainModel({
      model: teacher,
      objective: { method: `teacher-${kind}` },
      data: { train, validation },
      epochs: teacherEpochs,
      seed: 1,
      progress: () => undefined,
    });
    const teacherLogits = predictLogits(teacher, train.x);
    teacher.dispose();
    // Correlations at the distillation temperature T (what the student sees) and at T = 1 on the
    // off-true-class mass (the doubt structure, which a flat soft target at large T hides).
    const matrices = (logits: FloatMatrix) => ({
      atT: classCorrelationMatrix(softmaxRows(logits, temperature), labels, classCount),
      offTrue: classCorrelationMatrix(softmaxRows(logits, 1), labels, classCount, { mode: 'offTrueClass' }),
    });
    const distances = (a: ReturnType<typeof matrices>, b: ReturnType<typeof matrices>) =>
      `mean@T ${correlationDistance(a.atT, b.atT).toFixed(4)}, off-true@1 ${correlationDistance(a.offTrue, b.offTrue).toFixed(4)}`;
    const teacherMatrices = matrices(teacherLogits);
    const reference = smoothedLabels(labels, classCount);
    const referenceMatrices = {
      atT: classCorrelationMatrix(reference, labels, classCount),
      offTrue: classCorrelationMatrix(reference, labels, classCount, { mode: 'offTrueClass' }),
    };
    console.log(
      `\n${kind} teacher (${teacherEpochs} epochs, validation accuracy ${result.history.at(-1)!.validationAccuracy.toFixed(3)}), T = ${temperature}: ` +
        `true class first on train ${trueClassFirstRate(teacherLogits, labels).toFixed(3)}; ` +
        `reference: smoothed labels (ε 0.1) are at distance ${distances(teacherMatrices, referenceMatrices)} from the teacher`,
    );
    for (const seed of seeds) {
      const started = Date.now();
      const { professor, history } = await trainProfessor({
        teacherLogits,
        labels,
        classCount,
        temperature,
        weights,
        epochs: professorEpochs,
        batchSize: 64,
        learningRate: 1e-3,
        seed,
      });
      const refined = refineTargets(professor, teacherLogits, labels, temperature);
      disposeProfessor(professor);
      const students = withStudents
        ? `; test accuracy ${kind === 'coarse' ? 'A' : 'B'} ${(await studentAccuracy(kind, teacherLogits, temperature, seed)).toFixed(4)} vs P1 ${(await studentAccuracy(kind, refined, temperature, seed)).toFixed(4)}`
        : '';
      const first = history[0];
      const last = history.at(-1)!;
      console.log(
        `  seed ${seed}: refined true class first ${trueClassFirstRate(refined, labels).toFixed(3)}; distance to teacher ${distances(teacherMatrices, matrices(refined))}; ` +
          `terms epoch 1 -> ${last.epoch}: rec ${first.reconstructionLoss.toFixed(3)} -> ${last.reconstructionLoss.toFixed(3)}, ` +
          `cls ${first.classificationLoss.toFixed(3)} -> ${last.classificationLoss.toFixed(3)}, adv ${first.adversarialLoss.toFixed(3)} -> ${last.adversarialLoss.toFixed(3)}, ` +
          `disc ${first.discriminatorLoss.toFixed(3)} -> ${last.discriminatorLoss.toFixed(3)}${students} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
