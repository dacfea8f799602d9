import { planGroups } from '../../training/groupPlan';
import { configHash, type PlannedRun } from '../plan/planRuns';

/** Limits of one stacked group. */
export interface GroupLimits {
  /** Most runs in one group. */
  groupSize: number;
  /** Memory budget of one group (bytes); with `bytesPerRun`, bounds the group size. */
  memoryBytes?: number;
  /** Estimated bytes of one run of a group (see estimateMemberBytes in src/training). */
  bytesPerRun?: (run: PlannedRun) => number;
}

/**
 * Splits runs into groups that can train as one stacked model: teachers of one target,
 * or students (any mix of methods: a one-head member ignores the distillation head),
 * with the same training config and input size; at most `groupSize` runs and
 * `memoryBytes` each; members that share a seed stay together (their first layer runs as
 * one wide matMul).
 */
export function groupRuns(runs: PlannedRun[], limits: GroupLimits): PlannedRun[][] {
  const byKey = new Map<string, PlannedRun[]>();
  for (const run of runs) {
    const heads = run.role.kind === 'teacher' ? `teacher-${run.role.target}` : 'student';
    const key = configHash({ heads, training: run.runConfig.training, inputDimension: run.runConfig.inputDimension });
    const list = byKey.get(key) ?? [];
    list.push(run);
    byKey.set(key, list);
  }
  const groups: PlannedRun[][] = [];
  for (const list of byKey.values()) {
    // Only dense ReLU stacks train stacked; other models (conv) train one at a time.
    const stackable = list[0].runConfig.training.model.kind === 'dense';
    const bytesPerMember = stackable && limits.bytesPerRun ? Math.max(...list.map(limits.bytesPerRun)) : undefined;
    for (const indices of planGroups(list, {
      groupSize: stackable ? limits.groupSize : 1,
      bytesPerMember,
      memoryBytes: limits.memoryBytes,
    })) {
      groups.push(indices.map((index) => list[index]));
    }
  }
  return groups;
}
