import { groupRuns } from '../pipeline/execute/groupRuns';
import { roleName } from '../pipeline/plan/role';
import type { PlannedRun } from '../pipeline/plan/planRuns';
import type { CostGroup } from './costModel';
import { costRunKeys, trainingRowShare } from './costRunKeys';
import { planStudyByData } from './studyCost';
import { fitStackedEpochCost, memberEpochSeconds, type StackedEpochCost } from './stackedEpochCost';
import type { StudyPart } from './studyParts';

/** A finished run as the cost model reads it (a run folder's summary and its early-stopping setting). */
export interface MeasuredRun {
  role: 'teacher' | 'student';
  /** 'teacher-coarse', 'teacher-fine' or the student method. */
  method: string;
  epochsRun: number;
  trainingSeconds: number;
  /** False for a fixed-length run (early stopping off): its epochs say nothing about a typical stop. */
  earlyStopped: boolean;
  /** Members of the stacked group it trained in (1 when alone). */
  groupSize: number;
  /** Share of the training split it trained on per epoch (see trainingRowShare); default 1. */
  rowShare?: number;
}

/** A study call that trained some of the measured runs: its wall seconds and the runs it trained. */
export interface MeasuredCall {
  seconds: number;
  runs: MeasuredRun[];
}

/** What the cost model needs beside the plan: seconds of one run's epoch per role, and typical epochs per method. */
export interface CostInputs {
  /** Seconds of one teacher's epoch on every training row (a run on a share f of the rows costs f of it). */
  teacherSecondsPerEpoch: number;
  /** Seconds of one student's epoch on every training row, likewise. */
  studentSecondsPerEpoch: number;
  /** Mean epochs of the finished early-stopped runs, per method. */
  typicalEpochs: Map<string, number>;
  /** Seconds a group costs besides its epochs (0 when no measured call says). */
  fixedSecondsPerGroup: number;
  /** Finished runs the inputs come from. */
  measuredRuns: number;
  /** A member's epoch by its group's size, per role (see stackedEpochCost.ts); absent or NaN: the flat seconds per epoch above. */
  stacked?: Partial<Record<CostGroup['role'], StackedEpochCost>>;
  /** Mean epochs of the finished early-stopped runs per role: the epochs of a method no run measures (else the default). */
  roleEpochs?: Partial<Record<CostGroup['role'], number>>;
}

/**
 * Seconds per group besides training epochs, from one measured call: (its wall seconds -
 * the trainingSeconds of the runs it trained) / its groups, a group of k members counting
 * 1/k per member; 0 without a call or runs.
 */
export function fixedSecondsPerGroup(call: MeasuredCall | undefined): number {
  if (!call || call.runs.length === 0) return 0;
  const training = call.runs.reduce(
    (sum, run) => sum + (Number.isFinite(run.trainingSeconds) ? run.trainingSeconds : 0),
    0,
  );
  const groups = call.runs.reduce((sum, run) => sum + 1 / run.groupSize, 0);
  return Math.max(0, call.seconds - training) / groups;
}

/**
 * Epochs assumed for an early-stopped run of a method no finished run measures: 15 (the
 * figure the study's estimate has always assumed), at most the run's maximum epochs.
 */
export const defaultEarlyStoppedEpochs = 15;

/**
 * Seconds of one run's epoch on every training row, from finished runs: sum of their
 * trainingSeconds / sum of their epochsRun x rowShare (a run on 10 % of the rows counts a
 * tenth of an epoch per epoch: per-epoch time is taken as linear in the rows). NaN without epochs.
 */
export function secondsPerRowEpoch(runs: MeasuredRun[]): number {
  const rowEpochs = runs.reduce((sum, run) => sum + run.epochsRun * (run.rowShare ?? 1), 0);
  const seconds = runs.reduce((sum, run) => sum + (Number.isFinite(run.trainingSeconds) ? run.trainingSeconds : 0), 0);
  return rowEpochs > 0 ? seconds / rowEpochs : Number.NaN;
}

/**
 * Cost inputs from finished runs: seconds per run-epoch on every row per role
 * ({@link secondsPerRowEpoch}), and per group size (fitStackedEpochCost over the
 * early-stopped runs); mean epochs per method and per role; the fixed seconds per group of
 * the call that trained some of them.
 */
