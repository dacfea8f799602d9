import type * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig, RoleConfig } from '../../config/types';
import type { MethodDefinition } from '../../methods/registry';
import type { FloatMatrix } from '../../tensors/matrix';
import type { MemberSpec } from '../../training';
import type { PreparedExperimentData } from '../prepare/prepareData';
import type { LabelledRowsRun } from '../prepare/runRows';
import type { TargetKind, TargetNeed } from './targetNeeds';

/** What a provider reads of a planned student run (a PlannedRun of src/pipeline/plan has all of it). */
export interface TargetRun extends LabelledRowsRun {
  runId: string;
  seed: number;
  method?: MethodDefinition;
  /** The method's settings (registry defaults filled in), e.g. `temperature`. */
  settings: Record<string, number>;
  runConfig: { method: string; teacherRunId: string | null; training: RoleConfig };
}

/**
 * Hands a computed target to a training member: the teacher's logits as `teacherLogits`,
 * every other kind under its name in `targets` (what the method's objective reads as
 * `inputs.targets[kind]`).
 */
export function attachTarget(member: MemberSpec, kind: TargetKind, logits: FloatMatrix): void {
  if (kind === 'teacher-logits') member.teacherLogits = logits;
  else member.targets = { ...member.targets, [kind]: logits };
}

/** A computed target: logits on the training split, plus what the run's summary records of it. */
export interface ComputedTarget {
  logits: FloatMatrix;
  /** Entries added to the run's summary.json (how the target was made, when that is worth recording). */
  summary?: Record<string, unknown>;
}

/** What providers read while a plan runs. */
export interface TargetContext {
  data: PreparedExperimentData;
  /** Folders of the plan's finished runs, by run id (the teachers' weights). */
  runDirectories: ReadonlyMap<string, string>;
  /** The target of a kind a provider builds on, for the same run (computed before it). */
  targetOf(kind: TargetKind, run: TargetRun): ComputedTarget;
  /** Targets computed during this plan's execution, by provider key (a provider's own cache). */
  computed: Map<string, ComputedTarget>;
  log: (line: string) => void;
  /** The plain twin of a run (its seed's plain student), for the self-distillation target; given by the executor. */
  plainTwin?: PlainTwin;
}

/** A run's plain twin (see src/pipeline/execute/selfTeacher.ts): its run id, and its model, loaded or trained. */
export interface PlainTwin {
  runIdOf(run: TargetRun): string;
  /** The twin's model (the caller disposes it), from its finished run or trained now. */
  model(run: TargetRun): Promise<{ model: tf.LayersModel; source: 'finished run' | 'trained for this run' }>;
}

/**
 * Computes, keys and caches one kind of derived target. A new kind of signal is a new
 * provider (listed in src/pipeline/targets/providers.ts) and the methods that declare its
 * kind in `derivedTargets`: nothing else changes.
 */
export interface TargetProvider {
  kind: TargetKind;
  /** What a run lacks when the target was not computed, e.g. "the logits of teacher run <id>". */
  describe(run: TargetRun): string;
  /** Entries this target adds to a run's config (hashed into the run id); none when absent. */
  runConfigEntries?(need: TargetNeed, config: ExperimentConfig, training: RoleConfig): object;
  /** Columns per training row (the device memory estimate of a stacked group). */
  columns(need: TargetNeed, data: PreparedExperimentData): number;
  /** The target of one run (cached by the provider's own key). */
  compute(run: TargetRun, need: TargetNeed, context: TargetContext): Promise<ComputedTarget>;
}
