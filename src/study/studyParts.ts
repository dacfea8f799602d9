import { expandSweep, smokeVariant, type ExperimentConfig, type FeaturesConfig, type SweepPoint } from '../config';
import type { EarlyStoppingConfig } from '../config/types';
import { cloneJson } from '../config/layering';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import {
  baselineGrids,
  baselinePoints,
  baselineReferences,
  type BaselineGrid,
  smokeBaselineGrids,
} from './baselinesPart';

export { baselineGrids, smokeBaselineGrids, type BaselineGrid } from './baselinesPart';

/** The study's grids and settings (full run, or the smoke slice CI runs). */
export interface StudySettings {
  temperatures: number[];
  studentLossWeights: number[];
  fractions: number[];
  modes: Array<'drop' | 'distill'>;
  hierarchies: string[];
  /** The teacher's other features (the features part); no `features` part without it. */
  teacherFeatures?: FeaturesConfig;
  /** Epochs of the fixed-length curves (early stopping off). */
  curveEpochs: number;
  /**
   * Feature sets for teachers AND students (the feature sets part: features that make a strong student), beside
   * the experiment's own features; the student keeps its default size (about a tenth of
   * the teacher's parameters for its input width). `'experiment'` in a concat part stands
   * for the experiment's own features.
   */
  featureSets?: Array<{
    label: string;
    features: FeaturesConfig | 'experiment' | { kind: 'concat'; parts: Array<FeaturesConfig | 'experiment'> };
  }>;
  /** Compare the grid's chosen points with paper 1's choices (20 Newsgroups only). */
  paperChoices?: boolean;
  /** The regimes part's per-regime grid for A and B (linked, as the grid part): temperatures; absent = the experiment's own. */
  regimeTemperatures?: number[];
  /** The regimes part's per-regime grid for A and B: student-loss weights; absent = the experiment's own. */
  regimeStudentLossWeights?: number[];
  /** Merged into the students' early stopping at fractions < 1 (when it is on; e.g. `{ minEpochs: 5 }`). */
  fewLabelEarlyStopping?: Partial<EarlyStoppingConfig>;
  /** The baselines part's small grid per method F-M (linked: point k sets every method's k-th value); no part without it. */
  baselineGrids?: BaselineGrid[];
  /** The baselines part's labelled fractions (each f < 1 in every mode of `modes`); absent = all labels only. */
  baselineFractions?: number[];
}

/**
 * The students' early stopping at fractions < 1: no stop and no best-epoch choice before
 * epoch 5 (with few labelled rows an epoch is a few steps, and A's prediction-head validation
 * loss can rise for a few epochs before it falls: kept at epoch 1, such a run stays near
 * chance). Measured on a Fashion-MNIST slice (200 images per class, fractions 0.02 and 0.1,
 * both modes, T {4, 28} x a {0.3, 0.7}, 3 seeds): without it one A run collapsed (0.178,
 * epoch 1 kept) and A averaged 0.6015 over its 48 runs; with it none collapsed (that run:
 * 0.612), A averaged 0.6262, and B, C, D and E were unchanged (they never stopped before epoch 5).
 */
export const fewLabelEarlyStopping: Partial<EarlyStoppingConfig> = { minEpochs: 5 };

/** Paper 1's full study on 20 Newsgroups: T x a grids for A and B, the label fractions, hierarchies (hand-made, and discovered at the paper's k = 6) and a TF-IDF teacher. */
export const fullStudySettings: StudySettings = {
  temperatures: [1, 2, 4, 8, 16, 23, 28, 32],
  studentLossWeights: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  fractions: [0.05, 0.1, 0.25, 0.5, 1],
  modes: ['drop', 'distill'],
  hierarchies: [
    'newsgroups-paper',
    'newsgroups-names',
    'newsgroups-top-level',
    'newsgroups-3',
    'discovered:class-means:6',
    'discovered:confusion:6',
  ],
  teacherFeatures: { kind: 'tfidf', dimension: 5000 },
  curveEpochs: 40,
  paperChoices: true,
  regimeTemperatures: [4, 28],
  regimeStudentLossWeights: [0.3, 0.7],
  fewLabelEarlyStopping: fewLabelEarlyStopping,
  baselineGrids,
  featureSets: [
    { label: "the experiment's features", features: 'experiment' },
    { label: 'TF-IDF chi2 5,000', features: { kind: 'tfidf', dimension: 5000 } },
    {
      label: 'sentence embedding + TF-IDF chi2 5,000',
      features: { kind: 'concat', parts: ['experiment', { kind: 'tfidf', dimension: 5000 }] },
    },
  ],
};

