import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { curveChartsSvg, learningSpeedTable } from '../report/learningSpeed';
import { paper1Choices } from '../papers';
import { renderMarkdown, type ResultTable, type RunResult } from '../results';
import { heatmapSvg } from '../report/svgCharts';
import { baselineAnswersSection } from './baselineAnswers';
import { baselinesSection } from './baselinesTable';
import { costSection } from './studyCostSection';
import { hierarchiesTable } from './hierarchiesTable';
import { coverageLines, type FullPlan, generatedLine } from './studyReportHeader';
import { writeFileAtomic } from '../util/atomicFile';
import type { EarlyStoppingConfig } from '../config/types';
import type { StudyPartResult } from './studyParts';
import { protocolLine, regimesTable } from './regimesTable';
import { collapsedRunsIn, collapseFootnote } from './studyCollapse';
import type { CostEstimate } from './studyCost';
import {
  assignedValue,
  chosenPoint,
  chosenVersusControlsTable,
  chosenVersusPaperTable,
  featureSetsTable,
  gridValues,
  teacherFeaturesTable,
  regimeName,
} from './studyTables';

const studentMethods = ['heterogeneous', 'traditional', 'plain', 'coarse-auxiliary', 'label-smoothing'];

/** What {@link writeStudyReport} needs. */
export interface StudyReportInput {
  name: string;
  /** The experiment's description (the report's subtitle). */
  title?: string;
  /** Mark paper 1's choices on the grid and compare with them (20 Newsgroups). */
  paperChoices?: boolean;
  experimentDirectory: string;
  outputDirectory: string;
  parts: StudyPartResult[];
  curveRuns: RunResult[];
  fullCost: CostEstimate;
  seconds: number;
  smoke: boolean;
  /** The time stamp in the first line (default now); null leaves it out (byte-stable reference reports). */
  generatedAt?: string | null;
  /** The command the first line names (default the study command that ran it). */
  command?: string;
  /** What the default study plans beyond this report: its other parts, and its regimes' fractions. */
  fullPlan?: FullPlan;
}

function gridTable(grid: ReturnType<typeof gridValues>): ResultTable {
  return {
    headers: ['', ...grid.columnLabels],
    rows: grid.values.map((row, index) => [
      grid.rowLabels[index],
      ...row.map((value) => (Number.isFinite(value) ? value.toFixed(4) : '')),
    ]),
  };
}

/**
 * Writes `<outputDirectory>/<name>.md` and its SVG charts (`<outputDirectory>/<name>/`):
 * grid heatmaps of A and B (validation and test accuracy; the point chosen on validation
 * outlined, paper 1's dashed), the chosen points vs paper 1's, fixed-length curves with
 * relative-target learning speed, the regimes table with paired tests vs C and vs D, the
 * hierarchies, features and baselines tables, and the cost. Returns the markdown path.
 */
