/**
 * The claims engine: tests a paper's claims (src/papers, one table of claims per paper) on
 * run results, by paired t-tests over the seeds both methods ran (runs paired with
 * pairBySeed), the claims of one table being one family (Holm). The report, the CLI and the
 * notebooks all read verdicts from here.
 */
import {
  formatPValue,
  formatSignedDifference,
  holmAdjust,
  mean,
  minimalDetectableEffect,
  minimalDetectableEffectLine,
  oneSidedPairedTest,
  pairBySeed,
  pairedDifference,
  type PairedDifference,
} from '../metrics';
import type { PaperClaim } from '../papers';
import { epochsToTarget, type RunResult } from './runResult';

/**
 * A claim's verdict from the runs: 'supported' (significantly in the claimed direction),
 * 'contradicted' (significantly below the paper's effect, or significantly the other way),
 * 'undecided' (neither: the interval holds 0 and the paper's effect), or untestable.
 */
export type Verdict = 'supported' | 'contradicted' | 'undecided' | 'cannot be tested here';

/** Why, in words the report prints beside the verdict. */
export type VerdictReason =
  | 'in the claimed direction'
  | "in the claimed direction, below the paper's effect"
  | "below the paper's effect"
  | 'opposite direction'
  | "consistent with 0 and with the paper's effect"
  | 'consistent with 0'
  | 'the 95 % interval excludes 0, but not after the Holm correction'
  | 'missing runs'
  | 'target never reached';

/** One line of the claims section: a paper's claim tested on our runs. */
export interface PaperClaimResult {
  definition: PaperClaim;
  verdict: Verdict;
  reason: VerdictReason;
  /** The numbers behind the verdict, in words. */
  evidence: string;
  pairs: number;
  meanDifference?: number;
  /** raw two-sided p of "no difference" */
  pValue?: number;
  /** mean difference first - second, its 95 % interval and t-test (absent when untestable) */
  difference?: PairedDifference;
  /** Holm-adjusted p of "no difference" over the claims family */
  holmPValue?: number;
  /** one-sided p that our difference is below the paper's effect (raw, and Holm-adjusted in the family) */
  belowPaperEffectPValue?: number;
  belowPaperEffectHolmPValue?: number;
  /** minimal detectable effect of this comparison (alpha 0.05 two-sided, power 0.8) */
  minimalDetectableEffect?: number;
}

/** Options of {@link evaluatePaperClaims}. */
export interface PaperClaimOptions {
  /** Family-wise significance level (Holm over the claims table; default 0.05). */
  alpha?: number;
  /** Test accuracy of the epochs-to-target claim. */
  targetAccuracy?: number;
}

/** A testable claim's paired scores, before the family's tests. */
interface MeasuredClaim {
  definition: PaperClaim;
  first: number[];
  second: number[];
  censored: number;
  digits: number;
}

/** What a claim's metric is, in words. */
function metricWords(definition: PaperClaim, targetAccuracy: number | undefined): string {
  if (definition.metric === 'epochsToTarget') return `epochs to reach test accuracy ${targetAccuracy}`;
  if (definition.metric === 'accuracy' || definition.metric === 'macroF1')
    return `test ${definition.metric === 'macroF1' ? 'macro-F1' : 'accuracy'}`;
  return optionalScoreWords[definition.metric];
}

/** The optional test scores a claim may compare (absent from runs recorded before they existed), in words. */
const optionalScoreWords = {
  withinGroupErrorShare: 'share of test errors within the true group',
  mistakeSeverity: 'test mistake severity',
  scaledExpectedCalibrationError: 'test ECE after temperature scaling',
  scaledCrossEntropy: 'test NLL after temperature scaling',
};

/** Decimals of an optional score's evidence: 3 for the errors-in-group share, else 4. */
function digitsOf(metric: keyof typeof optionalScoreWords): number {
  return metric === 'withinGroupErrorShare' ? 3 : 4;
}

/**
 * A claim's paired scores over the seeds both methods ran, or why it cannot be tested: either
 * method without runs, fewer than 2 shared seeds, a score some runs lack, or (epochs to
 * target) no run of either reaching the target. A run that never reaches the target counts
 * as epochsRun + 1 (censored, which favours it).
 */