/** The same parts on a slice: 2 x 2 grid, 2 fractions, every hierarchy, a small TF-IDF teacher. */
export const smokeStudySettings: StudySettings = {
  temperatures: [2, 28],
  studentLossWeights: [0.3, 0.7],
  fractions: [0.25, 1],
  modes: ['drop', 'distill'],
  hierarchies: [
    'newsgroups-paper',
    'newsgroups-names',
    'newsgroups-top-level',
    'newsgroups-3',
    'discovered:class-means:6',
  ],
  teacherFeatures: { kind: 'tfidf', dimension: 256 },
  curveEpochs: 4,
  paperChoices: true,
  regimeTemperatures: [4, 28],
  regimeStudentLossWeights: [0.3, 0.7],
  fewLabelEarlyStopping: fewLabelEarlyStopping,
  baselineGrids: smokeBaselineGrids,
  featureSets: [
    { label: "the experiment's features", features: 'experiment' },
    { label: 'TF-IDF chi2 256', features: { kind: 'tfidf', dimension: 256 } },
    {
      label: 'sentence embedding + TF-IDF chi2 256',
      features: { kind: 'concat', parts: ['experiment', { kind: 'tfidf', dimension: 256 }] },
    },
  ],
};

/** The grid's two axes: each sets A's and B's value together (`a+b=v1,v2`). */
export const linkedGridKeys = {
  temperature: 'methods.heterogeneous.temperature+methods.traditional.temperature',
  studentLossWeight: 'methods.heterogeneous.studentLossWeight+methods.traditional.studentLossWeight',
} as const;

/**
 * The study on Fashion-MNIST pixels (paper 2's setting; its numbers are unknown, so
 * no paper column): a 6 x 5 T x a grid for A and B, curves, the labelled fractions
 * {0.01, 0.05, 0.1, 1} with distillation on every image (and 'drop' for comparison), and
 * the three garment hierarchies. No feature parts (pixels only).
 */
export const fashionStudySettings: StudySettings = {
  temperatures: [1, 2, 4, 8, 16, 32],
  studentLossWeights: [0.1, 0.3, 0.5, 0.7, 0.9],
  fractions: [0.01, 0.05, 0.1, 1],
  modes: ['distill', 'drop'],
  hierarchies: [
    'fashion-mnist-5',
    'fashion-mnist-3',
    'fashion-mnist-confusion-5',
    'discovered:class-means:5',
    'discovered:confusion:5',
  ],
  curveEpochs: 30,
  regimeTemperatures: [4, 28],
  regimeStudentLossWeights: [0.3, 0.7],
  fewLabelEarlyStopping: fewLabelEarlyStopping,
  baselineGrids,
};

/** Fashion-MNIST on a slice: 2 x 2 grid, 2 fractions, every hierarchy. */
export const fashionSmokeStudySettings: StudySettings = {
  temperatures: [2, 16],
  studentLossWeights: [0.3, 0.7],
  fractions: [0.1, 1],
  modes: ['distill', 'drop'],
  hierarchies: ['fashion-mnist-5', 'fashion-mnist-3', 'fashion-mnist-confusion-5'],
  curveEpochs: 4,
  regimeTemperatures: [4, 28],
  regimeStudentLossWeights: [0.3, 0.7],
  fewLabelEarlyStopping: fewLabelEarlyStopping,
  baselineGrids: smokeBaselineGrids,
};

