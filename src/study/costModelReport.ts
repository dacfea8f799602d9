import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadExperimentResults, type RunResult } from '../results';
import { pathExists, readJson } from '../util/atomicFile';
import { type CostGroup, costModelTable, reportedWorkerCounts, studyCostModel, type StudyCostModel } from './costModel';
import {
  defaultParallelFraction,
  networkParallelFraction,
  ownParallelFraction,
  reportedWorkerCountsFor,
  type WorkerMachine,
} from './workerMachine';
import { costRunKeys, trainingRowShare, type CostRunConfig } from './costRunKeys';
import {
  atMachineThreads,
  fewLabelRegimeOf,
  measuredCostInputs,
  planStudyGroups,
  type CostInputs,
  type MeasuredCall,
  type MeasuredRun,
} from './studyGroups';
import { compareScheduleModes, type ScheduleModeComparison, scheduleModesLine } from './scheduleModes';
import type { StudyPart } from './studyParts';
import type { StudyRecord } from './studyRecord';

/** A finished run as the cost model reads it (early stopping and rows from its config, its stacked group from its summary). */
export function measuredRunOf(run: RunResult): MeasuredRun {
  const config = run.config as unknown as CostRunConfig;
  const parallelFraction = ownParallelFraction(run.role, config.training?.model?.kind);
  const fewLabel = run.role === 'student' && config.training ? fewLabelRegimeOf(config.training) : undefined;
  return {
    role: run.role,
    method: run.method,
    epochsRun: run.epochsRun,
    trainingSeconds: run.trainingSeconds,
    earlyStopped: config.training?.earlyStopping !== false,
    groupSize: run.group?.size ?? 1,
    ...(run.group ? { groupIndex: run.group.index } : {}),
    rowShare: config.training ? trainingRowShare({ ...config, role: run.role }) : 1,
    ...(run.threads !== undefined ? { threads: run.threads } : {}),
    ...(parallelFraction !== undefined ? { parallelFraction } : {}),
    ...(fewLabel ? { fewLabel } : {}),
  };
}

/** Finished runs of an experiment folder: cost measurements, the latest study call, and the cost keys of the runs (see costRunKeys). */
export interface MeasuredFolder {
  runs: MeasuredRun[];
  call?: MeasuredCall;
  finished?: ReadonlySet<string>;
}

/** The cost keys of finished runs (their config.json `config` and seed). */
export function finishedRunKeys(results: RunResult[]): Set<string> {
  const keys = costRunKeys(
    results.map((run) => ({ runId: run.id, seed: run.seed, config: run.config as unknown as CostRunConfig })),
  );
  return new Set(keys.values());
}

/**
 * The finished runs of an experiment folder as cost measurements (none when the folder does
 * not exist yet), their cost keys, and the latest study call recorded there (`*-study.json`):
 * its parts' seconds and the runs that finished during it.
 */
export async function measuredRunsIn(experimentDirectory: string): Promise<MeasuredFolder> {
  if (!(await pathExists(experimentDirectory))) return { runs: [], finished: new Set() };
  const results = (await loadExperimentResults(experimentDirectory)).allRuns;
  const runs = results.map(measuredRunOf);
  const finished = finishedRunKeys(results);
  const studyFiles = (await fs.readdir(experimentDirectory)).filter((name) => name.endsWith('-study.json'));
  const records = await Promise.all(
    studyFiles.map((name) => readJson<StudyRecord>(path.join(experimentDirectory, name))),
  );
  const latest = records.sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt))[0];
  if (!latest) return { runs, finished };
  const end = Date.parse(latest.finishedAt);
  const start = end - latest.seconds * 1000;
  const during = runs.filter((_, index) => {
    const finished = Date.parse(results[index].finishedAt);
    return finished >= start && finished <= end;
  });
  return {
    runs,
    finished,
    call: { seconds: latest.parts.reduce((sum, part) => sum + part.seconds, 0), runs: during },
  };
}

/** The cost model of some study parts (the whole plan, and what is left of it), with the inputs it used. */
export interface StudyCostPrediction {
  model: StudyCostModel;
  /** The runs not finished yet: what a resumed study trains (absent when no finished runs were looked for). */
  remaining?: StudyCostModel;
  inputs: CostInputs;
  machine: WorkerMachine;
  /** Static shards against dynamic workers as cluster tasks on the plan left (else the whole plan), groups taken in plan order. */
  scheduleModes: ScheduleModeComparison[];
}

/** Worker counts of the static-against-dynamic line. */
export const scheduleModeWorkerCounts = [2, 4, 16, 64];

/** The groups left when some are, else every group (a finished study still shows how it would split). */
function leftOrAll(left: CostGroup[] | undefined, all: CostGroup[]): CostGroup[] {
  return left && left.length > 0 ? left : all;
}

/**
 * Plans the parts' groups and prices them with the measurements, on `machine`; with
 * `finished` (cost keys of the study folder's finished runs) also what is left.
 */
export function predictStudyCost(
  parts: StudyPart[],
  groupSize: number,
  measured: { runs: MeasuredRun[]; call?: MeasuredCall },
  options: { finished?: ReadonlySet<string>; machine?: WorkerMachine } = {},
): StudyCostPrediction {
  const machine = options.machine ?? {};
  const inputs = measuredCostInputs(atMachineThreads(measured.runs, machine), measured.call);
  const workerCounts = reportedWorkerCountsFor(reportedWorkerCounts, machine);
  const all = planStudyGroups(parts, groupSize, inputs);
  const left = options.finished ? planStudyGroups(parts, groupSize, inputs, options.finished) : undefined;
  return {
    model: studyCostModel(all, workerCounts, machine),
    ...(left ? { remaining: studyCostModel(left, workerCounts, machine) } : {}),
    inputs,
    machine,
    // As cluster tasks (each worker its own cores): where static shards and dynamic workers differ most.
    scheduleModes: compareScheduleModes(leftOrAll(left, all), scheduleModeWorkerCounts, {
      startupSeconds: machine.startupSeconds,
    }),
  };
}

