/**
 * Rescoring finished runs with this code's metrics, from their saved models: a run's split
 * scores (accuracy, macro-F1, ... and every metric added since it was trained) are computed
 * again on the same rows and merged into its summary.json, so runs trained before a metric
 * existed get it without retraining. The recomputed accuracies must equal the recorded ones
 * exactly (the same model on the same rows); otherwise nothing is written and the error says
 * which run and which numbers.
 */
import * as path from 'node:path';
import { loadModelFromRun, type RunRecord, summaryFile } from '../../runs';
import type { PipelineRunSummary } from '../../results/runSummary';
import { readJson, writeJsonAtomic } from '../../util/atomicFile';
import type { PlannedRun } from '../plan/planRuns';
import type { PreparedExperimentData } from '../prepare/prepareData';
import { runTrainingData } from './roleData';
import { splitScores } from './splitScores';

/** What {@link rescoreRun} did. */
export type RescoreOutcome =
  | { action: 'rescored'; summary: PipelineRunSummary }
  | { action: 'no model'; reason: string };

/** Rescores one finished run from its saved model (see the file comment); returns the new summary. */
export async function rescoreRun(
  run: PlannedRun,
  record: RunRecord,
  data: PreparedExperimentData,
): Promise<RescoreOutcome> {
  if (!record.hasModel) return { action: 'no model', reason: `${record.directory} has no saved model to rescore` };
  const model = await loadModelFromRun(record.directory);
  try {
    const training = runTrainingData(run, data);
    const { validation, test } = splitScores(model, training, run, data);
    const recorded = record.summary as PipelineRunSummary;
    const mismatch = (
      [
        ['validation', recorded.validation?.accuracy, validation.accuracy],
        ['test', recorded.test?.accuracy, test.accuracy],
      ] as const
    ).filter(([, before, after]) => before === undefined || Math.abs(before - after) > 1e-12);
    if (mismatch.length > 0)
      throw new Error(
        `${path.join(record.directory, summaryFile)}: rescoring its saved model gives ${mismatch
          .map(([split, before, after]) => `${split} accuracy ${after} where the record says ${before}`)
          .join(' and ')}; the model or the rows differ from those that made the record, so it was left as it was`,
      );
    const summary: PipelineRunSummary = {
      ...recorded,
      validation: { ...recorded.validation, ...validation },
      test: { ...recorded.test, ...test },
    };
    const file = path.join(record.directory, summaryFile);
    const contents = await readJson<Record<string, unknown>>(file);
    await writeJsonAtomic(file, { ...contents, rescoredAt: new Date().toISOString(), summary });
    return { action: 'rescored', summary };
  } finally {
    model.dispose();
  }
}
