/**
 * What finished runs cost when they trained stacked: several runs train as one model, and
 * each epoch's wall time is split evenly over the members still training, so a run's
 * `trainingSeconds` is its SHARE of its group's time, not what it would cost alone. This
 * file regroups the records into their stacked groups (group wall time = the sum of the
 * members' shares) and gives each method the groups it trained in.
 */
import { methodLabel, methodOrder } from './grouping';
import type { RunRecord } from '../runs';

/** The fields of a run summary the cost view reads. */
interface CostFields {
  method: string;
  seed: number;
  trainingSeconds: number;
  epochsRun: number;
  group?: { size: number; index: number };
}

/** One stacked group (or one run that trained alone, size 1). */
export interface StackedGroup {
  /** Runs trained together as one model. */
  size: number;
  /** Methods of the members, in the registry's order (a method once). */
  methods: string[];
  /** Seconds of the group's training: the sum of its members' shares. */
  wallSeconds: number;
  /** Most epochs any member ran (the group trained until its last member stopped). */
  epochs: number;
  /** The members' run ids. */
  runIds: string[];
}

function costFields(record: RunRecord): CostFields {
  const summary = record.summary as Partial<CostFields> | undefined;
  if (!summary || typeof summary.method !== 'string' || typeof summary.trainingSeconds !== 'number')
    throw new Error(`stackedGroups: run ${record.id} has no method or trainingSeconds in its summary.json`);
  return {
    method: summary.method,
    seed: typeof summary.seed === 'number' ? summary.seed : record.seed,
    trainingSeconds: summary.trainingSeconds,
    epochsRun: typeof summary.epochsRun === 'number' ? summary.epochsRun : record.epochs.length,
    ...(summary.group ? { group: summary.group } : {}),
  };
}

/**
 * The stacked groups of `records`: runs are taken in the order they started; a member with
 * index 0, or an index its group already holds, or another group size, starts a new group
 * (one process trains its groups one after another). A run without a group is a group of one.
 */
export function stackedGroups(records: RunRecord[]): StackedGroup[] {
  const ordered = [...records].sort((first, second) => first.startedAt.localeCompare(second.startedAt));
  const groups: Array<{ size: number; indices: Set<number>; members: Array<{ id: string; fields: CostFields }> }> = [];
  for (const record of ordered) {
    const fields = costFields(record);
    const member = { id: record.id, fields };
    const current = groups[groups.length - 1];
    const group = fields.group;
    if (
      group &&
      current &&
      group.index !== 0 &&
      current.size === group.size &&
      !current.indices.has(group.index) &&
      current.members.length < group.size
    ) {
      current.indices.add(group.index);
      current.members.push(member);
    } else {
      groups.push({ size: group?.size ?? 1, indices: new Set([group?.index ?? 0]), members: [member] });
    }
  }
  return groups.map((group) => ({
    size: group.members.length,
    methods: [...new Set(group.members.map((member) => member.fields.method))].sort(
      (first, second) => methodOrder(first) - methodOrder(second),
    ),
    wallSeconds: group.members.reduce((sum, member) => sum + member.fields.trainingSeconds, 0),
    epochs: Math.max(...group.members.map((member) => member.fields.epochsRun)),
    runIds: group.members.map((member) => member.id),
  }));
}

/** One method's cost row: its runs and the stacked groups they trained in. */
export interface MethodCostRow {
  /** 'A heterogeneous KD', 'coarse teacher (hierarchy groups)', ... */
  method: string;
  runs: number;
  /** "1 group of 10 runs" ("2 groups of 4/10 runs" for several sizes), or "alone" for runs trained by themselves. */
  trainedIn: string;
  /** Wall seconds of the groups it trained in (each group once). */
  groupSeconds: number;
  /** Mean share of its groups' time per run: NOT the cost of training it alone. */
  shareSecondsPerRun: number;
}

/** Per method (registry order, teachers first): how many runs, in which groups, the groups' wall time, the mean share. */
export function methodCostRows(records: RunRecord[]): MethodCostRow[] {
  const groups = stackedGroups(records);
  const fields = new Map(records.map((record) => [record.id, costFields(record)]));
  const methods = [...new Set([...fields.values()].map((field) => field.method))].sort(
    (first, second) => methodOrder(first) - methodOrder(second),
  );
  return methods.map((method) => {
    const runs = [...fields.entries()].filter(([, field]) => field.method === method);
    const ids = new Set(runs.map(([id]) => id));
    const own = groups.filter((group) => group.runIds.some((id) => ids.has(id)));
    const sizes = [...new Set(own.map((group) => group.size))].sort((first, second) => first - second);
    const trainedIn = sizes.every((size) => size === 1)
      ? 'alone'
      : `${own.length} group${own.length === 1 ? '' : 's'} of ${sizes.join('/')} runs`;
    return {
      method: methodLabel(method),
      runs: runs.length,
      trainedIn,
      groupSeconds: own.reduce((sum, group) => sum + group.wallSeconds, 0),
      shareSecondsPerRun: runs.reduce((sum, [, field]) => sum + field.trainingSeconds, 0) / runs.length,
    };
  });
}
