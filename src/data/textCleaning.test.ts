import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanDocuments, cleanText } from './textCleaning';

describe('cleanText', () => {
  it('lower-cases, drops special characters, collapses whitespace and trims', () => {
    assert.equal(cleanText("  Hello, World!!  It's 2024\n\n\tOK? "), 'hello world it s 2024 ok');
    assert.equal(cleanText('e-mail: me@HOST.com'), 'e mail me host com');
    assert.equal(cleanText('Caf\xe9 na\xefve \xff'), 'caf na ve');
    assert.equal(cleanText('--- *** ---\n'), '');
    assert.equal(cleanText('under_score'), 'under score');
  });
});

describe('cleanDocuments', () => {
  it('removes empty documents and later duplicates, keeping the first occurrence', () => {
    const texts = ['Hello world', '!!!', 'hello   WORLD.', 'other text', '', 'Other text'];
    const labels = [0, 1, 2, 3, 4, 3];
    const result = cleanDocuments(texts, labels);
    assert.deepEqual(result.keptIndices, [0, 3]);
    assert.deepEqual(result.texts, ['hello world', 'other text']);
    assert.deepEqual(result.labels, [0, 3]);
    assert.deepEqual(result.counts, {
      input: 6,
      kept: 2,
      empty: 2,
      duplicateWithin: 2,
      duplicateOfReference: 0,
      duplicateLabelConflicts: 1, // index 2 (label 2) repeats index 0 (label 0)
    });
  });

  it('removes documents found in the reference set', () => {
    const result = cleanDocuments(['A b', 'c', 'C!', 'new'], [0, 1, 1, 2], { reference: ['a b', 'c'] });
    assert.deepEqual(result.keptIndices, [3]);
    assert.equal(result.counts.duplicateOfReference, 3);
    assert.equal(result.counts.duplicateWithin, 0);
  });

  it('keeps duplicates when deduplication is off', () => {
    const result = cleanDocuments(['x', 'X', ' '], [0, 0, 0], { deduplicate: false });
    assert.deepEqual(result.keptIndices, [0, 1]);
    assert.equal(result.counts.empty, 1);
  });

  it('rejects mismatched lengths', () => {
    assert.throws(() => cleanDocuments(['a'], [0, 1]), /1 texts but 2 labels/);
  });
});
