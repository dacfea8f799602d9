import type { ExperimentConfig, RoleConfig } from '../../config/types';
import { registeredMethods, resolveMethodSettings, type MethodDefinition } from '../../methods/registry';
import { canonicalHash } from '../../util/canonicalHash';
import type { PreparedExperimentData } from '../prepare/prepareData';
import { targetProvider, type ProviderRunConfigEntries } from '../targets/providers';
import { targetNeedsOf } from '../targets/targetNeeds';
import { studentTraining, teacherRowsOf, type TeacherRowsEntry } from '../prepare/fewLabelProtocol';
import { roleName, type Role } from './role';

export { studentTraining } from '../prepare/fewLabelProtocol';

/** Stable short hash of a JSON-able value (the canonical hash of run ids and cache keys). */
export function configHash(value: unknown): string {
  return canonicalHash(value);
}

/** One point of a sweep (a plain comparison is one point with an empty label). */
export interface PlanPoint {
  /** `key=value, key=value` of the swept settings; '' when nothing is swept. */
  label: string;
  /** The swept settings of this point. */
  assignments: Record<string, unknown>;
  config: ExperimentConfig;
}

/** Which runs a stage trains. */
export type Stage = 'all' | 'teachers' | 'baseline';

/**
 * Which teachers a plan trains at stage 'all': both (`all`, the default: a comparison
 * reports the coarse and the fine teacher side by side), or only those its methods
 * distil from (`needed`: a study part of A, C and D trains no fine teacher).
 */
export type TeacherChoice = 'all' | 'needed';

/**
 * The resolved configuration of one run: what config.json records and what its id hashes.
 * The targets a student's method trains on may add entries (see the target providers in
 * src/pipeline/targets), so their settings are part of the run id.
 */
export interface RunConfig extends ProviderRunConfigEntries {
  experiment: string;
  role: 'teacher' | 'student';
  method: string;
  target: 'coarse' | 'fine';
  methodSettings: Record<string, unknown>;
  training: RoleConfig;
  dataset: unknown;
  encoder: unknown;
  hierarchy: { name: string; fineToCoarse: number[]; coarseLabelNames: string[] };
  features: unknown;
  inputDimension: number;
  teacherRunId: string | null;
  /**
   * Teachers of a few-label regime that train on the labelled rows only
   * (`student.fineTeacherRows` / `coarseTeacherRows` 'labelled', labelledFraction < 1): the
   * fraction, subset rule and validation rule of those rows (with the seed in the run id,
   * they name the rows). Absent for a teacher that sees every row (every all-label run).
   */
  labelledRows?: TeacherRowsEntry;
}

/** One training the plan needs (teacher or student, one seed). */
export interface PlannedRun {
  runId: string;
  role: Role;
  seed: number;
  /** Labels of the sweep points that use this run (a plain student is shared by every point of a T sweep). */
  points: string[];
  /** The config of the first point that planned it. */
  config: ExperimentConfig;
  runConfig: RunConfig;
  /** The student's method (undefined for teachers). */
  method?: MethodDefinition;
  /** Settings the method's objective reads (registry defaults filled in). */
  settings: Record<string, number>;
}

/** Teachers first (students need their logits), then students; each unique by run id. */
export interface TrainingPlan {
  points: PlanPoint[];
  teachers: PlannedRun[];
  students: PlannedRun[];
}

/** The student methods a config asks for, in the registry's order. */
export function configuredMethods(config: ExperimentConfig): MethodDefinition[] {
  const methods = config.methods as Record<string, unknown> | undefined;
  if (!methods || typeof methods !== 'object') throw new Error(`experiment ${config.name}: "methods" is missing`);
  return Object.keys(methods)
    .filter((key) => methods[key] !== undefined)
    .map((key) => {
      const method = registeredMethods().find((definition) => definition.configKey === key);
      if (!method)
        throw new Error(
          `experiment ${config.name}: unknown method key "methods.${key}"; known: ${registeredMethods()
            .map((definition) => definition.configKey)
            .join(', ')}`,
        );
      return method;
    })
    .sort((a, b) => a.order - b.order);
}

/** A method's settings from a config, with the registry's defaults for any left out. */
export function methodSettings(method: MethodDefinition, config: ExperimentConfig): Record<string, number> {
  const given = ((config.methods as Record<string, unknown>)[method.configKey] ?? {}) as Record<string, number>;
  return resolveMethodSettings(method, given);
}

