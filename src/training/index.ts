export { type FloatMatrix, type Features, validateMatrix, validateLabels, rowCount, columnCount } from '../tensors/matrix';
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
  memberForObjective,
} from './objective';
export { evaluateModel, evaluateLogits, crossEntropyOfLogits, type Evaluation, type EvaluateOptions } from './evaluate';
export { trainModel, type RegistryObjective, type TrainOptions, type TrainResult, type EpochRecord, type DataSplit, type EarlyStoppingOptions } from './trainModel';
export {
  trainGroup,
  estimateMemberBytes,
  type TrainGroupOptions,
  type GroupMemberResult,
  type StudentArchitecture,
  type TeacherArchitecture,
} from './trainGroup';
export { type MemberSpec, type TrainingData } from './prepare';
export { planGroups } from './groupPlan';
export { EarlyStoppingTracker, type EarlyStoppingVerdict } from './earlyStopping';
export { GroupAdam } from './adam';
export { type ModelGroup, type GroupOutputs, LayersModelGroup } from './modelGroup';
export { StackedDenseGroup, type StackedMember } from './stackedDenseGroup';
export { evaluateGroup } from './groupEvaluation';
export { gaussianClusters, type SyntheticSplit } from './syntheticClusters';
export { TrainingDivergedError } from './divergence';
