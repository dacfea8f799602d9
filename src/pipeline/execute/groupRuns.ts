import { planGroups } from '../../training/groupPlan';
import { fewLabelProtocolOf } from '../prepare/fewLabelProtocol';
import { configHash, type PlannedRun } from '../plan/planRuns';

/** What besides the training config decides a run's rows: a labelled-rows teacher's rule, and the seed of a per-seed subset. */
function rowsKeyOf(run: PlannedRun): Record<string, unknown> {
  const rule = run.role.kind === 'teacher' ? run.runConfig.labelledRows : fewLabelProtocolOf(run.runConfig.training);
  if (!rule) return {};
  return {
    rows: run.runConfig.labelledRows ?? null,
    ...(rule.labelledSubset === 'per-seed' ? { seed: run.seed } : {}),
  };
}

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
 * with the same training config, input size and training / validation rows (a per-seed
 * few-label subset keeps the seeds apart); at most `groupSize` runs and
 * `memoryBytes` each; members that share a seed stay together (their first layer runs as
 * one wide matMul).
 */
export function groupRuns(runs: PlannedRun[], limits: GroupLimits): PlannedRun[][] {
  const byKey = new Map<string, PlannedRun[]>();
  for (const run of runs) {
    const heads = run.role.kind === 'teacher' ? `teacher-${run.role.target}` : 'student';
    const key = configHash({
      heads,
      training: run.runConfig.training,
      inputDimension: run.runConfig.inputDimension,
      ...rowsKeyOf(run),
    });
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
