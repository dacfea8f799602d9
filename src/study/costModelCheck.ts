/**
 * Checks the cost model on finished runs without training anything: each part of a study
 * (the finished runs the study's plan trains in that part, the first that plans them; the
 * pipeline's comparison.json runs and any other run as parts of their own) is priced from the OTHER parts'
 * finished runs (seconds per row-epoch per role, typical epochs per method), exactly as the
 * study prices a plan, and compared with what its runs measured: the sum of their
 * trainingSeconds (a stacked group's time shared among its members, so the sum is the sum
 * of the groups' times). Reads the folder only.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { experiments } from '../config/builtInExperiments';
import type { ExperimentConfig } from '../config/types';
import type { PlannedRun, RunConfig } from '../pipeline/plan/planRuns';
import { loadExperimentResults, type RunResult } from '../results';
import { readJson } from '../util/atomicFile';
import { formatDuration } from '../util/progress';
import { groupSeconds } from './costModel';
import { measuredRunOf } from './costModelReport';
import { costRunKeys, type CostRunConfig } from './costRunKeys';
import { planStudyByData } from './studyCost';
import {
  atMachineThreads,
  costGroupsOf,
  measuredCostInputs,
  secondsPerRowEpoch,
  type MeasuredRun,
} from './studyGroups';
import { localMachine } from './workerMachine';
import { buildStudyParts, studySettingsFor, type StudySettings } from './studyParts';
import type { StudyRecord } from './studyRecord';

/** One part's prediction against its runs' measurement. */
export interface CostCheckRow {
  part: string;
  runs: number;
  predictedSeconds: number;
  measuredSeconds: number;
  /** Predicted / measured. */
  ratio: number;
  predictedEpochs: number;
  measuredEpochs: number;
  /** Seconds per student row-epoch: of the other parts (what prices this one), and of this part's runs. */
  studentSecondsOthers: number;
  studentSecondsHere: number;
}

/** A finished run as the plan's grouping reads it (its role, seed and run config). */
export function asPlannedRun(run: RunResult): PlannedRun {
  const runConfig = run.config as unknown as RunConfig;
  const role =
    run.role === 'teacher'
      ? { kind: 'teacher' as const, target: runConfig.target }
      : { kind: 'student' as const, method: runConfig.method };
  return { runId: run.id, role, seed: run.seed, points: [], runConfig, settings: {} } as unknown as PlannedRun;
}

/** Prices `part` (finished runs) from `others` (their measurements), as the study prices its plan. */
export function checkPart(
  part: string,
  runs: Array<{ result: RunResult; measured: MeasuredRun }>,
  others: MeasuredRun[],
  groupSize: number,
): CostCheckRow {
  const inputs = { ...measuredCostInputs(others), fixedSecondsPerGroup: 0 };
  const groups = (['teacher', 'student'] as const).flatMap((role) =>
    costGroupsOf(
      runs.filter(({ result }) => result.role === role).map(({ result }) => asPlannedRun(result)),
      role,
      part,
      groupSize,
      inputs,
    ),
  );
  const predictedSeconds = groups.reduce((sum, group) => sum + groupSeconds(group), 0);
  const measured = runs.map((run) => run.measured);
  const measuredSeconds = measured.reduce(
    (sum, run) => sum + (Number.isFinite(run.trainingSeconds) ? run.trainingSeconds : 0),
    0,
  );
  return {
    part,
    runs: runs.length,
    predictedSeconds,
    measuredSeconds,
    ratio: predictedSeconds / measuredSeconds,
    predictedEpochs: groups.reduce((sum, group) => sum + group.runEpochs, 0),
    measuredEpochs: measured.reduce((sum, run) => sum + run.epochsRun, 0),
    studentSecondsOthers: inputs.studentSecondsPerEpoch,
    studentSecondsHere: secondsPerRowEpoch(measured.filter((run) => run.role === 'student')),
  };
}

