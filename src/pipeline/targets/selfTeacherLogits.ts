import { predictLogits } from '../../training';
import type { ComputedTarget, TargetProvider } from './provider';

/**
 * Teacher-free self-distillation's teacher (`self-logits`): the fine logits, on the whole
 * training split, of the run's plain twin, the plain student (C) of its seed, loaded when
 * finished, else trained (see src/pipeline/execute/selfTeacher.ts, given to providers as
 * `context.plainTwin`). Cached once per plain run id, so every self-distilling run of one
 * seed shares it. Nothing is added to the run config: the plain twin is fixed by what the
 * run's config already holds (training, features, seed).
 */
export const selfTeacherLogitsProvider: TargetProvider = {
  kind: 'self-logits',
  describe: (run) => `the logits of the plain student of seed ${run.seed} (the self teacher)`,
  columns: (_need, data) => data.hierarchy.fineLabelNames.length,
  async compute(run, _need, context): Promise<ComputedTarget> {
    const twin = context.plainTwin;
    if (!twin) throw new Error(`run ${run.runId}: self-logits needs the executor's plain twin (context.plainTwin)`);
    const runId = twin.runIdOf(run);
    const key = `self-logits:${runId}`;
    const cached = context.computed.get(key);
    if (cached) return cached;
    const { model, source } = await twin.model(run);
    try {
      const target: ComputedTarget = {
        logits: predictLogits(model, context.data.train.x),
        summary: { selfTeacher: { runId, source } },
      };
      context.computed.set(key, target);
      return target;
    } finally {
      model.dispose();
    }
  },
};
