/** Issue 9's study: the T x a grid, fixed-length curves, few-label regimes, hierarchies and features, run through the pipeline and reported. */
export { runStudy, type StudyOptions, type StudyResult, type StudyPartResult } from './runStudy';
export { buildStudyParts, fullStudySettings, smokeStudySettings, type StudyPart, type StudySettings } from './studyParts';
export { countStudyRuns, estimateStudyCost, secondsPerEpoch, type StudyRunCounts, type CostEstimate } from './studyCost';
export { chosenPoint, chosenVersusPaperTable, gridValues, pairedCell, paperChoices, pointsComparisonTable, regimeName } from './studyTables';
export { writeStudyReport, type StudyReportInput } from './studyReport';
