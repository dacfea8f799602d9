/**
 * The report's "Discovered hierarchies" section, generated from run records
 * alone: when an experiment folder holds runs whose hierarchy was discovered
 * (`hierarchy: "discovered:..."`, recorded as `discovered-<way>-<k>-<linkage>`), every
 * hierarchy the student runs used is listed with its groups and its adjusted Rand index
 * against the data set's hand-made hierarchy, and A (heterogeneous KD) and D (coarse-label
 * auxiliary) are compared with C (plain student) of the same hierarchy, paired over seeds.
 */
import { hierarchyByName } from '../hierarchy/builtInHierarchies';
import { referenceHierarchyNames } from '../hierarchy/discoverySpec';
import { adjustedRandIndex } from '../metrics/clusterAgreement';
import { formatMeanStd } from '../metrics/statistics';
import { methodLabel, renderMarkdown, type ResultTable, type RunResult } from '../results';
import { pairedDifferenceCell } from '../metrics/seedPairing';

/** The hierarchy a run recorded (run config `hierarchy`). */
interface RecordedHierarchy {
  name: string;
  fineToCoarse: number[];
  coarseLabelNames: string[];
}

function hierarchyOf(run: RunResult): RecordedHierarchy | undefined {
  const hierarchy = run.config.hierarchy as Partial<RecordedHierarchy> | undefined;
  if (
    !hierarchy ||
    typeof hierarchy.name !== 'string' ||
    !Array.isArray(hierarchy.fineToCoarse) ||
    !Array.isArray(hierarchy.coarseLabelNames)
  )
    return undefined;
  return hierarchy as RecordedHierarchy;
}

/** Whether a recorded hierarchy name is a discovered one. */
export function isDiscoveredHierarchyName(name: string): boolean {
  return name.startsWith('discovered-');
}

/**
 * What a student run trained apart from its hierarchy (method, settings, training, data,
 * features) and what its teacher read and how it trained (a TF-IDF teacher's student is not
 * compared with a USE teacher's).
 */
function settingsKey(run: RunResult, byId: Map<string, RunResult>): string {
  const { method, methodSettings, training, dataset, encoder, features, professor, teacherRunId } =
    run.config as Record<string, unknown>;
  const teacher = typeof teacherRunId === 'string' ? byId.get(teacherRunId)?.config : undefined;
  const teacherKey = teacher
    ? [teacher.method, teacher.training, teacher.encoder, teacher.features, teacher.inputDimension]
    : (teacherRunId ?? null);
  return JSON.stringify([method, methodSettings, training, dataset, encoder, features, professor ?? null, teacherKey]);
}

/**
 * The student runs comparable with the discovered ones: those whose settings (all but the
 * hierarchy) some discovered run shares, so a folder that also holds a T x a grid compares
 * like with like; of repeated runs (same hierarchy, settings and seed) the latest.
 */
export function comparableStudentRuns(runs: RunResult[]): RunResult[] {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const students = runs.filter((run) => run.role === 'student' && hierarchyOf(run));
  const discoveredKeys = new Set(
    students.filter((run) => isDiscoveredHierarchyName(hierarchyOf(run)!.name)).map((run) => settingsKey(run, byId)),
  );
  const latest = new Map<string, RunResult>();
  for (const run of students) {
    const key = settingsKey(run, byId);
    if (!discoveredKeys.has(key)) continue;
    const slot = `${hierarchyOf(run)!.name}|${key}|${run.seed}`;
    const previous = latest.get(slot);
    if (!previous || previous.finishedAt < run.finishedAt) latest.set(slot, run);
  }
  return [...latest.values()];
}

