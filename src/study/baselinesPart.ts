/**
 * The study's baselines part: the teacher-free and teacher-using baselines F-M, each over a small
 * grid of its main setting, linked (point k holds every method at its k-th value, as the grid
 * part links A and B), beside A over three of the regimes part's (T, a) pairs and the controls
 * C, D and E.
 */
import { expandSweep, type ExperimentConfig, type SweepPoint } from '../config';

/**
 * One baseline's small grid in the baselines part: `methods.<configKey>.<setting>` takes
 * `values[k]` at the part's k-th point (every grid of a part has the same length).
 */
export interface BaselineGrid {
  /** The method's config key (`softLabels`, `decoupledCoarse`, ...). */
  configKey: string;
  setting: string;
  values: number[];
}

/**
 * The baselines part's grids, 3 points (each method at its k-th value; the other settings at
 * the method's defaults), each grid holding the method's default:
 * - A (heterogeneous KD), (T, a) {(28, 0.3), (4, 0.7), (4, 0.3)}: paper 1's choice and two of the
 *   regimes part's grid T {4, 28} x a {0.3, 0.7}, so that A too is compared at a setting chosen on
 *   validation, as every baseline is (its runs are the regimes part's, reused);
 * - F soft labels, beta {1, 2, 4}: with 20 classes in groups of 3-5 the true class keeps about
 *   0.25, 0.6 and 0.94 of the target mass (Fashion-MNIST, 10 classes in pairs: 0.41, 0.78,
 *   0.98; beta 8 would be one-hot, i.e. C);
 * - G HXE, alpha {0.1, 0.5, 1}: the group term weighs exp(-alpha) = 0.90, 0.61, 0.37;
 * - H and I (Tf-KD virtual and self), student-loss weight a {0.2, 0.5, 0.8} (their defaults 0.5 and 0.2);
 * - J and K (DKD fine and coarse), non-target weight beta {1, 4, 8} with alpha 1: beta 1 is
 *   close to classical KD's balance, 8 the DKD paper's choice;
 * - L and M (composed teacher), temperature {2, 4, 16} at a 0.3 (their default T 2).
 * The same grids serve 20 Newsgroups and Fashion-MNIST: 8 methods x 3 points x 5 seeds = 120
 * student runs beyond the other parts' (A at each of its points, C, D, E and both teachers are
 * runs of the regimes part, at fraction 1 or at the part's few-label fractions).
 */
export const baselineGrids: BaselineGrid[] = [
  { configKey: 'heterogeneous', setting: 'temperature', values: [28, 4, 4] },
  { configKey: 'heterogeneous', setting: 'studentLossWeight', values: [0.3, 0.7, 0.3] },
  { configKey: 'softLabels', setting: 'beta', values: [1, 2, 4] },
  { configKey: 'hierarchicalCrossEntropy', setting: 'alpha', values: [0.1, 0.5, 1] },
  { configKey: 'teacherFreeVirtual', setting: 'studentLossWeight', values: [0.2, 0.5, 0.8] },
  { configKey: 'teacherFreeSelf', setting: 'studentLossWeight', values: [0.2, 0.5, 0.8] },
  { configKey: 'decoupled', setting: 'nonTargetWeight', values: [1, 4, 8] },
  { configKey: 'decoupledCoarse', setting: 'nonTargetWeight', values: [1, 4, 8] },
  { configKey: 'composedTeacher', setting: 'temperature', values: [2, 4, 16] },
  { configKey: 'composedTeacherUniform', setting: 'temperature', values: [2, 4, 16] },
];

/** The smoke slice's baselines grids: the last two values of each. */
export const smokeBaselineGrids: BaselineGrid[] = baselineGrids.map((grid) => ({
  ...grid,
  values: grid.values.slice(1, 3),
}));

/** The methods of the baselines part (config keys): A, C, D, E beside the gridded baselines. */
export const baselineReferences = ['heterogeneous', 'plain', 'coarseAuxiliary', 'labelSmoothing'];

/** The labelled fractions and unlabelled-inputs modes the baselines part runs in (default: all labels only). */
export interface BaselineRegimes {
  /** Labelled fractions; 1 (or absent) is the all-label part. */
  fractions?: number[];
  /** The unlabelled-inputs modes of each fraction < 1 (each its own regime, as in the regimes part). */
  modes?: Array<'drop' | 'distill'>;
}

/**
 * The baselines part's points from `base` (its methods already the part's): per regime, point k
 * sets every grid's k-th value. At fraction 1 the labels are `setting k of n` and nothing else is
 * assigned (the all-label part's runs and ids); at a fraction f < 1 every mode of `regimes.modes`
 * is a regime of its own, its points also assigning `student.labelledFraction` and
 * `student.unlabelledInputs` (labels `f, mode: setting k of n`), so each method's setting is
 * chosen on validation within its regime.
 */
export function baselinePoints(
  base: ExperimentConfig,
  grids: BaselineGrid[],
  regimes: BaselineRegimes = {},
): SweepPoint[] {
  if (grids.length === 0) return [];
  const count = grids[0].values.length;
  const uneven = grids.find((grid) => grid.values.length !== count);
  if (uneven)
    throw new Error(
      `baselineGrids: methods.${uneven.configKey}.${uneven.setting} has ${uneven.values.length} values, ${grids[0].configKey}'s ${count}; every grid needs the same number (point k takes each k-th value)`,
    );
  const fewLabels = (regimes.fractions ?? [1]).flatMap((fraction) => {
    if (!(fraction > 0 && fraction <= 1))
      throw new Error(`baselinePoints: labelled fractions must be in (0, 1], got ${fraction}`);
    if (fraction === 1) return [{ prefix: '', keys: [] as string[] }];
    return (regimes.modes ?? ['drop']).map((mode) => ({
      prefix: `${fraction}, ${mode}: `,
      keys: [`student.labelledFraction=${fraction}`, `student.unlabelledInputs=${JSON.stringify(mode)}`],
    }));
  });
  return fewLabels.flatMap(({ prefix, keys }) =>
    Array.from({ length: count }, (_, index) => {
      const [point] = expandSweep(base, [
        ...keys,
        ...grids.map((grid) => `methods.${grid.configKey}.${grid.setting}=${JSON.stringify(grid.values[index])}`),
      ]);
      return { ...point, label: `${prefix}setting ${index + 1} of ${count}` };
    }),
  );
}
