/**
 * The study record, `<runs>/<experiment>/<study name>.json`: what one `npm run study` call ran
 * (its base config, settings and parts) and, for every point, the run folders that make it, in
 * the order the report reads them. With the runs themselves (a runs folder or a results bundle
 * exported with `--study`), it is all the study report needs: {@link studyReportInputFromRecord}
 * rebuilds the report's input from it, so a shipped study bundle gives the same report as the
 * study that made it, without training.
 */
import * as path from 'node:path';
import type { ExperimentConfig } from '../config/types';
import type { SweepPointHierarchy, SweepPointRuns } from '../pipeline/sweepSummary';
import { loadRunRecords, toRunResult } from '../results';
import type { RunRecord } from '../runs';
import type { PipelineRunSummary } from '../results/runSummary';
import { UserFacingError } from '../util/cliErrors';
import { recordCollapse } from './studyCollapse';
import type { CostEstimate } from './studyCost';
import { buildStudyParts, studySettingsFor, type StudyPartResult, type StudySettings } from './studyParts';
import type { StudyReportInput } from './studyReport';

/** One point of a recorded part: its label, assignments, hierarchy and run folders (names). */
export interface StudyRecordPoint {
  label: string;
  assignments: Record<string, unknown>;
  hierarchy?: SweepPointHierarchy;
  /** The point's run folders (names inside the experiment folder): teachers first, then students. */
  runs: string[];
}

/** `<study name>.json`. */
export interface StudyRecord {
  finishedAt: string;
  /** Wall time of the call. */
  seconds: number;
  name: string;
  /** The experiment config the parts were built from (after --set and --smoke's choices). */
  base: ExperimentConfig;
  smoke: boolean;
  settings: StudySettings;
  parts: Array<{ name: string; seconds: number; points: StudyRecordPoint[] }>;
  fullCost: CostEstimate;
}

/** The record of a finished study call (run folders by name: the record moves with its runs). */
export function studyRecordOf(input: Omit<StudyRecord, 'parts'> & { parts: StudyPartResult[] }): StudyRecord {
  return {
    ...input,
    parts: input.parts.map((result) => ({
      name: result.part.name,
      seconds: result.seconds,
      points: result.points.map((point) => ({
        label: point.label,
        assignments: point.assignments,
        ...(point.hierarchy
          ? {
              hierarchy: {
                ...point.hierarchy,
                ...(point.hierarchy.file ? { file: path.basename(point.hierarchy.file) } : {}),
              },
            }
          : {}),
        runs: point.summaries.map((summary) => {
          const folder = point.runDirectories?.[`seed${summary.seed}-${summary.method}`];
          if (!folder)
            throw new Error(
              `study record: point ${point.label} has no run folder for seed ${summary.seed} ${summary.method}`,
            );
          return path.basename(folder);
        }),
      })),
    })),
  };
}

/** Checks a parsed `<study name>.json` (or a bundle header's `study`), naming `where` and the field. */
export function checkStudyRecord(value: unknown, where: string): StudyRecord {
  const record = value as Partial<StudyRecord> | null;
  const problem = (what: string) =>
    new UserFacingError(`${where}: not a study record written by this version (${what})`);
  if (record === null || typeof record !== 'object') throw problem('expected an object');
  if (typeof record.name !== 'string') throw problem('no "name"');
  if (!record.base || typeof record.base !== 'object')
    throw problem(
      'no "base" config: written before study records held one; run the study again to rewrite it (its runs are reused)',
    );
  if (!record.settings || typeof record.settings !== 'object') throw problem('no "settings"');
  if (!Array.isArray(record.parts)) throw problem('no "parts"');
  for (const part of record.parts)
    if (!Array.isArray(part.points) || !part.points.every((point) => Array.isArray(point.runs)))
      throw problem(`part ${JSON.stringify(part.name)} lists no run folders per point`);
  return record as StudyRecord;
}

/** Every run folder the record's points name, once each, sorted. */
export function studyRecordRunFolders(record: StudyRecord): string[] {
  return [...new Set(record.parts.flatMap((part) => part.points.flatMap((point) => point.runs)))].sort();
}

/** Where the report says its numbers come from, and how it was generated. */
export interface StudyReportSource {
  /** The experiment folder or results bundle holding the record's runs. */
  runsSource: string;
  outputDirectory: string;
  /** Time stamp in the report's first lines; null leaves it out (byte-stable reference reports). */
  generatedAt: string | null;
  /** How the report names its source (default `runsSource`). */
  sourceLabel?: string;
  /** The command named in the report's first line (default the study command). */
  command?: string;
}

/**
 * The report's input rebuilt from a record and the runs it names: the parts are planned again
 * from the record's base and settings (the plan is deterministic), each point's summaries are
 * its runs' summary.json in the recorded order, and the curves are the curves part's runs.
 */
export async function studyReportInputFromRecord(
  record: StudyRecord,
  source: StudyReportSource,
): Promise<StudyReportInput> {
  const records = await loadRunRecords(source.runsSource, studyRecordRunFolders(record));
  const byFolder = new Map(records.map((run) => [path.basename(run.directory), run]));
  const planned = buildStudyParts(record.base, record.settings, record.smoke);
  const defaults = studySettingsFor(record.base, record.smoke);
  const runOf = (folder: string): RunRecord => {
    const run = byFolder.get(folder);
    if (!run)
      throw new UserFacingError(`${source.runsSource} holds no run "${folder}" that study ${record.name} names`);
    return run;
  };
  const summaryOf = (folder: string) => runOf(folder).summary as PipelineRunSummary;
  // Each run is judged from its whole curve, as the study judges the runs it trained.
  for (const run of records) {
    const result = toRunResult(run);
    recordCollapse(run.summary as PipelineRunSummary, { collapsed: result.collapsed, reason: result.collapseReason });
  }
  const parts: StudyPartResult[] = record.parts.map((recorded) => {
    const part = planned.find((candidate) => candidate.name === recorded.name);
    if (!part) throw new UserFacingError(`study ${record.name}: its settings plan no part "${recorded.name}"`);
    const points: SweepPointRuns[] = recorded.points.map((point) => ({
      label: point.label,
      assignments: point.assignments,
      summaries: point.runs.map(summaryOf),
      runDirectories: Object.fromEntries(
        point.runs.map((folder) => {
          const summary = summaryOf(folder);
          return [`seed${summary.seed}-${summary.method}`, runOf(folder).directory];
        }),
      ),
      ...(point.hierarchy ? { hierarchy: point.hierarchy } : {}),
    }));
    return { part, points, seconds: recorded.seconds };
  });
  const curves = record.parts.find((part) => part.name === 'curves');
  const curveRuns = curves
    ? [...new Set(curves.points.flatMap((point) => point.runs))].map((folder) => toRunResult(runOf(folder)))
    : [];
  return {
    name: record.name,
    title: record.base.description,
    paperChoices: record.settings.paperChoices ?? false,
    experimentDirectory: source.sourceLabel ?? source.runsSource,
    outputDirectory: source.outputDirectory,
    parts,
    curveRuns: curveRuns.sort((a, b) => a.method.localeCompare(b.method) || a.seed - b.seed),
    fullCost: record.fullCost,
    seconds: record.seconds,
    smoke: record.smoke,
    generatedAt: source.generatedAt,
    command: source.command,
    fullPlan: {
      parts: buildStudyParts(record.base, defaults, record.smoke).map((part) => part.name),
      fractions: defaults.fractions,
      recordedFractions: record.settings.fractions,
    },
  };
}
