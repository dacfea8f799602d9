/** Loss functions of (heterogeneous) knowledge distillation; all take logits. */
export { crossEntropyLoss, softCrossEntropyLoss, smoothedTargets } from './crossEntropy';
export { softenedProbabilities, distillationLoss } from './distillation';
export { combinedLoss } from './combinedLoss';
export { dualDistillationLoss, type PerModelValue } from './dualDistillation';
export { maskedBatchMean, maskedCrossEntropyLoss, maskedSoftCrossEntropyLoss } from './maskedMean';
export { paperWorkedExample } from './workedExample';
export {
  softmax,
  logSoftmax,
  klDivergence,
  entropy,
  crossEntropy,
  softCrossEntropy,
  distillationLossValue,
  combineLossValues,
  smoothedTarget,
} from './numericLosses';
export { decoupledDistillationTerms, type DecoupledDistillationTerms } from './decoupledDistillation';
export { composedTeacherLogProbabilities, composedTeacherLoss, type WithinGroup } from './composedTeacher';
export { decoupledDistillationValues, composedTeacherTarget, composedTeacherValue } from './numericDecoupled';
export {
  checkFineToCoarse,
  hierarchyDistances,
  hierarchySoftTargets,
  hierarchyPathLogProbabilities,
  hierarchicalCrossEntropyLoss,
} from './hierarchy';
export { virtualTeacherLogits } from './virtualTeacher';
