import { projectRoot } from '../util/paths';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { mean, standardDeviation } from '../metrics';
import { paper1Reference, paperFor } from '../papers';
import {
  datasetKindOf,
  evaluatePaperClaims,
  groupByMethod,
  loadExperimentResults,
  meanCurve,
  methodLabel,
  paperOneColumnsFor,
  pairwiseTable,
  perSeedTable,
  renderMarkdown,
  setupTable,
  studentsTable,
  teachersTable,
  type ExperimentResults,
  type MethodGroup,
  type PaperClaimResult,
  type RunResult,
} from '../results';
import { writeFileAtomic } from '../util/atomicFile';
import { claimsTableMarkdown, verdictDefinitions } from './claimsSection';
import { mistakesAndCalibrationSection } from './calibrationSection';
import { discoveredHierarchiesSection } from './discoveredSection';
import { professorSection } from './professorSection';
import { curveChartsSvg, learningSpeedTable } from './learningSpeed';
import { barChartSvg, lineChartSvg, type SvgBar } from './svgCharts';

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** `<runs>/<experiment>`: the run folders (and comparison.json) of one experiment, or its results bundle. */
  experimentDirectory: string;
  /** Where `<experiment>.md` and the `<experiment>/` chart folder go (default 'reports'). */
  outputDirectory?: string;
  /** Family-wise significance level of the claims' paired tests (Holm; default 0.05). */
  alpha?: number;
  /** Overrides the target accuracy of the epochs-to-target claim (default: recorded in the runs). */
  targetAccuracy?: number;
  /** The command line printed in the report (default `npm run report -- --experiment <name>`). */
  command?: string;
  /** The time printed in the report (default: now, as an ISO string); null prints none (reference reports are byte-stable). */
  generatedAt?: string | null;
  /** How the report names where its runs came from (default: the folder or bundle path as given). */
  sourceLabel?: string;
  /** How the README section links the full report (default: its path relative to the working folder). */
  reportLinkPath?: string;
}

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  experiment: string;
  markdownPath: string;
  chartPaths: string[];
  markdown: string;
  /** The short section for the README (claims and students). */
  resultsSection: string;
  claims: PaperClaimResult[];
  runs: ExperimentResults;
}

function generatedOn(generatedAt: string | null | undefined): string {
  if (generatedAt === null) return '';
  return ` on ${generatedAt ?? new Date().toISOString()}`;
}

function bars(groups: Array<MethodGroup<RunResult>>, reference: (method: string) => number | undefined): SvgBar[] {
  return groups.map(({ method, runs: list }) => {
    const values = list.map((run) => run.test.accuracy);
    return {
      label: method,
      mean: mean(values),
      std: values.length > 1 ? standardDeviation(values) : undefined,
      reference: reference(method),
    };
  });
}

