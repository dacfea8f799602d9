/**
 * One epoch's figures. Loss terms are example-weighted means over the training batches
 * (dropout on). `validationLoss` is ALWAYS the mean cross-entropy of the prediction head
 * against the evaluation targets (fine labels; coarse labels for a coarse teacher) with
 * dropout off, whatever the objective, so that it compares across methods and does not
 * need teacher logits for the validation split.
 */
export interface EpochRecord {
  epoch: number;
  totalLoss: number;
  studentLoss: number;
  distillationLoss?: number;
  auxiliaryLoss?: number;
  /** Terms of a registered method other than student / distillation / auxiliary, by name. */
  otherLosses?: Record<string, number>;
  validationLoss: number;
  validationAccuracy: number;
  validationMacroF1: number;
  testLoss?: number;
  testAccuracy?: number;
  testMacroF1?: number;
  /**
   * Wall time of the epoch, training and evaluation; in a group of K models trained
   * together, the group's epoch time divided by the models it trained that epoch.
   */
  seconds: number;
}

/** What training one model returns. */
export interface TrainResult {
  history: EpochRecord[];
  /** Epoch (1-based) with the best monitored figure (validationLoss unless early stopping says otherwise). */
  bestEpoch: number;
  bestRecord: EpochRecord;
  /** Last epoch run. */
  stoppedEpoch: number;
  stoppedEarly: boolean;
  /** True when the model now holds the best epoch's weights. */
  restoredBestWeights: boolean;
  /** Sum of its epochs' seconds. */
  seconds: number;
}

/** The record fields of a method's loss terms (`total` → totalLoss, `student` → studentLoss, ...). */
export function lossFields(
  terms: Record<string, number>,
): Pick<EpochRecord, 'totalLoss' | 'studentLoss' | 'distillationLoss' | 'auxiliaryLoss' | 'otherLosses'> {
  const { total, student, distillation, auxiliary, ...others } = terms;
  return {
    totalLoss: total,
    studentLoss: student ?? total,
    ...(distillation !== undefined ? { distillationLoss: distillation } : {}),
    ...(auxiliary !== undefined ? { auxiliaryLoss: auxiliary } : {}),
    ...(Object.keys(others).length ? { otherLosses: others } : {}),
  };
}
