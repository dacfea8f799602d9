/**
 * A paper's claim as a row of data: which two methods (or teachers) it compares, on which
 * metric, in which direction. The claims engine (src/results/paperClaims.ts) tests any of
 * them on run results; each paper's file lists its claims with its own evidence.
 */

/** What a claim compares: `first` against `second` on `metric`, claimed `direction` (first - second). */
export interface PaperClaim {
  id: string;
  /** The claim in words, as the paper makes it (or our control's question). */
  statement: string;
  /** The paper's figures behind it (or why there are none). */
  paperEvidence: string;
  first: string;
  second: string;
  /**
   * The test score compared. Beyond the papers' own (accuracy, macro-F1, epochs to target,
   * errors in group): mistake severity, and the ECE and NLL after temperature scaling, which
   * the study's baselines comparisons test (lower is better for those three).
   */
  metric:
    | 'accuracy'
    | 'macroF1'
    | 'epochsToTarget'
    | 'withinGroupErrorShare'
    | 'mistakeSeverity'
    | 'scaledExpectedCalibrationError'
    | 'scaledCrossEntropy';
  /** 'greater': first > second is claimed; 'less': first < second (fewer epochs). */
  direction: 'greater' | 'less';
  /**
   * The paper's own difference first - second (e.g. its reported accuracies subtracted), when
   * it gives figures; the claims engine tests whether ours is significantly below it.
   */
  paperEffect?: number;
}

/** A claim without its paper's evidence: the comparisons several papers make alike. */
export type ClaimComparison = Omit<PaperClaim, 'paperEvidence'>;

/** The comparisons both papers make (by claim id); a paper adds its evidence with {@link claimWithEvidence}. */
export const sharedComparisons = {
  'a-beats-c-accuracy': {
    id: 'a-beats-c-accuracy',
    statement: 'A (heterogeneous KD) is more accurate than C (plain student)',
    first: 'heterogeneous',
    second: 'plain',
    metric: 'accuracy',
    direction: 'greater',
  },
  'a-beats-b-accuracy': {
    id: 'a-beats-b-accuracy',
    statement: 'A (heterogeneous KD) is more accurate than B (traditional KD)',
    first: 'heterogeneous',
    second: 'traditional',
    metric: 'accuracy',
    direction: 'greater',
  },
  'a-beats-d-accuracy': {
    id: 'a-beats-d-accuracy',
    statement:
      "A's gain is not explained by an auxiliary coarse target alone: A is more accurate than D (coarse-label auxiliary, our control)",
    first: 'heterogeneous',
    second: 'coarse-auxiliary',
    metric: 'accuracy',
    direction: 'greater',
  },
} as const satisfies Record<string, ClaimComparison>;

/** The coarse teacher beats the fine one on its own labels; `statement` names the data set's groups and classes. */
export function coarseTeacherComparison(statement: string): ClaimComparison {
  return {
    id: 'coarse-teacher',
    statement,
    first: 'teacher-coarse',
    second: 'teacher-fine',
    metric: 'accuracy',
    direction: 'greater',
  };
}

/** A comparison with one paper's evidence behind it (and the paper's difference, when it reports figures). */
export function claimWithEvidence(
  comparison: ClaimComparison,
  paperEvidence: string,
  paperEffect?: number,
): PaperClaim {
  return { ...comparison, paperEvidence, ...(paperEffect === undefined ? {} : { paperEffect }) };
}

/** A paper's difference of two reported figures, first - second, rounded to the figures' 4 decimals. */
export function reportedDifference(first: number, second: number): number {
  return Number((first - second).toFixed(4));
}
