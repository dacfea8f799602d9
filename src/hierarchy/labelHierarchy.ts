/**
 * A two-level label hierarchy: every fine label (the student's task) belongs to
 * exactly one coarse label (the "higher concept" the heterogeneous teacher learns,
 * Yu & Kim 2022).
 */
export interface LabelHierarchy {
  /** Short identifier, e.g. `newsgroups-paper`. */
  name: string;
  /** One line for people: where the grouping comes from. */
  description?: string;
  /** Fine label names, index = fine id. */
  fineLabelNames: string[];
  /** Coarse label names, index = coarse id (in the order the groups were given). */
  coarseLabelNames: string[];
  /** index = fine id, value = coarse id. */
  fineToCoarse: number[];
}

/** What {@link createHierarchy} takes. */
export interface HierarchyDefinition {
  name: string;
  description?: string;
  /** The fine label names, index = fine id. */
  fineLabelNames: string[];
  /** Coarse name -> its fine labels, each by name or by fine id. Group order gives coarse ids. */
  groups: Record<string, Array<string | number>>;
}

/**
 * Builds and validates a {@link LabelHierarchy}. Every fine label must be mapped
 * exactly once; an unknown label (a name not in `fineLabelNames` or an id out of
 * range), a label mapped twice, a label left out, or an empty group throws an Error
 * naming the label(s) and the hierarchy.
 */
export function createHierarchy(definition: HierarchyDefinition): LabelHierarchy {
  const { name, fineLabelNames, groups, description } = definition;
  const where = `label hierarchy "${name}"`;
  if (!name || typeof name !== 'string') throw new Error('label hierarchy: name must be a non-empty string');
  if (!Array.isArray(fineLabelNames) || fineLabelNames.length === 0) {
    throw new Error(`${where}: fineLabelNames must be a non-empty array of strings`);
  }
  const idByName = new Map<string, number>();
  fineLabelNames.forEach((fineName, fineId) => {
    if (typeof fineName !== 'string' || fineName === '') throw new Error(`${where}: fine label ${fineId} has no name`);
    if (idByName.has(fineName))
      throw new Error(`${where}: fine label name "${fineName}" appears twice in fineLabelNames`);
    idByName.set(fineName, fineId);
  });
  if (groups === null || typeof groups !== 'object' || Array.isArray(groups)) {
    throw new Error(`${where}: groups must be an object mapping coarse names to lists of fine labels`);
  }
  const coarseLabelNames = Object.keys(groups);
  if (coarseLabelNames.length === 0) throw new Error(`${where}: has no groups`);

  const fineToCoarse: number[] = new Array(fineLabelNames.length).fill(-1);
  const problems: string[] = [];
  coarseLabelNames.forEach((coarseName, coarseId) => {
    const members = groups[coarseName];
    if (!Array.isArray(members)) {
      problems.push(`group "${coarseName}" must be a list of fine labels`);
      return;
    }
    if (members.length === 0) problems.push(`group "${coarseName}" is empty`);
    for (const member of members) {
      const fineId = resolveFineLabel(member, idByName, fineLabelNames.length);
      if (fineId === undefined) {
        problems.push(`group "${coarseName}" names unknown fine label ${JSON.stringify(member)}`);
        continue;
      }
      const previous = fineToCoarse[fineId];
      if (previous !== -1) {
        problems.push(
          `fine label "${fineLabelNames[fineId]}" (id ${fineId}) is mapped twice: to "${coarseLabelNames[previous]}" and to "${coarseName}"`,
        );
        continue;
      }
      fineToCoarse[fineId] = coarseId;
    }
  });
  const unmapped = fineToCoarse.flatMap((coarseId, fineId) =>
    coarseId === -1 ? [`"${fineLabelNames[fineId]}" (id ${fineId})`] : [],
  );
  if (unmapped.length > 0) problems.push(`fine label(s) not in any group: ${unmapped.join(', ')}`);
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);

  const hierarchy: LabelHierarchy = { name, fineLabelNames: [...fineLabelNames], coarseLabelNames, fineToCoarse };
  if (description !== undefined) hierarchy.description = description;
  return hierarchy;
}

function resolveFineLabel(member: unknown, idByName: Map<string, number>, fineCount: number): number | undefined {
  if (typeof member === 'number')
    return Number.isInteger(member) && member >= 0 && member < fineCount ? member : undefined;
  if (typeof member === 'string') return idByName.get(member);
  return undefined;
}

/** Maps fine label ids to coarse label ids; throws on an id the hierarchy does not know. */
export function toCoarseLabels(fineLabels: ArrayLike<number>, hierarchy: LabelHierarchy): number[] {
  const coarse = new Array<number>(fineLabels.length);
  for (let index = 0; index < fineLabels.length; index++) {
    const fineId = fineLabels[index];
    const coarseId = Number.isInteger(fineId) ? hierarchy.fineToCoarse[fineId] : undefined;
    if (coarseId === undefined) {
      throw new Error(
        `label hierarchy "${hierarchy.name}": fine label ${fineId} at position ${index} is outside 0..${hierarchy.fineToCoarse.length - 1}`,
      );
    }
    coarse[index] = coarseId;
  }
  return coarse;
}

/** The fine ids in each coarse group, index = coarse id. */
export function fineLabelsByCoarse(hierarchy: LabelHierarchy): number[][] {
  const members: number[][] = hierarchy.coarseLabelNames.map(() => []);
  hierarchy.fineToCoarse.forEach((coarseId, fineId) => members[coarseId].push(fineId));
  return members;
}

/** One row of {@link describeHierarchy}. */
export interface HierarchyRow {
  coarseId: number;
  coarseName: string;
  fineCount: number;
  fineIds: number[];
  fineNames: string[];
}

/** One row per coarse label (id, name, its fine ids and names), ready for a table. */
export function describeHierarchy(hierarchy: LabelHierarchy): HierarchyRow[] {
  return fineLabelsByCoarse(hierarchy).map((fineIds, coarseId) => ({
    coarseId,
    coarseName: hierarchy.coarseLabelNames[coarseId],
    fineCount: fineIds.length,
    fineIds,
    fineNames: fineIds.map((fineId) => hierarchy.fineLabelNames[fineId]),
  }));
}