/** Student runs by hierarchy name (hand-made first, then discovered, each by name). */
function byHierarchy(runs: RunResult[]): Array<{ hierarchy: RecordedHierarchy; runs: RunResult[] }> {
  const groups = new Map<string, { hierarchy: RecordedHierarchy; runs: RunResult[] }>();
  for (const run of comparableStudentRuns(runs)) {
    const hierarchy = hierarchyOf(run);
    if (!hierarchy || run.role !== 'student') continue;
    const group = groups.get(hierarchy.name) ?? { hierarchy, runs: [] };
    group.runs.push(run);
    groups.set(hierarchy.name, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(isDiscoveredHierarchyName(a.hierarchy.name)) - Number(isDiscoveredHierarchyName(b.hierarchy.name)) ||
      a.hierarchy.name.localeCompare(b.hierarchy.name),
  );
}

/** `+0.0123 (p 0.021, n 5)` over shared seeds; with one shared seed the difference alone (`n 1`). */
function pairedCell(first: RunResult[], second: RunResult[]): string {
  return pairedDifferenceCell(first, second, (run) => run.test.accuracy, { singlePair: true });
}

function referenceOf(runs: RunResult[]): string | undefined {
  const kind = (runs.find((run) => run.config.dataset)?.config.dataset as { kind?: string } | undefined)?.kind;
  return kind ? referenceHierarchyNames[kind] : undefined;
}

/**
 * One row per hierarchy: its groups, the ARI against the hand-made reference, the test
 * accuracy of A, D and C (mean ± std over seeds) and A − C, D − C paired over seeds, and A
 * against A of the reference hierarchy.
 */
export function discoveredHierarchiesTable(runs: RunResult[]): ResultTable {
  const groups = byHierarchy(runs);
  const referenceName = referenceOf(runs);
  const reference = referenceName ? hierarchyByName(referenceName) : undefined;
  const referenceRuns = groups.find((group) => group.hierarchy.name === referenceName)?.runs ?? [];
  const method = (list: RunResult[], name: string) => list.filter((run) => run.method === name);
  const accuracy = (list: RunResult[]) => (list.length > 0 ? formatMeanStd(list.map((run) => run.test.accuracy)) : '');
  const rows = groups.map(({ hierarchy, runs: list }) => [
    hierarchy.name,
    String(hierarchy.coarseLabelNames.length),
    reference ? adjustedRandIndex(hierarchy.fineToCoarse, reference.fineToCoarse).toFixed(3) : 'n/a',
    accuracy(method(list, 'heterogeneous')),
    accuracy(method(list, 'coarse-auxiliary')),
    accuracy(method(list, 'plain')),
    pairedCell(method(list, 'heterogeneous'), method(list, 'plain')),
    pairedCell(method(list, 'coarse-auxiliary'), method(list, 'plain')),
    hierarchy.name === referenceName
      ? ''
      : pairedCell(method(list, 'heterogeneous'), method(referenceRuns, 'heterogeneous')),
  ]);
  return {
    headers: [
      'Hierarchy',
      'Groups',
      `ARI vs ${referenceName ?? 'hand-made'}`,
      `${methodLabel('heterogeneous')} test accuracy`,
      `${methodLabel('coarse-auxiliary')} test accuracy`,
      `${methodLabel('plain')} test accuracy`,
      'A - C (paired)',
      'D - C (paired)',
      `A - A of ${referenceName ?? 'hand-made'} (paired)`,
    ],
    rows,
  };
}

/** Every hierarchy's groups, one line each. */
export function hierarchyGroupsTable(runs: RunResult[]): ResultTable {
  const referenceName = referenceOf(runs);
  const fineNames = referenceName ? hierarchyByName(referenceName).fineLabelNames : undefined;
  return {
    headers: ['Hierarchy', 'Group', 'Fine classes'],
    rows: byHierarchy(runs).flatMap(({ hierarchy }) =>
      hierarchy.coarseLabelNames.map((group, index) => [
        index === 0 ? hierarchy.name : '',
        group,
        hierarchy.fineToCoarse
          .flatMap((coarse, fine) => (coarse === index ? [fineNames?.[fine] ?? String(fine)] : []))
          .join(', '),
      ]),
    ),
  };
}

/** The section's markdown lines, or none when no run used a discovered hierarchy. */
export function discoveredHierarchiesSection(runs: RunResult[]): string[] {
  if (!runs.some((run) => isDiscoveredHierarchyName(hierarchyOf(run)?.name ?? ''))) return [];
  return [
    '## Discovered hierarchies',
    '',
    'Hierarchies derived from the data (`hierarchy: "discovered:<way>:<k>"`: agglomerative clustering of the training split\'s class means, or of a seeded ' +
      "softmax regression's validation confusions) beside the hand-made one. ARI = adjusted Rand index of the two groupings (1 = the same partition, about 0 = chance). " +
      'Test accuracy mean ± std over seeds; paired differences over the shared seeds (two-sided paired t-test p-value when 2+ seeds).',
    '',
    renderMarkdown(discoveredHierarchiesTable(runs)),
    '',
    renderMarkdown(hierarchyGroupsTable(runs)),
    '',
  ];
}
