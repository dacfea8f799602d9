import { formatPValue, formatSignedDifference, pairedTTest } from '../metrics';
import { paperReference } from '../pipeline/tables';
import { epochsToTarget, type ReportRun } from './experimentRuns';

/** A claim's verdict from the runs. */
export type Verdict = 'holds' | 'does not hold' | 'cannot be tested here';

/** Why: significant in the claimed direction, significant the other way, within noise, or runs missing. */
export type VerdictReason = 'significant' | 'opposite' | 'within noise' | 'missing runs' | 'target never reached';

/** What a claim compares: `first` against `second` on `metric`, claimed `direction` (first - second). */
export interface ClaimDefinition {
  id: string;
  /** The claim in words, as paper 1 makes it (or our control's question). */
  statement: string;
  /** Paper 1's figures behind it ('' when paper 1 gives none). */
  paperEvidence: string;
  first: string;
  second: string;
  metric: 'accuracy' | 'macroF1' | 'epochsToTarget' | 'withinGroupErrorShare';
  /** 'greater': first > second is claimed; 'less': first < second (fewer epochs). */
  direction: 'greater' | 'less';
}

/** One line of the claims section. */
export interface ClaimResult {
  definition: ClaimDefinition;
  verdict: Verdict;
  reason: VerdictReason;
  /** The numbers behind the verdict, in words. */
  evidence: string;
  pairs: number;
  meanDifference?: number;
  pValue?: number;
}

const students = paperReference.students;
const teachers = paperReference.teachers;

/** Paper 1's claims (and our control's), in the order of the write-up. */
export const paperClaims: ClaimDefinition[] = [
  {
    id: 'coarse-teacher',
    statement: 'A teacher trained on the coarse groups is more accurate (on its own labels) than one trained on the 20 fine classes',
    paperEvidence: `${teachers['teacher-coarse'].accuracy} vs ${teachers['teacher-fine'].accuracy}`,
    first: 'teacher-coarse', second: 'teacher-fine', metric: 'accuracy', direction: 'greater',
  },
  {
    id: 'a-beats-c-accuracy',
    statement: 'A (heterogeneous KD) is more accurate than C (plain student)',
    paperEvidence: `${students.heterogeneous.accuracy} vs ${students.plain.accuracy}`,
    first: 'heterogeneous', second: 'plain', metric: 'accuracy', direction: 'greater',
  },
  {
    id: 'a-beats-b-accuracy',
    statement: 'A (heterogeneous KD) is more accurate than B (traditional KD)',
    paperEvidence: `${students.heterogeneous.accuracy} vs ${students.traditional.accuracy}`,
    first: 'heterogeneous', second: 'traditional', metric: 'accuracy', direction: 'greater',
  },
  {
    id: 'b-beats-c-accuracy',
    statement: 'B (traditional KD) is more accurate than C (plain student)',
    paperEvidence: `${students.traditional.accuracy} vs ${students.plain.accuracy}`,
    first: 'traditional', second: 'plain', metric: 'accuracy', direction: 'greater',
  },
  {
    id: 'a-beats-c-macro-f1',
    statement: 'A has a higher macro-F1 than C',
    paperEvidence: `${students.heterogeneous.macroF1} vs ${students.plain.macroF1}`,
    first: 'heterogeneous', second: 'plain', metric: 'macroF1', direction: 'greater',
  },
  {
    id: 'a-faster-than-c',
    statement: 'A reaches the target test accuracy in fewer epochs than C',
    paperEvidence: 'paper 1: the heterogeneous student learns faster (its learning curves)',
    first: 'heterogeneous', second: 'plain', metric: 'epochsToTarget', direction: 'less',
  },
  {
    id: 'a-beats-d-accuracy',
    statement: "A's gain is not explained by an auxiliary coarse target alone: A is more accurate than D (coarse-label auxiliary, our control)",
    paperEvidence: 'not in paper 1 (our control)',
    first: 'heterogeneous', second: 'coarse-auxiliary', metric: 'accuracy', direction: 'greater',
  },
];

