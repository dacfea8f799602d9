import { formatMeanStd, formatPValue, formatSignedDifference, mean, pairBySeed, pairedBySeedTest } from '../metrics';
import { registeredMethods, type MethodDefinition } from '../methods/registry';
import type { PipelineRunSummary } from './runSummary';

/** Paper 1's reported single-run figures (Yu & Kim 2022, Tables 3 and 4), for reference columns. */
export const paperReference = {
  teachers: { 'teacher-coarse': { accuracy: 0.7822, parameters: 1_045_378 }, 'teacher-fine': { accuracy: 0.598, parameters: 1_046_288 } },
  students: {
    heterogeneous: { accuracy: 0.5861, macroF1: 0.5668 },
    traditional: { accuracy: 0.5837, macroF1: 0.5643 },
    plain: { accuracy: 0.5781, macroF1: 0.5623 },
  },
} as const;

const teacherLabels: Record<string, string> = {
  'teacher-coarse': 'coarse teacher (hierarchy groups)',
  'teacher-fine': 'fine teacher (fine labels)',
};

function registered(method: string): MethodDefinition | undefined {
  return registeredMethods().find((definition) => definition.name === method);
}

/** Human label of a method/role name: the registry's letter and label for students. */
export function methodLabel(method: string): string {
  const definition = registered(method);
  if (definition) return `${definition.letter} ${definition.label}`;
  return teacherLabels[method] ?? method;
}

/** Row order of a method in tables: teachers first, then the registry's order. */
export function methodOrder(method: string): number {
  return registered(method)?.order ?? (method === 'teacher-coarse' ? -2 : method === 'teacher-fine' ? -1 : Number.MAX_SAFE_INTEGER);
}

function groupByMethod(summaries: PipelineRunSummary[]): Map<string, PipelineRunSummary[]> {
  const groups = new Map<string, PipelineRunSummary[]>();
  for (const summary of summaries) {
    const list = groups.get(summary.method) ?? [];
    list.push(summary);
    groups.set(summary.method, list);
  }
  for (const list of groups.values()) list.sort((a, b) => a.seed - b.seed);
  return groups;
}

/** One row of the teachers' table (paper 1's Table 3, with mean ± std over seeds). */
export interface TeacherTableRow {
  teacher: string;
  outputs: number;
  parameters: number;
  seeds: number;
  testAccuracy: string;
  testMacroF1: string;
  bestEpoch: string;
  paperAccuracy: string;
}

/** Teachers' table rows from run summaries. */
/** Options of the tables: `paperColumn` false leaves paper 1's (20 Newsgroups) numbers out, e.g. for Fashion-MNIST. */
export interface ResultTableOptions {
  paperColumn?: boolean;
}

export function teacherTable(teachers: PipelineRunSummary[], outputsByTarget: { coarse: number; fine: number }, options: ResultTableOptions = {}): TeacherTableRow[] {
  return [...groupByMethod(teachers)].map(([method, runs]) => {
    const reference = options.paperColumn === false ? undefined : paperReference.teachers[method as keyof typeof paperReference.teachers];
    return {
      teacher: methodLabel(method),
      outputs: outputsByTarget[runs[0].target],
      parameters: runs[0].parameters,
      seeds: runs.length,
      testAccuracy: formatMeanStd(runs.map((run) => run.test.accuracy)),
      testMacroF1: formatMeanStd(runs.map((run) => run.test.macroF1)),
      bestEpoch: mean(runs.map((run) => run.bestEpoch)).toFixed(1),
      paperAccuracy: reference ? reference.accuracy.toFixed(4) : '',
    };
  });
}

/** One row of the students' table (paper 1's Table 4, with mean ± std and paired tests). */
export interface StudentTableRow {
  method: string;
  parameters: number;
  seeds: number;
  testAccuracy: string;
  testMacroF1: string;
  impliedCoarseAccuracy: string;
  /** Share of wrong predictions within the true class's coarse group. */
  withinGroupErrorShare: string;
  bestEpoch: string;
  /** Mean epochs to reach the target test accuracy, and in how many seeds it was reached. */
  epochsToTarget: string;
  /** Mean paired accuracy difference to the plain student (C), with the paired t-test p-value. */
  accuracyVsPlain: string;
  paperAccuracy: string;
}