export function measuredCostInputs(runs: MeasuredRun[], call?: MeasuredCall): CostInputs {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const typicalEpochs = new Map<string, number>();
  const byMethod = new Map<string, number[]>();
  for (const run of runs)
    if (run.earlyStopped) byMethod.set(run.method, [...(byMethod.get(run.method) ?? []), run.epochsRun]);
  for (const [method, epochs] of byMethod) typicalEpochs.set(method, mean(epochs));
  const roleEpochs: CostInputs['roleEpochs'] = {};
  for (const role of ['teacher', 'student'] as const) {
    const epochs = runs.filter((run) => run.role === role && run.earlyStopped).map((run) => run.epochsRun);
    if (epochs.length > 0) roleEpochs[role] = mean(epochs);
  }
  return {
    teacherSecondsPerEpoch: secondsPerRowEpoch(runs.filter((run) => run.role === 'teacher')),
    studentSecondsPerEpoch: secondsPerRowEpoch(runs.filter((run) => run.role === 'student')),
    typicalEpochs,
    fixedSecondsPerGroup: fixedSecondsPerGroup(call),
    measuredRuns: runs.length,
    // Early-stopped runs only: a fixed-length (curve) run also scores the test split every epoch.
    stacked: {
      teacher: fitStackedEpochCost(runs.filter((run) => run.role === 'teacher' && run.earlyStopped)),
      student: fitStackedEpochCost(runs.filter((run) => run.role === 'student' && run.earlyStopped)),
    },
    roleEpochs,
  };
}

/** A run's expected epochs: its fixed epochs with early stopping off, else its method's typical epochs (else its role's, else the default), at most its maximum. */
export function expectedEpochs(
  run: PlannedRun,
  typicalEpochs: Map<string, number>,
  roleEpochs: CostInputs['roleEpochs'] = {},
): number {
  const training = run.runConfig.training;
  if (training.earlyStopping === false) return training.epochs;
  const typical = typicalEpochs.get(roleName(run.role)) ?? roleEpochs[run.role.kind] ?? defaultEarlyStoppedEpochs;
  return Math.min(training.epochs, typical);
}

/** Seconds of a member's epoch of `role` on every row in a group of `size`: the stacked fit when measured, else the flat figure. */
function memberSeconds(inputs: CostInputs, role: CostGroup['role'], size: number): number {
  const stacked = inputs.stacked?.[role];
  if (stacked && Number.isFinite(stacked.perMember) && Number.isFinite(stacked.perGroup))
    return memberEpochSeconds(stacked, size);
  return role === 'teacher' ? inputs.teacherSecondsPerEpoch : inputs.studentSecondsPerEpoch;
}

/**
 * Cost groups of some runs of one role and one data (chain), as one process stacks them
 * (groupRuns with `groupSize`; the memory bound is left out, it needs the data): a group
 * costs its members' expected epochs x the role's seconds of a member's epoch in a group of
 * its size x the share of the rows its members train on (one share per group: groupRuns
 * keeps different rows apart).
 */
export function costGroupsOf(
  runs: PlannedRun[],
  role: CostGroup['role'],
  chain: string,
  groupSize: number,
  inputs: CostInputs,
): CostGroup[] {
  return groupRuns(runs, { groupSize }).map((group) => ({
    role,
    chain,
    runs: group.length,
    runEpochs: group.reduce((sum, run) => sum + expectedEpochs(run, inputs.typicalEpochs, inputs.roleEpochs), 0),
    secondsPerRunEpoch: memberSeconds(inputs, role, group.length) * trainingRowShare(group[0].runConfig),
    fixedSeconds: inputs.fixedSecondsPerGroup,
    firstRunId: group[0].runId,
  }));
}

/**
 * The study's stacked groups as one process forms them ({@link costGroupsOf}): per group of
 * points that shares data, its teachers not planned by an earlier part, then its students
 * likewise; the chain of a group is the data it shares, so students wait for the teachers
 * of their data. With `finished` (cost keys of finished runs, see costRunKeys), only the runs
 * left: what a resumed study trains.
 */
export function planStudyGroups(
  parts: StudyPart[],
  groupSize: number,
  inputs: CostInputs,
  finished?: ReadonlySet<string>,
): CostGroup[] {
  const planned = planStudyByData(parts);
  const keys = finished
    ? costRunKeys(
        planned.flatMap(({ plan }) =>
          [...plan.teachers, ...plan.students].map((run) => ({
            runId: run.runId,
            seed: run.seed,
            config: run.runConfig,
          })),
        ),
      )
    : new Map<string, string>();
  const seen = new Set<string>();
  const fresh = (runs: PlannedRun[]) =>
    runs.filter((run) => {
      if (seen.has(run.runId)) return false;
      seen.add(run.runId);
      return !finished?.has(keys.get(run.runId)!);
    });
  return planned.flatMap(({ dataKey, plan }) => [
    ...costGroupsOf(fresh(plan.teachers), 'teacher', dataKey, groupSize, inputs),
    ...costGroupsOf(fresh(plan.students), 'student', dataKey, groupSize, inputs),
  ]);
}
