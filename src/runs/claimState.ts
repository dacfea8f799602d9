import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What a claim file holds and how it is judged: shared by claimers (runClaim.ts) and watchers. */

/** Suffix of a run's claim file, `<runs>/<id>.claim`, next to its run folder. */
export const claimSuffix = '.claim';

/** Who holds a claim (the JSON contents of the claim file). */
export interface ClaimHolder {
  runId: string;
  pid: number;
  hostname: string;
  /** ISO time the claim was taken. */
  startedAt: string;
  /** Random, unique per claim: tells a claim from a later one by the same process. */
  token: string;
  /** How often the holder refreshes its claim file (ms); a waiter judges it stale after `staleHeartbeats` of these. */
  heartbeatMs?: number;
}

/** Default heartbeat of a claim, and how many missed heartbeats make it stale. */
export const defaultHeartbeatMs = 30_000;
export const defaultStaleHeartbeats = 10;

/**
 * This host's name as recorded in claims: `HKD_HOSTNAME` when set (tests give two worker
 * processes on one machine different host names), else os.hostname().
 */
export function hostName(): string {
  return process.env.HKD_HOSTNAME || os.hostname();
}

/** Tokens of this process's claims that are held or being created (to tell a live claim from a leftover). */
export const liveTokens = new Set<string>();

/** The claim file of a run: `<experimentDirectory>/<runId>.claim`. */
export function claimFile(experimentDirectory: string, runId: string): string {
  return path.join(path.resolve(experimentDirectory), runId + claimSuffix);
}

/** "run X is being trained by pid N on host H since T". */
export function describeHolder(holder: ClaimHolder): string {
  return `run ${holder.runId} is being trained by pid ${holder.pid} on host ${holder.hostname} since ${holder.startedAt}`;
}

export function isErrorCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException)?.code ?? '');
}

export function parseHolder(text: string): ClaimHolder | undefined {
  try {
    const value = JSON.parse(text) as ClaimHolder;
    if (value && typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.token === 'string')
      return value;
  } catch {
    // fall through
  }
  return undefined;
}

/** True when a process with this pid exists on this machine. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrorCode(error, 'EPERM');
  }
}

/** Reads a claim file: its holder (undefined when unparsable), raw text and age; undefined when absent. */
export async function inspect(
  file: string,
): Promise<{ holder?: ClaimHolder; text: string; ageMs: number; mtimeMs: number } | undefined> {
  try {
    const [text, stats] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    return { holder: parseHolder(text), text, ageMs: Date.now() - stats.mtimeMs, mtimeMs: stats.mtimeMs };
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/**
 * Why a claim is stale, or undefined when it is live. `unchangedMs`: how long this process has
 * seen the file unchanged (its own clock); `staleAfterMs`: the limit for this holder.
 */
export function staleness(
  found: { holder?: ClaimHolder },
  unchangedMs: number,
  staleAfterMs: number,
  supersedeOwnProcess: boolean,
): string | undefined {
  const { holder } = found;
  if (!holder) return unchangedMs > 5000 ? 'its claim file is unreadable' : undefined; // a fallback writer may be mid-write
  if (holder.hostname === hostName()) {
    if (!processIsAlive(holder.pid)) return `pid ${holder.pid} is no longer running`;
    if (holder.pid === process.pid) {
      if (!liveTokens.has(holder.token)) return 'it is a leftover of this process that was never released';
      return supersedeOwnProcess
        ? 'it is an unfinished earlier attempt of this same process, which is now superseded'
        : undefined;
    }
  }
  if (unchangedMs > staleAfterMs) {
    const beats = holder.heartbeatMs
      ? `, ${Math.round(staleAfterMs / holder.heartbeatMs)} of its ${holder.heartbeatMs} ms heartbeats`
      : '';
    return `its claim was not refreshed for ${Math.round(unchangedMs / 1000)} s as seen from here (more than ${Math.round(staleAfterMs / 1000)} s${beats})`;
  }
  return undefined;
}

/**
 * Watches a run's claim without taking it (a worker waiting for another's run): each
 * {@link look} gives the holder, and why its claim is stale (its process is gone from this
 * host, or this watcher saw its file unchanged for k of its heartbeats on its own clock).
 */
export class ClaimWatcher {
  private observed: { text: string; mtimeMs: number; since: number } | undefined;

  constructor(
    private readonly experimentDirectory: string,
    private readonly runId: string,
    private readonly options: { staleAfterMs?: number; staleHeartbeats?: number } = {},
  ) {}

  async look(): Promise<{ holder?: ClaimHolder; stale?: string } | undefined> {
    const found = await inspect(claimFile(this.experimentDirectory, this.runId));
    if (!found) {
      this.observed = undefined;
      return undefined;
    }
    if (!this.observed || this.observed.text !== found.text || this.observed.mtimeMs !== found.mtimeMs)
      this.observed = { text: found.text, mtimeMs: found.mtimeMs, since: Date.now() };
    const staleAfterMs =
      this.options.staleAfterMs ??
      (this.options.staleHeartbeats ?? defaultStaleHeartbeats) * (found.holder?.heartbeatMs ?? defaultHeartbeatMs);
    return { holder: found.holder, stale: staleness(found, Date.now() - this.observed.since, staleAfterMs, false) };
  }
}

/** The holder of a run's claim, or undefined when nobody claims it. */
export async function readClaim(experimentDirectory: string, runId: string): Promise<ClaimHolder | undefined> {
  return (await inspect(claimFile(experimentDirectory, runId)))?.holder;
}