async function writeCharts(
  runs: ExperimentResults,
  chartDirectory: string,
  targetAccuracy: number | undefined,
  paperOne: boolean,
): Promise<Array<{ file: string; caption: string; section: 'teachers' | 'students' | 'speed' }>> {
  const charts: Array<{ file: string; caption: string; section: 'teachers' | 'students' | 'speed'; svg: string }> = [];
  const teacherGroups = groupByMethod(runs.runs.filter((run) => run.role === 'teacher'));
  const studentGroups = groupByMethod(runs.runs.filter((run) => run.role === 'student'));
  // Paper 1's dashed references belong to 20 Newsgroups runs only.
  const teacherReference = (method: string) =>
    paperOne ? paper1Reference.teachers[method as keyof typeof paper1Reference.teachers]?.accuracy : undefined;
  const studentReference = (method: string) =>
    paperOne ? paper1Reference.students[method as keyof typeof paper1Reference.students]?.accuracy : undefined;
  const dashed = paperOne ? '; dashed: paper 1' : '';
  if (teacherGroups.length > 0) {
    charts.push({
      file: 'teachers-accuracy.svg',
      section: 'teachers',
      caption: `Teachers: test accuracy (mean ± std over seeds${dashed})`,
      svg: barChartSvg('Teachers: test accuracy on their own labels', bars(teacherGroups, teacherReference), {
        yLabel: 'test accuracy',
        referenceName: 'paper 1',
      }),
    });
  }
  if (studentGroups.length > 0) {
    charts.push({
      file: 'students-accuracy.svg',
      section: 'students',
      caption: `Students: test accuracy (mean ± std over seeds${dashed})`,
      svg: barChartSvg('Students: test accuracy (fine classes)', bars(studentGroups, studentReference), {
        yLabel: 'test accuracy',
        referenceName: 'paper 1',
      }),
    });
    const withCurves = studentGroups.filter(({ runs: list }) =>
      list.every((run) => run.testAccuracyCurve.some(Number.isFinite)),
    );
    if (withCurves.length > 0) {
      const series = withCurves.map(({ method, runs: list }) => ({
        name: methodLabel(method),
        values: meanCurve(list.map((run) => run.testAccuracyCurve)),
      }));
      charts.push({
        file: 'students-test-curves.svg',
        section: 'students',
        caption: 'Students: test accuracy after each epoch (mean over seeds)',
        svg: lineChartSvg('Students: test accuracy per epoch (mean over seeds)', series, {
          yLabel: 'test accuracy',
          reference:
            targetAccuracy === undefined ? undefined : { value: targetAccuracy, name: `target ${targetAccuracy}` },
        }),
      });
    }
    for (const chart of curveChartsSvg(runs.runs)) charts.push({ ...chart, section: 'speed' });
  }
  await fs.mkdir(chartDirectory, { recursive: true });
  for (const chart of charts) await writeFileAtomic(path.join(chartDirectory, chart.file), `${chart.svg}\n`);
  return charts.map(({ file, caption, section }) => ({ file, caption, section }));
}

/**
 * Writes `<outputDirectory>/<experiment>.md` and its SVG charts (`<outputDirectory>/<experiment>/`)
 * from the run records of one experiment alone: teachers' and students' tables (mean ± std
 * over seeds, paired t-tests) beside paper 1's numbers, every seed's accuracy, the setup,
 * and one verdict per claim of paper 1 (see evaluatePaperClaim). Markdown and SVG render offline.
 */
