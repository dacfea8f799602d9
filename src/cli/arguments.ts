/** Command-line argument parsers shared by the CLIs (`npm run pipeline`, `npm run study`, `npm run report`). */
import { seedTextProblem } from '../config/seeds';

/** Strict `--seeds`: comma-separated, unique integers; an empty list or an empty item is an error. */
export function parseSeeds(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const problems: string[] = [];
  if (text.trim() === '') problems.push('the list is empty');
  else {
    parts.forEach((part, index) => {
      if (part === '') problems.push(`item ${index + 1} is empty`);
      else if (seedTextProblem(part)) problems.push(`item ${index + 1} ${seedTextProblem(part)}`);
    });
  }
  const seeds = parts.map(Number);
  const repeated = [...new Set(seeds.filter((seed, index) => parts[index] !== '' && seeds.indexOf(seed) !== index))];
  if (repeated.length > 0) problems.push(`seed ${repeated.join(', ')} is repeated`);
  if (problems.length > 0)
    throw new Error(
      `--seeds: got ${JSON.stringify(text)}; expected unique integers like 1,2,3 (${problems.join('; ')})`,
    );
  return seeds;
}

/** Strict positive integer option. */
export function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(value) || value < 1)
    throw new Error(`${option}: expected a positive integer, got "${text}"`);
  return value;
}

/**
 * The `parseArgs` options that `npm run pipeline` and `npm run study` share: the experiment and
 * its overrides, seeds, where runs go, how they train, plugins, help and stack traces.
 */
export const sharedTrainingOptions = {
  experiment: { type: 'string', default: 'paper1-newsgroups' },
  set: { type: 'string', multiple: true },
  seeds: { type: 'string' },
  'runs-dir': { type: 'string' },
  'group-size': { type: 'string' },
  backend: { type: 'string' },
  fresh: { type: 'boolean', default: false },
  rescore: { type: 'boolean', default: false },
  plugin: { type: 'string', multiple: true },
  help: { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
} as const;
