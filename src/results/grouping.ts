/**
 * Method labels, row order and grouping of runs by method and seed, from the method
 * registry (`letter`, `label`, `order`): the one place tables, claims and notebooks take
 * them from.
 */
import { registeredMethods, type MethodDefinition } from '../methods/registry';
import { mean } from '../metrics';

const teacherLabels: Record<string, string> = {
  'teacher-coarse': 'coarse teacher (hierarchy groups)',
  'teacher-fine': 'fine teacher (fine labels)',
};

function registered(method: string): MethodDefinition | undefined {
  return registeredMethods().find((definition) => definition.name === method);
}

/** Human label of a method or teacher: the registry's letter and label for students ('A heterogeneous KD'). */
export function methodLabel(method: string): string {
  const definition = registered(method);
  if (definition) return `${definition.letter} ${definition.label}`;
  return teacherLabels[method] ?? method;
}

/** The registry letter of a student method ('A'), else its label. */
export function methodLetter(method: string): string {
  return registered(method)?.letter ?? methodLabel(method);
}

/** Sort key of a method: teachers first, then the registry's order; unknown methods last. */
export function methodOrder(method: string): number {
  if (method === 'teacher-coarse') return -2;
  if (method === 'teacher-fine') return -1;
  return registered(method)?.order ?? Number.MAX_SAFE_INTEGER;
}

/** Anything grouped by method and paired by seed (a run result, or a pipeline run summary). */
export interface MethodSeeded {
  method: string;
  seed: number;
}

/** The runs of one method, by ascending seed. */
export interface MethodGroup<Run extends MethodSeeded> {
  method: string;
  runs: Run[];
}

/** Runs grouped by method: methods in {@link methodOrder} (then by name), each group's runs by seed. */
export function groupByMethod<Run extends MethodSeeded>(runs: readonly Run[]): Array<MethodGroup<Run>> {
  const groups = new Map<string, Run[]>();
  for (const run of runs) groups.set(run.method, [...(groups.get(run.method) ?? []), run]);
  return [...groups]
    .map(([method, list]) => ({ method, runs: [...list].sort((a, b) => a.seed - b.seed) }))
    .sort((a, b) => methodOrder(a.method) - methodOrder(b.method) || a.method.localeCompare(b.method));
}

/** The runs of `method`, by seed ([] when it has none). */
export function runsOf<Run extends MethodSeeded>(runs: readonly Run[], method: string): Run[] {
  return runs.filter((run) => run.method === method).sort((a, b) => a.seed - b.seed);
}

/**
 * Mean curve over seeds, epoch by epoch: runs that stopped earlier drop out of later
 * epochs, non-finite values are left out, and an epoch with no value is NaN.
 */
export function meanCurve(curves: number[][]): number[] {
  const length = Math.max(0, ...curves.map((curve) => curve.length));
  return Array.from({ length }, (_, epoch) => {
    const values = curves.map((curve) => curve[epoch]).filter((value) => value !== undefined && Number.isFinite(value));
    return values.length > 0 ? mean(values) : Number.NaN;
  });
}