export async function writeReport(options: WriteReportOptions): Promise<WrittenReport> {
  const runs = await loadExperimentResults(options.experimentDirectory);
  if (runs.runs.length === 0) throw new Error(`no finished runs in ${runs.experimentDirectory}: nothing to report`);
  const outputDirectory = path.resolve(options.outputDirectory ?? path.join(projectRoot, 'reports'));
  const experiment = runs.experiment;
  const targetAccuracy = options.targetAccuracy ?? runs.targetAccuracy;
  const alpha = options.alpha ?? 0.05;
  const datasetKind = datasetKindOf(runs.runs);
  const paper = paperFor(datasetKind);
  const paperName = paper.name;
  const claims = evaluatePaperClaims(runs.runs, paper.claims, { alpha, targetAccuracy });
  const chartDirectory = path.join(outputDirectory, experiment);
  const charts = await writeCharts(runs, chartDirectory, targetAccuracy, paperOneColumnsFor(runs.runs));
  const chartLines = (section: 'teachers' | 'students' | 'speed') =>
    charts
      .filter((chart) => chart.section === section)
      .map((chart) => `![${chart.caption}](${encodeURI(`${experiment}/${chart.file}`)})`);
  const command = options.command ?? `npm run report -- --experiment ${experiment}`;
  const teachers = runs.runs.filter((run) => run.role === 'teacher');
  const students = runs.runs.filter((run) => run.role === 'student');
  const studentsMarkdown =
    students.length > 0 ? renderMarkdown(studentsTable(runs.runs, targetAccuracy)) : '_No student runs._';
  const claimsMarkdown = claimsTableMarkdown(claims, paperName);
  const verdictRule = verdictDefinitions(alpha, paperName);
  const lines = [
    `# ${experiment}: ${paperName} vs our runs`,
    '',
    `Generated by \`${command}\`${generatedOn(options.generatedAt)} from ${runs.runs.length} run records in \`${options.sourceLabel ?? runs.experimentDirectory}\` ` +
      `(chosen from ${runs.source}). Every number comes from the run records (config.json, summary.json, metrics.jsonl)${paperName === 'paper 1' ? " or from paper 1's published tables" : ''}; none is typed by hand.`,
    '',
    `Seeds: ${runs.seeds.join(', ')}.${targetAccuracy !== undefined ? ` Target test accuracy for "epochs to target": ${targetAccuracy}.` : ''}`,
    '',
    `## Claims of ${paperName}`,
    '',
    claimsMarkdown,
    '',
    verdictRule,
    '',
    '## Teachers',
    '',
    teachers.length > 0 ? renderMarkdown(teachersTable(runs.runs)) : '_No teacher runs._',
    '',
    ...chartLines('teachers'),
    '',
    '## Students',
    '',
    studentsMarkdown,
    '',
    ...chartLines('students'),
    '',
    ...mistakesAndCalibrationSection(runs.runs),
    ...(students.some((run) => run.testAccuracyCurve.some(Number.isFinite))
      ? [
          '## Learning speed (relative targets)',
          '',
          "Epochs to 95 % of the plain student's best test accuracy on the same seed (mean ± std over the seeds that reach it), and to 95 % of the run's own best. " +
            'Targets relative to each plateau compare speed where a fixed target is reached by all in one epoch or by some never; fixed-length curves (early stopping off) make the epochs comparable.',
          '',
          renderMarkdown(learningSpeedTable(runs.runs)),
          '',
          ...chartLines('speed'),
          '',
        ]
      : []),
    '## Paired comparisons',
    '',
    'Mean over shared seeds of (first - second) on the test set, its 95 % interval, the two-sided paired t-test p-value, the Holm-adjusted p over this table (one family) and the number of pairs.',
    '',
    renderMarkdown(pairwiseTable(runs.runs)),
    '',
    ...professorSection(runs.runs),
    ...discoveredHierarchiesSection(runs.allRuns),
    '## Every seed',
    '',
    'Test accuracy of each run (teachers on their own labels).',
    '',
    renderMarkdown(perSeedTable(runs.runs)),
    '',
    '## Setup',
    '',
    renderMarkdown(setupTable(runs.runs)),
    '',
    runs.superseded.length > 0
      ? `Left out (replaced by a later run of the same method and seed): ${runs.superseded.join(', ')}.`
      : '',
  ];
  const markdown = `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
  const markdownPath = path.join(outputDirectory, `${experiment}.md`);
  await writeFileAtomic(markdownPath, markdown);
  const resultsSection = [
    `Generated by \`${command}\` from the run records of \`${experiment}\` (seeds ${runs.seeds.join(', ')}); full report: \`${options.reportLinkPath ?? (path.relative(process.cwd(), markdownPath) || markdownPath)}\`.`,
    '',
    claimsMarkdown,
    '',
    studentsMarkdown,
    '',
  ].join('\n');
  return {
    experiment,
    markdownPath,
    chartPaths: charts.map((chart) => path.join(chartDirectory, chart.file)),
    markdown,
    resultsSection,
    claims,
    runs,
  };
}

/** The two markers around a generated section of a markdown file. */
export function sectionMarkers(name: string): { start: string; end: string } {
  return { start: `<!-- report:${name}:start -->`, end: `<!-- report:${name}:end -->` };
}

/**
 * Replaces the text between `<!-- report:<experiment>:start -->` and
 * `<!-- report:<experiment>:end -->` in a markdown file (e.g. README.md) with `section`.
 * The markers must be there already (an error says which is missing).
 */
export async function replaceMarkedSection(filePath: string, experiment: string, section: string): Promise<void> {
  const text = await fs.readFile(filePath, 'utf8');
  const { start, end } = sectionMarkers(experiment);
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from)
    throw new Error(
      `${filePath}: needs the markers ${start} and ${end} (in that order) around the generated results section`,
    );
  await writeFileAtomic(filePath, `${text.slice(0, from + start.length)}\n${section.trim()}\n${text.slice(to)}`);
}
