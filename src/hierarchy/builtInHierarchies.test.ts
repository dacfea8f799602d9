import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { mirrorDirectory } from '../util/paths';
import { fashionMnistLabelNames } from '../data/fashionMnist';
import {
  builtInHierarchyNames,
  builtInHierarchyRationales,
  fashionMnist3Hierarchy,
  fashionMnist5Hierarchy,
  fashionMnistConfusionHierarchy,
  fashionMnistHierarchy,
  hierarchyByName,
  newsgroupLabelNames,
  newsgroupsNameHierarchy,
  newsgroupsPaperHierarchy,
  newsgroupsThreeGroupHierarchy,
  newsgroupsTopLevelHierarchy,
} from './builtInHierarchies';
import { describeHierarchy, toCoarseLabels } from './labelHierarchy';
import { adjustedRandIndex } from '../metrics/clusterAgreement';

function mirrorFile(...parts: string[]): string {
  const mirror = mirrorDirectory();
  if (!mirror)
    throw new Error(
      'HKD_DATA_MIRROR is not set: point it at the offline data mirror (../shared/data) to run this test',
    );
  return path.join(mirror, ...parts);
}

/** The top-two-level folder names in a (gzipped ustar) tar archive, read from its 512-byte headers. */
function tarFolderNames(archivePath: string): Set<string> {
  const tar = gunzipSync(readFileSync(archivePath));
  const folders = new Set<string>();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
    if (name === '') break;
    const prefix = header.subarray(345, 500).toString('latin1').replace(/\0.*$/s, '');
    const fullName = prefix ? `${prefix}/${name}` : name;
    const parts = fullName.split('/').filter((part) => part !== '');
    if (parts.length >= 2) folders.add(`${parts[0]}/${parts[1]}`);
    const size = parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return folders;
}

