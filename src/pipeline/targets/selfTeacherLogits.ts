import { plainMethod } from '../../methods/plain';
import { loadModelFromRun } from '../../runs';
import { predictLogits, trainModel } from '../../training';
import { silentProgress } from '../../util/progress';
import { buildModel, earlyStoppingOf } from '../execute/trainRole';
import { runTrainingData } from '../execute/roleData';
import { type PlannedRun, type RunConfig, runIdFor } from '../plan/planRuns';
import type { ComputedTarget, TargetProvider, TargetRun } from './provider';

/**
 * The plain student (C) a self-distilling run learns from: the same experiment, features,
 * hierarchy, student training config (labelled rows included) and seed, method `plain`.
 * Its run id is exactly the id of C's run of that seed in the same comparison.
 */
export function selfTeacherRun(run: TargetRun): PlannedRun {
  // A self-distilling run adds no provider entries to its config: the rest is C's config.
  const runConfig: RunConfig = {
    ...(run.runConfig as RunConfig),
    method: plainMethod.name,
    methodSettings: {},
    teacherRunId: null,
  };
  return {
    ...(run as PlannedRun),
    runId: runIdFor(runConfig, run.seed),
    role: { kind: 'student', method: plainMethod.name },
    runConfig,
    method: plainMethod,
    settings: {},
  };
}

/**
 * Teacher-free self-distillation's teacher (`self-logits`): the fine logits, on the whole
 * training split, of the plain student of the run's seed (see {@link selfTeacherRun}). When
 * that run is already finished in this plan's folders (C reused or trained before), its
 * weights are loaded; otherwise the same network is trained here from the same seed, data
 * and settings (not recorded as a run). Cached once per plain run id, so every
 * self-distilling run of one seed shares it. Nothing is added to the run config: the
 * plain twin is fixed by what the run's config already holds (training, features, seed).
 */
export const selfTeacherLogitsProvider: TargetProvider = {
  kind: 'self-logits',
  describe: (run) => `the logits of the plain student ${selfTeacherRun(run).runId} (the self teacher)`,
  columns: (_need, data) => data.hierarchy.fineLabelNames.length,
  async compute(run, _need, context): Promise<ComputedTarget> {
    const plain = selfTeacherRun(run);
    const key = `self-logits:${plain.runId}`;
    const cached = context.computed.get(key);
    if (cached) return cached;
    const directory = context.runDirectories.get(plain.runId);
    const model = directory ? await loadModelFromRun(directory) : buildModel(plain, context.data);
    try {
      if (!directory) {
        context.log(`seed ${run.seed}: training the plain student ${plain.runId} as the self teacher`);
        const training = plain.runConfig.training;
        const splits = runTrainingData(plain, context.data);
        await trainModel({
          model,
          objective: {
            method: plainMethod.name,
            ...(splits.labelledMask ? { labelledMask: splits.labelledMask } : {}),
          },
          data: { train: splits.train, validation: splits.validation },
          epochs: training.epochs,
          batchSize: training.batchSize,
          learningRate: training.learningRate,
          seed: plain.seed,
          earlyStopping: earlyStoppingOf(plain),
          progress: silentProgress,
        });
      }
      const target: ComputedTarget = {
        logits: predictLogits(model, context.data.train.x),
        summary: { selfTeacher: { runId: plain.runId, source: directory ? 'finished run' : 'trained for this run' } },
      };
      context.computed.set(key, target);
      return target;
    } finally {
      model.dispose();
    }
  },
};
