import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ClaimWatcher, describeHolder, findReusableRun, type RunRecord } from '../../runs';
import type { PlannedRun } from '../plan/planRuns';

/**
 * Which planned runs one worker process trains, when several workers share one runs folder
 * (a local `--workers N` or a Slurm job array). The unit is a stacked group as one process would
 * form it, so that each run trains with the same group mates, hence the same numbers:
 * - `shard`: static, deterministic by run id: the worker trains the groups whose first run id
 *   hashes to its shard `index` of `count` (teachers first); a teacher of another shard that its
 *   students need it waits for, until that run is finished.
 * - `dynamic`: the worker takes the next group nobody has claimed (a group whose first run another
 *   worker holds is left to it), then comes back at the end to wait for the groups it left.
 */
export type WorkerMode = { kind: 'shard'; index: number; count: number } | { kind: 'dynamic' };

/** Options of a worker (see executePlan's `worker`). */
export interface WorkerOptions {
  mode: WorkerMode;
  /**
   * Give up waiting for a run of another worker that nobody has claimed after this long (ms):
   * its worker may never have started (default 30 minutes). The time runs only while the run
   * is neither finished nor claimed: a claim whose holder refreshes it is waited for as long as it lasts.
   */
  unclaimedTimeoutMs?: number;
  /** How often a waiting worker looks again (default 2000 ms). */
  pollMs?: number;
  /** How often this worker refreshes its claims (ms; see ClaimOptions.heartbeatMs). */
  heartbeatMs?: number;
  /** Missed heartbeats after which another worker's claim is stale (see ClaimOptions.staleHeartbeats). */
  staleHeartbeats?: number;
  /**
   * A file this worker appends its selected runs to (one JSON line per plan: the experiment
   * folder and run ids), so that a follower can count its finished runs (HKD_WORKER_PLANNED).
   */
  plannedFile?: string;
  /**
   * Dynamic workers only: wait for nothing another worker holds, and leave the students whose
   * teachers it holds (see runDynamicWorker); a later call without it waits for them. A study's
   * worker takes every part's free groups this way first, then waits part by part.
   */
  deferWaiting?: boolean;
}

/**
 * The worker's timing from the experiment config's `engine` block (claimHeartbeatSeconds,
 * staleHeartbeats, workerWaitSeconds), where the command line did not set it.
 */
export function withEngineTiming(
  worker: WorkerOptions,
  engine: { claimHeartbeatSeconds?: number; staleHeartbeats?: number; workerWaitSeconds?: number } | undefined,
): WorkerOptions {
  return {
    ...worker,
    heartbeatMs:
      worker.heartbeatMs ??
      (engine?.claimHeartbeatSeconds !== undefined ? engine.claimHeartbeatSeconds * 1000 : undefined),
    staleHeartbeats: worker.staleHeartbeats ?? engine?.staleHeartbeats,
    unclaimedTimeoutMs:
      worker.unclaimedTimeoutMs ??
      (engine?.workerWaitSeconds !== undefined ? engine.workerWaitSeconds * 1000 : undefined),
  };
}

/** `--shard i/n` (0 <= i < n): a static shard; errors say what was expected. */
export function parseShard(text: string): WorkerMode {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`--shard: expected i/n with whole numbers 0 <= i < n (e.g. 0/4), got "${text}"`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index >= count) throw new Error(`--shard: expected i/n with 0 <= i < n and n >= 1, got "${text}"`);
  return { kind: 'shard', index, count };
}

/** The shard (0..count-1) a run id belongs to: the first 32 bits of its SHA-256, modulo count. */
export function shardOf(runId: string, count: number): number {
  return createHash('sha256').update(runId).digest().readUInt32BE(0) % count;
}

/** The stacked groups of a static shard: those whose first run id hashes to it (a group trains whole, with the mates one process would give it). */
export function selectShardGroups(groups: PlannedRun[][], mode: { index: number; count: number }): PlannedRun[][] {
  return groups.filter((group) => shardOf(group[0].runId, mode.count) === mode.index);
}

/** "i/n" or "dynamic". */
export function describeWorker(mode: WorkerMode): string {
  return mode.kind === 'shard' ? `shard ${mode.index}/${mode.count}` : 'dynamic worker';
}

/** Appends one plan's selected runs to the worker's planned-runs file (see WorkerOptions.plannedFile). */
export async function recordPlannedRuns(file: string, experimentDirectory: string, runIds: string[]): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.appendFile(file, `${JSON.stringify({ experimentDirectory: path.resolve(experimentDirectory), runIds })}\n`);
}

/** Options of {@link waitForFinishedRun}. */
export interface WaitForRunOptions {
  experimentDirectory: string;
  unclaimedTimeoutMs: number;
  pollMs: number;
  log: (line: string) => void;
  /** Who trains the run (for the messages), e.g. "shard 1/2". */
  owner: string;
  /** Missed heartbeats after which the holder's claim is stale (see ClaimOptions.staleHeartbeats). */
  staleHeartbeats?: number;
}

/**
 * Waits until another worker has finished `run` (a teacher this worker's students need) and
 * gives its record. While another worker holds its claim, waits as long as the claim lasts;
 * while nobody has claimed it, waits at most `unclaimedTimeoutMs`, then throws naming the run
 * and who should train it. Never claims the run: a waiting worker does not train another's run.
 */
export async function waitForFinishedRun(run: PlannedRun, options: WaitForRunOptions): Promise<RunRecord> {
  const directory = path.join(path.resolve(options.experimentDirectory), run.runId);
  let unclaimedSince = Date.now();
  let announced = '';
  const watcher = new ClaimWatcher(options.experimentDirectory, run.runId, {
    staleHeartbeats: options.staleHeartbeats,
  });
  for (;;) {
    const decision = await findReusableRun(directory, run.runConfig, { seed: run.seed });
    if (decision.reusable) return decision.record;
    if (decision.exists)
      throw new Error(`${decision.reason}; rerun without workers with --fresh to retrain it, or delete ${directory}`);
    const claim = await watcher.look();
    const what = `run ${run.runId} (seed ${run.seed} ${run.runConfig.method}, trained by ${options.owner})`;
    // A live claim: wait as long as it lasts. A stale one (its worker died) counts as unclaimed.
    if (claim?.holder && !claim.stale) {
      unclaimedSince = Date.now();
      const line = `waiting for ${what}: ${describeHolder(claim.holder)}`;
      if (line !== announced) options.log(line);
      announced = line;
    } else {
      const waited = Date.now() - unclaimedSince;
      if (waited >= options.unclaimedTimeoutMs) {
        throw new Error(
          `waited ${Math.round(waited / 1000)} s for ${what}, which no live worker has claimed nor finished: is that worker running? (a failed Slurm task: --resubmit) (raise the wait with --worker-wait <seconds>)`,
        );
      }
      const line = `waiting for ${what}: ${claim?.stale ? `its claim is stale (${claim.stale})` : 'not claimed yet'}`;
      if (line !== announced) options.log(line);
      announced = line;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}
