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
  fashionMnist5Hierarchy,
  fashionMnist3Hierarchy,
  fashionMnistConfusionHierarchy,
  builtInHierarchyNames,
  builtInHierarchyAliases,
  builtInHierarchyRationales,
  hierarchyByName,
} from './builtInHierarchies';
export {
  type HierarchyFileContents,
  parseHierarchyText,
  loadHierarchyFile,
  loadHierarchyFileSync,
  hierarchyToFileContents,
} from './hierarchyFile';
export {
  type Linkage,
  type MergeStep,
  linkageNames,
  agglomerativeMerges,
  cutMergeTree,
  euclideanDistances,
  validateDistanceMatrix,
} from './agglomerative';
export {
  type DiscoveredHierarchy,
  type AgglomerativeHierarchyOptions,
  type ConfusionHierarchyOptions,
  type MatrixRows,
  agglomerativeHierarchy,
  confusionHierarchy,
  confusionDistances,
  classMeanEmbeddings,
  type DiscoveredHierarchyFileContents,
  discoveredHierarchyToFileContents,
  parseDiscoveredHierarchyText,
} from './discover';
export {
  type DiscoveryWay,
  type DiscoverySpec,
  discoveryWays,
  discoveredPrefix,
  isDiscoveredHierarchySpec,
  checkDiscoverySpec,
  parseDiscoverySpec,
  discoveredHierarchyName,
  referenceHierarchyNames,
  shortLabelName,
  memberGroupNames,
} from './discoverySpec';
