/**
 * The config form of a hierarchy discovered from data: the experiment config's
 * `hierarchy` may be `discovered:<way>:<k>[:<linkage>]` instead of a built-in name or a
 * file, e.g. `discovered:class-means:6` or `discovered:confusion:6:complete`. The grouping
 * itself is derived when the data are prepared (src/pipeline/prepare/discoverHierarchy.ts); this
 * file only parses, checks and names the form (no data, no TensorFlow).
 */
import { type Linkage, linkageNames } from './agglomerative';

/** How the fine classes are clustered. */
export type DiscoveryWay = 'class-means' | 'confusion';

/**
 * The ways: `class-means` clusters the mean TRAINING-split feature vector of each fine
 * class (Euclidean distances); `confusion` clusters the VALIDATION-split confusions of a
 * quick seeded softmax regression trained on the training split (see confusionDistances).
 */
export const discoveryWays: readonly DiscoveryWay[] = ['class-means', 'confusion'];

/** A parsed `discovered:<way>:<k>[:<linkage>]`. */
export interface DiscoverySpec {
  way: DiscoveryWay;
  /** Number of coarse groups k (2 .. fine classes - 1). */
  groups: number;
  /** Default 'average'. */
  linkage: Linkage;
}

/** The prefix that marks a discovered hierarchy in the config. */
export const discoveredPrefix = 'discovered:';

/** Whether a config `hierarchy` value asks for a discovered hierarchy. */
export function isDiscoveredHierarchySpec(value: string): boolean {
  return value.startsWith(discoveredPrefix);
}

/**
 * Checks `discovered:<way>:<k>[:<linkage>]` without throwing: the spec, or what is wrong
 * (`problem`) and the form expected. With `fineClassCount`, k must lie in
 * 2..fineClassCount-1 (one group, or one group per class, is no hierarchy).
 */
export function checkDiscoverySpec(
  value: string,
  fineClassCount?: number,
): { spec: DiscoverySpec } | { problem: string; expected: string } {
  const expected = `discovered:<way>:<k>[:<linkage>] with way ${discoveryWays.join(' or ')}, k an integer${fineClassCount !== undefined ? ` in 2..${fineClassCount - 1}` : ' >= 2'} and linkage ${linkageNames.join(', ')} (default average), e.g. discovered:class-means:6`;
  const fail = (problem: string) => ({ problem, expected });
  if (!isDiscoveredHierarchySpec(value)) return fail('it does not start with "discovered:"');
  const parts = value.slice(discoveredPrefix.length).split(':');
  if (parts.length < 2 || parts.length > 3)
    return fail(`it has ${parts.length} part(s) after "discovered:", expected 2 or 3`);
  const [way, groupsText, linkageText] = parts;
  if (!discoveryWays.includes(way as DiscoveryWay)) return fail(`unknown way "${way}"`);
  if (!/^\d+$/.test(groupsText)) return fail(`k "${groupsText}" is not a whole number`);
  const groups = Number(groupsText);
  if (groups < 2) return fail(`k = ${groups} is below 2 (one group is no hierarchy)`);
  if (fineClassCount !== undefined && groups > fineClassCount - 1)
    return fail(
      `k = ${groups} is above ${fineClassCount - 1} (the data set has ${fineClassCount} fine classes; one group per class is no hierarchy)`,
    );
  const linkage = (linkageText ?? 'average') as Linkage;
  if (!linkageNames.includes(linkage)) return fail(`unknown linkage "${linkageText}"`);
  return { spec: { way: way as DiscoveryWay, groups, linkage } };
}

/** {@link checkDiscoverySpec}, throwing an error that quotes the value, says what is wrong and what was expected. */
export function parseDiscoverySpec(value: string, fineClassCount?: number): DiscoverySpec {
  const checked = checkDiscoverySpec(value, fineClassCount);
  if ('problem' in checked) throw new Error(`hierarchy "${value}": ${checked.problem}; expected ${checked.expected}`);
  return checked.spec;
}

/**
 * The hierarchy's name, e.g. `discovered-class-means-6-average`: it goes into every run's
 * config (and so its id), together with the data set, features and the grouping itself,
 * so two derivations never share a run.
 */
export function discoveredHierarchyName(spec: DiscoverySpec): string {
  return `discovered-${spec.way}-${spec.groups}-${spec.linkage}`;
}

/** The hand-made hierarchy a data set's discovered ones are compared with (adjusted Rand index). */
export const referenceHierarchyNames: Readonly<Record<string, string>> = Object.freeze({
  newsgroups: 'newsgroups-paper',
  'fashion-mnist': 'fashion-mnist-5',
});

/**
 * A short, readable name of a fine label for group names: the last two dot-separated parts
 * of a newsgroup name (`comp.sys.ibm.pc.hardware` -> `pc.hardware`), other names as they are.
 */
export function shortLabelName(name: string): string {
  const parts = name.split('.');
  return parts.length > 2 ? parts.slice(-2).join('.') : name;
}

/**
 * Group names from members: short names joined by '+', e.g. `autos+motorcycles`; full names
 * when two short names would coincide.
 */
export function memberGroupNames(members: number[][], fineLabelNames: string[]): string[] {
  const short = fineLabelNames.map(shortLabelName);
  const names = new Set(short).size === short.length ? short : fineLabelNames;
  return members.map((fineIds) => fineIds.map((fineId) => names[fineId]).join('+'));
}
