import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The run folders of the workers benchmark (src/bench/workersBenchmark.ts): the finished
 * teachers copied from a read-only source, and the comparison of two runs folders' summaries.
 */

/** Folder names of the finished teacher runs of `seeds` in an experiment folder (a summary.json inside). */
export function finishedTeacherFolders(experimentFolder: string, seeds: readonly number[]): string[] {
  if (!existsSync(experimentFolder))
    throw new Error(`--teachers-from: ${experimentFolder} does not exist (expected a finished experiment folder)`);
  return readdirSync(experimentFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => {
      const match = /^seed(\d+)-teacher-/.exec(name);
      return (
        match !== null &&
        seeds.includes(Number(match[1])) &&
        existsSync(path.join(experimentFolder, name, 'summary.json'))
      );
    })
    .sort();
}

/** Copies the named run folders from `source` into `destination` (the source is only read). */
export function copyRunFolders(source: string, destination: string, names: readonly string[]): void {
  for (const name of names) cpSync(path.join(source, name), path.join(destination, name), { recursive: true });
}

/** What may differ between two trainings of the same run: times (`...Seconds`), and the stacked group it trained in. */
function volatileKey(key: string): boolean {
  return key === 'group' || key.endsWith('Seconds');
}

/** A run summary without its volatile keys (times, stacked group), as comparable JSON text. */
function comparableSummary(summary: unknown): string {
  return JSON.stringify(summary, (key, value) => (volatileKey(key) ? undefined : value));
}

interface StudentSummary {
  summary: {
    role?: string;
    test?: { accuracy?: number };
    group?: { size: number; index: number };
  };
}

/** The finished run summaries of an experiment folder, by run id (those of `skip` left out). */
function summariesOf(experimentFolder: string, skip: ReadonlySet<string>): Map<string, StudentSummary> {
  const summaries = new Map<string, StudentSummary>();
  if (!existsSync(experimentFolder)) return summaries;
  for (const entry of readdirSync(experimentFolder, { withFileTypes: true })) {
    const file = path.join(experimentFolder, entry.name, 'summary.json');
    if (!entry.isDirectory() || skip.has(entry.name) || !existsSync(file)) continue;
    summaries.set(entry.name, JSON.parse(readFileSync(file, 'utf8')) as StudentSummary);
  }
  return summaries;
}

/** How the runs trained in two runs folders compare. */
export interface SummariesComparison {
  /** Run ids trained in both folders. */
  common: number;
  /** Of those, runs whose summaries are equal (all numbers; times and stacked group aside). */
  equal: number;
  /** Run ids trained in only one of the two. */
  onlyInOne: string[];
  /** Runs whose numbers differ: id and the test-accuracy difference (second minus first). */
  differing: Array<{ id: string; testAccuracyDifference: number }>;
  /** Stacked group sizes of the first and of the second folder's runs, e.g. [10] and [5, 5]. */
  groupSizes: [number[], number[]];
  /** Teacher runs trained in the first folder (none when every teacher needed was copied). */
  teachersTrained: number;
}

/** The distinct stacked groups (size of each) that a folder's runs trained in, largest first. */
function groupSizes(summaries: Map<string, StudentSummary>): number[] {
  // Each group of size s holds s runs: count runs per size, then divide.
  const runsPerSize = new Map<number, number>();
  for (const { summary } of summaries.values())
    if (summary.group) runsPerSize.set(summary.group.size, (runsPerSize.get(summary.group.size) ?? 0) + 1);
  return [...runsPerSize.entries()]
    .flatMap(([size, runs]) => Array.from({ length: Math.round(runs / size) }, () => size))
    .sort((a, b) => b - a);
}

/**
 * Compares the runs trained in two experiment folders (the copied teachers, `skip`, left out):
 * the same run ids, and per run the same summary apart from times and the stacked group.
 */
export function compareRunsFolders(first: string, second: string, skip: ReadonlySet<string>): SummariesComparison {
  const one = summariesOf(first, skip);
  const two = summariesOf(second, skip);
  const onlyInOne = [...one.keys(), ...two.keys()].filter((id) => !(one.has(id) && two.has(id))).sort();
  const differing: SummariesComparison['differing'] = [];
  let equal = 0;
  let common = 0;
  for (const [id, summary] of one) {
    const other = two.get(id);
    if (!other) continue;
    common++;
    if (comparableSummary(summary.summary) === comparableSummary(other.summary)) equal++;
    else
      differing.push({
        id,
        testAccuracyDifference: (other.summary.test?.accuracy ?? Number.NaN) - (summary.summary.test?.accuracy ?? 0),
      });
  }
  const teachersTrained = [...one.values()].filter(({ summary }) => summary.role === 'teacher').length;
  return { common, equal, onlyInOne, differing, groupSizes: [groupSizes(one), groupSizes(two)], teachersTrained };
}
