import { axisTitle, baseLayout, requireFinite, type FigureOptions, type PlotlyFigure } from './figure';

/** One softened distribution: the probabilities at a temperature. */
export interface SoftenedDistribution {
  temperature: number;
  probabilities: ArrayLike<number>;
}

/**
 * Grouped bars of the same logits softened at several temperatures (softmax(z / T)),
 * one trace per temperature: shows how a higher T spreads the teacher's mass over
 * the other classes ("dark knowledge", Hinton et al. 2015).
 */
export function softenedDistributionChart(
  classNames: readonly string[],
  distributions: SoftenedDistribution[],
  options: FigureOptions = {},
): PlotlyFigure {
  if (distributions.length === 0) throw new Error('softenedDistributionChart: no distribution given');
  const data = distributions.map((distribution) => {
    const probabilities = Array.from(distribution.probabilities);
    if (probabilities.length !== classNames.length) {
      throw new Error(
        `softenedDistributionChart: T=${distribution.temperature} has ${probabilities.length} probabilities, ` +
          `expected ${classNames.length} (one per class)`,
      );
    }
    requireFinite(probabilities, `softenedDistributionChart: T=${distribution.temperature}`);
    const total = probabilities.reduce((sum, value) => sum + value, 0);
    if (Math.abs(total - 1) > 1e-3) {
      throw new Error(`softenedDistributionChart: T=${distribution.temperature} sums to ${total}, expected 1`);
    }
    return { type: 'bar', name: `T = ${distribution.temperature}`, x: [...classNames], y: probabilities };
  });
  return {
    data,
    layout: baseLayout(options, {
      barmode: 'group',
      xaxis: { automargin: true, tickangle: classNames.length > 6 ? -45 : 0 },
      yaxis: axisTitle('probability', { range: [0, 1] }),
    }),
  };
}
