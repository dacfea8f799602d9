/**
 * What the professor strategies (P1, P2) show in a comparison's runs, as sentences computed
 * from the runs themselves: how the refined targets differ from the teacher's, and whether
 * distilling from them changed the student's accuracy against the paper method with the same
 * teacher (A for the coarse teacher, B for the fine one).
 */
import { mean } from '../metrics';
import type { RunResult } from '../results/runResult';
import type { PairedComparison } from './pairedDifferences';
import { differencesToBaseline } from './seedComparisons';

/** The professor methods distilling from each teacher, with the paper method they are compared with. */
export const professorFamilies = [
  {
    teacher: 'coarse',
    baseline: 'heterogeneous',
    methods: ['professor-heterogeneous', 'professor-dual-heterogeneous'],
  },
  { teacher: 'fine', baseline: 'traditional', methods: ['professor-traditional', 'professor-dual-traditional'] },
] as const;

/**
 * Test accuracy of each professor strategy minus its paper method's (P1-A and P2-A against A,
 * P1-B and P2-B against B), paired by seed; strategies without runs are left out.
 */
export function professorDifferences(runs: readonly RunResult[]): PairedComparison[] {
  return professorFamilies.flatMap((family) =>
    differencesToBaseline(
      runs.filter(
        (run) => run.method === family.baseline || (family.methods as readonly string[]).includes(run.method),
      ),
      (run) => run.test.accuracy,
      family.baseline,
    ),
  );
}

/**
 * One sentence per teacher on what its professor did to the targets (means over the seeds'
 * professors): how often the teacher's and the refined logits put the true class first on
 * the training rows, and how far the class-correlation matrices moved (mean absolute
 * difference at the distillation temperature, and off the true class at T = 1).
 */
export function professorTargetSentences(runs: readonly RunResult[]): string[] {
  return professorFamilies.flatMap((family) => {
    // P1 and P2 of one seed share one professor: count each (seed, teacher) once.
    const bySeed = new Map<number, NonNullable<RunResult['professor']>>();
    for (const run of runs) {
      if (run.professor && run.professor.target === family.teacher) bySeed.set(run.seed, run.professor);
    }
    const professors = [...bySeed.values()];
    if (professors.length === 0) return [];
    const average = (key: keyof (typeof professors)[number]['metrics']) =>
      mean(professors.map((professor) => professor.metrics[key]));
    const teacherFirst = average('teacherTrueClassFirst');
    const refinedFirst = average('refinedTrueClassFirst');
    const direction = refinedFirst > teacherFirst ? 'more' : refinedFirst < teacherFirst ? 'less' : 'as';
    return [
      `${family.teacher === 'coarse' ? 'Coarse' : 'Fine'} teacher (${professors.length} seeds): the refined ` +
        `targets put the true class first on ${refinedFirst.toFixed(3)} of the training rows, ` +
        `${direction === 'as' ? 'as often as' : `${direction} often than`} the teacher's ${teacherFirst.toFixed(3)}; ` +
        `the class-correlation matrices moved by ${average('correlationDistanceAtTemperature').toFixed(4)} ` +
        `at the distillation temperature and ${average('correlationDistanceOffTrueClass').toFixed(4)} ` +
        'off the true class at T = 1 (mean absolute difference).',
    ];
  });
}
