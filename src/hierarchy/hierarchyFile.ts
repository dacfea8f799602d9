import { readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { createHierarchy, type LabelHierarchy } from './labelHierarchy';

/**
 * The JSON layout of a hierarchy file:
 * `{ "name": "my-groups", "description": "...", "groups": { "coarse name": ["fine name" | fine id, ...] } }`.
 * `description` is optional; group order gives the coarse ids.
 */
export interface HierarchyFileContents {
  name: string;
  description?: string;
  groups: Record<string, Array<string | number>>;
}

/**
 * Parses the text of a hierarchy file against the data set's fine label names.
 * Every error names `source` (the file path) and what was expected.
 */
export function parseHierarchyText(text: string, fineLabelNames: string[], source: string): LabelHierarchy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${source}: expected a JSON object { "name": ..., "groups": { "coarse": [fine labels] } }`);
  }
  const contents = parsed as Partial<HierarchyFileContents>;
  if (typeof contents.name !== 'string' || contents.name === '')
    throw new Error(`${source}: "name" must be a non-empty string`);
  if (contents.description !== undefined && typeof contents.description !== 'string') {
    throw new Error(`${source}: "description" must be a string when given`);
  }
  const groups = contents.groups;
  if (groups === null || typeof groups !== 'object' || Array.isArray(groups)) {
    throw new Error(`${source}: "groups" must be an object mapping coarse names to lists of fine label names or ids`);
  }
  for (const [coarseName, members] of Object.entries(groups)) {
    if (!Array.isArray(members) || members.some((member) => typeof member !== 'string' && typeof member !== 'number')) {
      throw new Error(`${source}: group "${coarseName}" must be a list of fine label names (strings) or ids (numbers)`);
    }
  }
  let hierarchy: LabelHierarchy;
  try {
    hierarchy = createHierarchy({ name: contents.name, description: contents.description, fineLabelNames, groups });
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`);
  }
  checkGroupCount(Object.keys(groups), fineLabelNames.length, source);
  return hierarchy;
}

/**
 * A hierarchy must have 2 ... (fine classes - 1) groups, like `discovered:<way>:<k>`: with
 * one group the distillation head has a single output (nothing to learn; the one-hot
 * encoding of its targets fails), and with one group per fine class the coarse labels are
 * the fine labels renamed (every error is trivially "in another group").
 */
function checkGroupCount(groupNames: string[], fineClassCount: number, source: string): void {
  const count = groupNames.length;
  const allowed = `a hierarchy needs 2 ... ${fineClassCount - 1} groups (at least two coarse classes, and fewer groups than the ${fineClassCount} fine labels so that some group holds two or more)`;
  if (count < 2)
    throw new Error(`${source}: has ${count} group${count === 1 ? ` ("${groupNames[0]}")` : 's'}; ${allowed}`);
  if (count >= fineClassCount)
    throw new Error(
      `${source}: has ${count} groups for ${fineClassCount} fine labels, so every group holds at most one fine label; ${allowed}`,
    );
}

/** Reads and validates a hierarchy JSON file (see {@link HierarchyFileContents}); errors name the file. */
export async function loadHierarchyFile(filePath: string, fineLabelNames: string[]): Promise<LabelHierarchy> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    throw new Error(`cannot read label hierarchy file ${filePath}: ${(error as Error).message}`);
  }
  return parseHierarchyText(text, fineLabelNames, filePath);
}

/** Synchronous {@link loadHierarchyFile}, for notebooks and command-line parsing. */
export function loadHierarchyFileSync(filePath: string, fineLabelNames: string[]): LabelHierarchy {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new Error(`cannot read label hierarchy file ${filePath}: ${(error as Error).message}`);
  }
  return parseHierarchyText(text, fineLabelNames, filePath);
}

/** The file form of a hierarchy (fine labels by name), for saving alongside a run. */
export function hierarchyToFileContents(hierarchy: LabelHierarchy): HierarchyFileContents {
  const groups: Record<string, string[]> = {};
  hierarchy.coarseLabelNames.forEach((coarseName) => (groups[coarseName] = []));
  hierarchy.fineToCoarse.forEach((coarseId, fineId) =>
    groups[hierarchy.coarseLabelNames[coarseId]].push(hierarchy.fineLabelNames[fineId]),
  );
  const contents: HierarchyFileContents = { name: hierarchy.name, groups };
  if (hierarchy.description !== undefined) contents.description = hierarchy.description;
  return contents;
}
