import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadExperimentResults, type RunResult } from '../results';
import { pathExists, readJson } from '../util/atomicFile';
import { costModelTable, studyCostModel, type StudyCostModel } from './costModel';
import {
  measuredCostInputs,
  planStudyGroups,
  type CostInputs,
  type MeasuredCall,
  type MeasuredRun,
} from './studyGroups';
import type { StudyPart } from './studyParts';
import type { StudyRecord } from './studyRecord';

/** A finished run as the cost model reads it (early stopping from its config, its group from summary.json). */
async function toMeasuredRun(run: RunResult): Promise<MeasuredRun> {
  const training = (run.config as { training?: { earlyStopping?: unknown } }).training;
  const record = await readJson<{ summary?: { group?: { size?: number } } }>(path.join(run.directory, 'summary.json'));
  return {
    role: run.role,
    method: run.method,
    epochsRun: run.epochsRun,
    trainingSeconds: run.trainingSeconds,
    earlyStopped: training?.earlyStopping !== false,
    groupSize: record.summary?.group?.size ?? 1,
  };
}

/**
 * The finished runs of an experiment folder as cost measurements (none when the folder does
 * not exist yet), and the latest study call recorded there (`*-study.json`): its parts'
 * seconds and the runs that finished during it.
 */
export async function measuredRunsIn(
  experimentDirectory: string,
): Promise<{ runs: MeasuredRun[]; call?: MeasuredCall }> {
  if (!(await pathExists(experimentDirectory))) return { runs: [] };
  const results = (await loadExperimentResults(experimentDirectory)).allRuns;
  const runs = await Promise.all(results.map(toMeasuredRun));
  const studyFiles = (await fs.readdir(experimentDirectory)).filter((name) => name.endsWith('-study.json'));
  const records = await Promise.all(
    studyFiles.map((name) => readJson<StudyRecord>(path.join(experimentDirectory, name))),
  );
  const latest = records.sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt))[0];
  if (!latest) return { runs };
  const end = Date.parse(latest.finishedAt);
  const start = end - latest.seconds * 1000;
  const during = runs.filter((_, index) => {
    const finished = Date.parse(results[index].finishedAt);
    return finished >= start && finished <= end;
  });
  return { runs, call: { seconds: latest.parts.reduce((sum, part) => sum + part.seconds, 0), runs: during } };
}

/** The cost model of some study parts, with the inputs it used. */
export interface StudyCostPrediction {
  model: StudyCostModel;
  inputs: CostInputs;
}

/** Plans the parts' groups and prices them with the measurements. */
export function predictStudyCost(
  parts: StudyPart[],
  groupSize: number,
  measured: { runs: MeasuredRun[]; call?: MeasuredCall },
): StudyCostPrediction {
  const inputs = measuredCostInputs(measured.runs, measured.call);
  return { model: studyCostModel(planStudyGroups(parts, groupSize, inputs)), inputs };
}

/** The lines printed before a study starts: the table, then where its per-epoch costs and epochs come from. */
export function costModelLines(prediction: StudyCostPrediction, source: string): string[] {
  const { inputs } = prediction;
  if (inputs.measuredRuns === 0 || !Number.isFinite(inputs.studentSecondsPerEpoch))
    return [
      `cost model: ${prediction.model.runs} runs in ${prediction.model.teacherGroups}+${prediction.model.studentGroups} groups; no finished runs in ${source} to measure seconds per epoch (pass --costs-from <runs folder> of an earlier call)`,
    ];
  const typical = [...inputs.typicalEpochs].map(([method, epochs]) => `${method} ${epochs.toFixed(1)}`).join(', ');
  const teacher = Number.isFinite(inputs.teacherSecondsPerEpoch)
    ? `${inputs.teacherSecondsPerEpoch.toFixed(3)} s per teacher epoch`
    : 'no teacher measured';
  return [
    'cost model (wall: greedy list scheduling of stacked groups, teachers before the students of their data):',
    ...costModelTable(prediction.model),
    `  from ${inputs.measuredRuns} finished run(s) in ${source}: ${inputs.studentSecondsPerEpoch.toFixed(3)} s per student epoch, ${teacher}, ${inputs.fixedSecondsPerGroup.toFixed(2)} s per group besides its epochs; typical epochs ${typical || 'none'} (else the default)`,
  ];
}
