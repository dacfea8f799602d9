import { baseLayout, requireFinite, type FigureOptions, type PlotlyFigure } from './figure';

/** Options of {@link confusionMatrixHeatmap}. */
export interface ConfusionOptions extends FigureOptions {
  /** Divide each row by its total so a cell is the share of that true class (recall on the diagonal). */
  normalize?: boolean;
  /** Write the value into each cell (default: true up to 12 classes). */
  annotate?: boolean;
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
 * (first class) to bottom, predicted classes along x.
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
  const values = options.normalize ? normalizeRows(matrix) : matrix.map((row) => [...row]);
  const annotate = options.annotate ?? size <= 12;
  const names = [...labelNames];
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
        ...(annotate
          ? { texttemplate: options.normalize ? '%{z:.2f}' : '%{z}', textfont: { size: 10 } }
          : {}),
      },
    ],
    layout: baseLayout(
      { height: Math.max(420, 28 * size + 160), ...options },
      {
        xaxis: { title: { text: 'predicted' }, automargin: true, tickangle: -45 },
        yaxis: { title: { text: 'true' }, automargin: true, autorange: 'reversed' },
      },
    ),
  };
}
