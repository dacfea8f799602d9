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
export {
  loadRuns,
  loadRun,
  listIncompleteRuns,
  parseMetricsLines,
  checkEpochSequence,
  MalformedRunError,
  type RunRecord,
  type IncompleteRun,
} from './loadRuns';
export { runsToDataFrame, runsToRows, flattenInto, requireDanfoKeepingBackend, type Cell } from './dataFrame';
export { loadModelFromRun, saveModelFiles, fileSystemModelHandler, modelJsonFile, weightsFile } from './modelFiles';
export {
  claimRun,
  readClaim,
  ClaimWatcher,
  hostName,
  claimFile,
  claimSuffix,
  describeHolder,
  processIsAlive,
  RunClaim,
  type ClaimHolder,
  type ClaimOptions,
  type ClaimResult,
} from './runClaim';
export {
  trainingCodeVersion,
  currentCodeVersion,
  describeCodeVersion,
  packageVersion,
  type CodeVersion,
} from './codeVersion';
export {
  findReusableRun,
  beginRun,
  type ReuseDecision,
  type ReuseOptions,
  type BeginRunOptions,
  type RunPlan,
} from './reuse';
export { describeReusedRuns } from './reusedBackends';
export { installInterruptHandler, describeInterruption } from './interrupt';
