import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '../backend/backend';
import { projectRoot } from '../util/paths';
import { modelTokenLimit, poolHiddenStates, TransformersEncoder } from './transformersEncoder';

/** Made by src/scripts/make-tiny-bert.py: hidden size 32, 2 layers, random weights. */
const tinyBertFolder = path.join(projectRoot, 'src', 'embeddings', 'fixtures', 'tiny-bert');

interface Golden {
  sentences: string[];
  maxLength: number;
  inputIds: number[][];
  cls: number[][];
  mean: number[][];
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let index = 0; index < expected.length; index++) {
    assert.ok(
      Math.abs(actual[index] - expected[index]) <= tolerance,
      `${what}[${index}]: ${actual[index]} vs ${expected[index]}`,
    );
  }
}

describe('poolHiddenStates', () => {
  it('takes token 0 for cls and the mean of the unpadded tokens for mean', () => {
    // 2 rows x 3 tokens x 2 dimensions; row 1 has one padding token.
    const hidden = Float32Array.from([1, 2, 3, 4, 5, 6, /* row 1 */ 10, 20, 30, 40, 999, 999]);
    assert.deepEqual(poolHiddenStates(hidden, [3, 2], 3, 2, 'cls'), Float32Array.from([1, 2, 10, 20]));
    assert.deepEqual(poolHiddenStates(hidden, [3, 2], 3, 2, 'mean'), Float32Array.from([3, 4, 20, 30]));
  });
});

describe('TransformersEncoder (tiny BERT fixture, ONNX Runtime next to tfjs)', () => {
  let golden: Golden;
  let cls: TransformersEncoder;
  let mean: TransformersEncoder;
  before(async () => {
    await initializeBackend();
    golden = JSON.parse(await fs.readFile(path.join(tinyBertFolder, 'golden.json'), 'utf8')) as Golden;
    cls = await TransformersEncoder.load({ model: tinyBertFolder, pooling: 'cls', maxLength: golden.maxLength });
    mean = await TransformersEncoder.load({
      model: tinyBertFolder,
      pooling: 'mean',
      maxLength: golden.maxLength,
      batchSize: 1,
    });
  });
  after(() => {
    cls?.dispose();
    mean?.dispose();
  });

  it('names model, pooling and maxLength in its id and reads the dimension from config.json', () => {
    assert.equal(cls.id, `transformers:${tinyBertFolder}:cls:${golden.maxLength}`);
    assert.equal(cls.dimension, 32);
  });

  it('tokenises like the Python tokenizer, keeping [CLS] and [SEP] when cutting to maxLength', () => {
    const ids = cls.tokenize(golden.sentences);
    assert.deepEqual(ids, golden.inputIds);
    assert.equal(ids[1].length, golden.maxLength, 'the second sentence is long enough to be cut');
    assert.equal(ids[1][0], 2);
    assert.equal(ids[1].at(-1), 3);
  });

  it('matches the embeddings PyTorch/onnxruntime computed for the same sentences', async () => {
    const clsVectors = await cls.encode(golden.sentences);
    const meanVectors = await mean.encode(golden.sentences);
    golden.sentences.forEach((_, row) => {
      assertClose(clsVectors.subarray(row * 32, (row + 1) * 32), golden.cls[row], 1e-4, `cls row ${row}`);
      assertClose(meanVectors.subarray(row * 32, (row + 1) * 32), golden.mean[row], 1e-4, `mean row ${row}`);
    });
    assert.ok(Math.abs(clsVectors[0] - meanVectors[0]) > 1e-3, 'cls and mean pooling differ');
  });

  it('honours maxLength: text after the cut does not change the vector', async () => {
    const base = 'the cat sat on the mat and the dog sat on the rug';
    const vectors = await mean.encode([base, `${base} with many more words after the cut`]);
    assert.deepEqual(vectors.subarray(32, 64), vectors.subarray(0, 32));
    const longer = await TransformersEncoder.load({ model: tinyBertFolder, pooling: 'mean', maxLength: 64 });
    try {
      const unCut = await longer.encode([base, `${base} with many more words after the cut`]);
      assert.notDeepEqual(unCut.subarray(32, 64), unCut.subarray(0, 32));
    } finally {
      longer.dispose();
    }
  });

  it('is deterministic and independent of padding in the batch', async () => {
    const texts = ['a short one', 'a rather longer sentence about space and the moon'];
    const first = await cls.encode(texts);
    assert.deepEqual(await cls.encode(texts), first);
    assertClose(await cls.encode([texts[0]]), first.subarray(0, 32), 1e-5, 'alone vs padded');
  });

  it('still leaves tfjs working in the same process', () => {
    const sum = tf.tidy(() => tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]);
    assert.equal(sum, 6);
  });

  it('explains how to get a model that is not on disk', async () => {
    const modelsDirectory = await fs.mkdtemp(path.join(tmpdir(), 'hkd-models-'));
    try {
      await assert.rejects(
        TransformersEncoder.load({
          model: 'Xenova/bert-base-uncased',
          pooling: 'cls',
          maxLength: 128,
          modelsDirectory,
        }),
        (error: Error) => {
          assert.match(
            error.message,
            new RegExp(`folder ${path.join(modelsDirectory, 'Xenova', 'bert-base-uncased')} does not exist`),
          );
          assert.match(error.message, /huggingface-cli download Xenova\/bert-base-uncased/);
          assert.match(error.message, /allowRemote: true/);
          return true;
        },
      );
      await fs.mkdir(path.join(modelsDirectory, 'partial'));
      await fs.writeFile(path.join(modelsDirectory, 'partial', 'config.json'), '{}');
      await assert.rejects(
        TransformersEncoder.load({ model: path.join(modelsDirectory, 'partial'), pooling: 'mean', maxLength: 16 }),
        /partial lacks tokenizer.json, tokenizer_config.json, onnx\/model.onnx/,
      );
    } finally {
      await fs.rm(modelsDirectory, { recursive: true, force: true });
    }
  });
});

