/**
 * The experiment config: one typed, JSON-able object that says which data set, features,
 * label hierarchy, networks, methods and seeds an experiment uses. Not tied to a data
 * set: 20 Newsgroups (encoder features) and Fashion-MNIST (pixels) are config values.
 * Checked field by field by {@link validateExperimentConfig} (src/config/validate.ts)
 * before any data are loaded.
 */
import type { EncoderSpec } from '../embeddings';
import type { TfidfOptions } from '../features/tfidf';

/** Early stopping as Keras does it: watch one validation figure, stop after `patience` epochs without an improvement larger than `minDelta`, restore the best weights. */
export interface EarlyStoppingConfig {
  monitor: 'validationLoss' | 'validationAccuracy';
  patience: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** No stop and no best-epoch choice before this epoch (default 1); absent keeps run ids as they were. */
  minEpochs?: number;
}

/** How one network is trained. */
export interface TrainingConfig {
  dropoutRate: number;
  learningRate: number;
  batchSize: number;
  /** Maximum epochs (all epochs when early stopping is off). */
  epochs: number;
  /** false records fixed-length curves (paper 1's per-epoch tables). */
  earlyStopping: EarlyStoppingConfig | false;
}

/** Which network a role builds. */
export type ModelConfig =
  /** Dense layers; `hiddenUnits` undefined = the model's documented default for the input size. */
  | { kind: 'dense'; hiddenUnits?: number[] }
  /** Convolutional body (image data only): conv layers of `filters`, then dense layers of `denseUnits`. */
  | { kind: 'conv'; filters: number[]; kernelSize: number; denseUnits: number[] };

/** A teacher's or the students' network and training. */
export interface RoleConfig extends TrainingConfig {
  model: ModelConfig;
  /**
   * Teachers only: the teachers' own features of the same documents (e.g. TF-IDF while the
   * students read sentence embeddings); default = the experiment's `features`.
   */
  features?: FeaturesConfig;
  /**
   * Students only: the share f of the training split whose FINE label the student sees
   * (0 < f <= 1, default 1; stratified by fine label, the same rows for every method of a
   * seed, and nested: the rows at 0.05 are among those at 0.1). Which rows, what the
   * teachers and the validation see: labelledSubset, fineTeacherRows, coarseTeacherRows,
   * validationRows below (ignored at f = 1).
   */
  labelledFraction?: number;
  /**
   * Students only, with labelledFraction < 1: 'drop' (default) trains the student on the
   * labelled rows only; 'distill' trains on every row, the label terms (fine CE, D's coarse
   * CE, E's smoothed CE) averaged over the labelled rows of each batch and the distillation
   * term over all rows (the teacher's view is available for every input).
   */
  unlabelledInputs?: 'drop' | 'distill';
  /**
   * Students only, with labelledFraction < 1: which labelled rows. 'per-seed' (default): a
   * stratified subset seeded by (dataset.splitSeed, run seed), so the spread over seeds
   * includes the subset's variance; every method (and teacher) of one seed sees the same
   * rows, and the rows of a smaller fraction are among those of a larger one. 'shared': one
   * subset seeded by dataset.splitSeed for every seed.
   */
  labelledSubset?: 'per-seed' | 'shared';
  /**
   * Students only, with labelledFraction < 1: the rows the FINE teacher trains on.
   * 'labelled' (default): the student's labelled rows of its seed (the teacher is a run of
   * its own fraction and seed); 'all': every row (a fine teacher trained elsewhere).
   */
  fineTeacherRows?: 'labelled' | 'all';
  /**
   * Students only, with labelledFraction < 1: the rows the COARSE teacher trains on. 'all'
   * (default: coarse labels are cheaper, every row has one; D's coarse term then covers
   * every row in 'distill' mode), or 'labelled' (the student's labelled rows).
   */
  coarseTeacherRows?: 'all' | 'labelled';
  /**
   * Students only, with labelledFraction < 1: the validation rows used for early stopping and
   * the best epoch by the students and by teachers that see only labelled rows. 'scaled'
   * (default): a stratified share f of the validation split (seeded like the training
   * subset); 'all': the whole validation split. The test split is always whole.
   */
  validationRows?: 'scaled' | 'all';
}

/** The methods compared; keys and settings are those of the method registry (src/methods/registry.ts). */
export interface MethodsConfig {
  /** (A) coarse teacher -> two-head student (paper 1's best: a = 0.3, T = 28). */
  heterogeneous?: { studentLossWeight: number; temperature: number };
  /** (B) fine teacher -> one-head student (paper 1's best: a = 0.2, T = 23). */
  traditional?: { studentLossWeight: number; temperature: number };
  /** (C) plain student, cross-entropy on the fine labels, no teacher. */
  plain?: Record<string, never>;
  /** (D) control: two-head student whose coarse head learns the TRUE coarse labels, no teacher. */
  coarseAuxiliary?: { studentLossWeight: number };
  /** (E) control: plain student with label smoothing (is any soft target all that helps?). */
  labelSmoothing?: { smoothing: number };
  /** (J) optional: decoupled KD, fine teacher -> one-head student: a·CE + (1 - a)·(α·TCKD + β·NCKD) (defaults 0.5, T 4, α 1, β 8). */
  decoupled?: { studentLossWeight: number; temperature: number; targetWeight: number; nonTargetWeight: number };
  /** (K) optional: decoupled KD, coarse teacher -> A's distillation head, target = the true group. */
  decoupledCoarse?: { studentLossWeight: number; temperature: number; targetWeight: number; nonTargetWeight: number };
  /** (L) optional: coarse teacher's group probabilities x the student's own within-group split -> one-head student's fine head (defaults a 0.3, T 2). */
  composedTeacher?: { studentLossWeight: number; temperature: number };
  /** (M) optional: as L with a uniform split within each group. */
  composedTeacherUniform?: { studentLossWeight: number; temperature: number };
  /** (F) teacher-free: fine head on hierarchy soft labels softmax(-beta * d(true, c)) (Bertinetto et al. 2020). Optional. */
  softLabels?: { beta: number };
  /** (G) teacher-free: hierarchical cross-entropy -log p(y|g) - exp(-alpha) log p(g) (Bertinetto et al. 2020). Optional. */
  hierarchicalCrossEntropy?: { alpha: number };
  /** (H) teacher-free KD with a virtual teacher (Tf-KD reg, Yuan et al. 2020). Optional. */
  teacherFreeVirtual?: { studentLossWeight: number; temperature: number; correctProbability: number };
  /** (I) teacher-free self-distillation: a plain student of the same seed, trained first, as the teacher (Tf-KD self). Optional. */
  teacherFreeSelf?: { studentLossWeight: number; temperature: number };
  /** Methods added to the registry later, by their config key. */
  [configKey: string]: Record<string, number> | undefined;
}

