import { axisTitle, baseLayout, type FigureOptions, type PlotlyFigure, type PlotlyTrace } from './figure';

/** One merge of a tree in SciPy's linkage convention (as `MergeStep` in src/hierarchy). */
export interface DendrogramMerge {
  left: number;
  right: number;
  distance: number;
  size: number;
}

/** The U-shaped link drawn for one merge: x and y of its four corners. */
export interface DendrogramLink {
  /** Merge index (the new cluster is leafCount + merge). */
  merge: number;
  x: [number, number, number, number];
  y: [number, number, number, number];
  /** The leaves under this merge. */
  leaves: number[];
}

/** Where leaves and links go. */
export interface DendrogramLayout {
  /** Leaf ids from left to right (x = position). */
  leafOrder: number[];
  links: DendrogramLink[];
}

/**
 * Lays out a merge tree as SciPy's `dendrogram` does: leaves left to right by a
 * depth-first walk from the root (left child first), leaf k at x = its position, each
 * merge a U from its children's (x, height) up to its own distance, its x the midpoint
 * of its children's. Throws on a tree that is not over `leafCount` leaves.
 */
export function dendrogramLayout(merges: DendrogramMerge[], leafCount: number): DendrogramLayout {
  if (!Number.isInteger(leafCount) || leafCount < 1)
    throw new Error(`dendrogramLayout: leafCount must be a positive integer, got ${leafCount}`);
  if (merges.length !== leafCount - 1)
    throw new Error(
      `dendrogramLayout: a tree over ${leafCount} leaves has ${leafCount - 1} merges, got ${merges.length}`,
    );
  const leafOrder: number[] = [];
  const visit = (node: number, depth: number): void => {
    if (depth > leafCount) throw new Error('dendrogramLayout: the merges do not form a tree (a cycle)');
    if (node < leafCount) {
      leafOrder.push(node);
      return;
    }
    const merge = merges[node - leafCount];
    if (!merge) throw new Error(`dendrogramLayout: cluster ${node} does not exist`);
    visit(merge.left, depth + 1);
    visit(merge.right, depth + 1);
  };
  if (leafCount === 1) return { leafOrder: [0], links: [] };
  visit(2 * leafCount - 2, 0);
  if (new Set(leafOrder).size !== leafCount)
    throw new Error('dendrogramLayout: the merges do not cover every leaf exactly once');
  const position = new Map<number, { x: number; height: number; leaves: number[] }>();
  leafOrder.forEach((leaf, index) => position.set(leaf, { x: index, height: 0, leaves: [leaf] }));
  const links = merges.map((merge, index) => {
    const left = position.get(merge.left);
    const right = position.get(merge.right);
    if (!left || !right)
      throw new Error(
        `dendrogramLayout: merge ${index} uses cluster ${left ? merge.right : merge.left} before it exists`,
      );
    const node = { x: (left.x + right.x) / 2, height: merge.distance, leaves: [...left.leaves, ...right.leaves] };
    position.set(leafCount + index, node);
    return {
      merge: index,
      x: [left.x, left.x, right.x, right.x],
      y: [left.height, merge.distance, merge.distance, right.height],
      leaves: node.leaves,
    } as DendrogramLink;
  });
  return { leafOrder, links };
}

/** Bottom margin (px) that fits leaf names slanted at 40 degrees: about 7 px per character at 12 px type. */
function slantedLabelMargin(labelNames: readonly string[]): number {
  const longest = Math.max(0, ...labelNames.map((name) => name.length));
  return Math.max(110, Math.round(longest * 7 * Math.sin((40 * Math.PI) / 180)) + 30);
}