/** The study settings for an experiment: Fashion-MNIST's for its data set, else 20 Newsgroups'. */
export function studySettingsFor(config: ExperimentConfig, smoke = false): StudySettings {
  if (config.dataset.kind === 'fashion-mnist') return smoke ? fashionSmokeStudySettings : fashionStudySettings;
  return smoke ? smokeStudySettings : fullStudySettings;
}

/** One part of the study: a set of sweep points run together (runSweep groups them by data). */
export interface StudyPart {
  name: 'grid' | 'curves' | 'regimes' | 'hierarchies' | 'features' | 'featureSets' | 'baselines';
  title: string;
  points: SweepPoint[];
}

/** A regimes point at a fraction < 1 with `patch` merged into its students' early stopping (when on). */
function withFewLabelEarlyStopping(point: SweepPoint, patch: StudySettings['fewLabelEarlyStopping']): SweepPoint {
  const student = point.config.student;
  if (!patch || (student.labelledFraction ?? 1) >= 1 || student.earlyStopping === false) return point;
  return {
    ...point,
    config: { ...point.config, student: { ...student, earlyStopping: { ...student.earlyStopping, ...patch } } },
  };
}

function withMethods(config: ExperimentConfig, keys: string[]): ExperimentConfig {
  const methods = Object.fromEntries(keys.map((key) => [key, cloneJson(config.methods[key] ?? {})]));
  return { ...cloneJson(config), methods };
}

/**
 * The study's parts, each a list of sweep points of one experiment (same name, so run ids
 * share teachers and identical students across parts):
 * - grid: A and B over T x a (A and B take the same (T, a) at each point; C, D, E once);
 * - curves: all methods at the base settings, early stopping off for `curveEpochs` epochs;
 * - regimes: labelled fraction x unlabelled-inputs mode x the regime grid of (T, a) for A and B
 *   (C, D and E do not read T or a: one run per regime and seed), methods A, B, C, D, E; the
 *   students' early stopping at fractions < 1 takes `fewLabelEarlyStopping`;
 * - hierarchies: the coarse teacher's hierarchy, methods A, C, D;
 * - features: the teacher on the experiment's features vs on `teacherFeatures`, methods A, B, C;
 * - featureSets: teachers and students on each of `featureSets`, methods A, B, C;
 * - baselines: A, C, D, E and F-M, point k setting A and each of F-M to the k-th value of its
 *   `baselineGrids` entries (C, D and E: one run per seed, shared; A's runs the regimes part's), on
 *   all labels, or per regime of `baselineFractions` x `modes` (early stopping as the regimes').
 */
