#!/usr/bin/env node
/**
 * `npm run cost-model-check -- <experiment folder> ...`
 *
 * Checks the study's cost model on finished runs, training nothing and writing nothing:
 * per part, the training time predicted from the folder's other finished runs against the
 * time its runs measured (see costModelCheck.ts).
 */
import { exitWithFailure } from '../util/cliErrors';
import { checkCostModel, costCheckTable } from './costModelCheck';

async function main(): Promise<void> {
  const folders = process.argv.slice(2);
  if (folders.length === 0 || folders.includes('--help')) {
    process.stdout.write('usage: npm run cost-model-check -- <experiment folder> ...\n');
    return;
  }
  for (const folder of folders) {
    console.log(`\n${folder}: each part priced from the other parts' finished runs`);
    costCheckTable(await checkCostModel(folder)).forEach((line) => console.log(line));
  }
}

if (require.main === module) {
  main().catch((error: unknown) => exitWithFailure('cost model check', error));
}
