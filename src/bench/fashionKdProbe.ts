#!/usr/bin/env node
/**
 * A small probe of the paper's point on Fashion-MNIST (a measurement, not a test): trains
 * the conv teacher on the fashion-mnist-5 coarse labels, then dense image students with
 * heterogeneous KD (A), plain (C), coarse-auxiliary (D) and label smoothing (E), and prints
 * each student's test accuracy, within-group error share and implied coarse accuracy.
 * Settings are Paper 1's (a = 0.3, T = 28); a few seeds only, so differences are indicative.
 *
 *   node dist/bench/fashionKdProbe.js --teacher-epochs 1 --student-epochs 10 --seeds 1,2 --heterogeneous 0.3:28,0.5:4 --controls C,D,E
 */
import { parseArgs } from 'node:util';
import { initializeBackend } from '../backend/backend';
import { hierarchyByName } from '../hierarchy/builtInHierarchies';
import { chanceWithinGroupShare, withinGroupErrors } from '../metrics/groupErrors';
import { mean, standardDeviation } from '../metrics/statistics';
import { buildConvTeacher, buildImageStudent } from '../models';
import { evaluateModel, predictLogits, trainModel, type MethodObjective } from '../training';
import { silentProgress } from '../util/progress';
import { loadFashionBenchData } from './fashionBenchData';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      hierarchy: { type: 'string', default: 'fashion-mnist-5' },
      'teacher-epochs': { type: 'string', default: '2' },
      'student-epochs': { type: 'string', default: '10' },
      seeds: { type: 'string', default: '1,2' },
      /** Heterogeneous KD settings as studentLossWeight:temperature pairs. */
      heterogeneous: { type: 'string', default: '0.3:28' },
      /** Letters of the other students to train (C, D, E). */
      controls: { type: 'string', default: 'C,D,E' },
    },
  });
  await initializeBackend();
  const hierarchy = hierarchyByName(values.hierarchy!);
  const data = await loadFashionBenchData(hierarchy);
  const testFine = data.test.fineLabels;
  const coarseCount = hierarchy.coarseLabelNames.length;
  const teacher = buildConvTeacher({ classCount: coarseCount, seed: 1 });
  const teacherResult = await trainModel({
    model: teacher,
    objective: { method: 'teacher-coarse' },
    data,
    epochs: Number(values['teacher-epochs']),
    seed: 1,
    progress: silentProgress,
  });
  console.log(
    `coarse teacher (${hierarchy.name}): test coarse accuracy ${teacherResult.history.at(-1)!.testAccuracy!.toFixed(4)}, ${teacherResult.seconds.toFixed(0)} s`,
  );
  const teacherLogits = predictLogits(teacher, data.train.x);
  teacher.dispose();
  const controls = new Set(values.controls!.split(',').filter((letter) => letter !== ''));
  const methods = (
    [
      ...values
        .heterogeneous!.split(',')
        .filter((pair) => pair !== '')
        .map((pair) => {
          const [studentLossWeight, temperature] = pair.split(':').map(Number);
          return {
            letter: `A heterogeneous KD (a = ${studentLossWeight}, T = ${temperature})`,
            twoHeads: true,
            objective: { method: 'heterogeneous', settings: { temperature, studentLossWeight }, teacherLogits },
          };
        }),
      { letter: 'C plain', twoHeads: false, objective: { method: 'plain' } },
      {
        letter: 'D coarse-auxiliary',
        twoHeads: true,
        objective: { method: 'coarse-auxiliary', settings: { studentLossWeight: 0.3 } },
      },
      {
        letter: 'E label smoothing',
        twoHeads: false,
        objective: { method: 'label-smoothing', settings: { smoothing: 0.1 } },
      },
    ] as Array<{ letter: string; twoHeads: boolean; objective: MethodObjective }>
  ).filter((method) => method.letter.startsWith('A') || controls.has(method.letter[0]));
  console.log(`chance within-group share: ${chanceWithinGroupShare(testFine, hierarchy.fineToCoarse).toFixed(3)}`);
  for (const method of methods) {
    const rows: Array<{ accuracy: number; share: number; implied: number }> = [];
    for (const seed of values.seeds!.split(',').map(Number)) {
      const student = buildImageStudent({
        fineClassCount: 10,
        coarseClassCount: method.twoHeads ? coarseCount : undefined,
        seed,
      });
      await trainModel({
        model: student,
        objective: method.objective,
        data: { train: data.train, validation: data.validation },
        epochs: Number(values['student-epochs']),
        seed,
        progress: silentProgress,
      });
      const evaluation = evaluateModel(student, data.test.x, testFine, { fineClassCount: 10 });
      const errors = withinGroupErrors(testFine, evaluation.predictions, hierarchy.fineToCoarse);
      rows.push({
        accuracy: errors.fineAccuracy,
        share: errors.withinGroupShare,
        implied: errors.impliedCoarseAccuracy,
      });
      student.dispose();
    }
    const format = (values: number[]) =>
      `${mean(values).toFixed(4)} ± ${values.length > 1 ? standardDeviation(values).toFixed(4) : '-'}`;
    console.log(
      `${method.letter}: test accuracy ${format(rows.map((row) => row.accuracy))}, within-group error share ${format(rows.map((row) => row.share))}, ` +
        `implied coarse accuracy ${format(rows.map((row) => row.implied))} (${rows.length} seeds)`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
