export {
  type FloatMatrix,
  type Features,
  validateMatrix,
  validateLabels,
  rowCount,
  columnCount,
} from '../tensors/matrix';
export { predictLogits, predictionOutputIndex, predictionClassCount } from './predict';
export { objectiveLoss, type MethodObjective, type LossTerms, type ObjectiveBatch } from './modelLoss';
export { evaluateModel, evaluateLogits, crossEntropyOfLogits, type Evaluation, type EvaluateOptions } from './evaluate';
export {
  temperatureScaling,
  reliabilityRecords,
  type TemperatureScaling,
  type ScaledScores,
} from './evaluateCalibration';
export {
  trainModel,
  type TrainOptions,
  type TrainResult,
  type EpochRecord,
  type DataSplit,
  type EarlyStoppingOptions,
} from './trainModel';
export {
  trainGroup,
  estimateMemberBytes,
  type TrainGroupOptions,
  type GroupMemberResult,
  type StudentArchitecture,
  type TeacherArchitecture,
} from './trainGroup';
export type { MemberSpec, TrainingData } from './prepare';
export { planGroups } from './groupPlan';
export { EarlyStoppingTracker, type EarlyStoppingVerdict } from './earlyStopping';
export { GroupAdam } from './adam';
export { type ModelGroup, type GroupOutputs, LayersModelGroup } from './modelGroup';
export { StackedDenseGroup, type StackedMember } from './stackedDenseGroup';
export { evaluateGroup } from './groupEvaluation';
export { gaussianClusters, type SyntheticSplit } from './syntheticClusters';
export { TrainingDivergedError } from './divergence';
/** Kept for importers of the former union type: any registered method's name. */
export type { StudentMethod } from '../methods/definition';
