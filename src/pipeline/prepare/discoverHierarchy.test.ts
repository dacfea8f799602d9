import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../../config/builtInExperiments';
import { ConfigError } from '../../config/validate';
import { validateExperimentConfig } from '../../config/validateExperiment';
import { parseDiscoveredHierarchyText } from '../../hierarchy/discover';
import { memberGroupNames, parseDiscoverySpec, shortLabelName } from '../../hierarchy/discoverySpec';
import { adjustedRandIndex } from '../../metrics/clusterAgreement';
import { gaussianClusters } from '../../training/syntheticClusters';
import {
  discoverHierarchyFromSpec,
  saveDiscoveredHierarchy,
  type ConfigDiscoveredHierarchy,
} from './discoverHierarchy';
import { resolveHierarchy } from './prepareData';

/** 9 fine classes in 3 far-apart groups of 3 (fine f belongs to group floor(f / 3)): the grouping to recover. */
function threeObviousGroups() {
  const problem = gaussianClusters({
    rowsPerSplit: [540, 270],
    dimension: 12,
    coarseCount: 3,
    finePerCoarse: 3,
    coarseSpread: 12,
    fineSpread: 0.6,
    seed: 7,
  });
  const [train, validation] = problem.splits;
  const fineLabelNames = Array.from({ length: 9 }, (_, fine) => `group${Math.floor(fine / 3)}.class${fine}`);
  return { train, validation, fineLabelNames, fineToCoarse: problem.fineToCoarse };
}

