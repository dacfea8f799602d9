import type { MemberSpec } from './prepare';

/**
 * Splits members into groups for trainGroup of at most `groupSize` members (and at most
 * `memoryBytes / bytesPerMember` when a memory budget is given), keeping members that
 * share a seed together where they fit (they share batches and run their first layer as
 * one wide matMul). Returns member indices per group, in a stable order: seed groups in
 * order of first appearance, split only when larger than a group. `groupSize` 1 gives
 * one group per member (today's one-model-at-a-time training).
 */
export function planGroups(
  members: Pick<MemberSpec, 'seed'>[],
  options: { groupSize: number; bytesPerMember?: number; memoryBytes?: number },
): number[][] {
  const { groupSize } = options;
  if (!Number.isInteger(groupSize) || groupSize < 1)
    throw new Error(`planGroups: groupSize must be a positive integer, got ${groupSize}`);
  let limit = groupSize;
  if (options.memoryBytes !== undefined && options.bytesPerMember !== undefined) {
    if (!(options.bytesPerMember > 0))
      throw new Error(`planGroups: bytesPerMember must be > 0, got ${options.bytesPerMember}`);
    limit = Math.max(1, Math.min(limit, Math.floor(options.memoryBytes / options.bytesPerMember)));
  }
  const bySeed = new Map<number, number[]>();
  members.forEach((member, index) => {
    if (!bySeed.has(member.seed)) bySeed.set(member.seed, []);
    bySeed.get(member.seed)!.push(index);
  });
  const groups: number[][] = [];
  let current: number[] = [];
  for (const indices of bySeed.values()) {
    // A seed group that does not fit in what is left starts a new group (when it fits in one).
    if (current.length > 0 && current.length + indices.length > limit && indices.length <= limit) {
      groups.push(current);
      current = [];
    }
    for (const index of indices) {
      if (current.length === limit) {
        groups.push(current);
        current = [];
      }
      current.push(index);
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