/** 20 Newsgroups as scikit-learn ships it, cleaned and split as paper 1 did. */
export interface NewsgroupsDatasetConfig {
  kind: 'newsgroups';
  /** scikit-learn's `remove=`: parts of each post dropped before cleaning (all three reproduce paper 1's counts). */
  remove: Array<'headers' | 'footers' | 'quotes'>;
  /** Duplicate removal: 'across' (train, then test within itself and against train) reproduces paper 1's counts. */
  deduplicate: 'across' | 'within' | 'none';
  validationFraction: number;
  /** Seed of the stratified train/validation split (fixed across training seeds). */
  splitSeed: number;
  /** Smoke setting: keep only the first N documents per class of each split. */
  limitPerClass?: number;
}

/** Fashion-MNIST: validation carved (stratified, seeded) from the 60,000 training images; test = the official 10,000. */
export interface FashionMnistDatasetConfig {
  kind: 'fashion-mnist';
  validationFraction: number;
  splitSeed: number;
  /** Smoke setting: keep only the first N images per class of each split. */
  limitPerClass?: number;
}

export type DatasetConfig = NewsgroupsDatasetConfig | FashionMnistDatasetConfig;

/** TF-IDF fitted on the training texts, reduced to `dimension` columns (see src/features: TfidfSpec). */
export interface TfidfFeaturesConfig extends Omit<TfidfOptions, 'reduction'> {
  kind: 'tfidf';
  dimension: number;
  /** Default 'chi2' (the `dimension` terms scoring highest against the fine training labels). */
  reduction?: 'chi2' | 'hashing';
}

/**
 * How examples become vectors: a text encoder, TF-IDF, a row-wise concatenation of text
 * feature sets (each part optionally scaled), or raw pixels scaled to [0, 1] and flattened.
 */
export type FeaturesConfig =
  | { kind: 'encoder'; encoder: EncoderSpec }
  | TfidfFeaturesConfig
  | { kind: 'concat'; parts: FeaturesConfig[]; scales?: number[] }
  | { kind: 'pixels' };

/** How the training engine groups students (trained together in one graph). */
export interface EngineConfig {
  /** At most this many networks train together (>= 1). */
  groupSize: number;
  /** Memory ceiling of one group's weights and activations, in megabytes. */
  maxGroupMegabytes: number;
  /** Workers over one runs folder (src/cluster): how often a worker refreshes its claims (s; the --claim-heartbeat flag wins). */
  claimHeartbeatSeconds?: number;
  /** Workers: another worker's claim is stale after this many missed heartbeats (--stale-heartbeats wins). */
  staleHeartbeats?: number;
  /** Workers: how long a worker waits for a run of another that nobody claimed (s; --worker-wait wins). */
  workerWaitSeconds?: number;
}

/**
 * How the professor of the P1/P2 strategies is trained (src/professor, README.md there).
 * Optional: absent fields (or the whole block) take `defaultProfessorSettings`.
 */
export interface ProfessorConfig {
  /** Weights of its reconstruction (T²·KL to the teacher), classification (CE on true labels) and adversarial terms; each ≥ 0, not all 0. */
  weights?: { reconstruction?: number; classification?: number; adversarial?: number };
  epochs?: number;
  latentUnits?: number;
  hiddenUnits?: number[];
  learningRate?: number;
  batchSize?: number;
}

/** A whole comparison, as one typed, JSON-able object. */
export interface ExperimentConfig {
  name: string;
  description: string;
  dataset: DatasetConfig;
  features: FeaturesConfig;
  /**
   * A built-in hierarchy name ('newsgroups-paper', 'newsgroups-names', 'fashion-mnist-5', ...), a JSON file path,
   * or a hierarchy discovered when the data are prepared: `discovered:<way>:<k>[:<linkage>]` with way
   * `class-means` (training-split class means) or `confusion` (a seeded softmax regression's validation
   * confusions), k in 2..classes-1, linkage average (default), complete, single or ward (src/hierarchy/discoverySpec.ts).
   */
  hierarchy: string;
  teacher: RoleConfig;
  student: RoleConfig;
  methods: MethodsConfig;
  /** One full comparison (teachers + every student) per seed; unique integers. */
  seeds: number[];
  /**
   * Test accuracy for the "epochs needed to reach" figure (paper 1 reports one). An
   * analysis setting: changing it does not retrain anything (finished runs are rescored).
   */
  targetAccuracy: number;
  engine: EngineConfig;
  /** The professor of the professor-* methods (read only when one is configured). */
  professor?: ProfessorConfig;
}

/** @deprecated the config is no longer tied to 20 Newsgroups; use {@link ExperimentConfig}. */
export type NewsgroupsExperimentConfig = ExperimentConfig;
