/**
 * The closing "Results" of a study as notebook Markdown, written from the study's own runs:
 * the five students at the settings chosen on validation next to paper 1's reported
 * figures, the paired-by-seed comparisons (one family, Holm-adjusted), the learning speed
 * of the fixed-length curves, the fewest-label regime, hierarchies and features, and paper
 * 1's claims judged by the claims engine. Notebook 05 shows it in one short display cell.
 */
import { formatMeanStd, minimalDetectableEffectLine, pairedBySeedDifference, pairedFamilyCells } from '../metrics';
import { relativeTargetEpochs } from '../metrics/relativeTargets';
import type { SweepPointRuns } from '../pipeline/sweepSummary';
import { markdownTable } from '../plots/markdown';
import { paper1Choices, paper1Claims, paper1Reference } from '../papers';
import { methodLabel, methodLetter, type RunResult } from '../results';
import { claimsMarkdown, evaluateClaimsOnSummaries } from '../results/notebook';
import type { PipelineRunSummary } from '../results/runSummary';
import { formatDuration } from '../util/progress';
import { regimesTable } from './regimesTable';
import { chosenPoint, methodRuns, pairedCell, pointSettings } from './studyTables';

/** What {@link studyResultsMarkdown} reads of a study (a `StudyResult` fits). */
export interface StudyResultsInput {
  name: string;
  seconds: number;
  markdownPath: string;
  curveRuns: RunResult[];
  parts: Array<{ part: { name: string }; points: SweepPointRuns[] }>;
}

/** Options of {@link studyResultsMarkdown}. */
export interface StudyResultsOptions {
  /** The smoke slice: the last line then says its numbers only show that every part runs. */
  smoke: boolean;
  /** The tensor backend's name, for the provenance line. */
  backendName: string;
}

/** The five students in table order, and the paired comparisons the closing lines report. */
const students = ['heterogeneous', 'traditional', 'plain', 'coarse-auxiliary', 'label-smoothing'];
const tuned = ['heterogeneous', 'traditional'];
const comparisons: Array<[string, string]> = [
  ['heterogeneous', 'traditional'],
  ['heterogeneous', 'plain'],
  ['heterogeneous', 'coarse-auxiliary'],
  ['heterogeneous', 'label-smoothing'],
  ['traditional', 'plain'],
];

/** The points of one study part (none when the part did not run). */
export function studyPartPoints(study: Pick<StudyResultsInput, 'parts'>, name: string): SweepPointRuns[] {
  return study.parts.find((result) => result.part.name === name)?.points ?? [];
}

/**
 * The runs of each student as the study's main comparison reads them: A and B at their grid
 * point with the best mean validation accuracy, C, D, E and the teachers (which do not read
 * T or a, so every grid point lists the same runs) from the first grid point.
 */
export function chosenStudyRuns(gridPoints: SweepPointRuns[]): Record<string, PipelineRunSummary[]> {
  if (gridPoints.length === 0)
    throw new Error('chosenStudyRuns: the study has no grid points (did the grid part run?)');
  const chosen = (method: string) => {
    const point = chosenPoint(gridPoints, method);
    return point ? methodRuns(point, method) : [];
  };
  const runs: Record<string, PipelineRunSummary[]> = {
    heterogeneous: chosen('heterogeneous'),
    traditional: chosen('traditional'),
  };
  for (const method of ['plain', 'coarse-auxiliary', 'label-smoothing', 'teacher-coarse', 'teacher-fine'])
    runs[method] = methodRuns(gridPoints[0], method);
  return runs;
}

const settingText = (setting: { temperature: number; studentLossWeight: number } | undefined) =>
  setting ? `T ${setting.temperature}, a ${setting.studentLossWeight}` : '';

/** "A − C +0.0123 [...] p ..., n 5" for each point of a part, or '' when the part has no points. */
function partLine(title: string, points: SweepPointRuns[], label: (point: SweepPointRuns) => string): string {
  if (points.length === 0) return '';
  const cells = points.map((point) => {
    const cell = pairedCell(methodRuns(point, 'heterogeneous'), methodRuns(point, 'plain'));
    return `${label(point)} ${cell || '–'}`;
  });
  return `${title}, A − C: ${cells.join('; ')}.`;
}

/** "A − C chosen" at the smallest labelled fraction, one entry per unlabelled-input mode. */
function fewestLabelsLine(regimePoints: SweepPointRuns[]): string {
  if (regimePoints.length === 0) return '';
  const table = regimesTable(regimePoints);
  const column = table.headers.findIndex((header) => header.startsWith(`${methodLetter('heterogeneous')} - C`));
  const rows = table.rows.filter((row) => !row[0].startsWith('all labels'));
  if (rows.length === 0 || column < 0) return '';
  const smallest = rows[0][0].split(',')[0];
  const entries = rows
    .filter((row) => row[0].split(',')[0] === smallest)
    .map((row) => `${row[0]}: A − C ${row[column] || '–'}`);
  return `Fewest fine labels (${entries.join('; ')}).`;
}

