import type { ProfessorLossWeights } from './trainProfessor';

/**
 * How the pipeline trains a professor (the `professor` block of an experiment config):
 * the loss weights and the networks' sizes and training of {@link trainProfessor}.
 * The temperature is not here: a professor is trained at its student method's T.
 */
export interface ProfessorSettings {
  weights: ProfessorLossWeights;
  epochs: number;
  latentUnits: number;
  hiddenUnits: number[];
  learningRate: number;
  batchSize: number;
}

/**
 * Defaults: the settings measured in src/professor/README.md (weights 1 / 1 / 0.5, 30
 * epochs) and trainProfessor's own defaults (latent 8, hidden [64], Adam 1e-3, batch 64).
 */
export const defaultProfessorSettings: ProfessorSettings = {
  weights: { reconstruction: 1, classification: 1, adversarial: 0.5 },
  epochs: 30,
  latentUnits: 8,
  hiddenUnits: [64],
  learningRate: 1e-3,
  batchSize: 64,
};

/** A config's (partial) professor block with every absent field set to its default. */
export function resolveProfessorSettings(
  given: Partial<Omit<ProfessorSettings, 'weights'>> & { weights?: Partial<ProfessorLossWeights> } = {},
): ProfessorSettings {
  return {
    weights: { ...defaultProfessorSettings.weights, ...(given.weights ?? {}) },
    epochs: given.epochs ?? defaultProfessorSettings.epochs,
    latentUnits: given.latentUnits ?? defaultProfessorSettings.latentUnits,
    hiddenUnits: given.hiddenUnits ?? [...defaultProfessorSettings.hiddenUnits],
    learningRate: given.learningRate ?? defaultProfessorSettings.learningRate,
    batchSize: given.batchSize ?? defaultProfessorSettings.batchSize,
  };
}
