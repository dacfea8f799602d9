/** The study: the T x a grid, fixed-length curves, few-label regimes, hierarchies and features, run through the pipeline and reported. */
export { runStudy, type StudyOptions, type StudyResult } from './runStudy';
export {
  buildStudyParts,
  fashionSmokeStudySettings,
  fashionStudySettings,
  fullStudySettings,
  smokeStudySettings,
  studySettingsFor,
  type StudyPart,
  type StudyPartResult,
  type StudySettings,
  type BaselineGrid,
  baselineGrids,
  smokeBaselineGrids,
} from './studyParts';
export {
  costModelTable,
  criticalPathSeconds,
  predictWallSeconds,
  studyCostModel,
  type CostGroup,
  type StudyCostModel,
} from './costModel';
export { measuredRunsIn, predictStudyCost } from './costModelReport';
export {
  defaultParallelFraction,
  defaultWorkerStartupSeconds,
  groupSlowdown,
  threadSlowdown,
  type WorkerMachine,
} from './workerMachine';
export { simulateWorkers, type TakingRule } from './workerSimulation';
export {
  countStudyRuns,
  estimateStudyCost,
  secondsPerEpoch,
  type StudyRunCounts,
  type CostEstimate,
} from './studyCost';
export {
  assignedValue,
  chosenPoint,
  chosenVersusControlsTable,
  chosenVersusPaperTable,
  featureSetsTable,
  gridValues,
  methodRuns,
  pairedCell,
  pointSettings,
  pointsComparisonTable,
  regimeName,
} from './studyTables';
export {
  perClassF1Statistics,
  pointStatistics,
  regimeSeries,
  seedPairedDifferences,
  seedStatistics,
  type RegimeSeries,
  type ScoreChoice,
  type SeedStatistics,
} from './studySeries';
export {
  bandCurvesFigure,
  gridHeatmapFigure,
  meanStdLinesFigure,
  type BandCurvesOptions,
  type BandSeries,
  type GridHeatmapOptions,
  type GridMark,
  type MeanStdLine,
  type MeanStdLinesOptions,
} from './studyFigures';
export { writeStudyReport, type StudyReportInput } from './studyReport';
export {
  bestPlainMode,
  chosenInRegime,
  groupRegimes,
  protocolLine,
  regimeLabel,
  regimesTable,
  type Regime,
} from './regimesTable';
export { collapseFootnote, collapseOfRun, collapsedRunsIn, keptRuns } from './studyCollapse';
export {
  chosenStudyRuns,
  studyPartPoints,
  studyResultsMarkdown,
  type StudyResultsInput,
  type StudyResultsOptions,
} from './studyResults';
export {
  classGainSentence,
  coincidingCurvesSentence,
  fewLabelSentence,
  gridFinding,
  lastEpochSentence,
  pairedIntervalsSentence,
  type GridFindingInput,
  type GridSetting,
  type NamedCurve,
} from './studyCaptions';
export { compactStudyLog, type CompactStudyLog } from './compactStudyLog';
export { shippedStudyMarkdown, shippedStudyPart, studyRecordInBundle, writeStudyReportFromBundle } from './studyBundle';
export {
  baselineRegimes,
  baselineRuns,
  baselineSeverityCalibration,
  baselinesSection,
  baselinesTable,
  baselineTableMethods,
  experimentSettings,
} from './baselinesTable';
export { baselinePoints, baselineReferences, type BaselineRegimes } from './baselinesPart';
export {
  baselineComparisonFamilies,
  baselineComparisonsTable,
  type BaselineComparisonFamily,
  type BaselineScore,
} from './baselineComparisons';
export {
  answerLead,
  baselineAnswers,
  baselineAnswersByRegime,
  baselineAnswersMarkdown,
  baselineAnswersSection,
} from './baselineAnswers';
