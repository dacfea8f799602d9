/** The generated report: tables, charts and paper 1's claims from the run records alone. */
export { writeReport, replaceMarkedSection, meanCurve, type WriteReportOptions, type WrittenReport } from './writeReport';
export { loadExperimentRuns, toReportRun, epochsToTarget, type ExperimentRuns, type ReportRun, type ReportScores } from './experimentRuns';
export { paperClaims, fashionClaims, claimsFor, evaluateClaim, evaluateClaims, type ClaimDefinition, type ClaimResult, type ClaimOptions, type Verdict, type VerdictReason } from './claims';
export { markdownTable, datasetKindOf, paperOneColumnsFor, teachersTable, studentsTable, pairwiseTable, perSeedTable, setupTable, groupRuns, methodOrder, comparedPairs, type ReportTable, type ResultTableOptions } from './reportTables';
export { barChartSvg, lineChartSvg, heatmapSvg, type SvgBar, type SvgSeries } from './svgCharts';
export { professorSection, professorPairsTable, professorMetricsTable } from './professorSection';
export { learningSpeedTable, curveChartsSvg, methodCurveBands, type LearningSpeedOptions, type MethodCurveBand } from './learningSpeed';
export { discoveredHierarchiesSection, discoveredHierarchiesTable, hierarchyGroupsTable, comparableStudentRuns, isDiscoveredHierarchyName } from './discoveredSection';
