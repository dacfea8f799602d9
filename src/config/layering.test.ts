import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { paperNewsgroupsExperiment } from './builtInExperiments';
import { deepMerge, parseCommandLineValue, resolveExperimentConfig, splitTopLevel } from './layering';

const folder = mkdtempSync(path.join(os.tmpdir(), 'hkd-layers-'));
function writeJson(name: string, value: unknown): string {
  const file = path.join(folder, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('config layering', () => {
  it('layers base < file < --set, merging objects and replacing arrays', () => {
    const file = writeJson('partial.json', {
      description: 'from the file',
      seeds: [7, 8, 9],
      methods: { heterogeneous: { temperature: 10 }, traditional: null },
      student: { model: { kind: 'dense', hiddenUnits: [32] } },
    });
    const config = resolveExperimentConfig({
      base: 'paper1-newsgroups',
      file,
      set: ['methods.heterogeneous.temperature=12', 'seeds=[3]', 'student.earlyStopping.patience=2'],
    });
    assert.equal(config.description, 'from the file');
    assert.deepEqual(config.seeds, [3], '--set wins over the file');
    assert.deepEqual(
      config.methods.heterogeneous,
      { studentLossWeight: 0.3, temperature: 12 },
      'file merged onto base, then --set',
    );
    assert.equal(config.methods.traditional, undefined, 'null in the file removes a method');
    assert.deepEqual(Object.keys(config.methods), ['heterogeneous', 'plain', 'coarseAuxiliary', 'labelSmoothing']);
    assert.deepEqual(config.student.model, { kind: 'dense', hiddenUnits: [32] });
    assert.deepEqual(config.student.earlyStopping, { monitor: 'validationLoss', patience: 2, minDelta: 0 });
    const teacherStopping = config.teacher.earlyStopping;
    assert.ok(teacherStopping, 'the base keeps early stopping for the teacher');
    assert.equal(teacherStopping.patience, 5, 'the base stays where nothing overrides it');
    assert.equal(paperNewsgroupsExperiment.seeds.length, 5, 'the built-in base is not changed');
  });

  it('smoke sits between the file and --set', () => {
    const config = resolveExperimentConfig({
      base: 'paper1-newsgroups',
      smoke: true,
      set: ['teacher.epochs=2', 'dataset.limitPerClass=5'],
    });
    assert.equal(config.name, 'paper1-newsgroups-smoke');
    assert.deepEqual(
      [config.teacher.epochs, config.student.epochs, config.dataset.limitPerClass, config.seeds.length],
      [2, 4, 5, 2],
    );
  });

  it('--set parses JSON values, creates missing parents the schema knows, and rejects paths it does not', () => {
    const config = resolveExperimentConfig({
      base: 'paper1-newsgroups',
      set: [
        'features.encoder={"kind":"hashing"}',
        'features.encoder.dimension=128',
        'teacher.earlyStopping=false',
        'name=my-run',
        'methods.labelSmoothing=null',
      ],
    });
    assert.deepEqual(config.features, { kind: 'encoder', encoder: { kind: 'hashing', dimension: 128 } });
    assert.equal(config.teacher.earlyStopping, false);
    assert.equal(config.name, 'my-run');
    assert.equal(config.methods.labelSmoothing, undefined);
    const withParent = resolveExperimentConfig({
      base: 'paper1-newsgroups',
      set: ['methods=null', 'methods.plain={}'],
    });
    assert.deepEqual(withParent.methods, { plain: {} });
    assert.throws(
      () =>
        resolveExperimentConfig({
          base: 'paper1-newsgroups',
          set: [
            'teacher.earlyStopping.monitr=validationAccuracy',
            'seeds.first=1',
            'student',
            'methods.heterogeneous.temperature="28"',
          ],
        }),
      (error: Error) => {
        const lines = error.message.split('\n');
        assert.match(lines[0], /^experiment paper1-newsgroups \+ --set .*: 4 problems:$/);
        assert.match(
          lines[1],
          /--set teacher\.earlyStopping\.monitr=validationAccuracy: teacher\.earlyStopping\.monitr is not a config key \(did you mean "monitor"\?\)/,
        );
        assert.match(lines[2], /--set seeds\.first=1: seeds is not an object/);
        assert.match(lines[3], /--set "student": expected key\.path=value/);
        assert.match(lines[4], /methods\.heterogeneous\.temperature: got "28"; expected a number > 0/);
        return true;
      },
    );
  });

  it('names unknown bases and unreadable files', () => {
    assert.throws(
      () => resolveExperimentConfig({ base: 'paper1-newsgroup' }),
      /unknown experiment "paper1-newsgroup" \(did you mean "paper1-newsgroups"\?\)/,
    );
    assert.throws(
      () => resolveExperimentConfig({ base: 'paper1-newsgroups', file: path.join(folder, 'none.json') }),
      /config file .*none\.json cannot be read: ENOENT/,
    );
    assert.throws(
      () => resolveExperimentConfig({ base: 'paper1-newsgroups', file: writeJson('broken.json', '{ "seeds": [1, }') }),
      /broken\.json is not valid JSON/,
    );
    assert.throws(
      () => resolveExperimentConfig({ base: 'paper1-newsgroups', file: writeJson('list.json', [1]) }),
      /expected a JSON object/,
    );
  });

  it('a whole-config .json base is validated as it is (a missing methods is named)', () => {
    const whole = JSON.parse(JSON.stringify(paperNewsgroupsExperiment));
    delete whole.methods;
    const file = writeJson('whole.json', whole);
    assert.throws(
      () => resolveExperimentConfig({ base: file }),
      /methods: got nothing \(missing\); expected an object with keys heterogeneous/,
    );
  });

  it('deep merge: a changed kind replaces the object; parse and split helpers', () => {
    assert.deepEqual(
      deepMerge(
        { dataset: { kind: 'newsgroups', remove: [], splitSeed: 1 } },
        { dataset: { kind: 'fashion-mnist', splitSeed: 2 } },
      ),
      { dataset: { kind: 'fashion-mnist', splitSeed: 2 } },
    );
    assert.deepEqual(deepMerge({ a: [1, 2], b: { c: 1, d: 2 } }, { a: [3], b: { d: null, e: 5 } }), {
      a: [3],
      b: { c: 1, e: 5 },
    });
    assert.equal(parseCommandLineValue('28'), 28);
    assert.equal(parseCommandLineValue('"28"'), '28');
    assert.equal(parseCommandLineValue('validationAccuracy'), 'validationAccuracy');
    assert.deepEqual(parseCommandLineValue('[64,32]'), [64, 32]);
    assert.deepEqual(splitTopLevel('1, [64,32],{"a":[1,2]},"x,y"'), ['1', '[64,32]', '{"a":[1,2]}', '"x,y"']);
  });
});
