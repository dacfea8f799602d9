import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultProfessorSettings } from '../professor/professorSettings';
import { paperNewsgroupsExperiment } from './builtInExperiments';
import { ConfigError } from './validate';
import { validateExperimentConfig } from './validateExperiment';

const paper = (): Record<string, unknown> => JSON.parse(JSON.stringify(paperNewsgroupsExperiment));

function problems(config: unknown): string[] {
  try {
    validateExperimentConfig(config);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return (error as ConfigError).message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ''));
  }
  return [];
}

describe('professor config block', () => {
  it('is optional; a partial block gets every default of src/professor', () => {
    assert.equal(validateExperimentConfig(paper()).professor, undefined);
    const config = validateExperimentConfig({ ...paper(), professor: { epochs: 5, weights: { adversarial: 0 } } });
    assert.deepEqual(config.professor, {
      epochs: 5,
      weights: {
        reconstruction: defaultProfessorSettings.weights.reconstruction,
        classification: defaultProfessorSettings.weights.classification,
        adversarial: 0,
      },
      latentUnits: defaultProfessorSettings.latentUnits,
      learningRate: defaultProfessorSettings.learningRate,
      batchSize: defaultProfessorSettings.batchSize,
    });
  });

  it('the professor-* methods are config keys with their settings and ranges', () => {
    const config = validateExperimentConfig({
      ...paper(),
      methods: { professorDualTraditional: { teacherWeight: 0.25 } },
    });
    assert.deepEqual(config.methods.professorDualTraditional, {
      studentLossWeight: 0.2,
      temperature: 23,
      teacherWeight: 0.25,
    });
    assert.deepEqual(problems({ ...paper(), methods: { professorDualHeterogeneous: { teacherWeight: 2 } } }), [
      'methods.professorDualHeterogeneous.teacherWeight: got 2; expected a number >= 0 and <= 1',
    ]);
  });

  it('rejects bad values and unknown keys, naming each', () => {
    const lines = problems({
      ...paper(),
      professor: {
        epochs: 0,
        weights: { reconstruction: 0, classification: 0, adversarial: 0 },
        hiddenUnits: [],
        speed: 1,
      },
    });
    assert.equal(lines.length, 4, lines.join('\n'));
    assert.ok(
      lines.some((line) => line.startsWith('professor.epochs: got 0')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) => line.startsWith('professor.weights: ') && line.includes('at least one weight > 0')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) => line.startsWith('professor.hiddenUnits: ')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) => line.startsWith('professor.speed: ') && line.includes('no such key')),
      lines.join('\n'),
    );
  });
});
