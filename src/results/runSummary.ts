import type { ProfessorSummary } from '../professor/professorSummary';

/** Scores of one network on one split. */
export interface SplitScores {
  accuracy: number;
  macroF1: number;
  crossEntropy: number;
  /** Accuracy of the coarse group implied by the fine prediction (fine-label models only). */
  impliedCoarseAccuracy?: number;
  /** Share of the wrong fine predictions that stay in the true class's coarse group (fine-label models only). */
  withinGroupErrorShare?: number;
  perClassF1?: number[];
  confusionMatrix?: number[][];
  /** Share of rows whose label is among the 3 highest logits, ties ranked like argmax (fine-label models only). */
  topThreeAccuracy?: number;
  /** Mean height of the lowest common ancestor of (true, predicted) over the wrong predictions, on the run's hierarchy (1 within a group, 2 across; fine-label models only). */
  mistakeSeverity?: number;
  /** Mean LCA height over all predictions, a correct one counting 0 (fine-label models only). */
  hierarchicalDistance?: number;
  /** Expected calibration error of the softmax confidences, 15 equal-width bins. */
  expectedCalibrationError?: number;
  /** The temperature T > 0 fitted on the validation logits by minimising NLL (the same on both splits). */
  temperature?: number;
  /** Mean NLL of softmax(logits / temperature) (natural log, float64). */
  scaledCrossEntropy?: number;
  /** Expected calibration error of softmax(logits / temperature). */
  scaledExpectedCalibrationError?: number;
  /** Reliability diagram before scaling (test only): bin m holds confidences in ((m-1)/15, m/15]; an empty bin has null confidence and accuracy. */
  reliabilityBins?: ReliabilityBinRecord[];
  /** Discovered hierarchies only: the mistake severity on their full merge tree (node height = merge levels below it; fine-label models only). */
  treeMistakeSeverity?: number;
}

/** One confidence bin of a reliability diagram as summary.json stores it. */
export interface ReliabilityBinRecord {
  count: number;
  /** Mean confidence of the bin's predictions; null when the bin is empty. */
  confidence: number | null;
  /** Their accuracy; null when the bin is empty. */
  accuracy: number | null;
}

/**
 * summary.json of every pipeline run, as the pipeline writes it. Tables, claims and notebooks
 * read it back as a RunResult (src/results/runResult.ts: loadExperimentResults), whose summary
 * fields are picked from this type.
 */
export interface PipelineRunSummary {
  experiment: string;
  role: 'teacher' | 'student';
  /** 'teacher-coarse', 'teacher-fine' or the student method. */
  method: string;
  /** A-E for students (see studentMethodLetters). */
  letter?: string;
  target: 'coarse' | 'fine';
  seed: number;
  parameters: number;
  bestEpoch: number;
  epochsRun: number;
  stoppedEarly: boolean;
  /** First epoch whose test accuracy reached the experiment's target, or null. */
  epochsToTarget: number | null;
  targetAccuracy: number;
  trainingSeconds: number;
  backend: string;
  /** Seconds the run's features took to build in the call that trained it (embedding or TF-IDF fit + transform; near 0 when cached). */
  featuresSeconds?: number;
  /** Students that saw only some fine labels: how many training rows were labelled. */
  labelledRows?: number;
  /** Set when the run trained as one member of a stacked group (otherwise the record is the same). */
  group?: { size: number; index: number };
  validation: SplitScores;
  test: SplitScores;
  /** The professor it distilled from (professor-* methods): settings, per-epoch history, target metrics. */
  professor?: ProfessorSummary;
  /**
   * Runs of a few-label regime (student.labelledFraction < 1; teachers only when they saw the
   * labelled rows only): the data protocol (src/pipeline/prepare/fewLabelProtocol.ts: fraction,
   * subset rule, teacher rows, validation rule) and the training / validation rows it used.
   */
  dataProtocol?: {
    labelledFraction: number;
    labelledSubset: 'per-seed' | 'shared';
    validationRows: 'scaled' | 'all';
    unlabelledInputs?: 'drop' | 'distill';
    fineTeacherRows?: 'labelled' | 'all';
    coarseTeacherRows?: 'all' | 'labelled';
    /** Teachers: 'labelled' (they trained on the labelled rows only). */
    teacherRows?: 'labelled';
    trainRows: number;
    validationRowsUsed: number;
  };
}
