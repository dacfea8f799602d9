/**
 * What the cost model needs to know of a run besides its epochs: whether it already
 * finished, and how many training rows it trains on per epoch. Both are read from the run
 * config alone, so a planned run (planned before any data loads, against stand-in data) and
 * a finished run folder (its config.json) can be compared.
 */
import type { RoleConfig } from '../config/types';
import { fewLabelProtocolOf, type TeacherRowsEntry } from '../pipeline/prepare/fewLabelProtocol';
import { canonicalHash } from '../util/canonicalHash';

/** The run-config fields the cost keys read (a planned run's runConfig, or a finished run's config.json `config`). */
export interface CostRunConfig {
  role: 'teacher' | 'student';
  training: RoleConfig;
  labelledRows?: TeacherRowsEntry;
  teacherRunId?: string | null;
  features?: unknown;
  inputDimension?: number;
  hierarchy?: { name: string };
}

/**
 * Share of the training split a run trains on per epoch: a teacher planned on the labelled
 * rows only (its `labelledRows`) trains on that fraction; a few-label student in 'drop'
 * mode on its labelled fraction; a 'distill' student on every row (the unlabelled ones
 * carry only the teacher's targets); every other run on all rows (1).
 */
export function trainingRowShare(config: Pick<CostRunConfig, 'role' | 'training' | 'labelledRows'>): number {
  if (config.role === 'teacher') return config.labelledRows?.labelledFraction ?? 1;
  const protocol = fewLabelProtocolOf(config.training);
  return protocol && protocol.unlabelledInputs === 'drop' ? protocol.labelledFraction : 1;
}

/**
 * A run's key for "is it finished?": a hash of its run config and seed without what only
 * the prepared data fixes (the features' fingerprint and width, the hierarchy's groups,
 * which the study's cost model plans against stand-ins), its teacher named by the
 * teacher's own key. Two runs with one key are the same training up to the data's content.
 * `keyOfTeacher` gives the key of a teacher run id (undefined when unknown: the id stays).
 */
export function costRunKey(
  config: CostRunConfig,
  seed: number,
  keyOfTeacher: (runId: string) => string | undefined,
): string {
  const { features: _features, inputDimension: _width, hierarchy, teacherRunId, ...rest } = config;
  const teacher = teacherRunId ? (keyOfTeacher(teacherRunId) ?? teacherRunId) : null;
  return canonicalHash({ ...rest, hierarchy: hierarchy?.name ?? null, teacher, seed });
}

/**
 * The cost keys of a set of runs (planned or finished) by run id: teachers first, so each
 * student names its teacher by the teacher's key.
 */
export function costRunKeys(runs: Array<{ runId: string; seed: number; config: CostRunConfig }>): Map<string, string> {
  const keys = new Map<string, string>();
  const ordered = [...runs].sort(
    (first, second) => Number(first.config.role === 'student') - Number(second.config.role === 'student'),
  );
  for (const run of ordered)
    keys.set(
      run.runId,
      costRunKey(run.config, run.seed, (id) => keys.get(id)),
    );
  return keys;
}
