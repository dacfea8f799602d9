import { baseLayout, requireFinite, type FigureOptions, type PlotlyFigure, type PlotlyTrace } from './figure';

/** One input's targets: the teacher's and the professor's soft targets (probabilities). */
export interface TargetPair {
  /** Panel title, e.g. the document id. */
  title: string;
  trueLabel: number;
  teacher: ArrayLike<number>;
  refined: ArrayLike<number>;
}

/** Room above the panels for the figure's title and, under it, each panel's own title. */
function panelMargin(options: FigureOptions): Record<string, number> {
  return { l: 60, r: 20, t: options.title ? 80 : 40, b: 50 };
}

function checkedProbabilities(values: ArrayLike<number>, classCount: number, what: string): number[] {
  const probabilities = Array.from(values);
  if (probabilities.length !== classCount)
    throw new Error(`${what}: ${probabilities.length} probabilities, expected ${classCount} (one per class)`);
  requireFinite(probabilities, what);
  const total = probabilities.reduce((sum, value) => sum + value, 0);
  if (Math.abs(total - 1) > 1e-3)
    throw new Error(`${what}: sums to ${total}, expected 1 (pass probabilities, e.g. softmaxRows(logits, T))`);
  return probabilities;
}

/**
 * Teacher vs professor targets for a few inputs: one panel per input (side by side), two
 * bar traces each (teacher, refined), the true class named in the panel title. Shows what
 * refinement does: the true class pushed to the top, the rest of the shape kept.
 */
export function targetComparisonFigure(
  classNames: readonly string[],
  pairs: TargetPair[],
  options: FigureOptions = {},
): PlotlyFigure {
  if (pairs.length === 0) throw new Error('targetComparisonFigure: no inputs given');
  const classCount = classNames.length;
  const longestName = Math.max(0, ...classNames.map((name) => name.length));
  const data: PlotlyTrace[] = [];
  const layoutAxes: Record<string, unknown> = {};
  const annotations: unknown[] = [];
  pairs.forEach((pair, index) => {
    if (!Number.isInteger(pair.trueLabel) || pair.trueLabel < 0 || pair.trueLabel >= classCount) {
      throw new Error(
        `targetComparisonFigure: input "${pair.title}" has true label ${pair.trueLabel}, expected an integer in [0, ${classCount})`,
      );
    }
    const suffix = index === 0 ? '' : String(index + 1);
    for (const [name, values, color] of [
      ['teacher', pair.teacher, '#1f77b4'],
      ['professor (refined)', pair.refined, '#ff7f0e'],
    ] as const) {
      data.push({
        type: 'bar',
        name,
        legendgroup: name,
        showlegend: index === 0,
        marker: { color },
        x: [...classNames],
        y: checkedProbabilities(values, classCount, `targetComparisonFigure: input "${pair.title}" ${name}`),
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
      });
    }
    // Slant the class names when they would not fit side by side under a panel.
    const slanted = classCount > 6 || classCount * longestName > 48;
    layoutAxes[`xaxis${suffix}`] = { automargin: true, tickangle: slanted ? -45 : 0, title: { text: 'class' } };
    layoutAxes[`yaxis${suffix}`] = { rangemode: 'tozero', ...(index === 0 ? { title: { text: 'probability' } } : {}) };
    annotations.push({
      text: `${pair.title}: true ${classNames[pair.trueLabel]}`,
      xref: `x${suffix} domain`,
      yref: `y${suffix} domain`,
      x: 0.5,
      y: 1.01,
      yanchor: 'bottom',
      showarrow: false,
    });
  });
  return {
    data,
    layout: baseLayout(options, {
      barmode: 'group',
      margin: panelMargin(options),
      grid: { rows: 1, columns: pairs.length, pattern: 'independent' },
      annotations,
      ...layoutAxes,
    }),
  };
}

/**
 * The class-correlation matrices (classCorrelationMatrix in src/professor) of the teacher's
 * and the professor's targets side by side, on one colour scale, plus their difference
 * (refined - teacher) on a diverging scale: rows = true class, columns = target class.
 */
export function correlationMatricesFigure(
  classNames: readonly string[],
  teacher: number[][],
  refined: number[][],
  options: FigureOptions = {},
): PlotlyFigure {
  const size = classNames.length;
  for (const [name, matrix] of [
    ['teacher', teacher],
    ['refined', refined],
  ] as const) {
    if (matrix.length !== size || matrix.some((row) => row.length !== size))
      throw new Error(
        `correlationMatricesFigure: the ${name} matrix must be ${size} x ${size} (one row and column per class)`,
      );
    matrix.forEach((row, index) => requireFinite(row, `correlationMatricesFigure: ${name} row ${index}`));
  }
  const difference = refined.map((row, i) => row.map((value, j) => value - teacher[i][j]));
  const zmax = Math.max(...teacher.flat(), ...refined.flat());
  const spread = Math.max(1e-12, ...difference.flat().map(Math.abs));
  const names = [...classNames];
  const panel = (z: number[][], suffix: string, extra: Record<string, unknown>): PlotlyTrace => ({
    type: 'heatmap',
    x: names,
    y: names,
    z,
    xaxis: `x${suffix}`,
    yaxis: `y${suffix}`,
    hovertemplate: 'true %{y}<br>target %{x}<br>%{z:.4f}<extra></extra>',
    ...extra,
  });
  const axes: Record<string, unknown> = {};
  const annotations = ['teacher', 'professor (refined)', 'refined - teacher'].map((text, index) => {
    const suffix = index === 0 ? '' : String(index + 1);
    axes[`xaxis${suffix}`] = { automargin: true, tickangle: -45, title: { text: 'target class' } };
    axes[`yaxis${suffix}`] = {
      automargin: true,
      autorange: 'reversed',
      ...(index === 0 ? { title: { text: 'true class' } } : { showticklabels: false }),
    };
    const place = { x: 0.5, y: 1.01, yanchor: 'bottom' };
    return { text, xref: `x${suffix} domain`, yref: `y${suffix} domain`, ...place, showarrow: false };
  });
  return {
    data: [
      panel(teacher, '', { colorscale: 'Blues', reversescale: true, zmin: 0, zmax, showscale: false }),
      panel(refined, '2', { colorscale: 'Blues', reversescale: true, zmin: 0, zmax, colorbar: { x: 0.64, len: 0.9 } }),
      panel(difference, '3', { colorscale: 'RdBu', zmid: 0, zmin: -spread, zmax: spread }),
    ],
    layout: baseLayout(
      { height: Math.max(380, 22 * size + 180), ...options },
      { grid: { rows: 1, columns: 3, pattern: 'independent' }, annotations, ...axes, margin: panelMargin(options) },
    ),
  };
}
