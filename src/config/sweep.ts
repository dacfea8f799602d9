import { checkSchemaPath, cloneJson, parseAssignment, parseCommandLineValue, setPath, splitTopLevel } from './layering';
import type { ExperimentConfig } from './types';
import { checkExperimentConfig } from './validateExperiment';
import { ConfigError, formatProblem, formatValue } from './validate';

/** One point of a sweep grid: its assignments and the whole config they give. */
export interface SweepPoint {
  /** Short, unique name: `temperature=4 studentLossWeight=0.3` (full key paths where last keys clash). */
  label: string;
  /** Key path -> value of this point. */
  assignments: Record<string, unknown>;
  config: ExperimentConfig;
}

/** One swept key (or linked keys, `a+b`, that take the same value together) and its values. */
export interface SweepAxis {
  /** As written: `methods.heterogeneous.temperature` or `methods.heterogeneous.temperature+methods.traditional.temperature`. */
  path: string;
  /** The key paths this axis sets (one, or several linked with `+`). */
  paths: string[];
  values: unknown[];
}

/** Parses `key.path=v1,v2,...` options (values like --set; commas inside [] or {} do not split). */
export function parseSweeps(config: ExperimentConfig, sweeps: string[]): { axes: SweepAxis[]; problems: string[] } {
  const axes: SweepAxis[] = [];
  const problems: string[] = [];
  for (const entry of sweeps) {
    let assignment: { path: string; value: string };
    try {
      assignment = parseAssignment(entry, '--sweep');
    } catch (error) {
      problems.push(`${(error as Error).message.replace('key.path=value', 'key.path=v1,v2,...')}`);
      continue;
    }
    const paths = assignment.path.split('+');
    const pathProblems = paths
      .map((path) => checkSchemaPath(config, path, `--sweep ${entry}`))
      .filter((problem): problem is string => Boolean(problem));
    if (pathProblems.length > 0) {
      problems.push(...pathProblems);
      continue;
    }
    const twice = paths.find(
      (path, index) => paths.indexOf(path) !== index || axes.some((axis) => axis.paths.includes(path)),
    );
    if (twice) {
      problems.push(`--sweep ${entry}: ${twice} is swept twice; give all its values in one --sweep`);
      continue;
    }
    const texts = splitTopLevel(assignment.value);
    if (texts.some((text) => text === '')) {
      problems.push(
        `--sweep ${entry}: got an empty value; expected values separated by commas, like ${assignment.path}=1,2,3`,
      );
      continue;
    }
    const values = texts.map(parseCommandLineValue);
    const seen = new Set(values.map((value) => JSON.stringify(value)));
    if (seen.size !== values.length) {
      problems.push(`--sweep ${entry}: a value is repeated; expected distinct values`);
      continue;
    }
    axes.push({ path: assignment.path, paths, values });
  }
  return { axes, problems };
}

function shortNames(axes: SweepAxis[]): string[] {
  // Linked keys that share their last name (heterogeneous.temperature+traditional.temperature) read as that name.
  const axisName = (axis: SweepAxis) => {
    const last = [...new Set(axis.paths.map((path) => path.split('.').pop()!))];
    return last.length === 1 ? last[0] : axis.path;
  };
  const last = axes.map(axisName);
  return axes.map((axis, index) => (last.filter((name) => name === last[index]).length > 1 ? axis.path : last[index]));
}

/**
 * The full grid of `--sweep key.path=v1,v2,...` options over a resolved config: the
 * cartesian product, first sweep varying slowest, values in the order given. Linked keys
 * `a+b=v1,v2` set every listed key to the same value at each point (one axis), e.g.
 * `methods.heterogeneous.temperature+methods.traditional.temperature=1,4,8` sweeps A and B
 * together. Every point
 * is validated; one {@link ConfigError} lists every problem of every point, each naming
 * the point. No sweep gives one point: the config itself (label `base`).
 */
export function expandSweep(config: ExperimentConfig, sweeps: string[]): SweepPoint[] {
  const { axes, problems } = parseSweeps(config, sweeps);
  if (problems.length > 0) throw new ConfigError('--sweep', [], problems);
  const names = shortNames(axes);
  let combinations: Array<Record<string, unknown>> = [{}];
  for (const axis of axes) {
    combinations = combinations.flatMap((combination) =>
      axis.values.map((value) => ({ ...combination, [axis.path]: value })),
    );
  }
  const points: SweepPoint[] = [];
  const pointProblems: string[] = [];
  combinations.forEach((assignments, index) => {
    const label =
      axes.length === 0
        ? 'base'
        : axes.map((axis, axisIndex) => `${names[axisIndex]}=${formatValue(assignments[axis.path])}`).join(' ');
    const raw = cloneJson(config) as unknown as Record<string, unknown>;
    for (const axis of axes) for (const path of axis.paths) setPath(raw, path, assignments[axis.path]);
    const checked = checkExperimentConfig(raw);
    for (const problem of checked.problems)
      pointProblems.push(`sweep point ${index + 1} (${label}): ${formatProblem(problem)}`);
    points.push({ label, assignments, config: checked.config });
  });
  if (pointProblems.length > 0) throw new ConfigError(`--sweep (${points.length} points)`, [], pointProblems);
  return points;
}
