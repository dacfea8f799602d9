import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { firstDifference } from '../util/canonicalHash';
import { pathExists } from '../util/atomicFile';
import { type CodeVersion, currentCodeVersion, describeCodeVersion } from './codeVersion';
import { loadRun, type RunRecord } from './loadRuns';
import { claimRun, type RunClaim, type ClaimOptions } from './runClaim';
import { summaryFile } from './runWriter';

/** What {@link findReusableRun} decides. */
export type ReuseDecision =
  | {
      reusable: true;
      record: RunRecord /** Set when the run was made by another code version: print it. */;
      warning?: string;
    }
  | {
      reusable: false /** True when a finished record is there but must not be reused (config differs, no model). */;
      exists: boolean;
      reason: string;
    };

/** Options of {@link findReusableRun}. */
export interface ReuseOptions {
  /** The code version of this process (default currentCodeVersion()). */
  codeVersion?: CodeVersion;
  /** When given, the stored seed must equal it. */
  seed?: number;
  /**
   * The record must hold a complete saved model (default true): a teacher's, whose logits
   * its students need. When false (a student: its scores are in its summary) a run whose
   * model files are partly gone is reused with a warning that only its summary is used.
   */
  requireModel?: boolean;
}

/**
 * Whether the finished run in `directory` can stand in for training `runConfig` now: it
 * must be a well-formed record (else loadRun's MalformedRunError is thrown, naming the
 * folder and the fix) whose stored resolved config (config.json's `config`) has the same
 * canonical JSON as `runConfig` — compared field by field, not only "a summary exists" —
 * with the same seed and a saved model. A record made by another training code version
 * (or one that did not record it) is reusable but comes with a `warning` to print.
 */
export async function findReusableRun(
  directory: string,
  runConfig: unknown,
  options: ReuseOptions = {},
): Promise<ReuseDecision> {
  if (!(await pathExists(path.join(directory, summaryFile)))) {
    return { reusable: false, exists: false, reason: `no finished run at ${directory}` };
  }
  const record = await loadRun(directory);
  const difference = firstDifference(record.config, runConfig, 'config');
  if (difference) {
    return {
      reusable: false,
      exists: true,
      reason: `the finished run ${directory} was made with another config (first difference, stored vs new: ${difference})`,
    };
  }
  if (options.seed !== undefined && record.seed !== options.seed) {
    return {
      reusable: false,
      exists: true,
      reason: `the finished run ${directory} has seed ${record.seed}, not ${options.seed}`,
    };
  }
  const requireModel = options.requireModel ?? true;
  if (requireModel && !record.hasModel) {
    const what =
      record.missingModelFiles.length === 2
        ? 'has no saved model'
        : `lacks ${record.missingModelFiles.join(', ')} of its saved model`;
    return {
      reusable: false,
      exists: true,
      reason: `the finished run ${directory} ${what}, which is needed (a teacher's model gives its students' targets)`,
    };
  }
  const partialModel = !requireModel && record.missingModelFiles.length === 1;
  const summaryOnly = partialModel
    ? `note: reusing only the summary of run ${record.id}: ${record.missingModelFiles[0]} of its saved model is missing (its scores stand; its model cannot be loaded: rerun with --fresh to retrain it)`
    : undefined;
  const current = options.codeVersion ?? currentCodeVersion();
  const stored = record.codeVersion;
  if (!stored || stored.training !== current.training || stored.package !== current.package) {
    return {
      reusable: true,
      record,
      warning:
        `warning: reusing run ${record.id}, made by ${describeCodeVersion(stored)}; this is ${describeCodeVersion(current)}. ` +
        'Its numbers may differ from a fresh run: rerun with --fresh to retrain it' +
        (summaryOnly ? `\n${summaryOnly}` : ''),
    };
  }
  return summaryOnly ? { reusable: true, record, warning: summaryOnly } : { reusable: true, record };
}

/** Options of {@link beginRun}. */
export interface BeginRunOptions extends ReuseOptions {
  experimentDirectory: string;
  runId: string;
  /** The resolved run config (what startRun will record). */
  runConfig: unknown;
  seed: number;
  /** Retrain: delete the finished run (under the claim) instead of reusing it. */
  fresh?: boolean;
  /** Claim options; `wait` defaults to true (a second process waits, then reuses). */
  claim?: ClaimOptions;
}

/** What {@link beginRun} decided. Release `claim` in a `finally` in every case but 'skipped'. */
export type RunPlan =
  | { action: 'train'; claim: RunClaim }
  | { action: 'reuse'; claim: RunClaim; record: RunRecord; warning?: string }
  | { action: 'skipped'; message: string };

/**
 * Claim, then decide: the one entry point for "train this run or reuse it". Claims the run
 * id (waiting for another process that trains it, unless `claim.wait` is false: then
 * 'skipped'); with `fresh` deletes a finished record and says 'train'; else reuses a
 * finished record with the same resolved config ('reuse', with a warning when made by
 * another code version), or says 'train' when there is none. A finished record with the
 * same id but another config, seed or no model is an error naming the difference and the
 * fix (--fresh or delete the folder): it is never silently overwritten nor reused.
 */
export async function beginRun(options: BeginRunOptions): Promise<RunPlan> {
  const claimed = await claimRun(options.experimentDirectory, options.runId, options.claim);
  if (!claimed.claimed) return { action: 'skipped', message: claimed.message };
  const { claim } = claimed;
  try {
    const directory = path.join(path.resolve(options.experimentDirectory), options.runId);
    if (options.fresh) {
      await fs.rm(directory, { recursive: true, force: true });
      return { action: 'train', claim };
    }
    const decision = await findReusableRun(directory, options.runConfig, options);
    if (decision.reusable) return { action: 'reuse', claim, record: decision.record, warning: decision.warning };
    if (decision.exists)
      throw new Error(`${decision.reason}; rerun with --fresh to retrain it, or delete ${directory}`);
    return { action: 'train', claim };
  } catch (error) {
    await claim.release();
    throw error;
  }
}
