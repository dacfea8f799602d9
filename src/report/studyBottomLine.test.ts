import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import type { PipelineRunSummary } from '../results/runSummary';
import { withTemporaryFolder, writeAccuracyRun } from '../results/fixtures/handMadeRuns';
import { tunedOrderingSentence } from './studyBottomLine';

describe('the bottom line from a shipped study grid', () => {
  it("judges paper 1's ordering claims with A and B at their points chosen on validation", async () => {
    await withTemporaryFolder(async (folder) => {
      const experiment = path.join(folder, 'grid');
      const seeds = [1, 2, 3, 4];
      // Point 1 (T 4, a 0.3): A only 0.2 points above C, B 1.0 above. Point 2 (T 28, a 0.7): the reverse.
      // Validation accuracy equals test accuracy in these records, so A is chosen at point 2, B at point 1.
      const methods: Array<[string, string, (seed: number) => number]> = [
        ['plain', 'seed{s}-plain', () => 0],
        ['heterogeneous', 'seed{s}-heterogeneous-p1', () => 0.002],
        ['traditional', 'seed{s}-traditional-p1', (seed) => [0.009, 0.011, 0.01, 0.01][seed - 1]],
        ['heterogeneous', 'seed{s}-heterogeneous-p2', (seed) => [0.01, 0.012, 0.008, 0.01][seed - 1]],
        ['traditional', 'seed{s}-traditional-p2', () => 0.002],
      ];
      const summaries = new Map<string, PipelineRunSummary>();
      for (const seed of seeds)
        for (const [method, id, offset] of methods) {
          const accuracy = 0.6 + seed * 0.001 + offset(seed);
          const runId = id.replace('{s}', String(seed));
          await writeAccuracyRun(experiment, { method, seed, accuracy, runId, dataset: 'newsgroups' });
          summaries.set(runId, {
            method,
            seed,
            role: 'student',
            validation: { accuracy },
            test: { accuracy },
          } as unknown as PipelineRunSummary);
        }
      const point = (label: string, temperature: number, studentLossWeight: number, suffix: string): SweepPointRuns => {
        const ids = seeds.flatMap((seed) => [
          `seed${seed}-plain`,
          `seed${seed}-heterogeneous-${suffix}`,
          `seed${seed}-traditional-${suffix}`,
        ]);
        return {
          label,
          assignments: {
            'methods.heterogeneous.temperature': temperature,
            'methods.heterogeneous.studentLossWeight': studentLossWeight,
          },
          summaries: ids.map((id) => summaries.get(id)!),
          runDirectories: Object.fromEntries(ids.map((id) => [id.replace(/-p\d$/, ''), path.join(experiment, id)])),
        };
      };
      const sentence = await tunedOrderingSentence(experiment, [point('p1', 4, 0.3, 'p1'), point('p2', 28, 0.7, 'p2')]);
      assert.ok(sentence, 'a sentence');
      assert.match(
        sentence,
        /A at T 28, a 0\.7 and B at T 4, a 0\.3, each the point with the best mean validation accuracy/,
      );
      assert.match(sentence, /\*\*Tuned on validation\*\* \(the study's T × a grid, 4 seeds/);
      // A at its chosen point: +1.00 points over C (at point 1 it would be +0.20).
      assert.match(sentence, /A − C \+1\.00 points \[\+0\.74, \+1\.26\]; the paper: \+0\.80: \*\*supported\*\*/);
      // B at its chosen point: differences 0.9, 1.1, 1.0, 1.0 points: sd 0.0816, half-width 0.13.
      assert.match(sentence, /B − C \+1\.00 points \[\+0\.87, \+1\.13\]; the paper: \+0\.56: \*\*supported\*\*/);
      assert.match(sentence, /A − B [+−]0\.00 points/);
      assert.equal(await tunedOrderingSentence(experiment, []), undefined, 'no grid points: no sentence');
    });
  });
});
