import { baseLayout, requireFinite, type FigureOptions, type PlotlyFigure } from './figure';

/** Options of {@link confusionMatrixHeatmap}. */
export interface ConfusionOptions extends FigureOptions {
  /** Divide each row by its total so a cell is the share of that true class (recall on the diagonal). */
  normalize?: boolean;
  /** Write the value into each cell (default: true up to 12 classes). */
  annotate?: boolean;
  /**
   * Outline the coarse groups of a label hierarchy: classes are reordered group by group
   * (coarse id, then fine id) and each group's diagonal block gets a rectangle, so errors
   * inside a group fall in the outlined blocks. `fineToCoarse[fine id]` = coarse id.
   */
  groups?: { fineToCoarse: readonly number[]; groupNames?: readonly string[] };
}

/** Group outlines of {@link confusionMatrixHeatmap}: the class order and one block per group. */
export interface GroupBlocks {
  /** Fine ids in display order (by coarse id, then fine id). */
  order: number[];
  /** Each group's first and last display position (inclusive), in coarse-id order of appearance. */
  blocks: { group: number; first: number; last: number }[];
}

/**
 * Orders the classes so that every coarse group is contiguous (coarse id, then fine id) and
 * returns each group's block of positions. Throws when `fineToCoarse` does not have one
 * non-negative integer per class.
 */
export function groupBlocks(fineToCoarse: readonly number[], classCount: number): GroupBlocks {
  if (fineToCoarse.length !== classCount) {
    throw new Error(
      `confusionMatrixHeatmap: groups.fineToCoarse has ${fineToCoarse.length} entries for ${classCount} classes`,
    );
  }
  fineToCoarse.forEach((coarse, fine) => {
    if (!Number.isInteger(coarse) || coarse < 0)
      throw new Error(
        `confusionMatrixHeatmap: groups.fineToCoarse[${fine}] = ${coarse} is not a coarse id (a non-negative integer)`,
      );
  });
  const order = Array.from({ length: classCount }, (_, fine) => fine).sort(
    (a, b) => fineToCoarse[a] - fineToCoarse[b] || a - b,
  );
  const blocks: GroupBlocks['blocks'] = [];
  order.forEach((fine, position) => {
    const last = blocks[blocks.length - 1];
    if (last && last.group === fineToCoarse[fine]) last.last = position;
    else blocks.push({ group: fineToCoarse[fine], first: position, last: position });
  });
  return { order, blocks };
}

/**
 * Row-normalises a square count matrix: each row divided by its sum (an all-zero
 * row stays zero).
 */
export function normalizeRows(matrix: number[][]): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((sum, value) => sum + value, 0);
    return row.map((value) => (total === 0 ? 0 : value / total));
  });
}

/**
 * Heatmap of a confusion matrix: `matrix[trueClass][predictedClass]`, rows from top
 * (first class) to bottom, predicted classes along x. With `groups`, classes are
 * reordered by coarse group and each group's block is outlined (see {@link groupBlocks}).
 */
export function confusionMatrixHeatmap(
  matrix: number[][],
  labelNames: readonly string[],
  options: ConfusionOptions = {},
): PlotlyFigure {
  const size = labelNames.length;
  if (matrix.length !== size || matrix.some((row) => row.length !== size)) {
    throw new Error(
      `confusionMatrixHeatmap: expected a ${size} x ${size} matrix (one row and column per label), ` +
        `got ${matrix.length} rows of lengths ${[...new Set(matrix.map((row) => row.length))].join(', ')}`,
    );
  }
  matrix.forEach((row, index) => requireFinite(row, `confusionMatrixHeatmap: row ${index}`));
  const grouping = options.groups ? groupBlocks(options.groups.fineToCoarse, size) : undefined;
  const order = grouping?.order ?? labelNames.map((_, index) => index);
  const ordered = order.map((row) => order.map((column) => matrix[row][column]));
  const values = options.normalize ? normalizeRows(ordered) : ordered;
  const annotate = options.annotate ?? size <= 12;
  const names = order.map((index) => labelNames[index]);
  // Category axes place category k at k, so a block of positions first..last spans first-0.5..last+0.5.
  const shapes = (grouping?.blocks ?? []).map((block) => ({
    type: 'rect',
    xref: 'x',
    yref: 'y',
    x0: block.first - 0.5,
    x1: block.last + 0.5,
    y0: block.first - 0.5,
    y1: block.last + 0.5,
    line: { color: '#d62728', width: 2 },
    fillcolor: 'rgba(0,0,0,0)',
  }));
  const groupNames = options.groups?.groupNames;
  const annotations = groupNames
    ? (grouping?.blocks ?? []).map((block) => ({
        xref: 'x',
        yref: 'y',
        x: block.last + 0.45,
        y: block.first - 0.45,
        xanchor: 'right',
        yanchor: 'top',
        text: groupNames[block.group] ?? `group ${block.group}`,
        showarrow: false,
        font: { size: 9, color: '#d62728' },
      }))
    : [];
  return {
    data: [
      {
        type: 'heatmap',
        x: names,
        y: names,
        z: values,
        colorscale: 'Blues',
        reversescale: true,
        zmin: 0,
        ...(options.normalize ? { zmax: 1 } : {}),
        hovertemplate: 'true %{y}<br>predicted %{x}<br>%{z}<extra></extra>',
        ...(annotate ? { texttemplate: options.normalize ? '%{z:.2f}' : '%{z}', textfont: { size: 10 } } : {}),
      },
    ],
    layout: baseLayout(
      { height: Math.max(420, 28 * size + 160), ...options },
      {
        xaxis: { title: { text: 'predicted' }, automargin: true, tickangle: -45 },
        yaxis: { title: { text: 'true' }, automargin: true, autorange: 'reversed' },
        ...(shapes.length > 0 ? { shapes } : {}),
        ...(annotations.length > 0 ? { annotations } : {}),
      },
    ),
  };
}