/** The resolved run config of a role (pure: the same inputs give the same id on any machine). */
export function runConfigFor(
  role: Role,
  config: ExperimentConfig,
  data: PreparedExperimentData,
  settings: Record<string, unknown>,
  teacherRunId: string | null,
): RunConfig {
  // Teachers with their own features (teacher.features) record those; students the experiment's.
  const ownFeatures = role.kind === 'teacher' && data.teacherFeatures !== undefined;
  const features =
    role.kind === 'teacher' && config.teacher.features !== undefined ? config.teacher.features : config.features;
  // What a teacher reads is recorded once, in `encoder` / `features` / `inputDimension`, so a
  // teacher on TF-IDF is the same run whether TF-IDF is its own (teacher.features) or the
  // experiment's features.
  const { features: _teacherFeatures, ...teacherTraining } = config.teacher;
  const teacherRows = role.kind === 'teacher' ? teacherRowsOf(config.student, role.target) : undefined;
  return {
    experiment: config.name,
    role: role.kind,
    method: roleName(role),
    target: role.kind === 'teacher' ? role.target : 'fine',
    methodSettings: settings,
    training: role.kind === 'teacher' ? teacherTraining : studentTraining(config.student),
    dataset: config.dataset,
    encoder: features.kind === 'encoder' ? features.encoder : features,
    hierarchy: {
      name: data.hierarchy.name,
      fineToCoarse: data.hierarchy.fineToCoarse,
      coarseLabelNames: data.hierarchy.coarseLabelNames,
    },
    features: ownFeatures ? data.teacherFeatures!.featuresId : data.featuresId,
    inputDimension: ownFeatures ? data.teacherFeatures!.inputDimension : data.inputDimension,
    teacherRunId,
    ...(teacherRows ? { labelledRows: teacherRows } : {}),
  };
}

/** `seed<k>-<role>-<hash of the resolved config and seed>`. */
export function runIdFor(runConfig: RunConfig, seed: number): string {
  return `seed${seed}-${runConfig.method}-${configHash({ runConfig, seed })}`;
}

/** The teacher whose logits a method distils from (its `teacher-logits` target), if any. */
function teacherOf(method: MethodDefinition): 'coarse' | 'fine' | undefined {
  return targetNeedsOf(method).find((need) => need.kind === 'teacher-logits')?.teacher;
}

/**
 * Every training a set of points needs, each once: teachers per (seed, target, teacher
 * config), students per (point, seed, method), deduplicated by run id (so a plain student
 * or a teacher shared by every point of a sweep is planned once and listed under each
 * point). Pure: reads no files; reuse of finished runs is decided when the plan runs.
 * `teacherChoice` 'needed' leaves out a teacher no method of a point distils from.
 */
export function planRuns(
  points: PlanPoint[],
  data: PreparedExperimentData,
  stage: Stage = 'all',
  teacherChoice: TeacherChoice = 'all',
): TrainingPlan {
  if (points.length === 0) throw new Error('planRuns: no points');
  const teachers = new Map<string, PlannedRun>();
  const students = new Map<string, PlannedRun>();
  const add = (into: Map<string, PlannedRun>, run: Omit<PlannedRun, 'points'>, point: string) => {
    const existing = into.get(run.runId);
    if (existing) {
      if (!existing.points.includes(point)) existing.points.push(point);
      return existing;
    }
    const planned = { ...run, points: [point] };
    into.set(run.runId, planned);
    return planned;
  };
  for (const point of points) {
    const { config } = point;
    const methods = stage === 'all' ? configuredMethods(config) : [];
    const needed = (['coarse', 'fine'] as const).filter((target) =>
      methods.some((method) => teacherOf(method) === target),
    );
    const targets: Array<'coarse' | 'fine'> =
      stage === 'baseline' ? ['fine'] : stage === 'all' && teacherChoice === 'needed' ? needed : ['coarse', 'fine'];
    for (const seed of config.seeds) {
      const teacherIds: Partial<Record<'coarse' | 'fine', string>> = {};
      for (const target of targets) {
        const role: Role = { kind: 'teacher', target };
        const runConfig = runConfigFor(role, config, data, {}, null);
        const run = add(
          teachers,
          { runId: runIdFor(runConfig, seed), role, seed, config, runConfig, settings: {} },
          point.label,
        );
        teacherIds[target] = run.runId;
      }
      for (const method of methods) {
        const role: Role = { kind: 'student', method: method.name };
        const settings = methodSettings(method, config);
        const teacher = teacherOf(method);
        const teacherRunId = teacher === undefined ? null : (teacherIds[teacher] ?? null);
        if (teacher !== undefined && !teacherRunId)
          throw new Error(`method ${method.name} needs the ${teacher} teacher, which this stage does not train`);
        const runConfig = runConfigFor(role, config, data, settings, teacherRunId);
        for (const need of targetNeedsOf(method))
          Object.assign(runConfig, targetProvider(need.kind).runConfigEntries?.(need, config, runConfig.training));
        add(
          students,
          { runId: runIdFor(runConfig, seed), role, seed, config, runConfig, method, settings },
          point.label,
        );
      }
    }
  }
  return { points, teachers: [...teachers.values()], students: [...students.values()] };
}
