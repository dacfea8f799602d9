/**
 * Collapsed runs: a run whose training failed (it kept its first epoch near chance, or its
 * validation loss never improved on the first epoch's). Every table marks them and leaves
 * them out of means and paired tests; the pipeline and study commands warn about each.
 */

/** What the collapse rule reads from a run. */
export interface CollapseEvidence {
  /** The kept (best) epoch, 1-based. */
  bestEpoch: number;
  epochsRun: number;
  testAccuracy: number;
  /** Classes of the run's target (fine classes for students): chance = 1 / classes; unknown: clause 1 is not judged. */
  classes?: number;
  /** Validation loss after each epoch, when known (metrics.jsonl). */
  validationLossCurve?: number[];
}

/** The rule's verdict: `reason` says which clause fired, with the numbers. */
export interface CollapseVerdict {
  collapsed: boolean;
  reason?: string;
}

/**
 * Whether the validation loss never fell below the first epoch's: with a curve of at least
 * two finite epochs, every later epoch's loss >= epoch 1's; without a curve, the kept epoch is
 * 1 of several (the best epoch is chosen by validation loss unless early stopping watches
 * accuracy). Undefined for a one-epoch run (nothing to improve on).
 */
export function validationLossNeverImproved(evidence: CollapseEvidence): boolean | undefined {
  const curve = (evidence.validationLossCurve ?? []).filter((value) => Number.isFinite(value));
  if (curve.length >= 2) return curve.slice(1).every((value) => value >= curve[0]);
  if (evidence.epochsRun < 2) return undefined;
  return evidence.bestEpoch === 1;
}

/**
 * The collapse rule, in one place. A run of more than one epoch is collapsed when
 * 1. it kept epoch 1 (or its validation loss never improved) AND its test accuracy is below
 *    2 x chance (chance = 1 / classes of its target), or
 * 2. its validation loss never improved on epoch 1's (the run learnt nothing the validation
 *    loss can see after its first epoch, whatever its accuracy).
 * A one-epoch run is never collapsed (it had no later epoch to keep); with the classes unknown
 * only clause 2 is judged.
 */
export function collapseOf(evidence: CollapseEvidence): CollapseVerdict {
  const classes = evidence.classes;
  if (classes !== undefined && !(Number.isInteger(classes) && classes >= 2))
    throw new Error(`collapseOf: classes should be an integer >= 2, got ${classes}`);
  if (evidence.epochsRun < 2) return { collapsed: false };
  const neverImproved = validationLossNeverImproved(evidence) === true;
  const chance = classes === undefined ? Number.NaN : 1 / classes;
  const accuracy = evidence.testAccuracy.toFixed(4);
  if ((evidence.bestEpoch === 1 || neverImproved) && evidence.testAccuracy < 2 * chance) {
    return {
      collapsed: true,
      reason: `kept epoch ${evidence.bestEpoch} of ${evidence.epochsRun} at test accuracy ${accuracy} < 2 x chance (${(2 * chance).toFixed(4)})`,
    };
  }
  if (neverImproved)
    return {
      collapsed: true,
      reason: `validation loss never improved on epoch 1's in ${evidence.epochsRun} epochs (test accuracy ${accuracy})`,
    };
  return { collapsed: false };
}

/** A run summary's scores as the rule needs them (summary.json: the test split's per-class F1 gives the classes). */
export interface SummaryLike {
  bestEpoch: number;
  epochsRun: number;
  test: { accuracy: number; perClassF1?: number[] };
}

/**
 * The rule on a run summary (no curve: clause 2 reads the kept epoch). `classes` defaults to
 * the length of the test split's per-class F1; a summary without it and no `classes` is an error.
 */
export function collapseOfSummary(
  summary: SummaryLike,
  classes?: number,
  validationLossCurve?: number[],
): CollapseVerdict {
  const count = classes ?? summary.test.perClassF1?.length;
  if (count === undefined)
    throw new Error(
      'collapseOfSummary: the summary has no test.perClassF1 to count its classes; pass the classes of its target',
    );
  return collapseOf({
    bestEpoch: summary.bestEpoch,
    epochsRun: summary.epochsRun,
    testAccuracy: summary.test.accuracy,
    classes: count,
    validationLossCurve,
  });
}

/** `warning: seed 2 heterogeneous (where) collapsed: kept epoch 1 of 9 ...`: the line the CLIs print for a collapsed run. */
export function collapseWarning(run: { method: string; seed: number }, verdict: CollapseVerdict, where = ''): string {
  return `warning: seed ${run.seed} ${run.method}${where ? ` (${where})` : ''} collapsed: ${verdict.reason ?? 'see the collapse rule'}; left out of the tables' means and paired tests`;
}

/** The marker of a collapsed run's cell; the table's footnote names the method and seed. */
export const collapsedMarker = '†';

/** The runs the rule keeps (`isCollapsed` says which to leave out of means and paired tests). */
export function withoutCollapsed<Run>(runs: readonly Run[], isCollapsed: (run: Run) => boolean): Run[] {
  return runs.filter((run) => !isCollapsed(run));
}