/** The study a folder holds: its latest `*-study.json` record's config and settings, else the built-in experiment named like the folder. */
async function studyOf(
  directory: string,
): Promise<{ base: ExperimentConfig; settings: StudySettings; smoke: boolean }> {
  const files = (await fs.readdir(directory)).filter((name) => name.endsWith('-study.json'));
  const records = await Promise.all(files.map((name) => readJson<StudyRecord>(path.join(directory, name))));
  const latest = records.sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt))[0];
  if (latest) return { base: latest.base, settings: latest.settings, smoke: latest.smoke };
  const base = experiments[path.basename(directory)];
  if (!base)
    throw new Error(
      `cost model check: ${directory} has no *-study.json and its name is no built-in experiment (${Object.keys(experiments).join(', ')})`,
    );
  return { base, settings: studySettingsFor(base, false), smoke: false };
}

/**
 * The check of one experiment folder: every study part with finished runs (matched to the
 * study's plan by their cost keys, each run in the first part that plans it), `pipeline`
 * (the other runs comparison.json names) and `other` (the rest), each priced from the
 * folder's other finished runs.
 */
export async function checkCostModel(directory: string): Promise<CostCheckRow[]> {
  const results = (await loadExperimentResults(directory)).allRuns;
  // Every run as if trained on this machine's cores (runs that recorded fewer threads are scaled).
  const measured = atMachineThreads(results.map(measuredRunOf), localMachine());
  const runs = results.map((result, index) => ({ result, measured: measured[index] }));
  const keys = costRunKeys(
    results.map((run) => ({ runId: run.id, seed: run.seed, config: run.config as unknown as CostRunConfig })),
  );
  const { base, settings, smoke } = await studyOf(directory);
  // Each run counts in the first part that plans it (in the study's order, as the study trains
  // it there), then the pipeline's comparison.json runs, then any other finished run.
  const partOf = new Map<string, string>();
  for (const part of buildStudyParts(base, settings, smoke)) {
    const planned = planStudyByData([part]).flatMap(({ plan }) => [...plan.teachers, ...plan.students]);
    const partKeys = new Set(
      costRunKeys(planned.map((run) => ({ runId: run.runId, seed: run.seed, config: run.runConfig }))).values(),
    );
    for (const run of results)
      if (!partOf.has(run.id) && partKeys.has(keys.get(run.id)!)) partOf.set(run.id, part.name);
  }
  const comparison = await readJson<{ runs?: Record<string, string> }>(path.join(directory, 'comparison.json')).catch(
    () => undefined,
  );
  for (const folder of Object.values(comparison?.runs ?? {}))
    if (!partOf.has(path.basename(folder))) partOf.set(path.basename(folder), 'pipeline');
  const members = new Map<string, Set<string>>();
  for (const run of results) {
    const part = partOf.get(run.id) ?? 'other';
    members.set(part, (members.get(part) ?? new Set()).add(run.id));
  }
  const rows: CostCheckRow[] = [];
  for (const [part, ids] of members) {
    const inPart = runs.filter(({ result }) => ids.has(result.id));
    if (inPart.length === 0) continue;
    const others = runs.filter(({ result }) => !ids.has(result.id)).map((run) => run.measured);
    rows.push(checkPart(part, inPart, others, base.engine.groupSize));
  }
  return rows;
}

/** The check as a table: part, runs, predicted and measured training time, their ratio, epochs, seconds per student row-epoch. */
export function costCheckTable(rows: CostCheckRow[]): string[] {
  return [
    '| part | runs | predicted | measured | ratio | epochs predicted / measured | s per student row-epoch: others / this part |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.part} | ${row.runs} | ${formatDuration(row.predictedSeconds)} | ${formatDuration(row.measuredSeconds)} | ${row.ratio.toFixed(2)} | ${row.predictedEpochs.toFixed(0)} / ${row.measuredEpochs} | ${row.studentSecondsOthers.toFixed(3)} / ${row.studentSecondsHere.toFixed(3)} |`,
    ),
  ];
}
