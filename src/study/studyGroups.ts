import { groupRuns } from '../pipeline/execute/groupRuns';
import { roleName } from '../pipeline/plan/role';
import type { PlannedRun } from '../pipeline/plan/planRuns';
import type { CostGroup } from './costModel';
import { planStudyByData, secondsPerEpoch } from './studyCost';
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
}

/** A study call that trained some of the measured runs: its wall seconds and the runs it trained. */
export interface MeasuredCall {
  seconds: number;
  runs: MeasuredRun[];
}

/** What the cost model needs beside the plan: seconds of one run's epoch per role, and typical epochs per method. */
export interface CostInputs {
  teacherSecondsPerEpoch: number;
  studentSecondsPerEpoch: number;
  /** Mean epochs of the finished early-stopped runs, per method. */
  typicalEpochs: Map<string, number>;
  /** Seconds a group costs besides its epochs (0 when no measured call says). */
  fixedSecondsPerGroup: number;
  /** Finished runs the inputs come from. */
  measuredRuns: number;
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

/** Cost inputs from finished runs: seconds per run-epoch per role (trainingSeconds / epochsRun over the role), mean epochs per method, and the fixed seconds per group of the call that trained some of them. */
export function measuredCostInputs(runs: MeasuredRun[], call?: MeasuredCall): CostInputs {
  const typicalEpochs = new Map<string, number>();
  const byMethod = new Map<string, number[]>();
  for (const run of runs)
    if (run.earlyStopped) byMethod.set(run.method, [...(byMethod.get(run.method) ?? []), run.epochsRun]);
  for (const [method, epochs] of byMethod)
    typicalEpochs.set(method, epochs.reduce((sum, value) => sum + value, 0) / epochs.length);
  return {
    teacherSecondsPerEpoch: secondsPerEpoch(runs.filter((run) => run.role === 'teacher')),
    studentSecondsPerEpoch: secondsPerEpoch(runs.filter((run) => run.role === 'student')),
    typicalEpochs,
    fixedSecondsPerGroup: fixedSecondsPerGroup(call),
    measuredRuns: runs.length,
  };
}

/** A run's expected epochs: its fixed epochs with early stopping off, else its method's typical epochs (or the default), at most its maximum. */
export function expectedEpochs(run: PlannedRun, typicalEpochs: Map<string, number>): number {
  const training = run.runConfig.training;
  if (training.earlyStopping === false) return training.epochs;
  return Math.min(training.epochs, typicalEpochs.get(roleName(run.role)) ?? defaultEarlyStoppedEpochs);
}

/**
 * The study's stacked groups as one process forms them (groupRuns with `groupSize`; the
 * memory bound is left out, it needs the data): per group of points that shares data,
 * its teachers not planned by an earlier part, then its students likewise; the chain of
 * a group is the data it shares, so students wait for the teachers of their data.
 */
export function planStudyGroups(parts: StudyPart[], groupSize: number, inputs: CostInputs): CostGroup[] {
  const seen = new Set<string>();
  const fresh = (runs: PlannedRun[]) =>
    runs.filter((run) => {
      if (seen.has(run.runId)) return false;
      seen.add(run.runId);
      return true;
    });
  const groups: CostGroup[] = [];
  for (const { dataKey, plan } of planStudyByData(parts)) {
    for (const [role, runs] of [
      ['teacher', fresh(plan.teachers)],
      ['student', fresh(plan.students)],
    ] as const) {
      const secondsPerRunEpoch = role === 'teacher' ? inputs.teacherSecondsPerEpoch : inputs.studentSecondsPerEpoch;
      for (const group of groupRuns(runs, { groupSize }))
        groups.push({
          role,
          chain: dataKey,
          runs: group.length,
          runEpochs: group.reduce((sum, run) => sum + expectedEpochs(run, inputs.typicalEpochs), 0),
          secondsPerRunEpoch,
          fixedSeconds: inputs.fixedSecondsPerGroup,
        });
    }
  }
  return groups;
}
