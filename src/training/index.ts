export { type FloatMatrix, type Features, validateMatrix, validateLabels, rowCount, columnCount } from './matrix';
export { predictLogits, predictionOutputIndex, predictionClassCount } from './predict';
export {
  type TrainingObjective,
  type TrainingMethod,
  type StudentMethod,
  type LossTerms,
  type ObjectiveBatch,
  studentMethodLetters,
  needsDistillationHead,
  targetsCoarseLabels,
  validateObjective,
  objectiveLoss,
} from './objective';
export { evaluateModel, evaluateLogits, crossEntropyOfLogits, type Evaluation, type EvaluateOptions } from './evaluate';
export { trainModel, type TrainOptions, type TrainResult, type EpochRecord, type DataSplit, type EarlyStoppingOptions } from './trainModel';
export { gaussianClusters, type SyntheticSplit } from './syntheticClusters';