/**
 * Paper 2's claims on Fashion-MNIST (Yu & Kim, IEEE Access 2024). Only its abstract was
 * available: it reports that heterogeneous KD (a teacher on garment kinds) is more accurate
 * than traditional KD; it gives no figures we could read, so `paperEvidence` says so. The
 * within-group claim is the issue's reading of the paper's point (conceptual learning).
 */
export const fashionClaims: ClaimDefinition[] = [
  {
    id: 'coarse-teacher',
    statement: 'A teacher trained on the coarse garment kinds is more accurate (on its own labels) than one trained on the 10 classes',
    paperEvidence: 'paper 2 (abstract only): no figures available',
    first: 'teacher-coarse', second: 'teacher-fine', metric: 'accuracy', direction: 'greater',
  },
  {
    id: 'a-beats-b-accuracy',
    statement: 'A (heterogeneous KD) is more accurate than B (traditional KD)',
    paperEvidence: 'paper 2\'s abstract: higher accuracy than traditional KD (no figures available)',
    first: 'heterogeneous', second: 'traditional', metric: 'accuracy', direction: 'greater',
  },
  {
    id: 'a-beats-c-accuracy',
    statement: 'A (heterogeneous KD) is more accurate than C (plain student)',
    paperEvidence: 'paper 2 (abstract only): no figures available',
    first: 'heterogeneous', second: 'plain', metric: 'accuracy', direction: 'greater',
  },
  {
    id: 'a-errors-in-group',
    statement: "When A is wrong, its mistake stays within the true class's coarse group more often than C's",
    paperEvidence: 'the point of conceptual learning (our test; not a figure of paper 2)',
    first: 'heterogeneous', second: 'plain', metric: 'withinGroupErrorShare', direction: 'greater',
  },
  {
    id: 'a-beats-d-accuracy',
    statement: "A's gain is not explained by an auxiliary coarse target alone: A is more accurate than D (coarse-label auxiliary, our control)",
    paperEvidence: 'not in paper 2 (our control)',
    first: 'heterogeneous', second: 'coarse-auxiliary', metric: 'accuracy', direction: 'greater',
  },
];

/** The claims the report tests for a data set: paper 2's on Fashion-MNIST, paper 1's otherwise. */
export function claimsFor(datasetKind: string | undefined): ClaimDefinition[] {
  return datasetKind === 'fashion-mnist' ? fashionClaims : paperClaims;
}

/** Options of {@link evaluateClaim}. */
export interface ClaimOptions {
  /** Significance level of the paired t-test (default 0.05). */
  alpha?: number;
  /** Test accuracy of the epochs-to-target claim. */
  targetAccuracy?: number;
}

/**
 * The verdict of one claim from the runs, by a two-sided paired t-test over the seeds both
 * methods ran: "holds" only when p < alpha and the mean difference has the claimed sign;
 * "does not hold" when p < alpha the other way ('opposite') or p >= alpha ('within noise');
 * "cannot be tested here" when either method has no runs, they share fewer than 2 seeds, or
 * (epochs to target) no run of either reaches the target.
 * Epochs to target: a run that never reaches the target counts as epochsRun + 1 (censored,
 * which favours it) and the evidence says how many were censored.
 */
