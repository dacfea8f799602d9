import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paper2Claims } from '../papers';
import { claimsMarkdown, evaluateClaimsOnSummaries } from './notebook';
import type { PipelineRunSummary } from './runSummary';

/** A pipeline run summary as a notebook holds it: test accuracy only matters here. */
function summary(method: string, seed: number, accuracy: number): PipelineRunSummary {
  const scores = { accuracy, macroF1: accuracy, crossEntropy: 1 };
  return {
    experiment: 'notebook',
    role: method.startsWith('teacher-') ? 'teacher' : 'student',
    method,
    target: method === 'teacher-coarse' ? 'coarse' : 'fine',
    seed,
    parameters: 1,
    bestEpoch: 1,
    epochsRun: 1,
    stoppedEarly: false,
    epochsToTarget: null,
    targetAccuracy: 0.5,
    trainingSeconds: 1,
    backend: 'cpu',
    validation: scores,
    test: scores,
  };
}

describe('claims in a notebook', () => {
  it("judges a notebook's summaries with the claims engine, never from means", () => {
    // A - C = +0.01, -0.01, +0.03: mean +0.01 but undecided; A - B = -0.05, -0.06, -0.05: contradicted.
    const summaries = [
      ...[0.61, 0.59, 0.63].map((accuracy, index) => summary('heterogeneous', index + 1, accuracy)),
      ...[0.6, 0.6, 0.6].map((accuracy, index) => summary('plain', index + 1, accuracy)),
      ...[0.66, 0.65, 0.68].map((accuracy, index) => summary('traditional', index + 1, accuracy)),
    ];
    const results = evaluateClaimsOnSummaries(summaries, paper2Claims);
    const verdicts = Object.fromEntries(results.map((result) => [result.definition.id, result.verdict]));
    assert.equal(verdicts['a-beats-c-accuracy'], 'undecided');
    assert.equal(verdicts['a-beats-b-accuracy'], 'contradicted');
    assert.equal(verdicts['coarse-teacher'], 'cannot be tested here');
    const markdown = claimsMarkdown(results);
    assert.match(markdown, /^- \*\*cannot be tested here\*\* \(missing runs\): A teacher trained/);
    assert.match(
      markdown,
      /- \*\*contradicted\*\* \(opposite direction\): A \(heterogeneous KD\) is more accurate than B/,
    );
    assert.match(markdown, /The claims are one family: Holm's correction over its 2 test\(s\)/);
  });
});
