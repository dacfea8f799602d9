import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paper1Claims, paper2Claims, type PaperClaim } from '../papers';
import { evaluatePaperClaim, evaluatePaperClaims } from './paperClaims';
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
): PaperClaim => ({
  id: `${first}-${second}-${metric}`,
  statement: `${first} beats ${second}`,
  paperEvidence: '',
  first,
  second,
  metric,
  direction,
});

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
  it('holds: significant in the claimed direction, over the seeds both ran (unpaired seeds left out)', () => {
    const verdict = evaluatePaperClaim(claim('heterogeneous', 'plain'), runs);
    assert.equal(verdict.verdict, 'holds');
    assert.equal(verdict.reason, 'significant');
    assert.equal(verdict.pairs, 4);
    assert.ok(Math.abs(verdict.meanDifference! - 0.055) < 1e-12, String(verdict.meanDifference));
    // differences 0.05, 0.06, 0.05, 0.06: std 0.005774, t = 0.055 / 0.002887 = 19.05 on 3 df.
    assert.match(
      verdict.evidence,
      /heterogeneous 0\.6575 vs plain 0\.6025 over 4 paired seeds; difference \+0\.0550 \(t 19\.05, df 3, p < 0\.001;/,
    );
  });

  it('does not hold: significant the other way, or within noise', () => {
    const opposite = evaluatePaperClaim(claim('heterogeneous', 'plain', 'macroF1'), runs);
    assert.deepEqual([opposite.verdict, opposite.reason], ['does not hold', 'opposite']);
    assert.ok(opposite.meanDifference! < 0);
    const noise = evaluatePaperClaim(claim('traditional', 'plain'), runs);
    assert.deepEqual([noise.verdict, noise.reason], ['does not hold', 'within noise']);
    assert.ok(Math.abs(noise.meanDifference! - 0.0025) < 1e-12);
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
      assert.deepEqual({ ...first, paperEvidence: '' }, { ...second, paperEvidence: '' }, id);
      assert.notEqual(first.paperEvidence, second.paperEvidence);
    }
    assert.equal(
      evaluatePaperClaims(runs, paper2Claims).find((verdict) => verdict.definition.id === 'a-beats-c-accuracy')!
        .verdict,
      'holds',
    );
  });
});
