import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveExperimentConfig } from './layering';
import { expandSweep } from './sweep';

const base = resolveExperimentConfig({ base: 'paper1-newsgroups' });

describe('sweep grids', () => {
  it('expands the cartesian product, first sweep slowest, each point a whole valid config', () => {
    const points = expandSweep(base, [
      'methods.heterogeneous.temperature=4,8,16',
      'methods.heterogeneous.studentLossWeight=0.1,0.5',
      'student.model.hiddenUnits=[64,32],[16]',
    ]);
    assert.equal(points.length, 12);
    assert.deepEqual(
      points.slice(0, 3).map((point) => point.label),
      [
        'temperature=4 studentLossWeight=0.1 hiddenUnits=[64,32]',
        'temperature=4 studentLossWeight=0.1 hiddenUnits=[16]',
        'temperature=4 studentLossWeight=0.5 hiddenUnits=[64,32]',
      ],
    );
    assert.equal(points[11].label, 'temperature=16 studentLossWeight=0.5 hiddenUnits=[16]');
    assert.deepEqual(points[11].assignments, {
      'methods.heterogeneous.temperature': 16,
      'methods.heterogeneous.studentLossWeight': 0.5,
      'student.model.hiddenUnits': [16],
    });
    assert.deepEqual(points[11].config.methods.heterogeneous, { studentLossWeight: 0.5, temperature: 16 });
    assert.deepEqual(points[11].config.student.model, { kind: 'dense', hiddenUnits: [16] });
    assert.equal(new Set(points.map((point) => point.label)).size, 12);
    assert.ok(
      points.every((point) => point.config.name === base.name),
      'points share the experiment (and its teachers)',
    );
    assert.deepEqual(
      base.methods.heterogeneous,
      { studentLossWeight: 0.3, temperature: 28 },
      'the base config is not changed',
    );
  });

  it('linked keys (a+b) take the same value at each point: one command sweeps A and B together', () => {
    const points = expandSweep(base, [
      'methods.heterogeneous.temperature+methods.traditional.temperature=1,4,8',
      'methods.heterogeneous.studentLossWeight+methods.traditional.studentLossWeight=0.1,0.5',
    ]);
    assert.equal(points.length, 6);
    assert.equal(points[5].label, 'temperature=8 studentLossWeight=0.5');
    assert.deepEqual(points[5].config.methods.heterogeneous, { studentLossWeight: 0.5, temperature: 8 });
    assert.deepEqual(points[5].config.methods.traditional, { studentLossWeight: 0.5, temperature: 8 });
    assert.throws(
      () => expandSweep(base, ['methods.heterogeneous.temperature+methods.heterogeneous.temperatur=1,2']),
      /did you mean/,
    );
    assert.throws(
      () =>
        expandSweep(base, [
          'methods.heterogeneous.temperature+methods.traditional.temperature=1,2',
          'methods.traditional.temperature=4',
        ]),
      /swept twice/,
    );
    assert.throws(
      () => expandSweep(base, ['methods.heterogeneous.temperature+methods.traditional.temperature=1,-2']),
      /sweep point 2 \(temperature=-2\)/,
    );
  });

  it('no sweep gives the config itself; clashing last keys use full paths', () => {
    assert.deepEqual(
      expandSweep(base, []).map((point) => point.label),
      ['base'],
    );
    const points = expandSweep(base, ['teacher.epochs=1,2', 'student.epochs=3']);
    assert.deepEqual(
      points.map((point) => point.label),
      ['teacher.epochs=1 student.epochs=3', 'teacher.epochs=2 student.epochs=3'],
    );
  });

  it('validates every point and names it; rejects unknown keys, repeats and empty values', () => {
    assert.throws(
      () => expandSweep(base, ['methods.heterogeneous.temperature=4,-1,"5"']),
      (error: Error) => {
        assert.match(
          error.message,
          /sweep point 2 \(temperature=-1\): methods\.heterogeneous\.temperature: got -1; expected a number > 0/,
        );
        assert.match(
          error.message,
          /sweep point 3 \(temperature="5"\): methods\.heterogeneous\.temperature: got "5"; expected a number > 0 \(a JSON number, not a string\)/,
        );
        assert.doesNotMatch(error.message, /point 1/);
        return true;
      },
    );
    assert.throws(
      () =>
        expandSweep(base, [
          'methods.heterogeneous.temprature=4,8',
          'seeds=1,,2',
          'teacher.epochs=1,1',
          'teacher.epochs=2',
        ]),
      (error: Error) => {
        assert.match(error.message, /--sweep methods\.heterogeneous\.temprature=4,8: .*did you mean "temperature"/);
        assert.match(error.message, /--sweep seeds=1,,2: got an empty value/);
        assert.match(error.message, /--sweep teacher\.epochs=1,1: a value is repeated/);
        return true;
      },
    );
  });
});
