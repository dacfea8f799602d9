import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { crossEntropy, entropy, softmax } from '../losses';
import { SeededRandom } from '../util/random';
import { loadMethodPlugins } from './plugins';
import { methodByName, registeredMethods, unregisterMethod } from './registry';

const root = path.resolve(__dirname, '..', '..');
const example = path.join(root, 'src', 'methods', 'examples', 'confidencePenalty.js');

describe('method plugins', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'hkd-plugins-'));
  const write = (name: string, text: string) => {
    writeFileSync(path.join(scratch, name), text);
    return name;
  };

  before(async () => {
    await initializeBackend();
  });

  after(() => {
    for (const name of ['confidence-penalty', 'plugin-two']) unregisterMethod(name);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('rejects a missing file, a file that exports nothing, a broken file and a duplicate name, naming the file', () => {
    assert.throws(
      () => loadMethodPlugins(['missing.js'], scratch),
      /plugin missing\.js \(.*missing\.js\): no such file \(paths are relative to /,
    );
    assert.throws(
      () => loadMethodPlugins([write('empty.js', 'module.exports = {};')], scratch),
      /plugin empty\.js .*: exports no method/,
    );
    assert.throws(
      () => loadMethodPlugins([write('nothing.js', '// no exports')], scratch),
      /plugin nothing\.js .*: exports no method/,
    );
    assert.throws(
      () => loadMethodPlugins([write('broken.js', 'module.exports = (')], scratch),
      /plugin broken\.js .*: could not be loaded/,
    );
    const plainAgain = `module.exports = (api) => ({ ...${JSON.stringify({ letter: 'Q', label: 'q', configKey: 'q', teacher: 'none', distillationHead: false, settings: {}, lossTerms: ['student'], order: 20, kind: 'extension' })}, name: 'plain', objective: (inputs) => { const student = api.fineLabelTerm(inputs); return { total: student, student }; } });`;
    assert.throws(
      () => loadMethodPlugins([write('duplicate.js', plainAgain)], scratch),
      /plugin duplicate\.js .*: registerMethod "plain": name "plain" is already used by method plain/,
    );
    assert.equal(
      registeredMethods().some((method) => method.letter === 'Q'),
      false,
    );
  });

  it('registers the example (once per file) and a definition exported as a plain object', () => {
    assert.deepEqual(loadMethodPlugins([path.relative(process.cwd(), example)]), ['confidence-penalty']);
    assert.deepEqual(
      loadMethodPlugins([example]),
      ['confidence-penalty'],
      'loading the same file again registers nothing new',
    );
    const objectPlugin = `const tf = require(${JSON.stringify(require.resolve('@tensorflow/tfjs'))}); module.exports = [{ name: 'plugin-two', letter: 'P3', label: 'two', configKey: 'pluginTwo', teacher: 'none', distillationHead: false, settings: {}, lossTerms: ['student'], order: 21, kind: 'extension', objective: (inputs) => { const student = tf.zeros([inputs.prediction.shape[0]]); return { total: student, student }; } }];`;
    assert.deepEqual(loadMethodPlugins([write('object.js', objectPlugin)], scratch), ['plugin-two']);
    assert.deepEqual(
      registeredMethods()
        .filter((method) => method.name === 'confidence-penalty' || method.name === 'plugin-two')
        .map((method) => method.name),
      ['confidence-penalty', 'plugin-two'],
    );
  });

  it("the example's objective: CE(fine) - beta * H(softmax(prediction)), per stacked model, by hand", () => {
    const method = methodByName('confidence-penalty');
    const random = new SeededRandom(3);
    const logits = [0, 1].map(() => [0, 1, 2].map(() => [0, 1, 2, 3].map(() => (random.next() * 2 - 1) * 3)));
    const labels = [
      [0, 3, 1],
      [2, 2, 0],
    ];
    const betas = [0.1, 0.7];
    const terms = tf.tidy(() => {
      const result = method.objective({
        prediction: tf.tensor3d(logits),
        fineLabels: tf.tensor2d(labels, undefined, 'int32'),
        settings: { beta: tf.tensor1d(betas) },
      });
      return Object.fromEntries(Object.entries(result).map(([name, tensor]) => [name, tensor.arraySync() as number[]]));
    });
    for (const model of [0, 1]) {
      const student =
        logits[model].reduce((sum, row, index) => sum + crossEntropy(softmax(row), labels[model][index]), 0) / 3;
      const meanEntropy = logits[model].reduce((sum, row) => sum + entropy(softmax(row)), 0) / 3;
      assert.ok(
        Math.abs(terms.student[model] - student) < 1e-5,
        `model ${model} student ${terms.student[model]} vs ${student}`,
      );
      assert.ok(
        Math.abs(terms.entropy[model] - meanEntropy) < 1e-5,
        `model ${model} entropy ${terms.entropy[model]} vs ${meanEntropy}`,
      );
      assert.ok(Math.abs(terms.total[model] - (student - betas[model] * meanEntropy)) < 1e-5, `model ${model} total`);
    }
  });

  it('the example runs through the real pipeline CLI: run records written, test accuracy in (0, 1)', () => {
    const runs = path.join(scratch, 'runs');
    const result = spawnSync(
      process.execPath,
      [
        path.join(root, 'dist', 'pipeline', 'cli.js'),
        '--smoke',
        '--seeds',
        '1',
        '--methods',
        'plain,confidence-penalty',
        '--plugin',
        path.relative(root, example),
        '--runs-dir',
        runs,
      ],
      { cwd: root, encoding: 'utf8', env: process.env },
    );
    assert.equal(result.status, 0, `pipeline failed:\n${result.stderr.slice(-2000)}`);
    const experiment = path.join(runs, 'paper1-newsgroups-smoke');
    const folder = readdirSync(experiment).find((name) => name.startsWith('seed1-confidence-penalty-'));
    assert.ok(folder, `no confidence-penalty run in ${readdirSync(experiment).join(', ')}`);
    for (const file of ['config.json', 'metrics.jsonl', 'summary.json'])
      assert.ok(existsSync(path.join(experiment, folder, file)), `${file} missing`);
    const { summary } = JSON.parse(readFileSync(path.join(experiment, folder, 'summary.json'), 'utf8'));
    assert.equal(summary.method, 'confidence-penalty');
    assert.equal(summary.letter, 'CP');
    assert.ok(
      typeof summary.test.accuracy === 'number' && summary.test.accuracy > 0 && summary.test.accuracy < 1,
      `test accuracy ${summary.test.accuracy}`,
    );
    const config = JSON.parse(readFileSync(path.join(experiment, folder, 'config.json'), 'utf8'));
    assert.deepEqual(config.config.methodSettings, { beta: 0.1 });
    const epochs = readFileSync(path.join(experiment, folder, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.ok(
      epochs.length >= 1 && epochs.every((epoch) => Number.isFinite(epoch.otherLosses?.entropy)),
      'the entropy term is logged every epoch',
    );
    assert.match(result.stdout, /CP confidence penalty \(control\)/);
  });
});
