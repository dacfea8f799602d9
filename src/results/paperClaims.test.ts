import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paper1Claims, paper2Claims, type PaperClaim } from '../papers';
import { claimsFamilyLines, evaluatePaperClaim, evaluatePaperClaims } from './paperClaims';
import type { RunResult } from './runResult';

/** A hand-made run result: test accuracy and macro-F1, optionally the within-group share and a test curve. */
function result(
  method: string,
  seed: number,
  accuracy: number,
  extra: { macroF1?: number; within?: number; curve?: number[] } = {},
): RunResult {
  return {
    id: `seed${seed}-${method}`,
    directory: `/runs/seed${seed}-${method}`,
    method,
    role: method.startsWith('teacher-') ? 'teacher' : 'student',
    seed,
    parameters: 1,
    bestEpoch: 1,
    epochsRun: extra.curve?.length ?? 1,
    trainingSeconds: 1,
    test: {
      accuracy,
      macroF1: extra.macroF1 ?? accuracy,
      ...(extra.within === undefined ? {} : { withinGroupErrorShare: extra.within }),
    },
    testAccuracyCurve: extra.curve ?? [],
    testMacroF1Curve: [],
    validationAccuracyCurve: [],
    validationLossCurve: [],
    collapsed: false,
    config: {},
    finishedAt: '2026-01-01',
    backend: 'cpu',
  };
}

const claim = (
  first: string,
  second: string,
  metric: PaperClaim['metric'] = 'accuracy',
  direction: PaperClaim['direction'] = 'greater',
  paperEffect?: number,
): PaperClaim => ({
  id: `${first}-${second}-${metric}`,
  statement: `${first} beats ${second}`,
  paperEvidence: '',
  first,
  second,
  metric,
  direction,
  ...(paperEffect === undefined ? {} : { paperEffect }),
});

const close = (actual: number | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);

// Seeds listed out of order, and A has a seed (9) that C lacks: pairing is by seed number.
// A - C = +0.05, +0.06, +0.05, +0.06 on seeds 1-4 (mean 0.055); A's macro-F1 is 0.02 BELOW C's
// on every seed but one (0.03); B - C = +0.05, -0.04, +0.01, -0.01 (mean 0.0025: noise).
const runs: RunResult[] = [
  result('plain', 3, 0.6, { macroF1: 0.62 }),
  result('plain', 1, 0.6, { macroF1: 0.62 }),
  result('plain', 4, 0.61, { macroF1: 0.63 }),
  result('plain', 2, 0.6, { macroF1: 0.62 }),
  result('heterogeneous', 2, 0.66, { macroF1: 0.6 }),
  result('heterogeneous', 9, 0.2, { macroF1: 0.2 }),
  result('heterogeneous', 1, 0.65, { macroF1: 0.6 }),
  result('heterogeneous', 4, 0.67, { macroF1: 0.61 }),
  result('heterogeneous', 3, 0.65, { macroF1: 0.59 }),
  result('traditional', 1, 0.65),
  result('traditional', 2, 0.56),
  result('traditional', 3, 0.61),
  result('traditional', 4, 0.6),
  result('coarse-auxiliary', 7, 0.5),
  result('coarse-auxiliary', 8, 0.5),
];

