import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeCounts, prepareNewsgroups } from './newsgroupsSplits';

describe('prepareNewsgroups', () => {
  it("reproduces paper 1's counts: 8,765 train / 2,192 validation / 7,274 test", async () => {
    const prepared = await prepareNewsgroups();
    assert.deepEqual(prepared.counts.sizes, { train: 8_765, validation: 2_192, test: 7_274 });
    assert.deepEqual(prepared.counts.train, {
      input: 11_314,
      kept: 10_957,
      empty: 310,
      duplicateWithin: 47,
      duplicateOfReference: 0,
      duplicateLabelConflicts: 7,
    });
    assert.deepEqual(prepared.counts.test, {
      input: 7_532,
      kept: 7_274,
      empty: 223,
      duplicateWithin: 18,
      duplicateOfReference: 17,
      duplicateLabelConflicts: 3,
    });
    assert.equal(prepared.labelNames.length, 20);

    // disjoint splits, no duplicates, no test text seen in training
    const trainFiles = new Set(prepared.train.fileNames);
    assert.ok(prepared.validation.fileNames.every((file) => !trainFiles.has(file)));
    const seen = new Set([...prepared.train.texts, ...prepared.validation.texts]);
    assert.equal(seen.size, 10_957);
    assert.ok(prepared.test.texts.every((text) => !seen.has(text)));
    assert.ok(prepared.test.texts.every((text) => /^[a-z0-9]+( [a-z0-9]+)*$/.test(text)));

    // aligned fields, and each class within 1 of a 20% share in validation
    for (const split of [prepared.train, prepared.validation, prepared.test]) {
      assert.equal(split.labels.length, split.texts.length);
      assert.equal(split.rawTexts.length, split.texts.length);
      assert.equal(split.fileNames.length, split.texts.length);
    }
    for (let label = 0; label < 20; label++) {
      const inClass = (labels: number[]) => labels.filter((value) => value === label).length;
      const total = inClass(prepared.train.labels) + inClass(prepared.validation.labels);
      assert.ok(Math.abs(inClass(prepared.validation.labels) - (total * 2_192) / 10_957) < 1);
    }
    const description = describeCounts(prepared.counts);
    assert.match(description, /train: 11314 posts -> 10957 kept \(removed 310 empty, 47 duplicates within/);
    assert.match(description, /splits: train 8765, validation 2192, test 7274/);
  });

  it('gives a stable fingerprint that changes with the options', async () => {
    const first = await prepareNewsgroups({ limitPerClass: 3 });
    const again = await prepareNewsgroups({ limitPerClass: 3 });
    const otherSeed = await prepareNewsgroups({ limitPerClass: 3, seed: 7 });
    assert.match(first.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(first.fingerprint, again.fingerprint);
    assert.notEqual(first.fingerprint, otherSeed.fingerprint);
    assert.deepEqual(first.train.fileNames, again.train.fileNames);
    assert.notDeepEqual(first.train.fileNames, otherSeed.train.fileNames);
  });

  it('limitPerClass keeps the first N of each class in each split', async () => {
    const small = await prepareNewsgroups({ limitPerClass: 4 });
    assert.deepEqual(small.counts.sizes, { train: 80, validation: 80, test: 80 });
    for (const split of [small.train, small.validation, small.test]) {
      for (let label = 0; label < 20; label++) assert.equal(split.labels.filter((value) => value === label).length, 4);
    }
    const full = await prepareNewsgroups();
    assert.deepEqual(small.test.fileNames.slice(0, 4), full.test.fileNames.slice(0, 4));
  });

  it('other choices give other counts (within-subset dedupe, no stripping)', async () => {
    const within = await prepareNewsgroups({ deduplicate: 'within' });
    assert.equal(within.counts.sizes.test, 7_287);
    const unstripped = await prepareNewsgroups({ remove: [] });
    assert.deepEqual(unstripped.counts.sizes, { train: 9_049, validation: 2_263, test: 7_531 });
    await assert.rejects(prepareNewsgroups({ limitPerClass: 0 }), /limitPerClass must be a positive integer/);
  });
});
