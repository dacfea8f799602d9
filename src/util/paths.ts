import * as path from 'node:path';

/** The project root: the folder holding package.json (dist/util/ or src/util/ is two levels down). */
export const projectRoot = path.resolve(__dirname, '..', '..');

/**
 * Where downloaded data and caches live: `HKD_DATA_DIR`, else `<project>/data`.
 * Everything under it is generated and gitignored.
 */
export function dataDirectory(): string {
  return process.env.HKD_DATA_DIR ? path.resolve(process.env.HKD_DATA_DIR) : path.join(projectRoot, 'data');
}

/**
 * The offline mirror folder (read-only copies of the canonical files), from
 * `HKD_DATA_MIRROR`, or undefined. Tests and CI point it at `../shared/data`.
 */
export function mirrorDirectory(): string | undefined {
  return process.env.HKD_DATA_MIRROR ? path.resolve(process.env.HKD_DATA_MIRROR) : undefined;
}

/** Where run records go: `HKD_RUNS_DIR`, else `<project>/runs`. */
export function runsDirectory(): string {
  return process.env.HKD_RUNS_DIR ? path.resolve(process.env.HKD_RUNS_DIR) : path.join(projectRoot, 'runs');
}

/**
 * The shipped reference results (one `<experiment>.runs.jsonl.gz` bundle per experiment,
 * committed): `<project>/data/reference`. Not under `HKD_DATA_DIR`, which only moves caches.
 */
export const referenceResultsDirectory = path.join(projectRoot, 'data', 'reference');
