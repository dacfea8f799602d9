import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadExperimentResults } from '../results';
import { withTemporaryFolder, writeAccuracyRun } from '../results/fixtures/handMadeRuns';
import { bottomLineSection, pointsWithInterval } from './bottomLine';

describe('the README bottom line', () => {
  it('writes points with their interval, signed', () => {
    assert.equal(
      pointsWithInterval({ meanDifference: 0.002, low: 0.0006, high: 0.0035 }),
      '+0.20 points [+0.06, +0.35]',
    );
    assert.equal(
      pointsWithInterval({ meanDifference: -0.0351, low: -0.0404, high: -0.0299 }),
      '−3.51 points [−4.04, −2.99]',
    );
  });

  it('says each claim with its interval and verdict, and the controls, from run records alone', async () => {
    await withTemporaryFolder(async (folder) => {
      const experiment = path.join(folder, 'bottom');
      // Seeds 1-4: A beats C by exactly 1.0, 1.2, 0.8, 1.0 points; E beats C by 0.5 +- 0.1 points.
      const offsets = [0.01, 0.012, 0.008, 0.01];
      for (const [index, seed] of [1, 2, 3, 4].entries()) {
        const plain = 0.6 + index * 0.001;
        const runs: Array<[string, number]> = [
          ['teacher-coarse', 0.83 + index * 0.002],
          ['teacher-fine', 0.65],
          ['plain', plain],
          ['heterogeneous', plain + offsets[index]],
          ['label-smoothing', plain + 0.005 + (index % 2 === 0 ? 0.001 : -0.001)],
        ];
        for (const [method, accuracy] of runs)
          await writeAccuracyRun(experiment, { method, seed, accuracy, dataset: 'newsgroups' });
      }
      const section = bottomLineSection([await loadExperimentResults(experiment)]);
      // A − C: mean 1.00 points, sd 0.1633, t(3) 3.1824: half-width 0.26 points.
      assert.match(section, /A − C \+1\.00 points \[\+0\.74, \+1\.26\]; the paper: \+0\.80: \*\*supported\*\*/);
      assert.match(
        section,
        /\*\*Teachers\*\* \(4 seeds\): coarse teacher − fine teacher \(each on its own labels\) \+18\.30 points/,
      );
      assert.match(section, /E label smoothing \(control\) − C plain student \+0\.50 points \[\+0\.32, \+0\.68\]/);
      assert.doesNotMatch(section, /A − B/, 'no B runs: no A − B sentence');
      assert.match(section, /frozen BERT document embeddings \(768-d\), we use USE lite/);
    });
  });

  it("lists paper 1's experiments before paper 2's, whatever their names", async () => {
    await withTemporaryFolder(async (folder) => {
      const write = async (experiment: string, dataset: string) => {
        for (const seed of [1, 2, 3])
          for (const [method, accuracy] of [
            ['teacher-coarse', 0.9 + seed * 0.001],
            ['teacher-fine', 0.8],
          ] as Array<[string, number]>)
            await writeAccuracyRun(path.join(folder, experiment), { method, seed, accuracy, dataset });
        return loadExperimentResults(path.join(folder, experiment));
      };
      const fashion = await write('a-fashion', 'fashion-mnist');
      const newsgroups = await write('z-newsgroups', 'newsgroups');
      const section = bottomLineSection([fashion, newsgroups]);
      assert.ok(section.indexOf('**z-newsgroups**') >= 0 && section.indexOf('**a-fashion**') >= 0);
      assert.ok(section.indexOf('**z-newsgroups**') < section.indexOf('**a-fashion**'));
    });
  });
});
