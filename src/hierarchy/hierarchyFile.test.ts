import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newsgroupLabelNames, newsgroupsPaperHierarchy } from './builtInHierarchies';
import { hierarchyToFileContents, loadHierarchyFile, loadHierarchyFileSync, parseHierarchyText } from './hierarchyFile';

describe('hierarchy files', () => {
  let directory: string;
  const fineNames = [...newsgroupLabelNames];

  before(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-hierarchy-'));
  });
  after(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  async function write(name: string, contents: string): Promise<string> {
    const filePath = path.join(directory, name);
    await fs.writeFile(filePath, contents);
    return filePath;
  }

  it('round-trips the paper hierarchy through its file form', async () => {
    const filePath = await write('paper.json', JSON.stringify(hierarchyToFileContents(newsgroupsPaperHierarchy)));
    const loaded = await loadHierarchyFile(filePath, fineNames);
    assert.deepEqual(loaded, { ...newsgroupsPaperHierarchy, fineLabelNames: fineNames });
    assert.deepEqual(loadHierarchyFileSync(filePath, fineNames).fineToCoarse, newsgroupsPaperHierarchy.fineToCoarse);
  });

  it('accepts names and ids mixed', async () => {
    const filePath = await write(
      'two.json',
      JSON.stringify({
        name: 'two',
        groups: { tech: ['comp.graphics', 2, 3, 4, 5, 11, 12, 14], other: [0, 6, 7, 8, 9, 10, 13, 15, 16, 17, 18, 19] },
      }),
    );
    const loaded = await loadHierarchyFile(filePath, fineNames);
    assert.equal(loaded.name, 'two');
    assert.deepEqual(loaded.coarseLabelNames, ['tech', 'other']);
    assert.equal(loaded.fineToCoarse[1], 0);
    assert.equal(loaded.fineToCoarse[13], 1);
  });

  it('names the file and the label in validation errors', async () => {
    const filePath = await write(
      'typo.json',
      JSON.stringify({ name: 'typo', groups: { all: [...fineNames.slice(1), 'alt.atheist'] } }),
    );
    await assert.rejects(
      loadHierarchyFile(filePath, fineNames),
      (error: Error) =>
        error.message.startsWith(filePath) &&
        error.message.includes('"alt.atheist"') &&
        error.message.includes('"alt.atheism" (id 0)'),
    );
  });

  it('refuses one group, and one group per fine label, before any data work (naming the file)', async () => {
    const oneGroup = await write('one-group.json', JSON.stringify({ name: 'all', groups: { all: fineNames } }));
    await assert.rejects(loadHierarchyFile(oneGroup, fineNames), {
      message: `${oneGroup}: has 1 group ("all"); a hierarchy needs 2 ... 19 groups (at least two coarse classes, and fewer groups than the 20 fine labels so that some group holds two or more)`,
    });
    const singletons = await write(
      'singletons.json',
      JSON.stringify({ name: 'each', groups: Object.fromEntries(fineNames.map((name) => [`g-${name}`, [name]])) }),
    );
    assert.throws(() => loadHierarchyFileSync(singletons, fineNames), {
      message: new RegExp(
        `^${singletons.replace(/[.]/g, '\\.')}: has 20 groups for 20 fine labels, so every group holds at most one fine label; a hierarchy needs 2 \\.\\.\\. 19 groups`,
      ),
    });
    assert.throws(() => parseHierarchyText(JSON.stringify({ name: 'none', groups: {} }), fineNames, 'empty.json'), {
      message: /^empty\.json: label hierarchy "none": has no groups/,
    });
    // The smallest and largest allowed: 2 groups, and 19 (one pair, the rest alone).
    const two = { a: fineNames.slice(0, 10), b: fineNames.slice(10) };
    assert.equal(
      parseHierarchyText(JSON.stringify({ name: 'two', groups: two }), fineNames, 'two.json').coarseLabelNames.length,
      2,
    );
    const nineteen = {
      pair: fineNames.slice(0, 2),
      ...Object.fromEntries(fineNames.slice(2).map((name) => [name, [name]])),
    };
    assert.equal(
      parseHierarchyText(JSON.stringify({ name: 'nineteen', groups: nineteen }), fineNames, 'nineteen.json')
        .coarseLabelNames.length,
      19,
    );
  });

  it('names the file for invalid JSON, wrong shapes and missing files', async () => {
    const broken = await write('broken.json', '{ "name": "x", ');
    await assert.rejects(
      loadHierarchyFile(broken, fineNames),
      new RegExp(`${broken.replace(/[.\\/]/g, '\\$&')} is not valid JSON`),
    );
    assert.throws(
      () => parseHierarchyText('[1,2]', fineNames, 'list.json'),
      /^Error: list.json: expected a JSON object/,
    );
    assert.throws(
      () => parseHierarchyText('{"groups":{}}', fineNames, 'a.json'),
      /a.json: "name" must be a non-empty string/,
    );
    assert.throws(
      () => parseHierarchyText('{"name":"x","groups":[]}', fineNames, 'b.json'),
      /b.json: "groups" must be an object/,
    );
    assert.throws(
      () => parseHierarchyText('{"name":"x","groups":{"g":[true]}}', fineNames, 'c.json'),
      /c.json: group "g" must be a list/,
    );
    await assert.rejects(
      loadHierarchyFile(path.join(directory, 'absent.json'), fineNames),
      /cannot read label hierarchy file .*absent.json/,
    );
  });
});
