import { expectedCalibrationError, fitTemperature, negativeLogLikelihood, type ReliabilityBin } from '../metrics';
import type { Evaluation } from './evaluate';

/** Calibration scores of one split after temperature scaling. */
export interface ScaledScores {
  /** Mean NLL of softmax(logits / T), natural log. */
  crossEntropy: number;
  /** Expected calibration error (15 bins) of softmax(logits / T). */
  expectedCalibrationError: number;
}

/** What {@link temperatureScaling} returns. */
export interface TemperatureScaling {
  /** T fitted on the validation logits. */
  temperature: number;
  validation: ScaledScores;
  test: ScaledScores;
}

/**
 * Temperature scaling (Guo et al., ICML 2017): one scalar T > 0 fitted on the validation
 * split's logits by minimising NLL (see fitTemperature), then NLL and ECE of
 * softmax(z / T) on both splits. The predictions, hence accuracy, do not change.
 */
export function temperatureScaling(
  validation: { evaluation: Evaluation; labels: ArrayLike<number> },
  test: { evaluation: Evaluation; labels: ArrayLike<number> },
): TemperatureScaling {
  const temperature = fitTemperature(validation.evaluation.logits, validation.labels);
  const scaled = ({ evaluation, labels }: { evaluation: Evaluation; labels: ArrayLike<number> }): ScaledScores => ({
    crossEntropy: negativeLogLikelihood(evaluation.logits, labels, temperature),
    expectedCalibrationError: expectedCalibrationError(evaluation.logits, labels, { temperature })
      .expectedCalibrationError,
  });
  return { temperature, validation: scaled(validation), test: scaled(test) };
}

/** Reliability bins as JSON can hold them: an empty bin's NaN confidence and accuracy become null. */
export function reliabilityRecords(
  bins: readonly ReliabilityBin[],
): Array<{ count: number; confidence: number | null; accuracy: number | null }> {
  return bins.map(({ count, confidence, accuracy }) =>
    count === 0 ? { count, confidence: null, accuracy: null } : { count, confidence, accuracy },
  );
}