describe('paper claims engine', () => {
  it('supported: significant in the claimed direction, over the seeds both ran (unpaired seeds left out)', () => {
    const verdict = evaluatePaperClaim(claim('heterogeneous', 'plain'), runs);
    assert.deepEqual([verdict.verdict, verdict.reason], ['supported', 'in the claimed direction']);
    assert.equal(verdict.pairs, 4);
    assert.ok(Math.abs(verdict.meanDifference! - 0.055) < 1e-12, String(verdict.meanDifference));
    // differences 0.05, 0.06, 0.05, 0.06: std 0.005774, t = 0.055 / 0.002887 = 19.05 on 3 df;
    // SciPy: p 0.000316, 95 % interval [0.045813, 0.064187]; a family of one: Holm p = p.
    close(verdict.difference!.low, 0.04581306884481461, 1e-12);
    close(verdict.holmPValue, 0.0003157333424171945, 1e-12);
    assert.match(
      verdict.evidence,
      /heterogeneous 0\.6575 vs plain 0\.6025 over 4 paired seeds; difference \+0\.0550 \[95 % CI \+0\.0458, \+0\.0642\] \(t 19\.05, df 3, p < 0\.001, Holm p < 0\.001\);/,
    );
  });

  it('contradicted: significant the other way, or significantly below the paper effect (one-sided test)', () => {
    const opposite = evaluatePaperClaim(claim('heterogeneous', 'plain', 'macroF1'), runs);
    assert.deepEqual([opposite.verdict, opposite.reason], ['contradicted', 'opposite direction']);
    assert.ok(opposite.meanDifference! < 0);
    // B - C = +0.05, -0.04, +0.01, -0.01: mean 0.0025, p 0.90 against 0; against a paper
    // effect of 0.2 the one-sided p is 0.00093 (SciPy ttest_1samp(d, 0.2, alternative='less')).
    const belowPaper = evaluatePaperClaim(claim('traditional', 'plain', 'accuracy', 'greater', 0.2), runs);
    assert.deepEqual([belowPaper.verdict, belowPaper.reason], ['contradicted', "below the paper's effect"]);
    close(belowPaper.belowPaperEffectPValue, 0.0009316948106007599, 1e-12);
    assert.match(belowPaper.evidence, /paper's difference \+0\.2000: ours below it p < 0\.001 \(Holm 0\.002\)/);
  });

  it('undecided: the interval holds 0 and the paper effect (or 0 without one)', () => {
    const noise = evaluatePaperClaim(claim('traditional', 'plain'), runs);
    assert.deepEqual([noise.verdict, noise.reason], ['undecided', 'consistent with 0']);
    assert.ok(Math.abs(noise.meanDifference! - 0.0025) < 1e-12);
    // Against paper 1's own B - C of 0.0056: one-sided p 0.44.
    const both = evaluatePaperClaim(claim('traditional', 'plain', 'accuracy', 'greater', 0.0056), runs);
    assert.deepEqual([both.verdict, both.reason], ['undecided', "consistent with 0 and with the paper's effect"]);
    close(both.belowPaperEffectPValue, 0.43999139416973504, 1e-12);
  });

  it('one Holm family over the claims table: each claim against 0 and against its paper effect', () => {
    // Raw p: A-C vs 0 0.000316, A-C below 0.07 0.006923, B-C vs 0 0.903, B-C below 0.2 0.000932.
    // Holm (m = 4): 4 · 0.000316 = 0.001263, 3 · 0.000932 = 0.002795, 2 · 0.006923 = 0.013847, 0.903.
    const [first, second] = evaluatePaperClaims(runs, [
      claim('heterogeneous', 'plain', 'accuracy', 'greater', 0.07),
      claim('traditional', 'plain', 'accuracy', 'greater', 0.2),
    ]);
    close(first.holmPValue, 0.00126293, 1e-8);
    close(first.belowPaperEffectHolmPValue, 0.01384683, 1e-8);
    close(second.holmPValue, 0.90301055, 1e-8);
    close(second.belowPaperEffectHolmPValue, 0.00279508, 1e-8);
    // A - C is above 0 and below the paper's 0.07: the direction holds, the size does not.
    assert.deepEqual(
      [first.verdict, first.reason],
      ['supported', "in the claimed direction, below the paper's effect"],
    );
    assert.equal(second.verdict, 'contradicted');
    // At a stricter family level the same B - C test no longer decides.
    const strict = evaluatePaperClaims(runs, [claim('traditional', 'plain', 'accuracy', 'greater', 0.2)], {
      alpha: 0.0005,
    });
    assert.equal(strict[0].verdict, 'undecided');
    // A - C's 95 % interval excludes 0 (raw p 0.000316), but at this level Holm does not decide: the
    // reason says so instead of "consistent with 0".
    const [raw] = evaluatePaperClaims(runs, [claim('heterogeneous', 'plain')], { alpha: 0.0001 });
    assert.ok(raw.difference!.low > 0);
    assert.deepEqual(
      [raw.verdict, raw.reason],
      ['undecided', 'the 95 % interval excludes 0, but not after the Holm correction'],
    );
    // A claimed decrease: "below the paper's effect" is towards 0 from a negative effect (C - A = -0.055 vs -0.2).
    const decrease = evaluatePaperClaim(claim('plain', 'heterogeneous', 'accuracy', 'less', -0.2), runs);
    assert.deepEqual(
      [decrease.verdict, decrease.reason],
      ['supported', "in the claimed direction, below the paper's effect"],
    );
    const lines = claimsFamilyLines([first, second]);
    assert.match(lines[0], /Holm's correction over its 4 test\(s\)/);
    assert.match(
      lines[1],
      /^Accuracy claims: With 4 seeds, a difference smaller than about 0\.\d{4} \(\d+\.\d{2} points\)/,
    );
  });

  it('cannot be tested: a method without runs, fewer than 2 shared seeds, or a score some runs lack', () => {
    const absent = evaluatePaperClaim(claim('heterogeneous', 'label-smoothing'), runs);
    assert.deepEqual(
      [absent.verdict, absent.evidence],
      ['cannot be tested here', 'no finished runs of label-smoothing'],
    );
    const disjoint = evaluatePaperClaim(claim('heterogeneous', 'coarse-auxiliary'), runs);
    assert.equal(disjoint.verdict, 'cannot be tested here');
    assert.equal(
      disjoint.evidence,
      'heterogeneous and coarse-auxiliary share 0 seed(s); a paired test needs 2 or more',
    );
    const oneShared = evaluatePaperClaim(claim('heterogeneous', 'coarse-auxiliary'), [
      ...runs,
      result('coarse-auxiliary', 1, 0.5),
    ]);
    assert.match(oneShared.evidence, /share 1 seed\(s\)/);
    const noShare = evaluatePaperClaim(claim('heterogeneous', 'plain', 'withinGroupErrorShare'), runs);
    assert.deepEqual([noShare.verdict, noShare.reason], ['cannot be tested here', 'missing runs']);
    assert.match(noShare.evidence, /no test\.withinGroupErrorShare/);
  });

  it('lower-is-better scores (severity, calibration after scaling): tested in the claimed direction, 4 digits', () => {
    // Severity A 1.4, 1.4, 1.4 against C 1.5, 1.51, 1.52: differences -0.10, -0.11, -0.12, mean -0.11,
    // sd 0.01, t = -0.11 / (0.01 / sqrt 3) = -19.05 on 2 df: two-sided p = 1 - t / sqrt(2 + t^2) = 0.00274.
    const scored = (method: string, seed: number, severity: number, ece?: number) => {
      const run = result(method, seed, 0.6);
      return {
        ...run,
        test: {
          ...run.test,
          mistakeSeverity: severity,
          ...(ece === undefined ? {} : { scaledExpectedCalibrationError: ece }),
        },
      };
    };
    const scoredRuns = [
      ...[1.4, 1.4, 1.4].map((severity, index) => scored('heterogeneous', index + 1, severity, 0.02)),
      ...[1.5, 1.51, 1.52].map((severity, index) => scored('plain', index + 1, severity)),
    ];
    const severity = evaluatePaperClaim(claim('heterogeneous', 'plain', 'mistakeSeverity', 'less'), scoredRuns);
    assert.deepEqual([severity.verdict, severity.reason], ['supported', 'in the claimed direction']);
    close(severity.meanDifference, -0.11, 1e-12);
    const t = 0.11 / (0.01 / Math.sqrt(3));
    close(severity.pValue, 1 - t / Math.sqrt(2 + t * t), 1e-9);
    assert.match(
      severity.evidence,
      /^test mistake severity: heterogeneous 1\.4000 vs plain 1\.5100 over 3 paired seeds/,
    );
    const reversed = evaluatePaperClaim(claim('plain', 'heterogeneous', 'mistakeSeverity', 'less'), scoredRuns);
    assert.deepEqual([reversed.verdict, reversed.reason], ['contradicted', 'opposite direction']);
    const ece = evaluatePaperClaim(
      claim('heterogeneous', 'plain', 'scaledExpectedCalibrationError', 'less'),
      scoredRuns,
    );
    assert.deepEqual([ece.verdict, ece.reason], ['cannot be tested here', 'missing runs']);
    assert.match(ece.evidence, /no test\.scaledExpectedCalibrationError for some runs/);
  });

  it('epochs to target: a run that never reaches it counts as epochs run + 1; none reaching it cannot be tested', () => {
    const curves = [
      result('heterogeneous', 1, 0.7, { curve: [0.6, 0.7, 0.7] }),
      result('heterogeneous', 2, 0.7, { curve: [0.69, 0.7, 0.7] }),
      result('heterogeneous', 3, 0.7, { curve: [0.7, 0.7, 0.7] }),
      result('plain', 1, 0.6, { curve: [0.5, 0.55, 0.6] }),
      result('plain', 2, 0.6, { curve: [0.5, 0.6, 0.6] }),
      result('plain', 3, 0.6, { curve: [0.5, 0.6, 0.6] }),
    ];
    const faster = evaluatePaperClaim(claim('heterogeneous', 'plain', 'epochsToTarget', 'less'), curves, {
      targetAccuracy: 0.7,
    });
    // A: 2, 2, 1 epochs; C never (3 epochs run, counted as 4): difference -2.33.
    assert.equal(faster.pairs, 3);
    assert.ok(Math.abs(faster.meanDifference! - (5 / 3 - 4)) < 1e-12);
    assert.match(faster.evidence, /3 run\(s\) never reached the target/);
    const never = evaluatePaperClaim(claim('heterogeneous', 'plain', 'epochsToTarget', 'less'), curves, {
      targetAccuracy: 0.99,
    });
    assert.deepEqual([never.verdict, never.reason], ['cannot be tested here', 'target never reached']);
    assert.equal(
      evaluatePaperClaim(claim('heterogeneous', 'plain', 'epochsToTarget', 'less'), curves).reason,
      'missing runs',
    );
  });

  it("tests each paper's table of claims; the comparisons both papers make are one definition", () => {
    assert.deepEqual(
      evaluatePaperClaims(runs, paper1Claims).map((verdict) => verdict.definition.id),
      paper1Claims.map((definition) => definition.id),
    );
    const shared = ['a-beats-c-accuracy', 'a-beats-b-accuracy', 'a-beats-d-accuracy'];
    for (const id of shared) {
      const [first, second] = [paper1Claims, paper2Claims].map(
        (claims) => claims.find((definition) => definition.id === id)!,
      );
      assert.deepEqual(
        { ...first, paperEvidence: '', paperEffect: 0 },
        { ...second, paperEvidence: '', paperEffect: 0 },
        id,
      );
      assert.notEqual(first.paperEvidence, second.paperEvidence);
    }
    assert.equal(
      evaluatePaperClaims(runs, paper2Claims).find((verdict) => verdict.definition.id === 'a-beats-c-accuracy')!
        .verdict,
      'supported',
    );
    // Paper 1's differences are its reported figures subtracted; paper 2 gives none.
    assert.deepEqual(
      paper1Claims.map((definition) => definition.paperEffect),
      [0.1842, 0.008, 0.0024, 0.0056, 0.0045, undefined, undefined],
    );
    assert.ok(paper2Claims.every((definition) => definition.paperEffect === undefined));
  });
});
