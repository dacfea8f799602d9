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
