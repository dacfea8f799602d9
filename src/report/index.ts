/** The generated report: tables, charts and a paper's claims from the run records alone (tables and claims come from src/results). */
export { writeReport, replaceMarkedSection, type WriteReportOptions, type WrittenReport } from './writeReport';
export { barChartSvg, lineChartSvg, heatmapSvg, type SvgBar, type SvgSeries } from './svgCharts';
export { professorSection } from './professorSection';
export {
  learningSpeedTable,
  curveChartsSvg,
  methodCurveBands,
  type LearningSpeedOptions,
  type MethodCurveBand,
} from './learningSpeed';
export {
  discoveredHierarchiesSection,
  discoveredHierarchiesTable,
  hierarchyGroupsTable,
  comparableStudentRuns,
  isDiscoveredHierarchyName,
} from './discoveredSection';
export {
  mistakesAndCalibrationSection,
  mistakesAndCalibrationTable,
  fineLabelRuns,
  pooledReliability,
  type PooledReliabilityBin,
} from './calibrationSection';
export {
  writeReferenceReports,
  checkReferenceReports,
  referenceBundles,
  type ReportDifference,
} from './referenceReports';
export { bottomLineSection, bottomLineSentences, pointsWithInterval } from './bottomLine';
export { referenceResultsMarkdown } from './referenceSummary';
export {
  type StudentDifference,
  tourComparisons,
  studentDifferences,
  studentDifferencesFigure,
  studentDifferencesCaption,
  claimVerdictRows,
  tourAnswerSentence,
} from './tourSummary';
export { reliabilityDiagramFigure } from './reliabilityDiagram';
