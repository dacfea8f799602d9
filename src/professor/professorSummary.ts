import type { ProfessorSettings } from './professorSettings';
import type { ProfessorEpochRecord } from './trainProfessor';

/** What the professor did to the teacher's training-split targets (measured, not assumed). */
export interface ProfessorTargetMetrics {
  /** Share of training rows whose teacher logits put the true class first. */
  teacherTrueClassFirst: number;
  /** The same for the refined logits. */
  refinedTrueClassFirst: number;
  /** Mean absolute difference of the class-correlation matrices (mean soft target per true class) at the distillation T. */
  correlationDistanceAtTemperature: number;
  /** The same on the off-true-class mass at T = 1 (how the doubt is spread; src/professor/README.md). */
  correlationDistanceOffTrueClass: number;
}

/** The professor a student distilled from, recorded in its summary (`summary.professor`). */
export interface ProfessorSummary {
  settings: ProfessorSettings;
  temperature: number;
  seed: number;
  teacherRunId: string;
  /** Teacher label space the professor refines: 'coarse' (A's teacher) or 'fine' (B's). */
  target: 'coarse' | 'fine';
  seconds: number;
  /**
   * Fine professors of students that see only some fine labels (`student.labelledFraction` < 1):
   * how many training rows the professor saw the fine label of (it trained on, refined and was
   * measured on those rows only). Absent when it saw every row's label.
   */
  labelledRows?: number;
  metrics: ProfessorTargetMetrics;
  /** Per-epoch losses and refined true-class-first rate (trainProfessor's history). */
  history: ProfessorEpochRecord[];
}
