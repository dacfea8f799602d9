/**
 * A confusion matrix read by coarse group: classes ordered group by group, each group's
 * diagonal block outlined, and the group names written OUTSIDE the matrix (beside the rows,
 * with a bracket over each group's rows), so no label covers a cell value.
 */
import type { PlotlyFigure } from './figure';
import { type ConfusionOptions, confusionMatrixHeatmap, groupBlocks } from './heatmap';

/** Options of {@link outlinedConfusionFigure}. */
export interface OutlinedConfusionOptions extends Omit<ConfusionOptions, 'groups'> {
  /** Fine id -> coarse id (one entry per class). */
  fineToCoarse: readonly number[];
  /** Coarse id -> name, written beside the rows of each group. */
  groupNames: readonly string[];
}

const outlineColour = '#111111';

/**
 * Heatmap of `matrix[trueClass][predictedClass]` with classes ordered by coarse group (coarse
 * id, then fine id), every group's block outlined, each group's name to the right of its rows
 * (the colour scale is left out: every cell prints its value). An error inside an outlined
 * block stayed within the true class's group.
 */
export function outlinedConfusionFigure(
  matrix: number[][],
  labelNames: readonly string[],
  options: OutlinedConfusionOptions,
): PlotlyFigure {
  const { fineToCoarse, groupNames, ...heatmapOptions } = options;
  const figure = confusionMatrixHeatmap(matrix, labelNames, { ...heatmapOptions, groups: { fineToCoarse } });
  const { blocks } = groupBlocks(fineToCoarse, labelNames.length);
  const nameOf = (group: number) => groupNames[group] ?? `group ${group}`;
  // The heatmap's group rectangles, drawn darker and thicker so they read over any cell colour.
  const outlines = ((figure.layout.shapes as Record<string, unknown>[] | undefined) ?? []).map((shape) => ({
    ...shape,
    line: { color: outlineColour, width: 3 },
  }));
  // A bracket beside each group's rows, just right of the matrix (paper x 1 = its right edge).
  const brackets = blocks.map((block) => ({
    type: 'line',
    xref: 'paper',
    yref: 'y',
    x0: 1.015,
    x1: 1.015,
    y0: block.first - 0.42,
    y1: block.last + 0.42,
    line: { color: outlineColour, width: 2 },
  }));
  const names = blocks.map((block) => ({
    xref: 'paper',
    yref: 'y',
    x: 1.03,
    y: (block.first + block.last) / 2,
    xanchor: 'left',
    yanchor: 'middle',
    text: `<b>${nameOf(block.group)}</b>`,
    showarrow: false,
    font: { size: 13, color: outlineColour },
  }));
  const [heatmap] = figure.data;
  const longestName = Math.max(...blocks.map((block) => nameOf(block.group).length));
  return {
    data: [{ ...heatmap, showscale: false }],
    layout: {
      ...figure.layout,
      margin: { ...(figure.layout.margin as Record<string, number>), r: 40 + 9 * longestName },
      shapes: [...outlines, ...brackets],
      annotations: names,
    },
  };
}
