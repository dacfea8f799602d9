import { releaseHeldClaimsSync } from './runClaim';

/** Ids of the runs this process finished (recorded by RunWriter.finish). */
const finishedRuns: string[] = [];

/** Called when a run record is finished. */
export function noteFinishedRun(runId: string): void {
  finishedRuns.push(runId);
}

/** Exit status of a process ended by a signal: 128 + its number (SIGINT 130, SIGTERM 143). */
export const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

/** What an interrupted command says: the runs it kept and the claims it released. */
export function describeInterruption(
  command: string,
  signal: string,
  finished: readonly string[],
  released: readonly string[],
): string {
  const list = (ids: readonly string[]) =>
    ids.length <= 6 ? ids.join(', ') : `${ids.slice(0, 6).join(', ')} and ${ids.length - 6} more`;
  const kept =
    finished.length === 0
      ? 'no run finished before the interruption'
      : `kept ${finished.length} finished run${finished.length === 1 ? '' : 's'} (reused next time)`;
  const given =
    released.length === 0
      ? 'no run claims were held'
      : `released the claim${released.length === 1 ? '' : 's'} of ${released.length} unfinished run${released.length === 1 ? '' : 's'} (${list(released)}), trained from the start next time`;
  return `${command} interrupted (${signal}): ${kept}; ${given}`;
}

/**
 * On Ctrl-C (SIGINT) or SIGTERM: releases the run claims this process holds (so that the
 * next run does not wait for them), says what was kept and released, and exits with 130
 * (SIGINT) or 143 (SIGTERM). A second signal ends the process at once. The handler runs
 * when training yields to the event loop (at least once per epoch).
 */
export function installInterruptHandler(
  command: string,
  log: (line: string) => void = (line) => console.error(line),
): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      const released = releaseHeldClaimsSync();
      log(`\n${describeInterruption(command, signal, finishedRuns, released)}`);
      process.exit(signalExitCodes[signal]);
    });
  }
}