export async function writeStudyReport(input: StudyReportInput): Promise<string> {
  const outputDirectory = path.resolve(input.outputDirectory);
  const chartDirectory = path.join(outputDirectory, input.name);
  await fs.mkdir(chartDirectory, { recursive: true });
  const charts: string[] = [];
  const chart = async (file: string, caption: string, svg: string) => {
    await writeFileAtomic(path.join(chartDirectory, file), `${svg}\n`);
    charts.push(file);
    return `![${caption}](${encodeURI(`${input.name}/${file}`)})`;
  };
  const part = (name: string) => input.parts.find((result) => result.part.name === name);
  const lines: string[] = [
    `# ${input.name}: the full study`,
    '',
    ...(input.title ? [`*${input.title}*`, ''] : []),
    `${generatedLine(input)} ` +
      "Every number is a mean ± std over seeds of test accuracy unless it says otherwise; paired differences over shared seeds carry their 95 % interval and two-sided paired t-test p, each table's comparisons are one family (Holm p beside the raw one), and the line under a table says the smallest difference its seeds can detect." +
      (input.smoke ? ' **Smoke run: a tiny slice, a few epochs; the numbers only show that every part runs.**' : ''),
    '',
    ...coverageLines(
      input.parts.map((result) => result.part.name),
      input.fullPlan,
    ),
  ];

  const grid = part('grid');
  if (grid) {
    lines.push(
      '## Temperature x student-loss weight (A and B)',
      '',
      `Each cell: mean over seeds. Settings are chosen on **validation** accuracy only (outlined)${input.paperChoices ? "; paper 1's choice is dashed" : ''}.`,
      '',
    );
    for (const method of ['heterogeneous', 'traditional']) {
      const chosen = chosenPoint(grid.points, method);
      const paper = input.paperChoices ? paper1Choices[method] : undefined;
      for (const split of ['validation', 'test'] as const) {
        const values = gridValues(grid.points, method, split);
        const at = (temperature: unknown, weight: unknown): [number, number] | undefined => {
          const row = values.temperatures.indexOf(temperature as number);
          const column = values.weights.indexOf(weight as number);
          return row >= 0 && column >= 0 ? [row, column] : undefined;
        };
        const title = `${method === 'heterogeneous' ? 'A heterogeneous KD' : 'B traditional KD'}: ${split} accuracy`;
        lines.push(`### ${title}`, '', renderMarkdown(gridTable(values)), '');
        lines.push(
          await chart(
            `grid-${method}-${split}.svg`,
            title,
            heatmapSvg(title, values, {
              rowName: 'temperature T',
              columnName: 'student-loss weight a',
              marked: chosen
                ? at(
                    assignedValue(chosen, 'methods.heterogeneous.temperature'),
                    assignedValue(chosen, 'methods.heterogeneous.studentLossWeight'),
                  )
                : undefined,
              markedName: 'chosen on validation',
              reference: paper ? at(paper.temperature, paper.studentLossWeight) : undefined,
              referenceName: "paper 1's choice",
            }),
          ),
          '',
        );
      }
    }
    if (input.paperChoices)
      lines.push("### Chosen points vs paper 1's", '', renderMarkdown(chosenVersusPaperTable(grid.points)), '');
    lines.push(
      '### Chosen A and B vs the controls',
      '',
      'C, D and E do not read T or a: one run per seed, shared by every point. Differences are paired over seeds.',
      '',
      renderMarkdown(chosenVersusControlsTable(grid.points)),
      '',
      ...collapseFootnote(collapsedRunsIn(grid.points, studentMethods)),
      '',
    );
  }

  const curves = part('curves');
  if (curves && input.curveRuns.length > 0) {
    lines.push(
      '## Fixed-length curves',
      '',
      `Early stopping off (${input.curveRuns.find((run) => run.role === 'student')?.epochsRun ?? '?'} epochs); every method at the base settings.`,
      '',
    );
    lines.push(renderMarkdown(learningSpeedTable(input.curveRuns)), '');
    for (const { file, caption, svg } of curveChartsSvg(input.curveRuns)) lines.push(await chart(file, caption, svg));
    lines.push('');
  }

  const regimes = part('regimes');
  if (regimes) {
    const regimePoints = regimes.part.points;
    const grid = (key: string) => [...new Set(regimePoints.map((point) => JSON.stringify(assignedValue(point, key))))];
    const temperatures = grid('methods.heterogeneous.temperature');
    const weights = grid('methods.heterogeneous.studentLossWeight');
    const minEpochs = regimePoints
      .map((point) => point.config.student.earlyStopping)
      .find((stopping): stopping is EarlyStoppingConfig => stopping !== false && stopping.minEpochs !== undefined);
    lines.push(
      '## Few fine labels',
      '',
      "The student sees the fine labels of a stratified share of the training split. 'drop': the student trains on those rows only; " +
        "'distill': on every row, its label terms over the labelled rows and the distillation term over all. " +
        `A and B take, in each regime, the (T, a) with the highest mean validation accuracy over T in {${temperatures.join(', ')}} x a in {${weights.join(', ')}}; ` +
        "C, D and E do not read T or a. C runs in both modes; every '- C' difference compares with the mode chosen on validation at that fraction. " +
        'Paper 1 reports all-label numbers only: no paper column here.' +
        (minEpochs
          ? ` Students at fractions < 1 stop early no sooner than epoch ${minEpochs.minEpochs} (early stopping on ${minEpochs.monitor}, patience ${minEpochs.patience}).`
          : ''),
      '',
      protocolLine(regimePoints.map((point) => point.config)),
      '',
      renderMarkdown(regimesTable(regimes.points)),
      '',
      ...collapseFootnote(
        collapsedRunsIn(regimes.points, [...studentMethods, 'teacher-coarse', 'teacher-fine'], (point, method) => {
          const temperature = assignedValue(point, 'methods.heterogeneous.temperature');
          const weight = assignedValue(point, 'methods.heterogeneous.studentLossWeight');
          const readsSettings = method === 'heterogeneous' || method === 'traditional';
          return `${regimeName(point)}${readsSettings && temperature !== undefined ? ` (T ${temperature}, a ${weight})` : ''}`;
        }),
      ),
      '',
    );
  }

  const hierarchies = part('hierarchies');
  if (hierarchies) {
    lines.push(
      '## Hierarchies',
      '',
      'The coarse teacher and the two-head students on other groupings of the fine classes (the coarse teacher is scored on its own groups).',
      '',
    );
    const { table, groupings, hierarchyName } = hierarchiesTable(hierarchies.points);
    lines.push(
      renderMarkdown(table),
      '',
      ...collapseFootnote(collapsedRunsIn(hierarchies.points, [...studentMethods, 'teacher-coarse'], hierarchyName)),
      '',
    );
    const discovered = groupings.filter((row) => row.configValue.startsWith('discovered:'));
    if (discovered.length > 0) {
      lines.push('Discovered groups (from the training split or validation confusions; never the test split):', '');
      for (const row of discovered)
        lines.push(`- \`${row.configValue}\`: ${row.groups.map((group) => `{${group}}`).join(' · ')}`);
      lines.push('');
    }
  }

  const features = part('features');
  if (features) {
    lines.push(
      '## A teacher that sees other features',
      '',
      "The teachers train and predict on their own features of the same documents; the students read the experiment's features.",
      '',
    );
    lines.push(
      renderMarkdown(teacherFeaturesTable(features.points)),
      '',
      ...collapseFootnote(collapsedRunsIn(features.points, [...studentMethods, 'teacher-coarse', 'teacher-fine'])),
      '',
    );
  }

  const featureSets = part('featureSets');
  if (featureSets) {
    lines.push(
      '## Features that make a strong student',
      '',
      "Teachers and students both read each feature set; the student keeps its default size (about a tenth of the teacher's parameters for its input width). " +
        'TF-IDF is fitted on the training split only (vocabulary, idf, chi-squared selection against the fine labels).',
      '',
      renderMarkdown(featureSetsTable(featureSets.points)),
      '',
      ...collapseFootnote(collapsedRunsIn(featureSets.points, [...studentMethods, 'teacher-coarse', 'teacher-fine'])),
      '',
    );
  }

  lines.push(...baselinesSection(part('baselines')), ...baselineAnswersSection(part('baselines')?.points ?? []));

  lines.push(...costSection(input.parts, input.fullCost));
  const markdown = `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
  const markdownPath = path.join(outputDirectory, `${input.name}.md`);
  await writeFileAtomic(markdownPath, markdown);
  return markdownPath;
}
