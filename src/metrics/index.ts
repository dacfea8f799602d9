/** Metrics and statistics on plain numbers (no tensors). */
export {
  type ClassScores,
  accuracy,
  confusionMatrix,
  perClassScores,
  perClassF1,
  macroF1,
  impliedCoarseAccuracy,
  argmaxRows,
} from './classification';
export { epochsToReach, bestEpoch } from './learningCurves';
export {
  relativeTargetEpochs,
  curveBand,
  type CurveRecord,
  type RelativeTargetOptions,
  type RelativeTargetRow,
} from './relativeTargets';
export {
  type PairedTTestResult,
  type WilcoxonResult,
  mean,
  standardDeviation,
  formatMeanStd,
  pairedTTest,
  wilcoxonSignedRank,
} from './statistics';
export {
  logGamma,
  regularizedIncompleteBeta,
  regularizedUpperGamma,
  studentTCdf,
  studentTInverseCdf,
  studentTTwoSidedPValue,
  normalUpperTail,
} from './distributions';
export { type Projection2d, type ProjectionOptions, fitProjection2d, projectRows, matrixRows } from './pca';
export {
  type Silhouette,
  type NearestCentroidResult,
  silhouetteByGroup,
  nearestCentroidAccuracy,
} from './groupSeparation';
export {
  type WithinGroupErrors,
  withinGroupErrors,
  withinGroupErrorShare,
  chanceWithinGroupShare,
} from './groupErrors';
export { adjustedRandIndex } from './clusterAgreement';
export {
  type Seeded,
  type SeedPairs,
  pairBySeed,
  pairedBySeedTest,
  pairedDifferenceCell,
  type PairedDifference,
  pairedDifference,
  pairedBySeedDifference,
  formatPairedDifference,
  pairedFamilyCells,
  minimalDetectableEffectLine,
  formatPValue,
  formatSignedDifference,
} from './seedPairing';
export {
  type PairedInterval,
  pairedConfidenceInterval,
  oneSidedPairedTest,
  holmAdjust,
  benjaminiHochbergAdjust,
  minimalDetectableEffect,
} from './pairedInference';
export {
  type LogitRows,
  type ReliabilityBin,
  type Calibration,
  calibrationBinCount,
  negativeLogLikelihood,
  expectedCalibrationError,
  fitTemperature,
} from './calibration';
export { topKAccuracy } from './topK';
export {
  type MistakeSeverity,
  type TreeMerge,
  lcaHeightMatrix,
  twoLevelLcaHeights,
  mergeTreeLcaHeights,
  mistakeSeverity,
} from './mistakeSeverity';
