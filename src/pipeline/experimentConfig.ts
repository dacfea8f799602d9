/**
 * Experiment configs for the pipeline. The types, built-in bases, validation, layering and
 * sweeps live in src/config/; this module re-exports them (notebooks and the pipeline
 * import from here) and keeps the method -> config key map.
 */
import { resolveExperimentConfig } from '../config/layering';
import type { ExperimentConfig, MethodsConfig } from '../config/types';
import { builtInMethods } from '../methods/registry';
import type { StudentMethod } from '../training';

export type {
  DatasetConfig,
  EarlyStoppingConfig,
  EngineConfig,
  ExperimentConfig,
  FashionMnistDatasetConfig,
  FeaturesConfig,
  MethodsConfig,
  ModelConfig,
  NewsgroupsDatasetConfig,
  NewsgroupsExperimentConfig,
  RoleConfig,
  TrainingConfig,
} from '../config/types';
export {
  experiments,
  fashionMnistExperiment,
  paperNewsgroupsExperiment,
  smokeVariant,
  defaultEngine,
} from '../config/builtInExperiments';
export { validateExperimentConfig, checkExperimentConfig } from '../config/validateExperiment';
export { resolveExperimentConfig, type ResolveOptions } from '../config/layering';
export { expandSweep, type SweepPoint } from '../config/sweep';
export { ConfigError } from '../config/validate';

/** Each student method's key in {@link MethodsConfig}, in the registry's (the paper's) order A-E; read from the method registry. */
export const methodConfigKeys = Object.fromEntries(
  builtInMethods.map((method) => [method.name, method.configKey]),
) as Record<StudentMethod, keyof MethodsConfig & string>;

/** A built-in experiment by name, or a JSON file holding a full config; validated (all problems listed at once). */
export async function loadExperimentConfig(nameOrPath: string): Promise<ExperimentConfig> {
  return resolveExperimentConfig({ base: nameOrPath });
}
