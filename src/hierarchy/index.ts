/** Label hierarchies: fine labels grouped into coarse "higher concepts". */
export {
  type LabelHierarchy,
  type HierarchyDefinition,
  type HierarchyRow,
  createHierarchy,
  toCoarseLabels,
  fineLabelsByCoarse,
  describeHierarchy,
} from './labelHierarchy';
export {
  newsgroupLabelNames,
  newsgroupsPaperHierarchy,
  newsgroupsNameHierarchy,
  newsgroupsTopLevelHierarchy,
  newsgroupsThreeGroupHierarchy,
  fashionMnistHierarchy,
  builtInHierarchyNames,
  hierarchyByName,
} from './builtInHierarchies';
export {
  type HierarchyFileContents,
  parseHierarchyText,
  loadHierarchyFile,
  loadHierarchyFileSync,
  hierarchyToFileContents,
} from './hierarchyFile';
