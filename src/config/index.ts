/** Experiment configs: types, built-in bases, schema-driven validation, layering (base < file < --set) and sweeps. */
export * from './types';
export * from './builtInExperiments';
export {
  experimentSchema,
  methodsSchema,
  datasetLabelNames,
  imageDatasetKinds,
  textDatasetKinds,
} from './experimentSchema';
export { checkExperimentConfig, validateExperimentConfig } from './validateExperiment';
export { ConfigError, formatProblem, formatValue, checkValue, type ConfigProblem } from './validate';
export { describeSchema, type Schema } from './schemaTypes';
export { editDistance, closestMatch, didYouMean } from './didYouMean';
export {
  resolveExperimentConfig,
  deepMerge,
  parseCommandLineValue,
  splitTopLevel,
  checkSchemaPath,
  setPath,
  parseAssignment,
  type ResolveOptions,
} from './layering';
export { expandSweep, parseSweeps, type SweepPoint, type SweepAxis } from './sweep';