export function buildStudyParts(base: ExperimentConfig, settings: StudySettings, smoke = false): StudyPart[] {
  const config = smoke ? smokeVariant(base) : cloneJson(base);
  const list = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join(',');

  // C, D and E do not read T or a: each trains once per seed, shared by every point.
  const gridBase = withMethods(config, ['heterogeneous', 'traditional', 'plain', 'coarseAuxiliary', 'labelSmoothing']);
  // Linked keys: A and B take the same (T, a) at each point.
  const grid = expandSweep(gridBase, [
    `${linkedGridKeys.temperature}=${list(settings.temperatures)}`,
    `${linkedGridKeys.studentLossWeight}=${list(settings.studentLossWeights)}`,
  ]);

  const curvesConfig: ExperimentConfig = {
    ...cloneJson(config),
    student: { ...cloneJson(config.student), epochs: settings.curveEpochs, earlyStopping: false },
  };
  const curves: SweepPoint[] = [
    { label: `fixed ${settings.curveEpochs} epochs`, assignments: {}, config: curvesConfig },
  ];

  const regimesBase = withMethods(config, [
    'heterogeneous',
    'traditional',
    'plain',
    'coarseAuxiliary',
    'labelSmoothing',
  ]);
  const regimeGrid = [
    ...(settings.regimeTemperatures ? [`${linkedGridKeys.temperature}=${list(settings.regimeTemperatures)}`] : []),
    ...(settings.regimeStudentLossWeights
      ? [`${linkedGridKeys.studentLossWeight}=${list(settings.regimeStudentLossWeights)}`]
      : []),
  ];
  const regimes = expandSweep(regimesBase, [
    `student.labelledFraction=${list(settings.fractions)}`,
    `student.unlabelledInputs=${list(settings.modes)}`,
    ...regimeGrid,
  ])
    // At fraction 1 both modes are the same runs: keep one point.
    .filter(
      (point) =>
        point.config.student.labelledFraction !== 1 || point.config.student.unlabelledInputs === settings.modes[0],
    )
    .map((point) => withFewLabelEarlyStopping(point, settings.fewLabelEarlyStopping));

  const hierarchies = expandSweep(withMethods(config, ['heterogeneous', 'plain', 'coarseAuxiliary']), [
    `hierarchy=${list(settings.hierarchies)}`,
  ]);

  const featuresBase = withMethods(config, ['heterogeneous', 'traditional', 'plain']);
  const teacherFeatures = settings.teacherFeatures;
  const features: SweepPoint[] = teacherFeatures
    ? [
        { label: "teacher on the students' features", assignments: { 'teacher.features': null }, config: featuresBase },
        {
          label: `teacher on ${teacherFeatures.kind}`,
          assignments: { 'teacher.features': teacherFeatures },
          config: {
            ...cloneJson(featuresBase),
            teacher: { ...cloneJson(featuresBase.teacher), features: cloneJson(teacherFeatures) },
          },
        },
      ]
    : [];

  const resolveFeatures = (features: NonNullable<StudySettings['featureSets']>[number]['features']): FeaturesConfig => {
    if (features === 'experiment') return cloneJson(config.features);
    if (features.kind === 'concat')
      return { kind: 'concat', parts: features.parts.map((part) => resolveFeatures(part)) };
    return cloneJson(features as FeaturesConfig);
  };
  const featureSets: SweepPoint[] = (settings.featureSets ?? []).map(({ label, features }) => {
    const resolved = resolveFeatures(features);
    const { features: _teacherFeatures, ...teacher } = cloneJson(featuresBase.teacher);
    return {
      label,
      assignments: { features: resolved },
      config: { ...cloneJson(featuresBase), features: resolved, teacher },
    };
  });

  const baselineGrids = settings.baselineGrids ?? [];
  const baselines = baselinePoints(
    withMethods(config, [...new Set([...baselineReferences, ...baselineGrids.map((grid) => grid.configKey)])]),
    baselineGrids,
    { fractions: settings.baselineFractions, modes: settings.modes },
  ).map((point) => withFewLabelEarlyStopping(point, settings.fewLabelEarlyStopping));

  // Cheaper parts first, the long grid last: an interrupted study has the regimes, and resumes.
  const parts: StudyPart[] = [
    { name: 'curves', title: 'Fixed-length curves', points: curves },
    { name: 'regimes', title: 'Few fine labels: labelled fraction x unlabelled inputs', points: regimes },
    { name: 'hierarchies', title: 'Coarser and finer hierarchies', points: hierarchies },
    { name: 'features', title: 'A teacher that sees other features', points: features },
    { name: 'featureSets', title: 'Features that make a strong student (teachers and students)', points: featureSets },
    {
      name: 'baselines',
      title: 'Baselines without a trained teacher and better uses of the teacher',
      points: baselines,
    },
    { name: 'grid', title: 'Temperature x student-loss weight for A and B (chosen on validation)', points: grid },
  ];
  return parts.filter((part) => part.points.length > 0);
}

/** One part's finished points (what runStudy trained and writeStudyReport reports). */
export interface StudyPartResult {
  part: StudyPart;
  points: SweepPointRuns[];
  seconds: number;
}
