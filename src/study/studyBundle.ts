/**
 * Study bundles: a results bundle whose header carries a study record (`npm run export-runs --
 * --experiment <name> --study`), holding exactly the runs the record names. The study report is
 * rebuilt from it alone, as the study wrote it from its runs folder.
 */
import * as path from 'node:path';
import { bundleSuffix, readResultsBundle } from '../results/resultsBundle';
import { pathExists } from '../util/atomicFile';
import { projectRoot, referenceResultsDirectory } from '../util/paths';
import { UserFacingError } from '../util/cliErrors';
import { studyReadmeSection } from './studyReadmeSection';
import { checkStudyRecord, type StudyRecord, studyRecordRunFolders, studyReportInputFromRecord } from './studyRecord';
import type { StudyPartResult } from './studyParts';
import { type StudyReportInput, writeStudyReport } from './studyReport';

/** The study record in a bundle's header (the bundle checked as readResultsBundle checks it), or undefined for a bundle of an experiment's runs. */
export async function studyRecordInBundle(bundlePath: string): Promise<StudyRecord | undefined> {
  const { header } = await readResultsBundle(bundlePath);
  return header.study === undefined
    ? undefined
    : checkStudyRecord(header.study, `${path.resolve(bundlePath)} line 1 "study"`);
}

/** Options of {@link writeStudyReportFromBundle}. */
export interface StudyBundleReportOptions {
  outputDirectory: string;
  /** Null leaves the time stamp out (reference reports). */
  generatedAt: string | null;
  /** How the report names the bundle (default its path). */
  sourceLabel?: string;
  command: string;
}

/** Writes `<outputDirectory>/<study name>.md` and its charts from a study bundle; returns the markdown path and the study's name. */
export async function writeStudyReportFromBundle(
  bundlePath: string,
  options: StudyBundleReportOptions,
): Promise<{ markdownPath: string; name: string; record: StudyRecord; input: StudyReportInput }> {
  const record = await studyRecordInBundle(bundlePath);
  if (!record) throw new UserFacingError(`${bundlePath} is not a study bundle (its header has no "study")`);
  const input = await studyReportInputFromRecord(record, {
    runsSource: bundlePath,
    outputDirectory: options.outputDirectory,
    generatedAt: options.generatedAt,
    sourceLabel: options.sourceLabel,
    command: options.command,
  });
  return { markdownPath: await writeStudyReport(input), name: record.name, record, input };
}

/** The shipped study bundle of an experiment, its record and the report's input; undefined when none is shipped. */
async function shippedStudyInput(
  experiment: string,
  referenceDirectory: string,
): Promise<{ bundle: string; record: StudyRecord; input: StudyReportInput } | undefined> {
  const bundle = path.join(referenceDirectory, `${experiment}-study${bundleSuffix}`);
  if (!(await pathExists(bundle))) return undefined;
  const record = await studyRecordInBundle(bundle);
  if (!record) return undefined;
  const input = await studyReportInputFromRecord(record, {
    runsSource: bundle,
    outputDirectory: referenceDirectory,
    generatedAt: null,
  });
  return { bundle, record, input };
}

/**
 * One part of the shipped study of an experiment (its points and runs, as the report reads
 * them), e.g. `'baselines'`; undefined when no study is shipped or it does not hold the part.
 */
export async function shippedStudyPart(
  experiment: string,
  part: StudyPartResult['part']['name'],
  referenceDirectory: string = referenceResultsDirectory,
): Promise<StudyPartResult | undefined> {
  const shipped = await shippedStudyInput(experiment, referenceDirectory);
  return shipped?.input.parts.find((result) => result.part.name === part);
}

/**
 * The shipped study of an experiment (`data/reference/<experiment>-study.runs.jsonl.gz`) as the
 * README's generated section shows it: which parts it holds and their main tables. Undefined when
 * no study of that experiment is shipped. For notebooks: the full study in seconds, no training.
 */
export async function shippedStudyMarkdown(
  experiment: string,
  referenceDirectory: string = referenceResultsDirectory,
): Promise<string | undefined> {
  const shipped = await shippedStudyInput(experiment, referenceDirectory);
  if (!shipped) return undefined;
  const { bundle, record, input } = shipped;
  return studyReadmeSection(input, {
    bundle: path.relative(projectRoot, bundle).split(path.sep).join('/'),
    report: `reports/${record.name}.md`,
    runs: studyRecordRunFolders(record).length,
  });
}
