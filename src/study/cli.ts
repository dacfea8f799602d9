#!/usr/bin/env node
/**
 * `npm run study [-- --experiment fashion-mnist] [--smoke] [--parts a,b] [--runs-dir runs] [--out reports] [--group-size n] [--fresh]`
 *
 * Runs issue 9's study (see runStudy) offline on the default encoder and writes
 * reports/<study>.md. The full study takes hours on 2 cores; --smoke runs every part on a
 * tiny slice in a minute or two (CI runs it).
 */
import { parseArgs } from 'node:util';
import { initializeBackend } from '../backend/backend';
import { resolveExperimentConfig } from '../config/layering';
import { runStudy } from './runStudy';

const usage = `usage: npm run study -- [--experiment paper1-newsgroups|fashion-mnist|<file.json>] [--smoke] [--parts curves,regimes,hierarchies,features,featureSets,grid] [--runs-dir <folder>] [--out reports] [--group-size <n>] [--backend <name>] [--fresh]
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      parts: { type: 'string' },
      experiment: { type: 'string', default: 'paper1-newsgroups' },
      'runs-dir': { type: 'string' },
      out: { type: 'string', default: 'reports' },
      'group-size': { type: 'string' },
      backend: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  let groupSize: number | undefined;
  if (values['group-size'] !== undefined) {
    groupSize = Number(values['group-size']);
    if (!Number.isInteger(groupSize) || groupSize < 1) throw new Error(`--group-size: expected a positive integer, got "${values['group-size']}"`);
  }
  // Resolve (and validate) the experiment before any backend or data loads.
  const base = resolveExperimentConfig({ base: values.experiment! });
  if (values.backend) process.env.HKD_BACKEND = values.backend;
  const backend = await initializeBackend();
  console.log(`backend: ${backend.name} (${backend.description})`);
  await runStudy({ base, smoke: values.smoke, parts: values.parts?.split(',').map((name) => name.trim()).filter(Boolean), runsDirectory: values['runs-dir'], outputDirectory: values.out, groupSize, fresh: values.fresh });
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`study failed: ${error.message}`);
    process.exit(1);
  });
}
