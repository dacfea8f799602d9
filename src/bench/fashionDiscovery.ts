#!/usr/bin/env node
/**
 * Hierarchies discovered on Fashion-MNIST (a measurement, not a test), from the JSON
 * that fashionFloors.js writes: k = 3 and 5 groups from the MLP's VALIDATION confusions
 * and from the pixel class means, each compared with the hand-made fashion-mnist-3 / -5
 * by adjusted Rand index; plus each trained model's within-group error share on the test
 * set. Writes the discovered hierarchies (hierarchy files with their merge tree) into `--directory`.
 *
 *   node dist/bench/fashionDiscovery.js --in /tmp/fashion-floors.json --directory /tmp/hierarchies
 */
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fashionMnist3Hierarchy, fashionMnist5Hierarchy } from '../hierarchy/builtInHierarchies';
import {
  agglomerativeHierarchy,
  confusionHierarchy,
  discoveredHierarchyToFileContents,
  type DiscoveredHierarchy,
} from '../hierarchy/discover';
import { adjustedRandIndex } from '../metrics/clusterAgreement';
import { chanceWithinGroupShare, withinGroupErrors } from '../metrics/groupErrors';
import { writeFileAtomic } from '../util/atomicFile';

interface ModelSummary {
  label: string;
  testPredictions?: number[];
  validationConfusion?: number[][];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      in: { type: 'string', default: '/tmp/fashion-floors.json' },
      directory: { type: 'string', default: '/tmp/hierarchies' },
      confusion: { type: 'string', default: 'mlp' },
    },
  });
  const input = JSON.parse(readFileSync(values.in!, 'utf8'));
  const labelNames: string[] = input.labelNames;
  const handMade = { 3: fashionMnist3Hierarchy, 5: fashionMnist5Hierarchy } as const;
  mkdirSync(values.directory!, { recursive: true });
  const discovered: DiscoveredHierarchy[] = [];
  for (const groups of [3, 5] as const) {
    const source = input[values.confusion!] as ModelSummary;
    for (const linkage of ['average', 'complete', 'ward'] as const) {
      discovered.push(
        confusionHierarchy({
          name: `fashion-mnist-confusion-${groups}-${linkage}`,
          confusionMatrix: source.validationConfusion!,
          fineLabelNames: labelNames,
          groups,
          linkage,
        }),
      );
      discovered.push(
        agglomerativeHierarchy({
          name: `fashion-mnist-pixel-means-${groups}-${linkage}`,
          fineLabelNames: labelNames,
          classMeans: input.pixelClassMeans,
          groups,
          linkage,
        }),
      );
    }
  }
  for (const hierarchy of discovered) {
    const groups = hierarchy.coarseLabelNames.length as 3 | 5;
    const ari3 = adjustedRandIndex(hierarchy.fineToCoarse, fashionMnist3Hierarchy.fineToCoarse);
    const ari5 = adjustedRandIndex(hierarchy.fineToCoarse, fashionMnist5Hierarchy.fineToCoarse);
    console.log(
      `${hierarchy.name}: ARI vs fashion-mnist-3 ${ari3.toFixed(3)}, vs fashion-mnist-5 ${ari5.toFixed(3)} (same k: ${groups === 3 ? ari3.toFixed(3) : ari5.toFixed(3)})`,
    );
    console.log(`  groups: ${hierarchy.coarseLabelNames.map((name) => `{${name}}`).join('  ')}`);
    await writeFileAtomic(
      path.join(values.directory!, `${hierarchy.name}.json`),
      `${JSON.stringify(discoveredHierarchyToFileContents(hierarchy), null, 2)}\n`,
    );
  }
  const testLabels: number[] = input.testLabels;
  for (const key of ['mlp', 'student', 'conv']) {
    const model = input[key] as ModelSummary | undefined;
    if (!model?.testPredictions || !testLabels) continue;
    for (const hierarchy of [handMade[3], handMade[5]]) {
      const result = withinGroupErrors(testLabels, model.testPredictions, hierarchy.fineToCoarse);
      console.log(
        `${model.label} with ${hierarchy.name}: fine accuracy ${result.fineAccuracy.toFixed(4)}, ${result.errors} errors, within-group share ${result.withinGroupShare.toFixed(3)} ` +
          `(chance ${chanceWithinGroupShare(testLabels, hierarchy.fineToCoarse).toFixed(3)}), implied coarse accuracy ${result.impliedCoarseAccuracy.toFixed(4)}`,
      );
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
