/**
 * The plain twin a self-distilling run (Tf-KD self, method I) learns from: the plain student
 * (C) of the same experiment, features, hierarchy, student training config (labelled rows
 * included) and seed. Its run id is exactly the id of C's run of that seed, so a finished C
 * is loaded; otherwise the same network is trained here from the same seed, data and
 * settings (not recorded as a run). The `self-logits` provider reaches it through its
 * TargetContext (the targets layer sits below planning and training).
 */
import type * as tf from '@tensorflow/tfjs';
import { plainMethod } from '../../methods/plain';
import { loadModelFromRun } from '../../runs';
import { trainModel } from '../../training';
import { silentProgress } from '../../util/progress';
import { type PlannedRun, type RunConfig, runIdFor } from '../plan/planRuns';
import type { PlainTwin, TargetRun } from '../targets/provider';
import { runTrainingData } from './roleData';
import { buildModel, earlyStoppingOf } from './trainRole';

/** The plain student run of `run`'s seed and config (method `plain`, no teacher, no settings). */
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

/** The {@link PlainTwin} of a plan: finished runs by id, and the data to train a missing one on. */
export function plainTwinOf(
  data: Parameters<typeof runTrainingData>[1],
  runDirectories: ReadonlyMap<string, string>,
  log: (line: string) => void,
): PlainTwin {
  return {
    runIdOf: (run) => selfTeacherRun(run).runId,
    async model(run): Promise<{ model: tf.LayersModel; source: 'finished run' | 'trained for this run' }> {
      const plain = selfTeacherRun(run);
      const directory = runDirectories.get(plain.runId);
      if (directory) return { model: await loadModelFromRun(directory), source: 'finished run' };
      log(`seed ${run.seed}: training the plain student ${plain.runId} as the self teacher`);
      const model = buildModel(plain, data);
      try {
        const training = plain.runConfig.training;
        const splits = runTrainingData(plain, data);
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
      } catch (error) {
        model.dispose();
        throw error;
      }
      return { model, source: 'trained for this run' };
    },
  };
}