function measureClaim(
  definition: PaperClaim,
  runs: RunResult[],
  targetAccuracy: number | undefined,
): MeasuredClaim | PaperClaimResult {
  const firstRuns = runs.filter((run) => run.method === definition.first);
  const secondRuns = runs.filter((run) => run.method === definition.second);
  const missing = (why: string, reason: VerdictReason = 'missing runs', pairs = 0): PaperClaimResult => ({
    definition,
    verdict: 'cannot be tested here',
    reason,
    evidence: why,
    pairs,
  });
  if (firstRuns.length === 0 || secondRuns.length === 0) {
    const absent = [definition.first, definition.second].filter((method) => !runs.some((run) => run.method === method));
    return missing(`no finished runs of ${absent.join(' and ')}`);
  }
  const secondBySeed = new Map(secondRuns.map((run) => [run.seed, run]));
  const pairs = pairBySeed(firstRuns, secondRuns, (run) => run.seed).seeds.map((seed) => [
    firstRuns.find((run) => run.seed === seed)!,
    secondBySeed.get(seed)!,
  ]);
  if (pairs.length < 2)
    return missing(
      `${definition.first} and ${definition.second} share ${pairs.length} seed(s); a paired test needs 2 or more`,
    );
  let censored = 0;
  let value: (run: RunResult) => number;
  let digits = 4;
  if (definition.metric === 'epochsToTarget') {
    if (targetAccuracy === undefined)
      return missing('no target accuracy recorded (comparison.json config.targetAccuracy or summary.targetAccuracy)');
    if (pairs.some(([a, b]) => a.testAccuracyCurve.length === 0 || b.testAccuracyCurve.length === 0))
      return missing('metrics.jsonl has no per-epoch test accuracy for some runs');
    digits = 2;
    value = (run) => {
      const reached = epochsToTarget(run, targetAccuracy);
      if (reached === undefined) censored++;
      return reached ?? run.epochsRun + 1;
    };
  } else if (definition.metric === 'accuracy' || definition.metric === 'macroF1') {
    const metric = definition.metric;
    value = (run) => run.test[metric];
  } else {
    const metric = definition.metric;
    if (pairs.some(([a, b]) => !Number.isFinite(a.test[metric]) || !Number.isFinite(b.test[metric])))
      return missing(`summary.json has no test.${metric} for some runs (runs without a hierarchy, or older records)`);
    digits = digitsOf(metric);
    value = (run) => run.test[metric]!;
  }
  const scores = pairBySeed(firstRuns, secondRuns, value);
  if (definition.metric === 'epochsToTarget' && censored === pairs.length * 2)
    return missing(
      `no run of ${definition.first} or ${definition.second} reached test accuracy ${targetAccuracy} (lower --target-accuracy)`,
      'target never reached',
      pairs.length,
    );
  return { definition, first: scores.firstScores, second: scores.secondScores, censored, digits };
}

/**
 * The verdicts of a table of claims, the table being one family: every claim's two-sided
 * paired t-test of "no difference" and, where the paper gives its effect, the one-sided test
 * that our difference is below that effect (towards 0), all Holm-adjusted together. Then:
 * - 'supported': Holm p of "no difference" < alpha and the mean has the claimed sign (the
 *   95 % interval excludes 0 on the claimed side); the reason adds when it is also
 *   significantly below the paper's effect (the direction holds, the size does not);
 * - 'contradicted': significant the other way, or significantly below the paper's effect
 *   (the TOST-style one-sided test at the corrected level: the interval excludes the effect);
 * - 'undecided': neither (the interval holds 0 and the paper's effect, or 0 alone for claims
 *   without a paper effect);
 * - 'cannot be tested here': see measureClaim.
 */
export function evaluatePaperClaims(
  runs: RunResult[],
  claims: PaperClaim[],
  options: PaperClaimOptions = {},
): PaperClaimResult[] {
  const alpha = options.alpha ?? 0.05;
  const measured = claims.map((definition) => measureClaim(definition, runs, options.targetAccuracy));
  const tests = measured.map((claim) => {
    if (!('first' in claim)) return undefined;
    const differences = claim.first.map((value, index) => value - claim.second[index]);
    const effect = claim.definition.paperEffect;
    return {
      difference: pairedDifference(differences),
      // Below the paper's effect = towards 0: 'less' for a claimed increase, 'greater' for a decrease.
      belowEffect:
        effect === undefined
          ? undefined
          : oneSidedPairedTest(differences, effect, claim.definition.direction === 'greater' ? 'less' : 'greater')
              .pValue,
    };
  });
  const family = tests.flatMap((test) =>
    test ? [test.difference.pValue, ...(test.belowEffect === undefined ? [] : [test.belowEffect])] : [],
  );
  const adjusted = holmAdjust(family);
  let position = 0;
  return measured.map((claim, index) => {
    const test = tests[index];
    if (!test || !('first' in claim)) return claim as PaperClaimResult;
    const holmPValue = adjusted[position++];
    const belowHolm = test.belowEffect === undefined ? undefined : adjusted[position++];
    return judge(claim, test.difference, holmPValue, test.belowEffect, belowHolm, alpha, options.targetAccuracy);
  });
}

