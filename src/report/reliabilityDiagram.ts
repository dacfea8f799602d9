/**
 * The reliability diagram of a few student methods as a Plotly figure for notebooks: per
 * method, the test accuracy against the mean confidence of each confidence bin, pooled over
 * the seeds (see pooledReliability), against the diagonal of perfect calibration; the title
 * names the best calibrated method (lowest mean test ECE).
 */
import { axisTitle, baseLayout, type PlotlyFigure, type PlotlyTrace } from '../plots/figure';
import { methodLabel, methodLetter, type RunResult } from '../results';
import { pooledReliability } from './calibrationSection';

/** Mean test ECE of runs (NaN when none recorded it). */
function meanExpectedCalibrationError(runs: readonly RunResult[]): number {
  const values = runs.map((run) => run.test.expectedCalibrationError ?? Number.NaN).filter(Number.isFinite);
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * The reliability diagram of `methods` from the student runs among `runs`, or undefined when
 * none of them recorded reliability bins (runs from before they existed). Empty bins are
 * left out; each legend entry gives the method's mean test ECE.
 */
export function reliabilityDiagramFigure(runs: readonly RunResult[], methods: string[]): PlotlyFigure | undefined {
  const entries = methods
    .map((method) => {
      const own = runs.filter((run) => run.role === 'student' && run.method === method);
      return { method, runs: own, bins: own.length > 0 ? pooledReliability(own) : undefined };
    })
    .filter((entry) => entry.bins !== undefined);
  if (entries.length === 0) return undefined;
  const ranked = [...entries].sort(
    (first, second) => meanExpectedCalibrationError(first.runs) - meanExpectedCalibrationError(second.runs),
  );
  const traces: PlotlyTrace[] = entries.map(({ method, runs: own, bins }) => {
    const filled = bins!.filter((bin) => bin.count > 0);
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: `${methodLabel(method)} (ECE ${meanExpectedCalibrationError(own).toFixed(3)})`,
      x: filled.map((bin) => bin.confidence),
      y: filled.map((bin) => bin.accuracy),
      text: filled.map((bin) => `${bin.count} predictions in (${bin.lower.toFixed(2)}, ${bin.upper.toFixed(2)}]`),
    };
  });
  const letters = entries.map((entry) => methodLetter(entry.method)).join(', ');
  return {
    // The diagonal last, so the methods take Plotly's first colours (A blue, B orange, C green) as elsewhere.
    data: [
      ...traces,
      {
        type: 'scatter',
        mode: 'lines',
        name: 'perfect calibration',
        x: [0, 1],
        y: [0, 1],
        line: { dash: 'dash', color: 'grey' },
      },
    ],
    layout: baseLayout(
      {
        title: `${methodLabel(ranked[0].method)} is the best calibrated of ${letters} (lowest test ECE)`,
        height: 480,
      },
      {
        xaxis: axisTitle('confidence (mean max softmax probability in the bin)', { range: [0, 1] }),
        yaxis: axisTitle('accuracy in the bin', { range: [0, 1] }),
        legend: { orientation: 'h', y: -0.2 },
        margin: { l: 60, r: 20, t: 50, b: 90 },
      },
    ),
  };
}