/** Epochs to 95 % of C's best on the fixed-length curves, per student letter. */
function learningSpeedLine(curveRuns: RunResult[]): string {
  const records = curveRuns
    .filter((run) => run.role === 'student')
    .map((run) => ({ method: run.method, seed: run.seed, values: run.testAccuracyCurve }));
  if (records.length === 0) return '';
  const rows = relativeTargetEpochs(records);
  const speed = (method: string) => {
    const row = rows.find((candidate) => candidate.method === method);
    if (!row || row.reached === 0) return 'never';
    return `${row.meanEpochs.toFixed(1)} epochs (${row.reached}/${row.seeds.length} seeds)`;
  };
  const entries = students.map((method) => `${methodLetter(method)} ${speed(method)}`);
  return `Fixed-length curves, epochs to 95 % of C's best: ${entries.join(', ')}.`;
}

/**
 * The study's Results as Markdown: a table of the five students (setting, test accuracy mean
 * ± std over seeds, paper 1's setting and reported single-run accuracy), then one line each
 * for provenance, the paired comparisons (Holm over the family, with the minimal detectable
 * effect), learning speed, the fewest-label regime, hierarchies, teacher features and feature
 * sets, and paper 1's claims at the chosen settings. Parts that did not run are left out.
 */
export function studyResultsMarkdown(study: StudyResultsInput, options: StudyResultsOptions): string {
  const gridPoints = studyPartPoints(study, 'grid');
  const runs = chosenStudyRuns(gridPoints);
  // Only A and B read (T, a); C, D and E run once per seed and every point lists them.
  const chosenSetting = (method: string) => {
    const point = tuned.includes(method) ? chosenPoint(gridPoints, method) : undefined;
    return point ? pointSettings(point) : undefined;
  };
  const reported = paper1Reference.students as Record<string, { accuracy: number } | undefined>;
  const rows = students.map((method) => ({
    method: methodLabel(method),
    'chosen on validation': settingText(chosenSetting(method)),
    'test accuracy (mean ± std over seeds)':
      runs[method].length > 0 ? formatMeanStd(runs[method].map((run) => run.test.accuracy)) : '',
    "paper 1's setting": settingText(paper1Choices[method]),
    'paper 1 (one run)': reported[method]?.accuracy,
  }));
  const differences = comparisons.map(([first, second]) =>
    pairedBySeedDifference(runs[first], runs[second], (run) => run.test.accuracy),
  );
  const cells = pairedFamilyCells(differences);
  const pairsLine = comparisons
    .map(([first, second], index) => `${methodLetter(first)} − ${methodLetter(second)} ${cells[index] || '–'}`)
    .join('; ');
  const seeds = runs.heterogeneous.length;
  const lines = [
    `This execution: \`${study.name}\`, ${options.smoke ? 'smoke' : 'full'} setting, ${seeds} seeds, ` +
      `backend ${options.backendName}, ${formatDuration(study.seconds)} (finished runs are reused); ` +
      `report \`${study.markdownPath}\`.`,
    `Test accuracy paired by seed (one family, Holm p beside the raw one): ${pairsLine}.`,
    minimalDetectableEffectLine(differences) ?? '',
    learningSpeedLine(study.curveRuns),
    fewestLabelsLine(studyPartPoints(study, 'regimes')),
    partLine('Hierarchies', studyPartPoints(study, 'hierarchies'), (point) => String(point.assignments.hierarchy)),
    partLine('Teacher features', studyPartPoints(study, 'features'), (point) => point.label),
    partLine('Feature sets for teachers and students', studyPartPoints(study, 'featureSets'), (point) => point.label),
    options.smoke
      ? 'Smoke setting: a few epochs on a few posts per class are too few for the distilled students; ' +
        'these numbers only show that every part runs.'
      : '',
  ].filter((line) => line.length > 0);
  const claims = evaluateClaimsOnSummaries(Object.values(runs).flat(), paper1Claims);
  return [
    markdownTable(rows),
    '',
    ...lines.map((line) => `- ${line}`),
    '',
    'Paper 1\'s claims at the chosen settings (see "How to read the verdicts" in the README; ' +
      'epochs to target needs the curves: `npm run report` tests it):',
    '',
    claimsMarkdown(claims),
  ].join('\n');
}
