import { loadExperimentResults, type RunResult } from '../results';
import { pathExists } from '../util/atomicFile';
import { costModelTable, studyCostModel, type StudyCostModel } from './costModel';
import { measuredCostInputs, planStudyGroups, type CostInputs, type MeasuredRun } from './studyGroups';
import type { StudyPart } from './studyParts';

/** A finished run as the cost model reads it (early stopping from its config's training section). */
export function toMeasuredRun(run: RunResult): MeasuredRun {
  const training = (run.config as { training?: { earlyStopping?: unknown } }).training;
  return {
    role: run.role,
    method: run.method,
    epochsRun: run.epochsRun,
    trainingSeconds: run.trainingSeconds,
    earlyStopped: training?.earlyStopping !== false,
  };
}

/** The finished runs of an experiment folder as cost measurements (none when the folder does not exist yet). */
export async function measuredRunsIn(experimentDirectory: string): Promise<MeasuredRun[]> {
  if (!(await pathExists(experimentDirectory))) return [];
  return (await loadExperimentResults(experimentDirectory)).allRuns.map(toMeasuredRun);
}

/** The cost model of some study parts, with the inputs it used. */
export interface StudyCostPrediction {
  model: StudyCostModel;
  inputs: CostInputs;
}

/** Plans the parts' groups and prices them with the measurements. */
export function predictStudyCost(parts: StudyPart[], groupSize: number, measured: MeasuredRun[]): StudyCostPrediction {
  const inputs = measuredCostInputs(measured);
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
    `  from ${inputs.measuredRuns} finished run(s) in ${source}: ${inputs.studentSecondsPerEpoch.toFixed(3)} s per student epoch, ${teacher}; typical epochs ${typical || 'none'} (else the default)`,
  ];
}