/** The parallel fractions the model uses, e.g. "Amdahl parallel fraction of an epoch: teacher 0.65, student 0.19". */
function parallelFractionText(machine: WorkerMachine): string {
  const fraction = { ...defaultParallelFraction, ...machine.parallelFraction };
  const networks =
    machine.parallelFraction?.teacher === undefined
      ? ` (conv ${networkParallelFraction('conv')}, dense ${networkParallelFraction('dense')})`
      : '';
  return `Amdahl parallel fraction of an epoch: teacher ${fraction.teacher}${networks}, student ${fraction.student}`;
}

/** How the wall times are predicted: the cores the workers share and their start-up. */
function machineLine(machine: WorkerMachine): string {
  const cores =
    machine.cores === undefined
      ? 'each worker with the cores of the measured runs (cluster tasks)'
      : `${machine.cores} core${machine.cores === 1 ? '' : 's'} here: W workers of floor(${machine.cores} / W) threads (at least 1; more workers than cores share them) against the ${machine.measuredThreads ?? machine.cores} of the measured runs, ${parallelFractionText(machine)}`;
  return `cost model (${cores}; each worker starts in ${(machine.startupSeconds ?? 0).toFixed(0)} s; wall: greedy list scheduling of stacked groups, teachers before the students of their data):`;
}

/** A role's seconds per epoch as the groups are priced: the fit by group size k when there is one, else the flat figure. */
function epochSecondsText(inputs: CostInputs, role: 'teacher' | 'student'): string {
  const stacked = inputs.stacked?.[role];
  const fixed =
    stacked && ((stacked.fixedPerMember ?? 0) > 0 || (stacked.fixedPerGroup ?? 0) > 0)
      ? ` (+ ${(stacked.fixedPerMember ?? 0).toFixed(3)} + ${(stacked.fixedPerGroup ?? 0).toFixed(3)} / k s that do not scale with the rows)`
      : '';
  if (stacked && Number.isFinite(stacked.perMember) && stacked.perGroup > 0)
    return `${stacked.perMember.toFixed(3)} + ${stacked.perGroup.toFixed(3)} / k s per ${role} epoch in a group of k${fixed}`;
  const flat = stacked && Number.isFinite(stacked.perMember) ? stacked.perMember : undefined;
  const seconds = flat ?? (role === 'teacher' ? inputs.teacherSecondsPerEpoch : inputs.studentSecondsPerEpoch);
  return `${seconds.toFixed(3)} s per ${role} epoch${fixed}`;
}

/**
 * The method factors of both roles as one line, e.g. "  a member-epoch by method, x the fit
 * (...): students heterogeneous 0.65, dkd 1.94; teachers teacher-coarse 1.16"; none without factors.
 */
function methodFactorsLines(inputs: CostInputs): string[] {
  const role = (name: 'teacher' | 'student') =>
    [...(inputs.methodFactors?.[name] ?? new Map<string, number>())]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([method, factor]) => `${method} ${factor.toFixed(2)}`)
      .join(', ');
  const students = role('student');
  const teachers = role('teacher');
  if (!students && !teachers) return [];
  return [
    `  a member-epoch by method, x the fit (each method's runs' lower quartile: the price on a quiet machine): students ${students || 'none'}; teachers ${teachers || 'none'}`,
  ];
}

/** The lines printed before a study starts: the table (all, and left), then where its per-epoch costs and epochs come from. */
export function costModelLines(prediction: StudyCostPrediction, source: string): string[] {
  const { inputs, model, remaining } = prediction;
  const left = remaining
    ? `; left: ${remaining.runs} of ${model.runs} runs (${model.runs - remaining.runs} finished: a resumed study reuses them)`
    : '';
  if (inputs.measuredRuns === 0 || !Number.isFinite(inputs.studentSecondsPerEpoch))
    return [
      `cost model: ${model.runs} runs in ${model.teacherGroups}+${model.studentGroups} groups; no finished runs in ${source} to measure seconds per epoch (pass --costs-from <runs folder> of an earlier call)${left}`,
    ];
  const typical = [...inputs.typicalEpochs].map(([method, epochs]) => `${method} ${epochs.toFixed(1)}`).join(', ');
  const teacher = Number.isFinite(inputs.teacherSecondsPerEpoch)
    ? epochSecondsText(inputs, 'teacher')
    : 'no teacher measured';
  return [
    machineLine(prediction.machine),
    ...costModelTable([{ label: 'all', model }, ...(remaining ? [{ label: 'left', model: remaining }] : [])]),
    `  from ${inputs.measuredRuns} finished run(s) in ${source}: ${epochSecondsText(inputs, 'student')}, ${teacher}, on every training row (a run on a share f of the rows: f of it); ${inputs.fixedSecondsPerGroup.toFixed(2)} s per group besides its epochs; typical epochs ${typical || 'none'} (else the default)${left}`,
    `${scheduleModesLine(prediction.scheduleModes)} (${remaining && remaining.runs > 0 ? 'the runs left' : 'every run'})`,
    ...methodFactorsLines(inputs),
  ];
}
