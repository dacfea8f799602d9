import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSeeds, positiveInteger } from './arguments';

describe('shared command-line arguments', () => {
  it('parses seeds strictly and lists every problem of the list at once', () => {
    assert.deepEqual(parseSeeds(' 7, 4294967295 ,0'), [7, 4294967295, 0]);
    assert.throws(() => parseSeeds('1,-3'), /item 2 "-3" is outside 0 \.\.\. 4294967295/);
    assert.throws(() => parseSeeds('1,4294967296'), /item 2 "4294967296" is outside 0 \.\.\. 4294967295/);
    assert.throws(
      () => parseSeeds('2,,2'),
      /--seeds: got "2,,2"; expected unique integers like 1,2,3 \(item 2 is empty; seed 2 is repeated\)/,
    );
    assert.throws(() => parseSeeds('9007199254740993'), /item 1 "9007199254740993" is not an integer/);
  });

  it('reads a positive integer and names the option and the bad value', () => {
    assert.equal(positiveInteger('12', '--group-size'), 12);
    assert.equal(positiveInteger(' 3 ', '--fixed-epochs'), 3);
    for (const bad of ['0', '-2', '1.5', '1e3', '', 'two']) {
      assert.throws(
        () => positiveInteger(bad, '--group-size'),
        new RegExp(`^Error: --group-size: expected a positive integer, got "${bad}"$`),
      );
    }
  });
});
