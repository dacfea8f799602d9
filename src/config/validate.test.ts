import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { builtInMethods } from '../methods/registry';
import { experiments, fashionMnistExperiment, paperNewsgroupsExperiment } from './builtInExperiments';
import { closestMatch, editDistance } from './didYouMean';
import { ConfigError } from './validate';
import { validateExperimentConfig } from './validateExperiment';

const paper = (): Record<string, unknown> => JSON.parse(JSON.stringify(paperNewsgroupsExperiment));

/** The problem lines of the error `action` throws. */
function problemLines(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${(error as Error).message}`);
    return (error as ConfigError).message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ''));
  }
  assert.fail('expected the config to be rejected');
}

describe('experiment config validation', () => {
  it('accepts every built-in experiment and fills defaults', () => {
    for (const config of Object.values(experiments)) validateExperimentConfig(config, config.name);
    const withoutEngine = paper();
    delete withoutEngine.engine;
    (withoutEngine.student as { earlyStopping: unknown }).earlyStopping = {
      monitor: 'validationAccuracy',
      patience: 3,
    };
    const checked = validateExperimentConfig(withoutEngine);
    assert.deepEqual(checked.engine, { groupSize: 36, maxGroupMegabytes: 2048 });
    assert.deepEqual(checked.student.earlyStopping, { monitor: 'validationAccuracy', patience: 3, minDelta: 0 });
    assert.equal(fashionMnistExperiment.features.kind, 'pixels');
  });

  it('rejects an unknown monitor (earlyStopping.monitor "valAcc" used to be accepted)', () => {
    const config = paper();
    (config.teacher as { earlyStopping: { monitor: string } }).earlyStopping.monitor = 'valAcc';
    assert.deepEqual(
      problemLines(() => validateExperimentConfig(config)),
      ['teacher.earlyStopping.monitor: got "valAcc"; expected one of "validationLoss", "validationAccuracy"'],
    );
  });

  it('rejects unknown and misspelled keys anywhere, with a did-you-mean', () => {
    const config = paper();
    config.seed = [1];
    (config.student as Record<string, unknown>).learningrate = 0.01;
    (config.dataset as Record<string, unknown>).validationFractoin = 0.1;
    (config.teacher as { earlyStopping: Record<string, unknown> }).earlyStopping.patients = 3;
    const lines = problemLines(() => validateExperimentConfig(config, 'my.json'));
    assert.equal(lines.length, 4);
    assert.match(
      lines.find((line) => line.startsWith('seed:'))!,
      /seed: got \[1\]; expected no such key \(did you mean "seeds"\?\)/,
    );
    assert.match(lines.find((line) => line.startsWith('student.learningrate'))!, /did you mean "learningRate"/);
    assert.match(
      lines.find((line) => line.startsWith('dataset.validationFractoin'))!,
      /did you mean "validationFraction"/,
    );
    assert.match(lines.find((line) => line.startsWith('teacher.earlyStopping.patients'))!, /did you mean "patience"/);
  });

  it('rejects an unknown method name, naming the registry keys', () => {
    const config = paper();
    (config.methods as Record<string, unknown>).heterogenous = { studentLossWeight: 0.3, temperature: 28 };
    const lines = problemLines(() => validateExperimentConfig(config));
    const keys = builtInMethods.map((method) => method.configKey).join(', ');
    assert.deepEqual(lines, [
      `methods.heterogenous: got {"studentLossWeight":0.3,"temperature":28}; expected no such key (did you mean "heterogeneous"?); methods takes ${keys}`,
    ]);
  });

  it('rejects a missing or empty methods with a clear error (was a raw TypeError)', () => {
    const config = paper();
    delete config.methods;
    assert.match(
      problemLines(() => validateExperimentConfig(config))[0],
      /^methods: got nothing \(missing\); expected an object with keys heterogeneous, traditional/,
    );
    assert.match(
      problemLines(() => validateExperimentConfig({ ...paper(), methods: {} }))[0],
      /^methods: got \{\}; expected at least 1 of the keys heterogeneous/,
    );
  });

  it('rejects a number given as a string (temperature "28" used to pass)', () => {
    const config = paper();
    (config.methods as { heterogeneous: Record<string, unknown> }).heterogeneous.temperature = '28';
    assert.deepEqual(
      problemLines(() => validateExperimentConfig(config)),
      ['methods.heterogeneous.temperature: got "28"; expected a number > 0 (a JSON number, not a string)'],
    );
  });

  it('takes method settings a config leaves out from the registry defaults, and checks their ranges', () => {
    const checked = validateExperimentConfig({
      ...paper(),
      methods: { heterogeneous: { temperature: 4 }, labelSmoothing: {} },
    });
    assert.deepEqual(checked.methods, {
      heterogeneous: { temperature: 4, studentLossWeight: 0.3 },
      labelSmoothing: { smoothing: 0.1 },
    });
    const lines = problemLines(() =>
      validateExperimentConfig({
        ...paper(),
        methods: { heterogeneous: { temperature: 0, studentLossWeight: 1.1 }, labelSmoothing: { smoothing: 1 } },
      }),
    );
    assert.deepEqual(lines.sort(), [
      'methods.heterogeneous.studentLossWeight: got 1.1; expected a number >= 0 and <= 1',
      'methods.heterogeneous.temperature: got 0; expected a number > 0',
      'methods.labelSmoothing.smoothing: got 1; expected a number >= 0 and < 1',
    ]);
  });

  it('rejects duplicate, empty and non-integer seeds', () => {
    assert.match(
      problemLines(() => validateExperimentConfig({ ...paper(), seeds: [1, 1] }))[0],
      /^seeds: got \[1,1\]; expected .*unique.*\(repeated: 1\)/,
    );
    assert.match(
      problemLines(() => validateExperimentConfig({ ...paper(), seeds: [] }))[0],
      /^seeds: got \[\]; expected a non-empty array/,
    );
    assert.deepEqual(
      problemLines(() => validateExperimentConfig({ ...paper(), seeds: [1, 2.5, '3'] })),
      [
        'seeds[1]: got 2.5; expected an integer >= 0 and <= 4294967295',
        'seeds[2]: got "3"; expected an integer >= 0 and <= 4294967295 (a JSON number, not a string)',
      ],
    );
  });

  it('lists every problem at once, each with key, value and what is allowed', () => {
    const config = paper();
    const teacher = config.teacher as Record<string, unknown>;
    teacher.dropoutRate = 1;
    teacher.batchSize = 0;
    teacher.epochs = 2.5;
    (config.student as Record<string, unknown>).learningRate = -1;
    config.targetAccuracy = 1.5;
    (config.dataset as Record<string, unknown>).validationFraction = 0;
    (config.dataset as Record<string, unknown>).deduplicate = 'everything';
    config.engine = { groupSize: 0, maxGroupMegabytes: 10 };
    config.name = '../elsewhere';
    const lines = problemLines(() => validateExperimentConfig(config));
    assert.deepEqual(lines.sort(), [
      'dataset.deduplicate: got "everything"; expected one of "across", "within", "none"',
      'dataset.validationFraction: got 0; expected a number > 0 and < 1',
      'engine.groupSize: got 0; expected an integer >= 1',
      'name: got "../elsewhere"; expected a name usable as a folder name (letters, digits, ".", "_", "-")',
      'student.learningRate: got -1; expected a number > 0',
      'targetAccuracy: got 1.5; expected a number >= 0 and <= 1',
      'teacher.batchSize: got 0; expected an integer >= 1',
      'teacher.dropoutRate: got 1; expected a number >= 0 and < 1',
      'teacher.epochs: got 2.5; expected an integer >= 1',
    ]);
  });

  it('checks features, models and the hierarchy against the data set', () => {
    const fashion = JSON.parse(JSON.stringify(fashionMnistExperiment));
    fashion.student.model = { kind: 'conv', filters: [16, 32], kernelSize: 3, denseUnits: [64] };
    validateExperimentConfig(fashion);
    fashion.student.model = { kind: 'conv', filters: [], kernelSize: 0 };
    assert.deepEqual(problemLines(() => validateExperimentConfig(fashion)).sort(), [
      'student.model.denseUnits: got nothing (missing); expected an array, each an integer >= 1',
      'student.model.filters: got []; expected a non-empty array, each an integer >= 1',
      'student.model.kernelSize: got 0; expected an integer >= 1',
    ]);
    const lines = problemLines(() =>
      validateExperimentConfig({
        ...paper(),
        features: { kind: 'pixels' },
        hierarchy: 'fashion-mnist-kinds',
        teacher: {
          ...(paper().teacher as object),
          model: { kind: 'conv', filters: [8], kernelSize: 3, denseUnits: [] },
        },
      }),
    );
    assert.deepEqual(lines.sort(), [
      'features.kind: got "pixels"; expected "encoder", "tfidf" or "concat" for the text data set newsgroups (pixels need fashion-mnist)',
      'hierarchy: got "fashion-mnist-kinds"; expected a hierarchy of the newsgroups labels: "newsgroups-paper", "newsgroups-names", "newsgroups-top-level", "newsgroups-3"',
      'teacher.model.kind: got "conv"; expected "dense" (conv models need image data with pixel features: fashion-mnist)',
    ]);
    assert.match(
      problemLines(() => validateExperimentConfig({ ...paper(), hierarchy: 'newsgroups-paperr' }))[0],
      /did you mean "newsgroups-paper"/,
    );
    assert.match(
      problemLines(() =>
        validateExperimentConfig({ ...paper(), features: { kind: 'encoder', encoder: { kind: 'bert' } } }),
      )[0],
      /^features\.encoder\.kind: got "bert"; expected one of "use-lite", "transformers", "hashing"/,
    );
  });

  it('checks a hierarchy file: every fine label exactly once', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'hkd-config-'));
    const good = path.join(folder, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        name: 'two',
        groups: { upper: ['T-shirt/top', 'Pullover', 'Coat', 'Shirt', 'Dress'], other: [1, 5, 7, 8, 9] },
      }),
    );
    validateExperimentConfig({ ...fashionMnistExperiment, hierarchy: good });
    const bad = path.join(folder, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        name: 'bad',
        groups: { upper: ['T-shirt/top', 'Pullover', 'Coat', 'Shirt', 'Dress'], other: [1, 5, 7, 8, 'Coat'] },
      }),
    );
    const [line] = problemLines(() => validateExperimentConfig({ ...fashionMnistExperiment, hierarchy: bad }));
    assert.match(
      line,
      /^hierarchy: got ".*bad\.json"; expected a hierarchy file mapping every fashion-mnist label exactly once/,
    );
    assert.match(line, /"Coat" \(id 4\) is mapped twice/);
    assert.match(line, /not in any group: "Ankle boot" \(id 9\)/);
    assert.match(
      problemLines(() =>
        validateExperimentConfig({ ...fashionMnistExperiment, hierarchy: path.join(folder, 'missing.json') }),
      )[0],
      /cannot read label hierarchy file/,
    );
  });

  it('validates in well under 2 seconds in a fresh process, without loading a TensorFlow backend or any data', () => {
    const script = `
      const started = process.hrtime.bigint();
      const config = require(${JSON.stringify(path.join(__dirname, 'index.js'))});
      config.resolveExperimentConfig({ base: 'paper1-newsgroups', set: ['methods.heterogeneous.temperature=20'] });
      config.resolveExperimentConfig({ base: 'fashion-mnist' });
      const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
      // The registry's objectives import tfjs (pure JavaScript); no native backend, encoder or data set may load.
      const heavy = Object.keys(require.cache).filter((file) => /tfjs-node|tfjs-backend-wasm|@huggingface|model-embeddings|danfojs/.test(file));
      console.log(JSON.stringify({ milliseconds, heavy }));`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const measured = JSON.parse(result.stdout.trim()) as { milliseconds: number; heavy: string[] };
    assert.deepEqual(
      measured.heavy,
      [],
      'config validation must not load a backend, an encoder or a data frame library',
    );
    assert.ok(measured.milliseconds < 2000, `took ${measured.milliseconds} ms`);
  });
});

describe('did-you-mean', () => {
  it('measures edits and suggests only close names', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('patience', 'patients'), 2);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(closestMatch('temprature', ['studentLossWeight', 'temperature']), 'temperature');
    assert.equal(closestMatch('temp', ['studentLossWeight', 'temperature']), 'temperature');
    assert.equal(closestMatch('xyz', ['studentLossWeight', 'temperature']), undefined);
  });
});
