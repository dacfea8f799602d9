import { epochCurvesFigure, type CurveOptions } from './curves';
import type { PlotlyFigure } from './figure';

/** Plotly's default colour sequence, so paired curves look like the project's other charts. */
export const plotlyColours = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
] as const;

/** One model's training and validation curve of the same quantity (one value per epoch). */
export interface TrainValidationCurves {
  /** The model's name in the legend, e.g. `coarse teacher`. */
  name: string;
  training: number[];
  validation: number[];
}

/**
 * Training and validation curves of several models, paired by colour: each model gets one
 * colour, its training curve solid and its validation curve dashed, both in one legend group
 * (`<name>: training`, `<name>: validation`), so a reader matches the pair at a glance.
 */
export function trainValidationCurvesFigure(models: TrainValidationCurves[], options: CurveOptions = {}): PlotlyFigure {
  if (models.length === 0) throw new Error('trainValidationCurvesFigure: no model given');
  const figure = epochCurvesFigure(
    models.flatMap((model) => [
      { name: `${model.name}: training`, values: model.training, group: model.name },
      { name: `${model.name}: validation`, values: model.validation, group: model.name, dash: 'dash' },
    ]),
    options,
  );
  figure.data.forEach((trace, index) => {
    const colour = plotlyColours[Math.floor(index / 2) % plotlyColours.length];
    trace.line = { ...(trace.line as object), color: colour };
    trace.marker = { color: colour };
  });
  return figure;
}
