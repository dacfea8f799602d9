import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine, parseSeeds } from '../pipeline/cli';
import { parseStudyArguments } from '../study/cli';
import { resolveExperimentConfig } from './layering';
import { maximumSeed, seedTextProblem } from './seeds';

describe('training seeds are integers 0 ... 2^32 - 1 wherever they enter', () => {
  it('seedTextProblem: accepts 0 and 2^32 - 1, names negative, too large and non-integer seeds', () => {
    assert.equal(maximumSeed, 4294967295);
    assert.equal(seedTextProblem('0'), undefined);
    assert.equal(seedTextProblem('4294967295'), undefined);
    assert.match(
      seedTextProblem('4294967296')!,
      /^"4294967296" is outside 0 \.\.\. 4294967295 \(seeds are taken modulo 2\^32/,
    );
    assert.match(seedTextProblem('-3')!, /^"-3" is outside 0 \.\.\. 4294967295/);
    assert.equal(seedTextProblem('1.5'), '"1.5" is not an integer');
  });

  it('--seeds of the pipeline: 1,4294967297 and -3 are refused with the value named', () => {
    assert.throws(
      () => parseSeeds('1,4294967297'),
      /--seeds: got "1,4294967297"; .*item 2 "4294967297" is outside 0 \.\.\. 4294967295/,
    );
    assert.throws(
      () => parseCommandLine(['--seeds=-3']),
      /--seeds: got "-3"; .*item 1 "-3" is outside 0 \.\.\. 4294967295/,
    );
    assert.deepEqual(parseSeeds('0,4294967295'), [0, 4294967295]);
  });

  it('--seeds of the study', () => {
    assert.throws(() => parseStudyArguments(['--seeds', '2,4294967298']), /item 2 "4294967298" is outside/);
    assert.deepEqual(parseStudyArguments(['--seeds', '2,3']).base.seeds, [2, 3]);
  });

  it('config seeds (a file or --set): out-of-range and repeated seeds are config problems naming the item', () => {
    assert.throws(
      () => resolveExperimentConfig({ base: 'paper1-newsgroups', set: ['seeds=[1,4294967297]'] }),
      /seeds\[1\].*4294967297.*an integer >= 0 and <= 4294967295/s,
    );
    assert.throws(() => resolveExperimentConfig({ base: 'paper1-newsgroups', set: ['seeds=[-3]'] }), /seeds\[0\].*-3/s);
    assert.throws(
      () => resolveExperimentConfig({ base: 'paper1-newsgroups', set: ['seeds=[2,2]'] }),
      /seeds.*repeated: 2/s,
    );
  });
});
