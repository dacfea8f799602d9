/**
 * Training and validation curves read as pairs: one colour per network (or per group of
 * networks, e.g. one teacher over several seeds), a solid line for the training split and a
 * dashed line for the validation split, and one legend entry per colour and split.
 */
import { axisTitle, baseLayout, requireFinite, type FigureOptions, type PlotlyFigure } from './figure';

/** One run's curves: a value per epoch on the training and on the validation split. */
export interface TrainValidationRun {
  /** The colour group and legend name, e.g. "coarse teacher". */
  group: string;
  /** Shown on hover, e.g. "seed 2". */
  detail?: string;
  training: number[];
  validation: number[];
}

/** Options of {@link trainValidationCurvesFigure}. */
export interface TrainValidationOptions extends FigureOptions {
  xTitle?: string;
  yTitle?: string;
}

/** Plotly's default colour sequence: the colour of the k-th group. */
export const groupColours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2'];

/**
 * Line chart of training (solid) and validation (dashed) curves, epoch = index + 1, coloured
 * by group (the groups' first-appearance order picks the colours). Throws on an empty list,
 * a non-finite value, or a run whose two curves differ in length.
 */
export function trainValidationCurvesFigure(
  runs: readonly TrainValidationRun[],
  options: TrainValidationOptions = {},
): PlotlyFigure {
  if (runs.length === 0) throw new Error('trainValidationCurvesFigure: no runs given');
  const groups = [...new Set(runs.map((run) => run.group))];
  const shownInLegend = new Set<string>();
  const data = runs.flatMap((run) => {
    const where = `trainValidationCurvesFigure: ${run.group}${run.detail ? ` (${run.detail})` : ''}`;
    requireFinite(run.training, `${where} training`);
    requireFinite(run.validation, `${where} validation`);
    if (run.training.length !== run.validation.length)
      throw new Error(
        `${where}: ${run.training.length} training values but ${run.validation.length} validation values`,
      );
    const color = groupColours[groups.indexOf(run.group) % groupColours.length];
    return (['training', 'validation'] as const).map((split) => {
      const name = `${run.group}, ${split}`;
      const first = !shownInLegend.has(name);
      shownInLegend.add(name);
      return {
        type: 'scatter',
        mode: 'lines+markers',
        name,
        legendgroup: name,
        showlegend: first,
        x: run[split].map((_, index) => index + 1),
        y: run[split],
        line: { color, dash: split === 'training' ? 'solid' : 'dash' },
        marker: { color, size: 5 },
        hovertemplate: `${name}${run.detail ? `, ${run.detail}` : ''}: epoch %{x}, %{y:.4f}<extra></extra>`,
      };
    });
  });
  return {
    data,
    layout: baseLayout(options, {
      xaxis: axisTitle(options.xTitle ?? 'epoch', { dtick: 1 }),
      yaxis: axisTitle(options.yTitle),
      legend: { orientation: 'h', y: -0.2 },
    }),
  };
}