/** Students' table rows from run summaries, in the order A-E. */
export function studentTable(students: PipelineRunSummary[], options: ResultTableOptions = {}): StudentTableRow[] {
  const groups = groupByMethod(students);
  const plain = groups.get('plain');
  const ordered = [...groups].sort(([a], [b]) => methodOrder(a) - methodOrder(b));
  const rows = ordered.map(([method, runs]): StudentTableRow => {
    let versusPlain = '';
    if (plain && method !== 'plain') {
      const test = pairedBySeedTest(runs, plain, (run) => run.test.accuracy);
      if (test) versusPlain = `${formatSignedDifference(test.meanDifference)} (p ${formatPValue(test.pValue)})`;
    }
    const reached = runs.filter((run) => run.epochsToTarget !== null).map((run) => run.epochsToTarget as number);
    const reference = options.paperColumn === false ? undefined : paperReference.students[method as keyof typeof paperReference.students];
    return {
      method: methodLabel(method),
      parameters: runs[0].parameters,
      seeds: runs.length,
      testAccuracy: formatMeanStd(runs.map((run) => run.test.accuracy)),
      testMacroF1: formatMeanStd(runs.map((run) => run.test.macroF1)),
      impliedCoarseAccuracy: formatMeanStd(runs.map((run) => run.test.impliedCoarseAccuracy ?? Number.NaN)),
      withinGroupErrorShare: formatMeanStd(runs.map((run) => run.test.withinGroupErrorShare ?? Number.NaN)),
      bestEpoch: mean(runs.map((run) => run.bestEpoch)).toFixed(1),
      epochsToTarget: reached.length > 0 ? `${mean(reached).toFixed(1)} (${reached.length}/${runs.length})` : `- (0/${runs.length})`,
      accuracyVsPlain: versusPlain,
      paperAccuracy: reference ? reference.accuracy.toFixed(4) : '',
    };
  });
  return rows;
}

/** Paired comparison of two methods over shared seeds (accuracy and macro-F1). */
export function compareMethods(students: PipelineRunSummary[], first: string, second: string): string {
  const groups = groupByMethod(students);
  const a = groups.get(first);
  const b = groups.get(second);
  if (!a || !b) return `${first} vs ${second}: not both run`;
  const parts = (['accuracy', 'macroF1'] as const).map((metric) => {
    const test = pairedBySeedTest(a, b, (run) => run.test[metric]);
    if (!test) return `${metric}: needs 2+ shared seeds`;
    return `${metric} ${formatSignedDifference(test.meanDifference)} (t ${test.t.toFixed(2)}, df ${test.degreesOfFreedom}, p ${formatPValue(test.pValue)})`;
  });
  return `${methodLabel(first)} vs ${methodLabel(second)} over ${pairBySeed(a, b, (run) => run.test.accuracy).seeds.length} shared seeds: ${parts.join('; ')}`;
}

/** Formats rows of objects as an aligned plain-text table (headers from `columns`). */
export function formatTextTable<Row extends object>(rows: Row[], columns: Array<[keyof Row, string]>): string {
  const cells = rows.map((row) => columns.map(([key]) => String(row[key] ?? '')));
  const headers = columns.map(([, header]) => header);
  const widths = headers.map((header, index) => Math.max(header.length, ...cells.map((line) => line[index].length)));
  const line = (values: string[]) => values.map((value, index) => value.padEnd(widths[index])).join('  ').trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

export const teacherTableColumns: Array<[keyof TeacherTableRow, string]> = [
  ['teacher', 'Teacher'],
  ['outputs', 'Outputs'],
  ['parameters', 'Params'],
  ['seeds', 'Seeds'],
  ['testAccuracy', 'Test accuracy'],
  ['testMacroF1', 'Test macro-F1'],
  ['bestEpoch', 'Best epoch'],
  ['paperAccuracy', 'Paper 1'],
];

export const studentTableColumns: Array<[keyof StudentTableRow, string]> = [
  ['method', 'Method'],
  ['parameters', 'Params'],
  ['seeds', 'Seeds'],
  ['testAccuracy', 'Test accuracy'],
  ['testMacroF1', 'Test macro-F1'],
  ['impliedCoarseAccuracy', 'Implied coarse acc.'],
  ['withinGroupErrorShare', 'Errors in group'],
  ['bestEpoch', 'Best epoch'],
  ['epochsToTarget', 'Epochs to target'],
  ['accuracyVsPlain', 'Acc. vs C (paired t)'],
  ['paperAccuracy', 'Paper 1'],
];
