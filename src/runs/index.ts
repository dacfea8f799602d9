export {
  RunWriter,
  startRun,
  collectVersions,
  validateRunId,
  incompleteSuffix,
  configFile,
  metricsFile,
  summaryFile,
  type StartRunOptions,
  type RunVersions,
  type RunConfigFile,
  type RunSummaryFile,
} from './runWriter';
export { loadRuns, loadRun, listIncompleteRuns, parseMetricsLines, type RunRecord, type IncompleteRun } from './loadRuns';
export { runsToDataFrame, runsToRows, flattenInto, requireDanfoKeepingBackend, type Cell } from './dataFrame';
export { loadModelFromRun, saveModelFiles, fileSystemModelHandler, modelJsonFile, weightsFile } from './modelFiles';
