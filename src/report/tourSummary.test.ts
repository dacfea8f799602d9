import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadExperimentResults } from '../results';
import { withTemporaryFolder, writeAccuracyRun } from '../results/fixtures/handMadeRuns';
import {
  claimVerdictRows,
  studentDifferences,
  studentDifferencesCaption,
  studentDifferencesFigure,
  tourAnswerSentence,
} from './tourSummary';

describe('the tour summary', () => {
  it('pairs students by seed, adds the paper differences, and computes the title and caption', async () => {
    await withTemporaryFolder(async (folder) => {
      const experiment = path.join(folder, 'tour');
      // Seeds 1-4: A beats C by 1.0, 1.2, 0.8, 1.0 points; E by 0.4, 0.6, 0.4, 0.6 (seed order shuffled below).
      const offsets = [0.01, 0.012, 0.008, 0.01];
      for (const seed of [3, 1, 4, 2]) {
        const plain = 0.6 + seed * 0.001;
        const runs: Array<[string, number]> = [
          ['teacher-coarse', 0.83 + seed * 0.002],
          ['teacher-fine', 0.65],
          ['plain', plain],
          ['heterogeneous', plain + offsets[seed - 1]],
          ['label-smoothing', plain + (seed % 2 === 0 ? 0.006 : 0.004)],
        ];
        for (const [method, accuracy] of runs)
          await writeAccuracyRun(experiment, { method, seed, accuracy, dataset: 'newsgroups' });
      }
      const results = await loadExperimentResults(experiment);
      const differences = studentDifferences(results);
      // No B or D runs: only A − C and E − C can be paired.
      assert.deepEqual(
        differences.map((difference) => difference.name),
        ['A − C (heterogeneous KD vs plain student)', 'E − C (label smoothing vs plain student)'],
      );
      differences[0].differences.forEach((value, index) => assert.ok(Math.abs(value - offsets[index]) < 1e-12));
      assert.equal(differences[0].paperEffect, 0.008);
      assert.equal(differences[1].paperEffect, undefined);
      const figure = studentDifferencesFigure(results);
      // A − C: mean 1.00 points, sd 0.1633, t(3) 3.1824: half-width 0.26 points.
      assert.equal(
        (figure.layout.title as { text: string }).text,
        'A − C is +1.00 points [+0.74, +1.26] over 4 seeds; the paper reported +0.80',
      );
      assert.equal(figure.data.length, 2);
      assert.deepEqual(figure.data[1].x, [0.8]);
      assert.deepEqual(figure.data[1].y, ['A − C (heterogeneous KD vs plain student)']);
      const range = (figure.layout.xaxis as { range: number[] }).range;
      assert.ok(range[0] < 0 && range[1] > 1.26, `range ${range}`);
      assert.match(
        studentDifferencesCaption(results),
        /Intervals above 0: A − C, E − C; below 0: none; 0 of 2 cross 0\. The largest mean difference between two students is 1\.00 points\./,
      );
      assert.equal(
        tourAnswerSentence(results),
        'Over 4 seeds, A heterogeneous KD scores +1.00 points [+0.74, +1.26] against C plain student: ' +
          'an interval above 0, compatible with the +0.80 points paper 1 reported.',
      );
      const rows = claimVerdictRows(results);
      const aVersusC = rows.find((row) => row.claim.startsWith('A (heterogeneous KD) is more accurate than C'));
      assert.ok(aVersusC);
      assert.equal(aVersusC['ours (95 % interval)'], '+1.00 points [+0.74, +1.26]');
      assert.match(aVersusC.verdict, /^supported/);
      assert.equal(aVersusC['paper 1'], '0.5861 vs 0.5781');
      const aVersusB = rows.find((row) => row.claim.startsWith('A (heterogeneous KD) is more accurate than B'));
      assert.equal(aVersusB?.['ours (95 % interval)'], 'not measured');
    });
  });
});
