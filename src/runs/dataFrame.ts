import * as tf from '@tensorflow/tfjs';
import type { DataFrame } from 'danfojs-node';
import type { RunRecord } from './loadRuns';

/** A table cell: numbers, strings, booleans; nested arrays become JSON text; absent values null. */
export type Cell = number | string | boolean | null;

/** Flattens nested objects into `prefix.key.subkey` columns; arrays become JSON text. */
export function flattenInto(row: Record<string, Cell>, value: unknown, prefix: string): void {
  if (value === null || value === undefined) {
    if (prefix) row[prefix] = null;
  } else if (Array.isArray(value)) {
    row[prefix] = JSON.stringify(value);
  } else if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>))
      flattenInto(row, inner, prefix ? `${prefix}.${key}` : key);
  } else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    row[prefix] = value;
  } else {
    row[prefix] = String(value);
  }
}

/**
 * Plain table rows: `level: 'run'` gives one row per run (id, seed, backend, epochs,
 * config.*, summary.*); `level: 'epoch'` one row per logged epoch (id, seed, backend,
 * config.*, then the epoch record's fields). Every row has every column (null where absent).
 */
export function runsToRows(runs: RunRecord[], options: { level: 'run' | 'epoch' }): Record<string, Cell>[] {
  const rows: Record<string, Cell>[] = [];
  for (const run of runs) {
    const base: Record<string, Cell> = { id: run.id, seed: run.seed, backend: run.backend?.name ?? null };
    if (options.level === 'run') {
      const row = { ...base, epochs: run.epochs.length, startedAt: run.startedAt, finishedAt: run.finishedAt };
      flattenInto(row, run.config, 'config');
      flattenInto(row, run.summary, 'summary');
      rows.push(row);
    } else {
      const withConfig = { ...base };
      flattenInto(withConfig, run.config, 'config');
      for (const epoch of run.epochs) {
        const row = { ...withConfig };
        flattenInto(row, epoch, '');
        rows.push(row);
      }
    }
  }
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null])));
}

/**
 * Loads danfojs-node. Its own dependency on @tensorflow/tfjs-node is replaced (package.json
 * `overrides`) by src/shims/tfjs-node-for-danfojs, which re-exports the project's tfjs, so
 * loading danfojs never loads the native addon nor switches the active backend; this
 * checks that it did not.
 */
export function requireDanfoKeepingBackend(): typeof import('danfojs-node') {
  const previous = tf.getBackend();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const danfo = require('danfojs-node') as typeof import('danfojs-node');
  if (previous && tf.getBackend() !== previous) {
    throw new Error(
      `loading danfojs-node switched the tfjs backend from ${previous} to ${tf.getBackend()}: is the tfjs-node shim override in package.json installed (npm ci)?`,
    );
  }
  return danfo;
}

/**
 * The runs as a danfojs-node DataFrame (see {@link runsToRows} for the columns).
 * danfojs is required lazily here because it is heavy to load.
 */
export function runsToDataFrame(runs: RunRecord[], options: { level: 'run' | 'epoch' }): DataFrame {
  const rows = runsToRows(runs, options);
  const danfo = requireDanfoKeepingBackend();
  if (rows.length === 0) return new danfo.DataFrame([]);
  return new danfo.DataFrame(rows);
}
