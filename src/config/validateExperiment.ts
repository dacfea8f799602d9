import { experimentSchema } from './experimentSchema';
import type { ExperimentConfig } from './types';
import { checkValue, ConfigError, type ConfigProblem } from './validate';

/**
 * Every problem of an experiment config (types, ranges, enums, unknown keys, methods and
 * their settings from the registry, seeds, features and models against the data set, the
 * hierarchy against the data set's labels), and the config with defaults filled in.
 * Loads no data and no TensorFlow.
 */
export function checkExperimentConfig(config: unknown): { config: ExperimentConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const checked = checkValue(experimentSchema(), config, '', problems) as ExperimentConfig;
  return { config: checked, problems };
}

/**
 * Validates a config and returns it with defaults filled in (method settings a config
 * leaves out take the registry's default; `engine` and `earlyStopping.minDelta` their
 * defaults). Throws one {@link ConfigError} listing every problem as
 * `key: got <value>; expected <what>`, each naming `source`.
 */
export function validateExperimentConfig(config: unknown, source = 'config'): ExperimentConfig {
  const { config: checked, problems } = checkExperimentConfig(config);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return checked;
}
