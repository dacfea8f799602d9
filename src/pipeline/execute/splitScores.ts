/**
 * The validation and test scores a run's summary records: accuracy, macro-F1, NLL, the group
 * scores and mistake severity of fine-label runs, top-3 accuracy, and calibration before and
 * after temperature scaling fitted on the validation logits.
 */
import type * as tf from '@tensorflow/tfjs';
import { mergeTreeLcaHeights, mistakeSeverity, type TreeMerge, withinGroupErrors } from '../../metrics';
import type { PipelineRunSummary, SplitScores } from '../../results/runSummary';
import {
  evaluateModel,
  type Evaluation,
  reliabilityRecords,
  type ScaledScores,
  temperatureScaling,
} from '../../training';
import type { PlannedRun } from '../plan/planRuns';
import type { PreparedExperimentData, PreparedSplit } from '../prepare/prepareData';
import type { RunTrainingData } from './roleData';

function evaluateSplit(
  model: tf.LayersModel,
  split: PreparedSplit,
  run: PlannedRun,
  data: PreparedExperimentData,
): { evaluation: Evaluation; labels: number[] } {
  const coarse = run.runConfig.target === 'coarse';
  const labels = coarse ? split.coarseLabels : split.fineLabels;
  const evaluation = evaluateModel(model, split.x, labels, {
    fineClassCount: coarse ? data.hierarchy.coarseLabelNames.length : data.hierarchy.fineLabelNames.length,
    fineToCoarse: coarse ? undefined : data.hierarchy.fineToCoarse,
  });
  return { evaluation, labels };
}

function scores(
  { evaluation, labels }: ReturnType<typeof evaluateSplit>,
  run: PlannedRun,
  data: PreparedExperimentData,
  scaled: ScaledScores & { temperature: number },
  detailed: boolean,
): SplitScores {
  const coarse = run.runConfig.target === 'coarse';
  const grouped = coarse ? undefined : withinGroupErrors(labels, evaluation.predictions, data.hierarchy.fineToCoarse);
  const tree = coarse ? undefined : mergeTreeHeights(data);
  return {
    accuracy: evaluation.accuracy,
    macroF1: evaluation.macroF1,
    crossEntropy: evaluation.crossEntropy,
    impliedCoarseAccuracy: evaluation.impliedCoarseAccuracy,
    ...(grouped ? { withinGroupErrorShare: grouped.withinGroupShare } : {}),
    ...(detailed ? { perClassF1: evaluation.perClassF1, confusionMatrix: evaluation.confusionMatrix } : {}),
    ...(coarse
      ? {}
      : {
          topThreeAccuracy: evaluation.topThreeAccuracy,
          mistakeSeverity: evaluation.severity?.mistakeSeverity,
          hierarchicalDistance: evaluation.severity?.hierarchicalDistance,
        }),
    expectedCalibrationError: evaluation.calibration.expectedCalibrationError,
    temperature: scaled.temperature,
    scaledCrossEntropy: scaled.crossEntropy,
    scaledExpectedCalibrationError: scaled.expectedCalibrationError,
    ...(detailed ? { reliabilityBins: reliabilityRecords(evaluation.calibration.bins) } : {}),
    ...(tree ? { treeMistakeSeverity: mistakeSeverity(labels, evaluation.predictions, tree).mistakeSeverity } : {}),
  };
}

/** LCA heights on the full merge tree of a discovered hierarchy (undefined for hand-made two-level ones). */
function mergeTreeHeights(data: PreparedExperimentData): number[][] | undefined {
  const merges = (data.hierarchy as { merges?: TreeMerge[] }).merges;
  const classCount = data.hierarchy.fineLabelNames.length;
  return Array.isArray(merges) && merges.length === classCount - 1
    ? mergeTreeLcaHeights(merges, classCount)
    : undefined;
}

/** Validation and test scores of a trained run, with temperature scaling fitted on the validation logits. */
export function splitScores(
  model: tf.LayersModel,
  training: RunTrainingData,
  run: PlannedRun,
  data: PreparedExperimentData,
): Pick<PipelineRunSummary, 'validation' | 'test'> {
  const validation = evaluateSplit(model, training.validation, run, data);
  const test = evaluateSplit(model, training.test, run, data);
  const scaling = temperatureScaling(validation, test);
  const { temperature } = scaling;
  return {
    validation: scores(validation, run, data, { temperature, ...scaling.validation }, false),
    test: scores(test, run, data, { temperature, ...scaling.test }, true),
  };
}
