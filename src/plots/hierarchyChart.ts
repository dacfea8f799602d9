import { baseLayout, type FigureOptions, type PlotlyFigure } from './figure';

/** A two-level hierarchy in plain form: coarse groups and their fine labels. */
export interface HierarchyGroups {
  /** Name of the root node, e.g. the data set. */
  rootName: string;
  groups: Array<{ name: string; children: Array<{ name: string; value?: number }> }>;
}

/** Options of {@link hierarchyFigure}. */
export interface HierarchyChartOptions extends FigureOptions {
  kind?: 'sunburst' | 'treemap';
}

/**
 * Converts a label hierarchy (`coarseLabelNames`, `fineLabelNames`, `fineToCoarse`,
 * as src/hierarchy's LabelHierarchy) into {@link HierarchyGroups}; `fineCounts`
 * (examples per fine label) sizes the leaves, otherwise each leaf counts 1.
 */
export function hierarchyGroups(
  hierarchy: { name: string; fineLabelNames: string[]; coarseLabelNames: string[]; fineToCoarse: number[] },
  fineCounts?: ArrayLike<number>,
): HierarchyGroups {
  if (fineCounts && fineCounts.length !== hierarchy.fineLabelNames.length) {
    throw new Error(
      `hierarchyGroups: ${fineCounts.length} counts for ${hierarchy.fineLabelNames.length} fine labels of "${hierarchy.name}"`,
    );
  }
  const groups = hierarchy.coarseLabelNames.map((name) => ({
    name,
    children: [] as Array<{ name: string; value?: number }>,
  }));
  hierarchy.fineToCoarse.forEach((coarseId, fineId) => {
    const group = groups[coarseId];
    if (!group) throw new Error(`hierarchyGroups: fine label ${fineId} maps to unknown coarse id ${coarseId}`);
    group.children.push({ name: hierarchy.fineLabelNames[fineId], value: fineCounts ? fineCounts[fineId] : 1 });
  });
  return { rootName: hierarchy.name, groups };
}

/**
 * Sunburst (default) or treemap of a two-level hierarchy. Node ids are paths
 * (`root/group/leaf`) so equal names in different groups stay apart; group values
 * are the sums of their leaves (`branchvalues: 'total'`).
 */
export function hierarchyFigure(hierarchy: HierarchyGroups, options: HierarchyChartOptions = {}): PlotlyFigure {
  if (hierarchy.groups.length === 0) throw new Error(`hierarchyFigure: "${hierarchy.rootName}" has no groups`);
  const ids: string[] = [hierarchy.rootName];
  const labels: string[] = [hierarchy.rootName];
  const parents: string[] = [''];
  const values: number[] = [0];
  for (const group of hierarchy.groups) {
    const groupId = `${hierarchy.rootName}/${group.name}`;
    const groupIndex = ids.length;
    ids.push(groupId);
    labels.push(group.name);
    parents.push(hierarchy.rootName);
    values.push(0);
    for (const child of group.children) {
      const value = child.value ?? 1;
      if (!(value >= 0)) throw new Error(`hierarchyFigure: leaf "${child.name}" has value ${value}, expected >= 0`);
      ids.push(`${groupId}/${child.name}`);
      labels.push(child.name);
      parents.push(groupId);
      values.push(value);
      values[groupIndex] += value;
    }
    values[0] += values[groupIndex];
  }
  return {
    data: [
      {
        type: options.kind ?? 'sunburst',
        ids,
        labels,
        parents,
        values,
        branchvalues: 'total',
        hovertemplate: '%{label}<br>%{value}<extra></extra>',
      },
    ],
    layout: baseLayout({ height: 560, ...options }, { margin: { l: 10, r: 10, t: options.title ? 50 : 10, b: 10 } }),
  };
}
