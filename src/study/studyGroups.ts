import { groupRuns } from '../pipeline/execute/groupRuns';
import { roleName } from '../pipeline/plan/role';
import type { PlannedRun } from '../pipeline/plan/planRuns';
import type { CostGroup } from './costModel';
import { costRunKeys, trainingRowShare } from './costRunKeys';
import { planStudyByData } from './studyCost';
import { fitMethodEpochCost, groupFactor } from './methodEpochCost';
import { memberEpochSeconds, type StackedEpochCost } from './stackedEpochCost';
import { ownParallelFraction, threadTimeRatio, type WorkerMachine } from './workerMachine';
import type { StudyPart } from './studyParts';
import { expectedEpochs, type FewLabelRegime, measuredEpochs, type RegimeEpochs } from './typicalEpochs';

export {
  defaultEarlyStoppedEpochs,
  expectedEpochs,
  type FewLabelRegime,
  fewLabelRegimeOf,
  type RegimeEpochs,
  regimeTypicalEpochs,
} from './typicalEpochs';

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
  /** Its place in that group (0 first), when recorded. */
  groupIndex?: number;
  /** Share of the training split it trained on per epoch (see trainingRowShare); default 1. */
  rowShare?: number;
  /** Intra-op threads it trained on, when its run recorded them (see BackendInfo.threads). */
  threads?: number;
  /** Its own parallel fraction (a teacher's, by its network); absent: its role's. */
  parallelFraction?: number;
  /** A few-label student's labelled fraction and what it does with the unlabelled inputs (see fewLabelProtocolOf). */
  fewLabel?: FewLabelRegime;
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
  /** Per role, each method's member-epoch cost as a multiple of the stacked fit (see methodEpochCost.ts); absent: 1. */
  methodFactors?: Partial<Record<CostGroup['role'], ReadonlyMap<string, number>>>;
  /** Mean epochs of the finished early-stopped runs per role: the epochs of a method no run measures (else the default). */
  roleEpochs?: Partial<Record<CostGroup['role'], number>>;
  /** Per method, mean epochs of its early-stopped few-label runs per regime (see measuredEpochs). */
  regimeEpochs?: Map<string, RegimeEpochs[]>;
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
 * The runs' seconds as if each had trained on the threads of `machine`'s measured runs (its
 * measuredThreads, else its cores), by Amdahl's law per role (threadTimeRatio): a run trained
 * by one of two local workers on 1 thread counts what it would have taken on 2. Runs that did
 * not record their threads, and every run when the machine has no core count (cluster
 * tasks), are kept as measured.
 */
export function atMachineThreads(runs: MeasuredRun[], machine: WorkerMachine = {}): MeasuredRun[] {
  const reference = machine.measuredThreads ?? machine.cores;
  if (reference === undefined) return runs;
  return runs.map((run) =>
    run.threads === undefined || run.threads === reference
      ? run
      : {
          ...run,
          trainingSeconds:
            run.trainingSeconds * threadTimeRatio(run.role, run.threads, reference, machine, run.parallelFraction),
        },
  );
}

/**
 * Cost inputs from finished runs: seconds per run-epoch on every row per role
 * ({@link secondsPerRowEpoch}), and per group size and method (fitMethodEpochCost over the
 * early-stopped runs); mean epochs per method and per role; the fixed seconds per group of
 * the call that trained some of them.
 */
export function measuredCostInputs(runs: MeasuredRun[], call?: MeasuredCall): CostInputs {
  const { typicalEpochs, roleEpochs, regimeEpochs } = measuredEpochs(runs);
  // Early-stopped runs only: a fixed-length (curve) run also scores the test split every epoch.
  const fits = {
    teacher: fitMethodEpochCost(runs.filter((run) => run.role === 'teacher' && run.earlyStopped)),
    student: fitMethodEpochCost(runs.filter((run) => run.role === 'student' && run.earlyStopped)),
  };
  return {
    teacherSecondsPerEpoch: secondsPerRowEpoch(runs.filter((run) => run.role === 'teacher')),
    studentSecondsPerEpoch: secondsPerRowEpoch(runs.filter((run) => run.role === 'student')),
    typicalEpochs,
    fixedSecondsPerGroup: fixedSecondsPerGroup(call),
    measuredRuns: runs.length,
    stacked: { teacher: fits.teacher.cost, student: fits.student.cost },
    methodFactors: { teacher: fits.teacher.factors, student: fits.student.factors },
    roleEpochs,
    regimeEpochs,
  };
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
 * keeps different rows apart) x its members' mean method factor (weighted by their epochs).
 */
export function costGroupsOf(
  runs: PlannedRun[],
  role: CostGroup['role'],
  chain: string,
  groupSize: number,
  inputs: CostInputs,
): CostGroup[] {
  return groupRuns(runs, { groupSize }).map((group) => costGroupOf(group, role, chain, inputs));
}

/** One stacked group's cost (see costGroupsOf). */
export function costGroupOf(
  group: PlannedRun[],
  role: CostGroup['role'],
  chain: string,
  inputs: CostInputs,
): CostGroup {
  const members = group.map((run) => ({
    method: roleName(run.role),
    epochs: expectedEpochs(run, inputs.typicalEpochs, inputs.roleEpochs, inputs.regimeEpochs),
  }));
  const factor = groupFactor(members, inputs.methodFactors?.[role] ?? new Map());
  const parallelFraction = ownParallelFraction(role, group[0].runConfig.training.model?.kind);
  return {
    role,
    chain,
    ...(parallelFraction !== undefined ? { parallelFraction } : {}),
    runs: group.length,
    runEpochs: members.reduce((sum, member) => sum + member.epochs, 0),
    secondsPerRunEpoch: memberSeconds(inputs, role, group.length) * trainingRowShare(group[0].runConfig) * factor,
    fixedSeconds: inputs.fixedSecondsPerGroup,
    firstRunId: group[0].runId,
  };
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
