import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentProgress } from '../util/progress';
import { loadNewsgroups, newsgroupNames } from './newsgroups';

// Reference values from scikit-learn 1.9 (load_files(..., encoding='latin1') on the extracted archive).
const trainCountsPerGroup = [
  480, 584, 591, 590, 578, 593, 585, 594, 598, 597, 600, 595, 591, 594, 593, 599, 546, 564, 465, 377,
];
const testCountsPerGroup = [
  319, 389, 394, 392, 385, 395, 390, 396, 398, 397, 399, 396, 393, 396, 394, 398, 364, 376, 310, 251,
];

function histogram(labels: number[]): number[] {
  const counts = new Array(20).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

const hasNonAscii = (text: string) => /[^\p{ASCII}]/u.test(text);

describe('loadNewsgroups', () => {
  it('loads 11,314 training posts with sorted group ids and a fixed order', async () => {
    const train = await loadNewsgroups({ subset: 'train', onProgress: silentProgress });
    assert.equal(train.texts.length, 11_314);
    assert.deepEqual(train.labelNames, [...newsgroupNames]);
    assert.equal(train.labelNames[0], 'alt.atheism');
    assert.equal(train.labelNames[19], 'talk.religion.misc');
    assert.deepEqual(histogram(train.labels), trainCountsPerGroup);
    assert.deepEqual(train.fileNames.slice(0, 3), [
      '20news-bydate-train/alt.atheism/49960',
      '20news-bydate-train/alt.atheism/51060',
      '20news-bydate-train/alt.atheism/51119',
    ]);
    assert.equal(train.texts[0].split('\n')[0], 'From: mathew <mathew@mantis.co.uk>');
    assert.equal(train.labels[train.labels.length - 1], 19);
    // labels never decrease: grouped by newsgroup
    assert.ok(train.labels.every((label, index) => index === 0 || label >= train.labels[index - 1]));
  });

  it('loads 7,532 test posts and 18,846 for all', async () => {
    const test = await loadNewsgroups({ subset: 'test' });
    assert.equal(test.texts.length, 7_532);
    assert.deepEqual(histogram(test.labels), testCountsPerGroup);
    assert.equal(test.fileNames[0], '20news-bydate-test/alt.atheism/53068');
    const all = await loadNewsgroups({ subset: 'all' });
    assert.equal(all.texts.length, 18_846);
    assert.equal(all.fileNames[11_314], test.fileNames[0]);
  });

  it('decodes latin-1: 73 posts (44 train, 29 test) hold non-ASCII characters', async () => {
    const train = await loadNewsgroups({ subset: 'train' });
    const test = await loadNewsgroups({ subset: 'test' });
    assert.equal(train.texts.filter(hasNonAscii).length, 44);
    assert.equal(test.texts.filter(hasNonAscii).length, 29);
    // alt.atheism/49960 ends with the byte 0xff, which latin-1 reads as U+00FF.
    assert.ok(train.texts[0].endsWith('mathew\n\u00ff\n'));
  });

  it('strips headers, footers and quotes like scikit-learn', async () => {
    const plain = await loadNewsgroups({ subset: 'train' });
    const stripped = await loadNewsgroups({ subset: 'train', remove: ['headers', 'footers', 'quotes'] });
    assert.equal(stripped.texts.length, plain.texts.length);
    assert.ok(!stripped.texts[0].includes('From: mathew'));
    assert.ok(plain.texts[0].includes(stripped.texts[0].split('\n')[0]));
    assert.equal(stripped.texts.filter((text) => text.trim() === '').length > 0, true);
    // Lines are split on \n only (a \r inside a line does not start a new one, as in Python).
    assert.ok(
      stripped.texts.every((text) => text.split('\n').every((line) => !/^(>|\||In article)|writes:/.test(line))),
    );
  });

  it('rejects unknown subsets and parts', async () => {
    await assert.rejects(loadNewsgroups({ subset: 'validation' as 'train' }), /subset must be train, test or all/);
    await assert.rejects(loadNewsgroups({ subset: 'train', remove: ['signatures' as 'footers'] }), /remove may hold/);
  });
});
