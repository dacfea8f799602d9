import { loadModelFromRun } from '../../runs';
import { predictLogits } from '../../training';
import { teacherTrainFeatures } from '../prepare/runRows';
import type { ComputedTarget, TargetProvider } from './provider';

/**
 * A teacher's logits on the training split (the teachers' own features when
 * `teacher.features` is set): read from its finished run's weights once per teacher run
 * in a plan's execution (keyed by the teacher's run id).
 */
export const teacherLogitsProvider: TargetProvider = {
  kind: 'teacher-logits',
  describe: (run) => `the logits of teacher run ${run.runConfig.teacherRunId}`,
  columns: (need, data) =>
    (need.teacher === 'coarse' ? data.hierarchy.coarseLabelNames : data.hierarchy.fineLabelNames).length,
  async compute(run, _need, context): Promise<ComputedTarget> {
    const teacherRunId = run.runConfig.teacherRunId;
    if (teacherRunId === null)
      throw new Error(`run ${run.runId}: method ${run.runConfig.method} distils from no teacher`);
    const key = `teacher-logits:${teacherRunId}`;
    const cached = context.computed.get(key);
    if (cached) return cached;
    const directory = context.runDirectories.get(teacherRunId);
    if (!directory) throw new Error(`teacher run ${teacherRunId} is not in the plan`);
    const model = await loadModelFromRun(directory);
    try {
      const target = { logits: predictLogits(model, teacherTrainFeatures(context.data)) };
      context.computed.set(key, target);
      return target;
    } finally {
      model.dispose();
    }
  },
};