describe('built-in hierarchies', () => {
  it('newsgroups-3: three groups, each a union of whole paper groups (a coarsening of newsgroups-paper)', () => {
    const rows = describeHierarchy(newsgroupsThreeGroupHierarchy);
    assert.deepEqual(
      rows.map((row) => row.fineIds),
      [
        [1, 2, 3, 4, 5, 11, 12, 13, 14],
        [6, 7, 8, 9, 10],
        [0, 15, 16, 17, 18, 19],
      ],
    );
    // Every paper group (A-F) falls inside exactly one of the three: A, D -> 0; B, C -> 1; E, F -> 2.
    const paperToThree = new Map<number, Set<number>>();
    newsgroupsPaperHierarchy.fineToCoarse.forEach((paper, fine) =>
      paperToThree.set(
        paper,
        (paperToThree.get(paper) ?? new Set()).add(newsgroupsThreeGroupHierarchy.fineToCoarse[fine]),
      ),
    );
    assert.deepEqual(
      [...paperToThree.entries()].sort(([a], [b]) => a - b).map(([, three]) => [...three]),
      [[0], [1], [1], [0], [2], [2]],
    );
    assert.equal(hierarchyByName('newsgroups-3'), newsgroupsThreeGroupHierarchy);
  });

  it('newsgroups-top-level: seven groups by the first name part', () => {
    assert.deepEqual(newsgroupsTopLevelHierarchy.coarseLabelNames, [
      'alt',
      'comp',
      'misc',
      'rec',
      'sci',
      'soc',
      'talk',
    ]);
    const rows = describeHierarchy(newsgroupsTopLevelHierarchy);
    assert.deepEqual(
      rows.map((row) => row.fineIds.length),
      [1, 5, 1, 4, 4, 1, 4],
    );
    rows.forEach((row) => row.fineNames.forEach((name) => assert.equal(name.split('.')[0], row.coarseName)));
  });

  it('newsgroups-paper: the six groups of Yu & Kim 2022 by scikit-learn id', () => {
    const rows = describeHierarchy(newsgroupsPaperHierarchy);
    assert.deepEqual(
      rows.map((row) => row.fineIds),
      [
        [1, 2, 3, 4, 5],
        [6, 7, 8],
        [9, 10],
        [11, 12, 13, 14],
        [16, 17, 18],
        [0, 15, 19],
      ],
    );
    assert.deepEqual(
      rows.map((row) => row.coarseName[0]),
      ['A', 'B', 'C', 'D', 'E', 'F'],
    );
    assert.deepEqual(rows[5].fineNames, ['alt.atheism', 'soc.religion.christian', 'talk.religion.misc']);
    assert.deepEqual(rows[2].fineNames, ['rec.sport.baseball', 'rec.sport.hockey']);
  });

  it('newsgroups-names: every group sits under its name prefix', () => {
    const expectedPrefix: Record<string, RegExp> = {
      comp: /^comp\./,
      rec: /^rec\./,
      sci: /^sci\./,
      politics: /^talk\.politics\./,
      religion: /^(alt\.atheism|soc\.religion\.christian|talk\.religion\.misc)$/,
      misc: /^misc\.forsale$/,
    };
    const rows = describeHierarchy(newsgroupsNameHierarchy);
    assert.deepEqual(
      rows.map((row) => row.fineCount),
      [5, 4, 4, 3, 3, 1],
    );
    for (const row of rows)
      for (const fineName of row.fineNames) assert.match(fineName, expectedPrefix[row.coarseName]);
    // The two groupings differ only where documented: autos/motorcycles and for-sale.
    const paperB = newsgroupsPaperHierarchy.fineToCoarse[7];
    assert.equal(newsgroupsPaperHierarchy.fineToCoarse[6], paperB);
    assert.notEqual(newsgroupsNameHierarchy.fineToCoarse[6], newsgroupsNameHierarchy.fineToCoarse[7]);
  });

  it('fashion-mnist-5: tops / bottoms / dresses / footwear / bags', () => {
    assert.equal(fashionMnist5Hierarchy.name, 'fashion-mnist-5');
    assert.equal(fashionMnistHierarchy, fashionMnist5Hierarchy);
    assert.deepEqual(
      describeHierarchy(fashionMnist5Hierarchy).map((row) => [row.coarseName, row.fineIds]),
      [
        ['tops', [0, 2, 4, 6]],
        ['bottoms', [1]],
        ['dresses', [3]],
        ['footwear', [5, 7, 9]],
        ['bags', [8]],
      ],
    );
  });

  it('fashion-mnist-3: clothing / footwear / bags', () => {
    assert.deepEqual(
      describeHierarchy(fashionMnist3Hierarchy).map((row) => [row.coarseName, row.fineNames]),
      [
        ['clothing', ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Shirt']],
        ['footwear', ['Sandal', 'Sneaker', 'Ankle boot']],
        ['bags', ['Bag']],
      ],
    );
  });

  it('fashion-mnist-confusion-5: loaded from its file with its merge tree; ARI 0.615 against fashion-mnist-5', () => {
    assert.equal(hierarchyByName('fashion-mnist-confusion-5'), fashionMnistConfusionHierarchy);
    assert.deepEqual(
      describeHierarchy(fashionMnistConfusionHierarchy).map((row) => [row.coarseName, row.fineNames]),
      [
        ['tops and dresses', ['T-shirt/top', 'Pullover', 'Dress', 'Coat', 'Shirt']],
        ['trousers', ['Trouser']],
        ['sandals', ['Sandal']],
        ['sneakers and boots', ['Sneaker', 'Ankle boot']],
        ['bags', ['Bag']],
      ],
    );
    assert.equal(fashionMnistConfusionHierarchy.merges.length, 9);
    assert.equal(fashionMnistConfusionHierarchy.linkage, 'average');
    // Pairs (ordered, of 90): together in both 12 (tops) + 2 (sneaker/boot) = 14; only in the derived one: dress with the 4 tops = 8;
    // only in fashion-mnist-5: sandal with sneaker and boot = 4; apart in both 90 - 26 = 64.
    // ARI = 2(14*64 - 4*8) / ((14+4)(4+64) + (14+8)(8+64)) = 1728 / 2808.
    assert.ok(
      Math.abs(
        adjustedRandIndex(fashionMnistConfusionHierarchy.fineToCoarse, fashionMnist5Hierarchy.fineToCoarse) -
          1728 / 2808,
      ) < 1e-12,
    );
    assert.throws(() => {
      (fashionMnistConfusionHierarchy.merges as unknown as unknown[]).push(1);
    }, TypeError);
  });

  it('every built-in has a rationale', () => {
    for (const name of builtInHierarchyNames) assert.ok((builtInHierarchyRationales[name] ?? '').length > 40, name);
  });

  it('hierarchyByName finds each built-in and names the choices otherwise', () => {
    assert.equal(hierarchyByName('newsgroups-paper'), newsgroupsPaperHierarchy);
    assert.equal(hierarchyByName('newsgroups-names'), newsgroupsNameHierarchy);
    assert.equal(hierarchyByName('fashion-mnist-5'), fashionMnist5Hierarchy);
    assert.equal(hierarchyByName('fashion-mnist-3'), fashionMnist3Hierarchy);
    assert.equal(hierarchyByName('fashion-mnist-kinds'), fashionMnist5Hierarchy, 'the former name stays an alias');
    assert.throws(
      () => hierarchyByName('cifar'),
      /unknown label hierarchy "cifar"; built-in ones are newsgroups-paper, newsgroups-names, newsgroups-top-level, newsgroups-3, fashion-mnist-5, fashion-mnist-3/,
    );
  });

  it('built-ins are frozen so one caller cannot change them for another', () => {
    assert.throws(() => {
      newsgroupsPaperHierarchy.fineToCoarse[0] = 0;
    }, TypeError);
    assert.equal(newsgroupsPaperHierarchy.fineToCoarse[0], 5);
  });

  it('the newsgroup names are exactly the group folders of the 20news-bydate archive, sorted', () => {
    const folders = tarFolderNames(mirrorFile('20news-bydate.tar.gz'));
    for (const split of ['20news-bydate-train', '20news-bydate-test']) {
      const groups = [...folders]
        .filter((folder) => folder.startsWith(`${split}/`))
        .map((folder) => folder.slice(split.length + 1));
      assert.deepEqual(groups.sort(), [...newsgroupLabelNames], split);
    }
    assert.deepEqual([...newsgroupLabelNames].sort(), [...newsgroupLabelNames]);
  });

  it('maps the real Fashion-MNIST test labels: 1,000 per garment gives 4,000 tops and 3,000 footwear', () => {
    const idx = gunzipSync(readFileSync(mirrorFile('fashion-mnist', 't10k-labels-idx1-ubyte.gz')));
    assert.equal(idx.readUInt32BE(0), 2049, 'IDX label magic number');
    const labels = idx.subarray(8, 8 + idx.readUInt32BE(4));
    assert.equal(labels.length, 10000);
    const coarse = toCoarseLabels(labels, fashionMnistHierarchy);
    const counts = new Array(fashionMnistHierarchy.coarseLabelNames.length).fill(0);
    coarse.forEach((coarseId) => counts[coarseId]++);
    assert.deepEqual(counts, [4000, 1000, 1000, 3000, 1000]);
    // Spot-check: each position's coarse label is the group of its fine garment.
    for (const index of [0, 1, 2, 9999]) {
      const garment = fashionMnistLabelNames[labels[index]];
      const kind = fashionMnistHierarchy.coarseLabelNames[coarse[index]];
      assert.ok(
        describeHierarchy(fashionMnistHierarchy)
          .find((row) => row.coarseName === kind)!
          .fineNames.includes(garment),
      );
    }
  });
});