export function evaluateClaim(definition: ClaimDefinition, runs: ReportRun[], options: ClaimOptions = {}): ClaimResult {
  const alpha = options.alpha ?? 0.05;
  const firstRuns = runs.filter((run) => run.method === definition.first);
  const secondRuns = new Map(runs.filter((run) => run.method === definition.second).map((run) => [run.seed, run]));
  const missing = (why: string): ClaimResult => ({ definition, verdict: 'cannot be tested here', reason: 'missing runs', evidence: why, pairs: 0 });
  if (firstRuns.length === 0 || secondRuns.size === 0) {
    const absent = [definition.first, definition.second].filter((method) => !runs.some((run) => run.method === method));
    return missing(`no finished runs of ${absent.join(' and ')}`);
  }
  const pairs = firstRuns.filter((run) => secondRuns.has(run.seed)).sort((a, b) => a.seed - b.seed).map((run) => [run, secondRuns.get(run.seed)!] as const);
  if (pairs.length < 2) return missing(`${definition.first} and ${definition.second} share ${pairs.length} seed(s); a paired test needs 2 or more`);
  let censored = 0;
  let value: (run: ReportRun) => number;
  let digits = 4;
  if (definition.metric === 'epochsToTarget') {
    const target = options.targetAccuracy;
    if (target === undefined) return missing('no target accuracy recorded (comparison.json config.targetAccuracy or summary.targetAccuracy)');
    if (pairs.some(([a, b]) => a.testAccuracyCurve.length === 0 || b.testAccuracyCurve.length === 0)) return missing('metrics.jsonl has no per-epoch test accuracy for some runs');
    digits = 2;
    value = (run) => {
      const reached = epochsToTarget(run, target);
      if (reached === undefined) censored++;
      return reached ?? run.epochsRun + 1;
    };
  } else if (definition.metric === 'withinGroupErrorShare') {
    if (pairs.some(([a, b]) => a.test.withinGroupErrorShare === undefined || b.test.withinGroupErrorShare === undefined)) {
      return missing('summary.json has no test.withinGroupErrorShare for some runs (runs without a hierarchy, or older records)');
    }
    digits = 3;
    value = (run) => run.test.withinGroupErrorShare!;
  } else {
    const metric = definition.metric;
    value = (run) => run.test[metric];
  }
  const first = pairs.map(([a]) => value(a));
  const second = pairs.map(([, b]) => value(b));
  if (definition.metric === 'epochsToTarget' && censored === pairs.length * 2) {
    return { definition, verdict: 'cannot be tested here', reason: 'target never reached', evidence: `no run of ${definition.first} or ${definition.second} reached test accuracy ${options.targetAccuracy} (lower --target-accuracy)`, pairs: pairs.length };
  }
  const test = pairedTTest(first, second);
  const mean = (values: number[]) => values.reduce((sum, item) => sum + item, 0) / values.length;
  const claimedSign = definition.direction === 'greater' ? 1 : -1;
  const significant = test.pValue < alpha;
  const reason: VerdictReason = !significant || Number.isNaN(test.pValue) ? 'within noise' : Math.sign(test.meanDifference) === claimedSign ? 'significant' : 'opposite';
  const verdict: Verdict = reason === 'significant' ? 'holds' : 'does not hold';
  const what =
    definition.metric === 'epochsToTarget'
      ? `epochs to reach test accuracy ${options.targetAccuracy}`
      : definition.metric === 'withinGroupErrorShare'
        ? 'share of test errors within the true group'
        : `test ${definition.metric === 'macroF1' ? 'macro-F1' : 'accuracy'}`;
  const explanation = reason === 'significant' ? `p < ${alpha}, in the claimed direction` : reason === 'opposite' ? `p < ${alpha}, in the OPPOSITE direction` : `p >= ${alpha}: within noise`;
  const evidence =
    `${what}: ${definition.first} ${mean(first).toFixed(digits)} vs ${definition.second} ${mean(second).toFixed(digits)} over ${pairs.length} paired seeds; ` +
    `difference ${formatSignedDifference(test.meanDifference, digits)} (t ${test.t.toFixed(2)}, df ${test.degreesOfFreedom}, p ${formatPValue(test.pValue, { spaced: true })}; ${explanation})` +
    (censored > 0 ? `; ${censored} run(s) never reached the target and count as epochs run + 1` : '');
  return { definition, verdict, reason, evidence, pairs: pairs.length, meanDifference: test.meanDifference, pValue: test.pValue };
}

/** Every claim of {@link paperClaims} (or `claims`) against the runs. */
export function evaluateClaims(runs: ReportRun[], options: ClaimOptions = {}, claims: ClaimDefinition[] = paperClaims): ClaimResult[] {
  return claims.map((claim) => evaluateClaim(claim, runs, options));
}
