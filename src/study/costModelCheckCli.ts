#!/usr/bin/env node
/**
 * `npm run cost-model-check -- <experiment folder> ... [--call <from>/<to> --workers <W>]`
 *
 * Checks the study's cost model on finished runs, training nothing and writing nothing:
 * per part, the training time predicted from the folder's other finished runs against the
 * time its runs measured (see costModelCheck.ts). With `--call`, instead, one real call: the
 * runs that finished between the two ISO times, priced from the runs finished before, their
 * wall time on W workers on this machine predicted and measured (see costModelBacktest.ts).
 */
import { parseArgs } from 'node:util';
import { exitWithFailure } from '../util/cliErrors';
import { backtestCall, backtestLines } from './costModelBacktest';
import { checkCostModel, costCheckTable } from './costModelCheck';

const usage =
  'usage: npm run cost-model-check -- <experiment folder> ... [--call <from ISO time>/<to ISO time> --workers <W>]';

/** `<from>/<to>` as two dates; a clear error naming what was expected. */
export function parseCallWindow(text: string): { from: Date; to: Date } {
  const [from, to, ...rest] = text.split('/');
  const dates = [from, to].map((part) => new Date(part ?? ''));
  if (rest.length > 0 || dates.some((date) => Number.isNaN(date.getTime())) || dates[0] >= dates[1])
    throw new Error(
      `--call: expected <from>/<to>, two ISO times with from before to (e.g. 2026-12-07T09:10:00Z/2026-12-07T09:40:00Z), got "${text}"`,
    );
  return { from: dates[0], to: dates[1] };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { call: { type: 'string' }, workers: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (positionals.length === 0 || values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (values.call !== undefined) {
    const window = parseCallWindow(values.call);
    const workers = Number(values.workers ?? '1');
    if (!Number.isInteger(workers) || workers < 1)
      throw new Error(`--workers: expected a positive whole number, got "${values.workers}"`);
    for (const folder of positionals)
      backtestLines(folder, window, await backtestCall(folder, window, workers)).forEach((line) => console.log(line));
    return;
  }
  if (values.workers !== undefined) throw new Error('--workers goes with --call (the wall time of one real call)');
  for (const folder of positionals) {
    console.log(`\n${folder}: each part priced from the other parts' finished runs`);
    costCheckTable(await checkCostModel(folder)).forEach((line) => console.log(line));
  }
}

if (require.main === module) {
  main().catch((error: unknown) => exitWithFailure('cost model check', error));
}