/** Options of {@link dendrogramFigure}. */
export interface DendrogramOptions extends FigureOptions {
  /** Leaf names, index = leaf id (fine label names). */
  labelNames: string[];
  /** When given (fine id -> coarse id, with `groupNames`), links inside one group are coloured by it. */
  fineToCoarse?: number[];
  groupNames?: string[];
  /** Draws a dashed line where the tree is cut into this many groups. */
  cutGroups?: number;
  yTitle?: string;
  /** Title of the leaves' axis (default none). */
  xTitle?: string;
}

/**
 * A dendrogram of a merge tree (e.g. `DiscoveredHierarchy.merges` from src/hierarchy):
 * one line trace per coarse group (links whose leaves all lie in it) plus a grey trace
 * for links joining groups; leaves as x tick labels; optional dashed cut line.
 */
export function dendrogramFigure(merges: DendrogramMerge[], options: DendrogramOptions): PlotlyFigure {
  const { labelNames, fineToCoarse, groupNames } = options;
  const leafCount = labelNames.length;
  const layout = dendrogramLayout(merges, leafCount);
  if (fineToCoarse && fineToCoarse.length !== leafCount)
    throw new Error(`dendrogramFigure: fineToCoarse has ${fineToCoarse.length} entries for ${leafCount} labels`);
  const groupOf = (link: DendrogramLink): number | undefined => {
    if (!fineToCoarse) return undefined;
    const group = fineToCoarse[link.leaves[0]];
    return link.leaves.every((leaf) => fineToCoarse[leaf] === group) ? group : undefined;
  };
  const traces = new Map<string, { x: (number | null)[]; y: (number | null)[]; color?: string }>();
  for (const link of layout.links) {
    const group = groupOf(link);
    const name =
      group === undefined ? (fineToCoarse ? 'between groups' : 'links') : (groupNames?.[group] ?? `group ${group}`);
    if (!traces.has(name)) traces.set(name, { x: [], y: [], color: group === undefined ? '#888888' : undefined });
    const trace = traces.get(name)!;
    trace.x.push(...link.x, null);
    trace.y.push(...link.y, null);
  }
  const data: PlotlyTrace[] = [...traces.entries()].map(([name, trace]) => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: trace.x,
    y: trace.y,
    hoverinfo: 'y+name',
    ...(trace.color ? { line: { color: trace.color } } : {}),
  }));
  const shapes: Record<string, unknown>[] = [];
  const cut = options.cutGroups;
  if (cut !== undefined) {
    if (!Number.isInteger(cut) || cut < 2 || cut > leafCount)
      throw new Error(`dendrogramFigure: cutGroups must be an integer in 2..${leafCount}, got ${cut}`);
    const below = merges[leafCount - cut - 1]?.distance ?? 0;
    const above = merges[leafCount - cut].distance;
    const height = (below + above) / 2;
    shapes.push({
      type: 'line',
      xref: 'paper',
      x0: 0,
      x1: 1,
      y0: height,
      y1: height,
      line: { dash: 'dash', color: '#444444' },
    });
  }
  // Pad both axes so the outer leaves sit inside the plot and a merge at distance 0 (a flat
  // link on the leaves' baseline) stays visible above the bottom edge.
  const top = Math.max(...merges.map((merge) => merge.distance), 0) || 1;
  return {
    data,
    layout: baseLayout(options, {
      xaxis: {
        tickmode: 'array',
        tickvals: layout.leafOrder.map((_, index) => index),
        ticktext: layout.leafOrder.map((leaf) => labelNames[leaf]),
        tickangle: -40,
        // Leaf names slant down-left: grow the margins to fit the longest one instead of clipping it.
        range: [-0.6, leafCount - 0.4],
        automargin: true,
        ...(options.xTitle ? { title: { text: options.xTitle } } : {}),
      },
      yaxis: axisTitle(options.yTitle ?? 'merge distance', {
        range: [-0.06 * top, 1.06 * top],
        zeroline: false,
      }),
      shapes,
      margin: { l: 60, r: 20, t: options.title ? 50 : 20, b: slantedLabelMargin(labelNames) },
    }),
  };
}
