import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from '../config/builtInExperiments';
import { applyOverrides, parseCommandLine, parseSeeds, selectMethods } from './cli';

describe('command line', () => {
  it('parses seeds strictly: duplicates, empty items and an empty list are errors', () => {
    assert.deepEqual(parseSeeds('1, 2,3'), [1, 2, 3]);
    assert.deepEqual(parseSeeds('4,0'), [4, 0]);
    assert.throws(
      () => parseSeeds('1,1'),
      /--seeds: got "1,1"; expected unique integers like 1,2,3 \(seed 1 is repeated\)/,
    );
    assert.throws(
      () => parseSeeds(','),
      /--seeds: got ","; expected unique integers like 1,2,3 \(item 1 is empty; item 2 is empty\)/,
    );
    assert.throws(() => parseSeeds(''), /--seeds: got ""; expected unique integers like 1,2,3 \(the list is empty\)/);
    assert.throws(() => parseSeeds('1,x,2.5'), /item 2 "x" is not an integer; item 3 "2\.5" is not an integer/);
    // The command line itself: `--seeds ""` and `--seeds ,` used to be ignored or become 0,0.
    assert.throws(() => parseCommandLine(['--seeds', '']), /--seeds: got ""/);
    assert.throws(() => parseCommandLine(['--seeds', ',']), /--seeds: got ","/);
    assert.throws(() => parseCommandLine(['--seeds=1,1']), /seed 1 is repeated/);
  });

  it('selects methods by registry name, with the config settings or the registry defaults', () => {
    const methods = selectMethods('heterogeneous,label-smoothing', {
      heterogeneous: { studentLossWeight: 0.5, temperature: 4 },
    });
    assert.deepEqual(methods, {
      heterogeneous: { studentLossWeight: 0.5, temperature: 4 },
      labelSmoothing: { smoothing: 0.1 },
    });
    assert.throws(
      () => selectMethods('heterogenous', {}),
      /unknown method "heterogenous" \(did you mean "heterogeneous"\?\)/,
    );
    assert.throws(() => selectMethods('plain,plain', {}), /method "plain" is repeated/);
    assert.throws(() => parseCommandLine(['--methods', '']), /--methods: got ""/);
  });

  it('resolves layers and overrides, validating everything without data or a backend', () => {
    const commandLine = parseCommandLine([
      '--experiment',
      'fashion-mnist',
      '--smoke',
      '--set',
      'student.model.hiddenUnits=[32]',
      '--seeds',
      '3,4',
      '--group-size',
      '8',
      '--methods',
      'plain,heterogeneous',
      '--print-config',
    ]);
    assert.equal(commandLine.printConfig, true);
    assert.equal(commandLine.config.name, 'fashion-mnist-smoke');
    assert.deepEqual(commandLine.config.seeds, [3, 4]);
    assert.equal(commandLine.config.engine.groupSize, 8);
    assert.deepEqual(Object.keys(commandLine.config.methods), ['heterogeneous', 'plain']);
    assert.deepEqual(commandLine.config.student.model, { kind: 'dense', hiddenUnits: [32] });
    assert.equal(commandLine.points, undefined);
  });

  it('expands sweeps and lists every command-line problem at once', () => {
    const commandLine = parseCommandLine([
      '--sweep',
      'methods.heterogeneous.temperature=2,4',
      '--sweep',
      'student.dropoutRate=0,0.5',
    ]);
    assert.deepEqual(
      commandLine.points!.map((point) => point.label),
      [
        'temperature=2 dropoutRate=0',
        'temperature=2 dropoutRate=0.5',
        'temperature=4 dropoutRate=0',
        'temperature=4 dropoutRate=0.5',
      ],
    );
    assert.throws(
      () =>
        parseCommandLine([
          '--stage',
          'students',
          '--set',
          'teacher.earlyStopping.monitor=valAcc',
          '--seeds',
          '1,1',
          '--group-size',
          '0',
        ]),
      (error: Error) => {
        assert.match(error.message, /--stage: expected all, teachers or baseline, got "students"/);
        assert.match(
          error.message,
          /teacher\.earlyStopping\.monitor: got "valAcc"; expected one of "validationLoss", "validationAccuracy"/,
        );
        assert.match(error.message, /--seeds: got "1,1"/);
        assert.match(error.message, /--group-size: expected a positive integer, got "0"/);
        return true;
      },
    );
    assert.throws(
      () => parseCommandLine(['--seeds', '1,1', '--group-size', '0']),
      (error: Error) => {
        assert.match(error.message, /seed 1 is repeated/);
        assert.match(error.message, /--group-size: expected a positive integer, got "0"/);
        return true;
      },
    );
    assert.throws(
      () => parseCommandLine(['--sweep', 'student.dropoutRate=0,1']),
      /sweep point 2 \(dropoutRate=1\): student\.dropoutRate: got 1; expected a number >= 0 and < 1/,
    );
    assert.throws(() => parseCommandLine(['--unknown-option']), /Unknown option '--unknown-option'/);
  });

  it('accepts a whole-config .json in --experiment and a partial one in --config', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'hkd-cli-'));
    const whole = path.join(folder, 'whole.json');
    writeFileSync(whole, JSON.stringify({ ...paperNewsgroupsExperiment, name: 'from-file' }));
    const partial = path.join(folder, 'partial.json');
    writeFileSync(partial, JSON.stringify({ targetAccuracy: 0.5 }));
    const commandLine = parseCommandLine(['--experiment', whole, '--config', partial]);
    assert.equal(commandLine.config.name, 'from-file');
    assert.equal(commandLine.config.targetAccuracy, 0.5);
  });

  it('applyOverrides validates the result', () => {
    assert.throws(
      () => applyOverrides({ ...paperNewsgroupsExperiment, targetAccuracy: 2 }, {}),
      /targetAccuracy: got 2/,
    );
  });
});
