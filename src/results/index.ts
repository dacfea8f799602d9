/**
 * Results: one layer from run records to every table. Runs load as {@link RunResult}s
 * (loadExperimentResults), group by method and seed, become tables of named column specs,
 * render through one formatter (text, Markdown, HTML, records), and a paper's claims are
 * tested by one engine.
 */
export { toRunResult, epochsToTarget, type RunResult, type RunScores } from './runResult';
export { calibrationScores, type CalibrationScore } from './runResult';
export { loadExperimentResults, loadRunRecords, type ExperimentResults, type LoadResultsOptions } from './loadResults';
export {
  exportResultsBundle,
  readResultsBundle,
  isResultsBundlePath,
  bundleSuffix,
  type BundleHeader,
  type ResultsBundle,
  type ExportBundleOptions,
  type ExportedBundle,
} from './resultsBundle';
export {
  groupByMethod,
  methodLabel,
  methodLetter,
  methodOrder,
  meanCurve,
  runsOf,
  type MethodGroup,
  type MethodSeeded,
} from './grouping';
export {
  buildTable,
  renderText,
  renderMarkdown,
  renderHtml,
  renderTable,
  tableRecords,
  recordsTable,
  formatRecordCell,
  type ResultTable,
  type ColumnSpec,
  type TableFormat,
  type RecordCell,
  type RecordsTableOptions,
} from './table';
export {
  methodColumn,
  parametersColumn,
  seedsColumn,
  accuracyColumn,
  macroF1Column,
  scoreColumn,
  bestEpochColumn,
  epochsToTargetColumn,
  pairedVs,
  paperReferenceColumn,
  versusPaperColumn,
  methodRows,
  type MethodRow,
  type MethodColumn,
  type TestScore,
} from './columns';
export {
  recordedScoreColumn,
  severityColumn,
  top3Column,
  eceColumn,
  nllColumn,
  temperatureColumn,
  missingScoreCell,
  type RecordedScore,
} from './columns';
export { datasetKindOf, paperOneColumnsFor, teachersTable, studentsTable, type ResultTableOptions } from './tables';
export {
  comparedPairs,
  pairwiseTable,
  comparisonLine,
  perSeedTable,
  setupTable,
  professorPairsTable,
  professorMetricsTable,
} from './comparisonTables';
export {
  claimVerdictLines,
  claimsFamilyLines,
  evaluatePaperClaim,
  evaluatePaperClaims,
  type PaperClaimResult,
  type PaperClaimOptions,
  type Verdict,
  type VerdictReason,
} from './paperClaims';
export { comparisonTablesText, type ComparisonTablesInput } from './cliTables';
export { showResultTable, evaluateClaimsOnSummaries, claimsMarkdown } from './notebook';
export { pairedFamilyTable, type PairedFamilyTable } from './pairedFamilyTable';
export { summedConfusion, withinGroupShareOfConfusion } from './groupScores';
export { resultsToShow, type ResultsToShowOptions, type ShownResults } from './shownResults';
export {
  methodCostRows,
  stackedGroups,
  type MethodCostRow,
  type StackedGroup,
} from './stackedGroupCost';