describe('TransformersEncoder: damaged model folders and too long maxLength', () => {
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(tmpdir(), 'hkd-broken-models-'));
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  /** A fresh copy of the tiny BERT fixture, to damage on purpose. */
  async function copyOfTinyBert(name: string): Promise<string> {
    const folder = path.join(root, name);
    await fs.cp(tinyBertFolder, folder, { recursive: true });
    return folder;
  }

  it('a config.json that is not JSON: names the file and says to download the model again', async () => {
    const folder = await copyOfTinyBert('bad-config');
    const configPath = path.join(folder, 'config.json');
    await fs.writeFile(configPath, (await fs.readFile(configPath, 'utf8')).slice(0, 50));
    await assert.rejects(TransformersEncoder.load({ model: folder, pooling: 'cls', maxLength: 16 }), (error: Error) => {
      assert.ok(error.message.startsWith(`${configPath} is not valid JSON (`), error.message);
      assert.match(
        error.message,
        new RegExp(`the model folder is damaged; delete ${folder} and download the model again$`),
      );
      return true;
    });
  });

  it("a maxLength beyond the model's max_position_embeddings: names the model's limit", async () => {
    await assert.rejects(
      TransformersEncoder.load({ model: tinyBertFolder, pooling: 'mean', maxLength: 129 }),
      new RegExp(
        `^Error: maxLength 129 is longer than model "${tinyBertFolder}" supports: its limit is 128 tokens \\(max_position_embeddings in ${path.join(tinyBertFolder, 'config.json')}\\); use maxLength 128 or less$`,
      ),
    );
    assert.equal(modelTokenLimit({ max_position_embeddings: 514, model_type: 'roberta', pad_token_id: 1 }), 512);
    assert.equal(modelTokenLimit({ max_position_embeddings: 512, model_type: 'bert' }), 512);
    assert.equal(modelTokenLimit({}), undefined);
  });

  it('a corrupt or truncated ONNX file: names the file and says to download the model again', async () => {
    const folder = await copyOfTinyBert('bad-onnx');
    const onnxPath = path.join(folder, 'onnx', 'model.onnx');
    const bytes = await fs.readFile(onnxPath);
    for (const damaged of [bytes.subarray(0, bytes.length >> 1), Buffer.from('this is not an ONNX protobuf at all')]) {
      await fs.writeFile(onnxPath, damaged);
      await assert.rejects(
        TransformersEncoder.load({ model: folder, pooling: 'cls', maxLength: 16 }),
        (error: Error) => {
          assert.ok(
            error.message.startsWith(`transformers model "${folder}": ${onnxPath} could not be loaded (`),
            error.message,
          );
          assert.match(
            error.message,
            new RegExp(`the file is corrupt or incomplete: delete ${folder} and download the model again$`),
          );
          return true;
        },
      );
    }
  });
});
