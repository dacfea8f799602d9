import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import {
  claimFile,
  defaultHeartbeatMs,
  defaultStaleHeartbeats,
  describeHolder,
  hostName,
  inspect,
  isErrorCode,
  liveTokens,
  parseHolder,
  staleness,
  type ClaimHolder,
} from './claimState';

/** The claims this process holds now (for {@link releaseHeldClaimsSync} on an interrupt). */
const heldClaims = new Set<RunClaim>();

export {
  ClaimWatcher,
  claimFile,
  claimSuffix,
  defaultHeartbeatMs,
  defaultStaleHeartbeats,
  describeHolder,
  hostName,
  processIsAlive,
  readClaim,
  type ClaimHolder,
} from './claimState';

/** Options of {@link claimRun}. */
export interface ClaimOptions {
  /** Wait until the holder releases the claim (default), or give up at once (`false`). */
  wait?: boolean;
  /**
   * A claim whose file this waiter saw unchanged (same contents, same modification time) for
   * this long is stale and taken over. Default: `staleHeartbeats` times the HOLDER's heartbeat
   * (recorded in its claim file). The time is measured on this process's clock from when it
   * first saw the file in that state, so clock differences between hosts do not matter (and a
   * claim is never judged stale at first sight, only after watching it). A claim by a process
   * that no longer exists on this host is stale at once.
   */
  staleAfterMs?: number;
  /** How often the holder refreshes its claim (default 30 s, or staleAfterMs / 4 when that is given). */
  heartbeatMs?: number;
  /** A claim is stale after this many of its holder's heartbeats without a refresh (default 10). */
  staleHeartbeats?: number;
  /** How often a waiting process looks again (default 1000 ms). */
  pollMs?: number;
  /** Give up waiting after this long (default: wait for ever); gives `{ claimed: false }`. */
  timeoutMs?: number;
  /** Where the waiting / skipping / take-over messages go (default: console.error). */
  log?: (message: string) => void;
  /**
   * Treat a live claim of THIS process as superseded and take it over (default false). For
   * startRun without a claim: a writer this process left unfinished (an exception before
   * finish/abandon) is cut off (its next write throws) instead of blocking the retry.
   */
  supersedeOwnProcess?: boolean;
}

/** What {@link claimRun} gives. */
export type ClaimResult =
  | { claimed: true; claim: RunClaim }
  | { claimed: false; holder?: ClaimHolder; message: string };

/** Checks claim timing options, naming the one that is wrong. */
export function validateClaimTiming(
  options: Pick<ClaimOptions, 'heartbeatMs' | 'staleHeartbeats' | 'staleAfterMs' | 'pollMs' | 'timeoutMs'>,
): void {
  const positive = (name: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      throw new Error(`claim option ${name}: expected a positive number, got ${value}`);
  };
  positive('heartbeatMs', options.heartbeatMs);
  positive('staleAfterMs', options.staleAfterMs);
  positive('pollMs', options.pollMs);
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs >= 0))
    throw new Error(`claim option timeoutMs: expected a number >= 0, got ${options.timeoutMs}`);
  if (
    options.staleHeartbeats !== undefined &&
    !(Number.isInteger(options.staleHeartbeats) && options.staleHeartbeats >= 2)
  ) {
    throw new Error(
      `claim option staleHeartbeats: expected a whole number >= 2 (a claim must be able to miss one heartbeat), got ${options.staleHeartbeats}`,
    );
  }
  if (
    options.staleAfterMs !== undefined &&
    options.heartbeatMs !== undefined &&
    options.staleAfterMs < 2 * options.heartbeatMs
  ) {
    throw new Error(
      `claim options: staleAfterMs ${options.staleAfterMs} must be at least two heartbeats (heartbeatMs ${options.heartbeatMs})`,
    );
  }
}

