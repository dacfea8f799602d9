import type { GroupRole } from './workerMachine';

/**
 * One stacked group of runs as a worker trains it (one process, one group at a time).
 * Members that stop early leave the stack, so a group costs the sum of its members'
 * epochs times the seconds of one member-epoch.
 */
export interface CostGroup {
  role: GroupRole;
  /** The dependency chain: a student group starts once every teacher group of its chain planned before it has finished. */
  chain: string;
  runs: number;
  /** Sum over the group's runs of their expected epochs (fixed-length runs: their epochs; early-stopped: typical epochs). */
  runEpochs: number;
  /** Seconds of one run's epoch within the group (measured, or given). */
  secondsPerRunEpoch: number;
  /** Seconds a group costs besides its epochs (building the stack, targets, evaluation, writing the runs); default 0. */
  fixedSeconds?: number;
  /** Its own parallel fraction (a teacher's, by its network: see networkParallelFraction); absent: its role's. */
  parallelFraction?: number;
  /** The run id of its first run: static workers (`--shard i/n`) take a group when this hashes to their shard. */
  firstRunId?: string;
}

/** A group's seconds: runEpochs x secondsPerRunEpoch + fixedSeconds. */
export function groupSeconds(group: CostGroup): number {
  return group.runEpochs * group.secondsPerRunEpoch + (group.fixedSeconds ?? 0);
}
