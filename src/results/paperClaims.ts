/**
 * The claims engine: tests a paper's claims (src/papers, one table of claims per paper) on
 * run results, by a paired t-test over the seeds both methods ran (runs paired with
 * pairBySeed). The report, the CLI and the notebooks all read verdicts from here.
 */
import { formatPValue, formatSignedDifference, mean, pairBySeed, pairedTTest } from '../metrics';
import type { PaperClaim } from '../papers';
import { epochsToTarget, type RunResult } from './runResult';

/** A claim's verdict from the runs. */
export type Verdict = 'holds' | 'does not hold' | 'cannot be tested here';

/** Why: significant in the claimed direction, significant the other way, within noise, or runs missing. */
export type VerdictReason = 'significant' | 'opposite' | 'within noise' | 'missing runs' | 'target never reached';

/** One line of the claims section: a paper's claim tested on our runs. */
export interface PaperClaimResult {
  definition: PaperClaim;
  verdict: Verdict;
  reason: VerdictReason;
  /** The numbers behind the verdict, in words. */
  evidence: string;
  pairs: number;
  meanDifference?: number;
  pValue?: number;
}

/** Options of {@link evaluatePaperClaim}. */
export interface PaperClaimOptions {
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
export function evaluatePaperClaim(
  definition: PaperClaim,
  runs: RunResult[],
  options: PaperClaimOptions = {},
): PaperClaimResult {
  const alpha = options.alpha ?? 0.05;
  const firstRuns = runs.filter((run) => run.method === definition.first);
  const secondRuns = runs.filter((run) => run.method === definition.second);
  const missing = (why: string): PaperClaimResult => ({
    definition,
    verdict: 'cannot be tested here',
    reason: 'missing runs',
    evidence: why,
    pairs: 0,
  });
  if (firstRuns.length === 0 || secondRuns.length === 0) {
    const absent = [definition.first, definition.second].filter((method) => !runs.some((run) => run.method === method));
    return missing(`no finished runs of ${absent.join(' and ')}`);
  }
  const firstBySeed = new Map(firstRuns.map((run) => [run.seed, run]));
  const secondBySeed = new Map(secondRuns.map((run) => [run.seed, run]));
  const pairs = pairBySeed(firstRuns, secondRuns, (run) => run.seed).seeds.map(
    (seed) => [firstBySeed.get(seed)!, secondBySeed.get(seed)!] as const,
  );
  if (pairs.length < 2)
    return missing(
      `${definition.first} and ${definition.second} share ${pairs.length} seed(s); a paired test needs 2 or more`,
    );
  let censored = 0;
  let value: (run: RunResult) => number;
  let digits = 4;
  if (definition.metric === 'epochsToTarget') {
    const target = options.targetAccuracy;
    if (target === undefined)
      return missing('no target accuracy recorded (comparison.json config.targetAccuracy or summary.targetAccuracy)');
    if (pairs.some(([a, b]) => a.testAccuracyCurve.length === 0 || b.testAccuracyCurve.length === 0))
      return missing('metrics.jsonl has no per-epoch test accuracy for some runs');
    digits = 2;
    value = (run) => {
      const reached = epochsToTarget(run, target);
      if (reached === undefined) censored++;
      return reached ?? run.epochsRun + 1;
    };
  } else if (definition.metric === 'withinGroupErrorShare') {
    if (
      pairs.some(([a, b]) => a.test.withinGroupErrorShare === undefined || b.test.withinGroupErrorShare === undefined)
    ) {
      return missing(
        'summary.json has no test.withinGroupErrorShare for some runs (runs without a hierarchy, or older records)',
      );
    }
    digits = 3;
    value = (run) => run.test.withinGroupErrorShare!;
  } else {
    const metric = definition.metric;
    value = (run) => run.test[metric];
  }
  const scores = pairBySeed(firstRuns, secondRuns, value);
  const first = scores.firstScores;
  const second = scores.secondScores;
  if (definition.metric === 'epochsToTarget' && censored === pairs.length * 2) {
    return {
      definition,
      verdict: 'cannot be tested here',
      reason: 'target never reached',
      evidence: `no run of ${definition.first} or ${definition.second} reached test accuracy ${options.targetAccuracy} (lower --target-accuracy)`,
      pairs: pairs.length,
    };
  }
  const test = pairedTTest(first, second);
  const claimedSign = definition.direction === 'greater' ? 1 : -1;
  const significant = test.pValue < alpha;
  const reason: VerdictReason =
    !significant || Number.isNaN(test.pValue)
      ? 'within noise'
      : Math.sign(test.meanDifference) === claimedSign
        ? 'significant'
        : 'opposite';
  const verdict: Verdict = reason === 'significant' ? 'holds' : 'does not hold';
  const what =
    definition.metric === 'epochsToTarget'
      ? `epochs to reach test accuracy ${options.targetAccuracy}`
      : definition.metric === 'withinGroupErrorShare'
        ? 'share of test errors within the true group'
        : `test ${definition.metric === 'macroF1' ? 'macro-F1' : 'accuracy'}`;
  const explanation =
    reason === 'significant'
      ? `p < ${alpha}, in the claimed direction`
      : reason === 'opposite'
        ? `p < ${alpha}, in the OPPOSITE direction`
        : `p >= ${alpha}: within noise`;
  const evidence =
    `${what}: ${definition.first} ${mean(first).toFixed(digits)} vs ${definition.second} ${mean(second).toFixed(digits)} over ${pairs.length} paired seeds; ` +
    `difference ${formatSignedDifference(test.meanDifference, digits)} (t ${test.t.toFixed(2)}, df ${test.degreesOfFreedom}, p ${formatPValue(test.pValue, { spaced: true })}; ${explanation})` +
    (censored > 0 ? `; ${censored} run(s) never reached the target and count as epochs run + 1` : '');
  return {
    definition,
    verdict,
    reason,
    evidence,
    pairs: pairs.length,
    meanDifference: test.meanDifference,
    pValue: test.pValue,
  };
}

/** Every claim of `claims` against the runs. */
export function evaluatePaperClaims(
  runs: RunResult[],
  claims: PaperClaim[],
  options: PaperClaimOptions = {},
): PaperClaimResult[] {
  return claims.map((claim) => evaluatePaperClaim(claim, runs, options));
}

/** One line per verdict, as the CLIs print them: the verdict padded to one column, then the claim. */
export function claimVerdictLines(results: PaperClaimResult[]): string[] {
  return results.map((result) => `  ${result.verdict.padEnd(22)} ${result.definition.statement}`);
}
