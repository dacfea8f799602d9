import {
  buildTable,
  eceColumn,
  groupByMethod,
  methodColumn,
  methodRows,
  nllColumn,
  recordedScoreColumn,
  renderMarkdown,
  type ResultTable,
  type RunResult,
  seedsColumn,
  severityColumn,
  temperatureColumn,
  top3Column,
} from '../results';

/** The runs scored on fine labels: every student, and the fine-label teacher. */
export function fineLabelRuns(runs: readonly RunResult[]): RunResult[] {
  return runs.filter((run) => run.role === 'student' || run.method === 'teacher-fine');
}

/**
 * "Mistakes and calibration": per method (mean ± std over seeds, test split) the mistake
 * severity and hierarchical distance (Bertinetto et al. 2020), errors within the true group,
 * implied coarse accuracy, top-3 accuracy, and ECE and NLL before and after temperature
 * scaling (Guo et al. 2017) with the fitted T; with a discovered hierarchy also the severity on
 * its full merge tree. Runs recorded before a score existed show '—'.
 */
export function mistakesAndCalibrationTable(runs: readonly RunResult[]): ResultTable {
  const fine = fineLabelRuns(runs);
  const tree = fine.some((run) => run.test.treeMistakeSeverity !== undefined);
  return buildTable(methodRows(groupByMethod(fine)), [
    methodColumn(),
    seedsColumn(),
    severityColumn(),
    ...(tree ? [recordedScoreColumn('treeMistakeSeverity', 'Severity on merge tree', 3)] : []),
    recordedScoreColumn('hierarchicalDistance', 'Hier. distance', 3),
    recordedScoreColumn('withinGroupErrorShare', 'Errors in group'),
    recordedScoreColumn('impliedCoarseAccuracy', 'Implied coarse acc.'),
    top3Column(),
    eceColumn(false),
    eceColumn(true),
    nllColumn(false),
    nllColumn(true),
    temperatureColumn(),
  ]);
}

/** The report's "Mistakes and calibration" section; no lines without fine-label runs. */
export function mistakesAndCalibrationSection(runs: readonly RunResult[]): string[] {
  if (fineLabelRuns(runs).length === 0) return [];
  return [
    '## Mistakes and calibration',
    '',
    'Test split, mean ± std over seeds. Mistake severity: mean height of the lowest common ancestor of the true and the predicted class over the wrong predictions ' +
      '(1 = inside the true coarse group, 2 = across groups, so on this two-level hierarchy it is 2 - the errors-in-group share; Bertinetto et al., CVPR 2020); ' +
      'hierarchical distance: the same over all predictions, a correct one counting 0; severity on merge tree (discovered hierarchies): the same on the full clustering tree, heights counted in merge levels. ' +
      'ECE: expected calibration error with 15 equal-width confidence bins; NLL: mean negative log-likelihood; T-scaled: after dividing the logits by one temperature T ' +
      'fitted on the validation split by minimising NLL (Guo et al., ICML 2017; accuracy does not change). — : runs recorded before these scores existed.',
    '',
    renderMarkdown(mistakesAndCalibrationTable(runs)),
    '',
  ];
}

/** One bin of a reliability diagram pooled over runs. */
export interface PooledReliabilityBin {
  /** Bin edges: confidences in (lower, upper]. */
  lower: number;
  upper: number;
  /** Test predictions in the bin, over all the runs. */
  count: number;
  /** Count-weighted mean confidence and accuracy of the bin; NaN when it is empty. */
  confidence: number;
  accuracy: number;
}

/**
 * The test reliability diagram of a method, pooled over its runs (seeds): each bin's
 * count-weighted mean confidence and accuracy, i.e. the diagram of all their test
 * predictions together. Undefined when a run recorded no bins or the runs' bin counts differ.
 */
export function pooledReliability(runs: readonly RunResult[]): PooledReliabilityBin[] | undefined {
  const binned = runs.map((run) => run.test.reliabilityBins);
  if (binned.length === 0 || binned.some((bins) => bins === undefined || bins.length !== binned[0]!.length))
    return undefined;
  const binCount = binned[0]!.length;
  return Array.from({ length: binCount }, (_, bin) => {
    let count = 0;
    let confidence = 0;
    let accuracy = 0;
    for (const bins of binned) {
      const { count: inBin, confidence: binConfidence, accuracy: binAccuracy } = bins![bin];
      if (inBin === 0 || binConfidence === null || binAccuracy === null) continue;
      count += inBin;
      confidence += inBin * binConfidence;
      accuracy += inBin * binAccuracy;
    }
    return {
      lower: bin / binCount,
      upper: (bin + 1) / binCount,
      count,
      confidence: count === 0 ? Number.NaN : confidence / count,
      accuracy: count === 0 ? Number.NaN : accuracy / count,
    };
  });
}