/** Creates the claim file with its full contents in one step (hard link of a temporary file; O_EXCL where links are unsupported). */
async function tryCreate(file: string, holder: ClaimHolder): Promise<boolean> {
  const text = `${JSON.stringify(holder)}\n`;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${holder.token}.tmp`);
  await fs.writeFile(temporary, text);
  try {
    await fs.link(temporary, file);
    return true;
  } catch (error) {
    if (isErrorCode(error, 'EEXIST')) return false;
    if (!isErrorCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV')) throw error;
    try {
      const handle = await fs.open(file, 'wx');
      try {
        await handle.writeFile(text);
      } finally {
        await handle.close();
      }
      return true;
    } catch (inner) {
      if (isErrorCode(inner, 'EEXIST')) return false;
      throw inner;
    }
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

/**
 * Moves a stale claim aside (an atomic rename) and deletes it. If what was moved is not the
 * claim judged stale (another process took over in between), it is put back.
 */
async function removeStale(file: string, judgedText: string, token: string): Promise<boolean> {
  const aside = path.join(path.dirname(file), `.${path.basename(file)}.stale-${token}`);
  try {
    await fs.rename(file, aside);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return false;
    throw error;
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => '');
  if (moved !== judgedText) {
    await fs.link(aside, file).catch(() => undefined);
    await fs.rm(aside, { force: true });
    return false;
  }
  await fs.rm(aside, { force: true });
  return true;
}

/**
 * A held claim on one run id. Its file is refreshed every `heartbeatMs` while held (so
 * other hosts see it is live); {@link release} deletes it. Only one process at a time holds
 * the claim on a run id in one runs folder.
 */
export class RunClaim {
  private timer: NodeJS.Timeout | undefined;
  private lostTo: string | undefined;
  private released = false;

  constructor(
    readonly file: string,
    readonly holder: ClaimHolder,
    heartbeatMs: number,
    private readonly log: (message: string) => void,
  ) {
    this.timer = setInterval(() => void this.refresh(), heartbeatMs);
    this.timer.unref();
    heldClaims.add(this);
  }

  get runId(): string {
    return this.holder.runId;
  }

  /** True while held (not released and not taken over). */
  get held(): boolean {
    return !this.released && this.lostTo === undefined;
  }

  private async refresh(): Promise<void> {
    if (!this.held) return;
    try {
      await this.check();
      const now = new Date();
      await fs.utimes(this.file, now, now);
    } catch (error) {
      this.log(`warning: ${(error as Error).message}`);
    }
  }

  /** Throws unless this process still holds the claim (its file exists and carries this claim's token). */
  async check(): Promise<void> {
    if (this.released) throw new Error(`the claim on run ${this.runId} (${this.file}) was already released`);
    if (this.lostTo === undefined) {
      const found = await inspect(this.file);
      if (!found) this.lostTo = 'nobody: the claim file was deleted';
      else if (found.holder?.token !== this.holder.token)
        this.lostTo = found.holder ? `pid ${found.holder.pid} on host ${found.holder.hostname}` : 'an unreadable claim';
    }
    if (this.lostTo !== undefined) {
      this.stop();
      throw new Error(
        `lost the claim on run ${this.runId} (${this.file}) to ${this.lostTo}; another process judged it stale ` +
          '(raise staleAfterMs if training blocks longer than that); this attempt stops so that two writers never share the run folder',
      );
    }
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    liveTokens.delete(this.holder.token);
    heldClaims.delete(this);
  }

  /** {@link release} in one synchronous step, for a signal handler that exits right after. */
  releaseSync(): void {
    if (this.released) return;
    this.stop();
    this.released = true;
    try {
      if (parseHolder(readFileSync(this.file, 'utf8'))?.token === this.holder.token) rmSync(this.file, { force: true });
    } catch {
      // Already gone: nothing to release.
    }
  }

  /** Deletes the claim file (when it is still this claim's). Safe to call twice. */
  async release(): Promise<void> {
    if (this.released) return;
    this.stop();
    this.released = true;
    const found = await inspect(this.file).catch(() => undefined);
    if (found?.holder?.token === this.holder.token) await fs.rm(this.file, { force: true });
  }
}

/**
 * Claims run `runId` in `experimentDirectory` for this process, atomically: creates
 * `<runId>.claim` holding pid, hostname, start time and a token; creation fails when the
 * file exists, so exactly one of several racing processes gets it.
 * When another process holds it: with `wait` (default) logs "run X is being trained by
 * pid N on host H since T; waiting…" and polls until it is released (then claims it: the
 * caller then finds the finished record and reuses it); without `wait` logs "…; skipping"
 * and returns `{ claimed: false }`. A stale claim (its process gone from this host, or not
 * refreshed for `staleAfterMs`) is taken over, with a message.
 * Always release the claim (`claim.release()` in a `finally`).
 */
/**
 * Releases every claim this process holds, synchronously (deleting each claim file that is
 * still its own), and returns their run ids: what an interrupted process gives back so that
 * the next run does not wait on it.
 */
export function releaseHeldClaimsSync(): string[] {
  const released: string[] = [];
  for (const claim of [...heldClaims]) {
    if (!claim.held) continue;
    claim.releaseSync();
    released.push(claim.runId);
  }
  return released;
}

export async function claimRun(
  experimentDirectory: string,
  runId: string,
  options: ClaimOptions = {},
): Promise<ClaimResult> {
  validateClaimTiming(options);
  const wait = options.wait ?? true;
  const staleHeartbeats = options.staleHeartbeats ?? defaultStaleHeartbeats;
  const heartbeatMs =
    options.heartbeatMs ??
    (options.staleAfterMs !== undefined ? Math.max(10, Math.floor(options.staleAfterMs / 4)) : defaultHeartbeatMs);
  const staleAfterOf = (holder: ClaimHolder | undefined) =>
    options.staleAfterMs ?? staleHeartbeats * (holder?.heartbeatMs ?? heartbeatMs);
  const pollMs = options.pollMs ?? 1000;
  const log = options.log ?? ((message: string) => console.error(message));
  const file = claimFile(experimentDirectory, runId);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  let announced: string | undefined;
  // The claim file as this process last saw it, and since when (this process's clock).
  let observed: { text: string; mtimeMs: number; since: number } | undefined;
  for (;;) {
    const holder: ClaimHolder = {
      runId,
      pid: process.pid,
      hostname: hostName(),
      startedAt: new Date().toISOString(),
      token: randomBytes(8).toString('hex'),
      heartbeatMs,
    };
    liveTokens.add(holder.token);
    let created = false;
    try {
      created = await tryCreate(file, holder);
    } finally {
      if (!created) liveTokens.delete(holder.token);
    }
    if (created) return { claimed: true, claim: new RunClaim(file, holder, heartbeatMs, log) };
    const found = await inspect(file);
    if (!found) continue; // released between the two steps: try again
    if (!observed || observed.text !== found.text || observed.mtimeMs !== found.mtimeMs)
      observed = { text: found.text, mtimeMs: found.mtimeMs, since: Date.now() };
    const stale = staleness(
      found,
      Date.now() - observed.since,
      staleAfterOf(found.holder),
      options.supersedeOwnProcess === true,
    );
    if (stale) {
      const who = found.holder ? describeHolder(found.holder) : `run ${runId} has a claim file`;
      if (await removeStale(file, found.text, holder.token))
        log(`${who}, but ${stale}: taking the stale claim ${file} over`);
      continue;
    }
    const description = found.holder ? describeHolder(found.holder) : `run ${runId} is being claimed`;
    if (!wait || Date.now() >= deadline) {
      const message = `${description}; skipping${wait ? ` (waited ${options.timeoutMs} ms)` : ''} (claim file ${file})`;
      log(message);
      return { claimed: false, holder: found.holder, message };
    }
    if (announced !== found.text) {
      log(`${description}; waiting… (claim file ${file})`);
      announced = found.text;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(pollMs, deadline - Date.now()))));
  }
}