/** One claim's verdict and evidence from its tests (see {@link evaluatePaperClaims}). */
function judge(
  claim: MeasuredClaim,
  difference: PairedDifference,
  holmPValue: number,
  belowEffect: number | undefined,
  belowHolm: number | undefined,
  alpha: number,
  targetAccuracy: number | undefined,
): PaperClaimResult {
  const { definition, digits } = claim;
  const claimedSign = definition.direction === 'greater' ? 1 : -1;
  const significant = holmPValue < alpha;
  const belowPaper = belowHolm !== undefined && belowHolm < alpha;
  const toward = Math.sign(difference.meanDifference) === claimedSign;
  const [verdict, reason]: [Verdict, VerdictReason] =
    significant && toward
      ? ['supported', belowPaper ? "in the claimed direction, below the paper's effect" : 'in the claimed direction']
      : significant
        ? ['contradicted', 'opposite direction']
        : belowPaper
          ? ['contradicted', "below the paper's effect"]
          : [
              'undecided',
              // The raw interval and the family-corrected test can disagree: say so rather than "consistent with 0".
              difference.low > 0 || difference.high < 0
                ? 'the 95 % interval excludes 0, but not after the Holm correction'
                : definition.paperEffect === undefined
                  ? 'consistent with 0'
                  : "consistent with 0 and with the paper's effect",
            ];
  const signed = (value: number) => formatSignedDifference(value, digits);
  const p = (value: number) => formatPValue(value, { spaced: true });
  const detectable = minimalDetectableEffect(difference.standardDeviation, difference.pairs);
  const effectWords =
    definition.paperEffect === undefined || belowEffect === undefined
      ? ''
      : `; paper's difference ${signed(definition.paperEffect)}: ours below it p ${p(belowEffect)} (Holm ${p(belowHolm!)})`;
  const evidence =
    `${metricWords(definition, targetAccuracy)}: ${definition.first} ${mean(claim.first).toFixed(digits)} vs ${definition.second} ${mean(claim.second).toFixed(digits)} over ${difference.pairs} paired seeds; ` +
    `difference ${signed(difference.meanDifference)} [95 % CI ${signed(difference.low)}, ${signed(difference.high)}] ` +
    `(t ${difference.t.toFixed(2)}, df ${difference.pairs - 1}, p ${p(difference.pValue)}, Holm p ${p(holmPValue)})${effectWords}; ` +
    `smallest difference these seeds detect (80 % power) about ${detectable.toFixed(digits)}` +
    (claim.censored > 0 ? `; ${claim.censored} run(s) never reached the target and count as epochs run + 1` : '');
  return {
    definition,
    verdict,
    reason,
    evidence,
    pairs: difference.pairs,
    meanDifference: difference.meanDifference,
    pValue: difference.pValue,
    difference,
    holmPValue,
    ...(belowEffect === undefined
      ? {}
      : { belowPaperEffectPValue: belowEffect, belowPaperEffectHolmPValue: belowHolm }),
    minimalDetectableEffect: detectable,
  };
}

/** One claim alone (a family of one: its Holm p is its raw p). See {@link evaluatePaperClaims}. */
export function evaluatePaperClaim(
  definition: PaperClaim,
  runs: RunResult[],
  options: PaperClaimOptions = {},
): PaperClaimResult {
  return evaluatePaperClaims(runs, [definition], options)[0];
}

/**
 * The lines under a claims table: how many tests its Holm family holds, and per metric the
 * minimal detectable effect of its comparisons (pooled SD of the differences).
 */
export function claimsFamilyLines(results: PaperClaimResult[]): string[] {
  const tested = results.filter((result) => result.difference !== undefined);
  if (tested.length === 0) return [];
  const count = tested.reduce((sum, result) => sum + (result.belowPaperEffectPValue === undefined ? 1 : 2), 0);
  const lines = [
    `The claims are one family: Holm's correction over its ${count} test(s) (each claim against 0, and against the paper's difference where it gives one).`,
  ];
  for (const metric of ['accuracy', 'macroF1', 'withinGroupErrorShare', 'epochsToTarget'] as const) {
    const group = tested.filter((result) => result.definition.metric === metric);
    const line = minimalDetectableEffectLine(
      group.map((result) => result.difference),
      metric === 'epochsToTarget' ? { points: false, digits: 2 } : {},
    );
    const name = {
      accuracy: 'Accuracy',
      macroF1: 'Macro-F1',
      withinGroupErrorShare: 'Errors in group',
      epochsToTarget: 'Epochs to target',
    }[metric];
    if (line) lines.push(`${name} claims: ${line}`);
  }
  return lines;
}

/** One line per verdict, as the CLIs print them: the verdict padded to one column, then the claim and why. */
export function claimVerdictLines(results: PaperClaimResult[]): string[] {
  return results.map((result) => `  ${result.verdict.padEnd(22)} ${result.definition.statement} (${result.reason})`);
}