describe('discovered hierarchies from the config form', () => {
  it('discovered:class-means:3 recovers three obvious groups of classes (ARI 1), deterministically, and saves a file that reads back', async () => {
    const { train, validation, fineLabelNames, fineToCoarse } = threeObviousGroups();
    const data = { train, validation, seed: 1, featuresId: 'synthetic' };
    const hierarchy = (await resolveHierarchy('discovered:class-means:3', fineLabelNames, {
      ...data,
      fineLabelNames,
    })) as ConfigDiscoveredHierarchy;
    assert.equal(hierarchy.name, 'discovered-class-means-3-average');
    assert.equal(adjustedRandIndex(hierarchy.fineToCoarse, fineToCoarse), 1);
    // Groups ordered by smallest member, named by members' short names joined by '+'.
    assert.deepEqual(hierarchy.coarseLabelNames, [
      'group0.class0+group0.class1+group0.class2',
      'group1.class3+group1.class4+group1.class5',
      'group2.class6+group2.class7+group2.class8',
    ]);
    assert.equal(hierarchy.merges.length, 8);
    assert.equal(hierarchy.discovery.way, 'class-means');
    const again = await discoverHierarchyFromSpec('discovered:class-means:3', { ...data, fineLabelNames });
    assert.deepEqual(again.merges, hierarchy.merges);
    assert.deepEqual(again.fineToCoarse, hierarchy.fineToCoarse);
    const directory = mkdtempSync(path.join(os.tmpdir(), 'hkd-discovered-'));
    const file = await saveDiscoveredHierarchy(hierarchy, directory);
    assert.match(path.basename(file), /^discovered-class-means-3-average-[0-9a-f]{8}\.json$/);
    const text = readFileSync(file, 'utf8');
    const loaded = parseDiscoveredHierarchyText(text, fineLabelNames, file);
    assert.deepEqual(loaded.fineToCoarse, hierarchy.fineToCoarse);
    assert.deepEqual(loaded.merges, hierarchy.merges);
    assert.equal(JSON.parse(text).discovery.spec, 'discovered:class-means:3');
  });

  it('discovered:confusion:3 groups the classes a seeded softmax regression mixes up (ARI 1 on the obvious case), the same twice', async () => {
    const { train, validation, fineLabelNames, fineToCoarse } = threeObviousGroups();
    const silent = () => undefined;
    const data = { train, validation, seed: 3, fineLabelNames };
    const hierarchy = await discoverHierarchyFromSpec('discovered:confusion:3', data, { progress: silent });
    assert.equal(hierarchy.name, 'discovered-confusion-3-average');
    assert.equal(adjustedRandIndex(hierarchy.fineToCoarse, fineToCoarse), 1);
    assert.ok(
      hierarchy.discovery.confusionModel!.validationAccuracy > 0.3,
      `validation accuracy ${hierarchy.discovery.confusionModel!.validationAccuracy}`,
    );
    const again = await discoverHierarchyFromSpec('discovered:confusion:3', data, { progress: silent });
    assert.deepEqual(again.distances, hierarchy.distances);
  });

  it('reads no test data: the class means come from the training split only', async () => {
    const { train, validation, fineLabelNames } = threeObviousGroups();
    // Swapping the validation split for garbage changes nothing for class-means.
    const garbage = {
      x: {
        data: new Float32Array(validation.x.rows * validation.x.columns).fill(1e6),
        rows: validation.x.rows,
        columns: validation.x.columns,
      },
      fineLabels: validation.fineLabels,
    };
    const a = await discoverHierarchyFromSpec('discovered:class-means:3:complete', {
      train,
      validation,
      seed: 1,
      fineLabelNames,
    });
    const b = await discoverHierarchyFromSpec('discovered:class-means:3:complete', {
      train,
      validation: garbage,
      seed: 1,
      fineLabelNames,
    });
    assert.deepEqual(a.distances, b.distances);
    assert.equal(a.name, 'discovered-class-means-3-complete');
  });

  it('parses the spec and rejects a bad k, way or linkage with a clear error', () => {
    assert.deepEqual(parseDiscoverySpec('discovered:confusion:6', 20), {
      way: 'confusion',
      groups: 6,
      linkage: 'average',
    });
    assert.deepEqual(parseDiscoverySpec('discovered:class-means:19:ward', 20), {
      way: 'class-means',
      groups: 19,
      linkage: 'ward',
    });
    assert.throws(
      () => parseDiscoverySpec('discovered:class-means:20', 20),
      /k = 20 is above 19 \(the data set has 20 fine classes/,
    );
    assert.throws(() => parseDiscoverySpec('discovered:class-means:1', 20), /k = 1 is below 2/);
    assert.throws(() => parseDiscoverySpec('discovered:class-means:six', 20), /k "six" is not a whole number/);
    assert.throws(
      () => parseDiscoverySpec('discovered:kmeans:6', 20),
      /unknown way "kmeans"; expected discovered:<way>:<k>\[:<linkage>\] with way class-means or confusion/,
    );
    assert.throws(() => parseDiscoverySpec('discovered:confusion:6:median', 20), /unknown linkage "median"/);
    assert.throws(() => parseDiscoverySpec('discovered:confusion', 20), /1 part\(s\) after "discovered:"/);
  });

  it('the experiment config accepts discovered:... and lists a bad k or way as config problems', () => {
    const withHierarchy = (hierarchy: string) => ({
      ...JSON.parse(JSON.stringify(paperNewsgroupsExperiment)),
      hierarchy,
    });
    assert.equal(validateExperimentConfig(withHierarchy('discovered:confusion:6')).hierarchy, 'discovered:confusion:6');
    for (const [value, pattern] of [
      [
        'discovered:class-means:20',
        /hierarchy: got "discovered:class-means:20"; expected discovered:<way>:<k>\[:<linkage>\] .*k an integer in 2\.\.19.*\(k = 20 is above 19/,
      ],
      ['discovered:nearest:6', /hierarchy: got "discovered:nearest:6"; expected .*\(unknown way "nearest"\)/],
      ['discovered:class-means:0', /\(k = 0 is below 2/],
    ] as const) {
      assert.throws(
        () => validateExperimentConfig(withHierarchy(value)),
        (error: Error) => error instanceof ConfigError && pattern.test(error.message),
      );
    }
    assert.throws(() => validateExperimentConfig(withHierarchy('newsgroups-paperr')), /or discovered:<way>:<k>/);
  });

  it('names groups by short names, full names when two short names coincide', () => {
    assert.equal(shortLabelName('comp.sys.ibm.pc.hardware'), 'pc.hardware');
    assert.equal(shortLabelName('rec.autos'), 'rec.autos');
    assert.deepEqual(memberGroupNames([[0, 2], [1]], ['rec.sport.hockey', 'sci.med', 'rec.sport.baseball']), [
      'sport.hockey+sport.baseball',
      'sci.med',
    ]);
    assert.deepEqual(memberGroupNames([[0], [1]], ['a.x.y', 'b.x.y']), ['a.x.y', 'b.x.y']);
  });

  it('a discovered value without prepared splits is a clear error', async () => {
    await assert.rejects(
      () => resolveHierarchy('discovered:class-means:3', ['a', 'b', 'c', 'd']),
      /needs the prepared training and validation splits/,
    );
  });
});
