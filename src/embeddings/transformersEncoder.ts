import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { dataDirectory } from '../util/paths';
import type { Encoder } from './encoder';

/** How token vectors become one text vector. */
export type TransformersPooling = 'cls' | 'mean';

/** Settings of {@link TransformersEncoder.load}. */
export interface TransformersEncoderOptions {
  /**
   * A Hugging Face hub id (e.g. `Xenova/bert-base-uncased`) or a local folder (absolute,
   * starting with `.`, or existing relative to the working directory) holding `config.json`, `tokenizer.json`, `tokenizer_config.json`
   * and `onnx/model.onnx`. A hub id is looked up as `<modelsDirectory>/<hub id>` first.
   */
  model: string;
  /** `cls`: the first token's last hidden state; `mean`: the attention-masked mean over tokens. */
  pooling: TransformersPooling;
  /** Tokens per text including the special tokens; longer texts are cut (keeping [CLS] and [SEP]). */
  maxLength: number;
  /** Texts per model call. Default 16. */
  batchSize?: number;
  /** Allow downloading from the hub when the model is not on disk. Default false (offline). */
  allowRemote?: boolean;
  /** Where hub ids are looked up (and downloads cached). Default `dataDirectory()/models`. */
  modelsDirectory?: string;
}

/** The files transformers.js needs for an fp32 model on the CPU. */
export const requiredModelFiles = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  path.join('onnx', 'model.onnx'),
];

/** Default folder for local copies of hub models: `dataDirectory()/models`. */
export function defaultModelsDirectory(): string {
  return path.join(dataDirectory(), 'models');
}

function looksLikePath(model: string): boolean {
  return path.isAbsolute(model) || model.startsWith('.') || existsSync(model);
}

/** Where a model is loaded from: an absolute folder, or a hub id when allowed remote and not on disk. */
export function resolveModelLocation(
  options: Pick<TransformersEncoderOptions, 'model' | 'allowRemote' | 'modelsDirectory'>,
): string {
  const hubId = !looksLikePath(options.model);
  const folder = hubId
    ? path.join(options.modelsDirectory ?? defaultModelsDirectory(), options.model)
    : path.resolve(options.model);
  const missing = requiredModelFiles.filter((file) => !existsSync(path.join(folder, file)));
  if (missing.length === 0) return folder;
  if (hubId && options.allowRemote) return options.model;
  const folderState =
    existsSync(folder) && statSync(folder).isDirectory() ? `lacks ${missing.join(', ')}` : 'does not exist';
  const how = hubId
    ? `download ${options.model} into it, e.g. \`huggingface-cli download ${options.model} config.json tokenizer.json tokenizer_config.json onnx/model.onnx --local-dir ${folder}\`, ` +
      'or pass allowRemote: true on a machine with internet'
    : 'point `model` at a folder exported for transformers.js (see src/scripts/make-tiny-bert.py for the layout)';
  throw new Error(`transformers model "${options.model}": folder ${folder} ${folderState}; ${how}`);
}

/** The fields of a model's config.json read here. */
export interface ModelConfig {
  hidden_size?: number;
  max_position_embeddings?: number;
  model_type?: string;
  pad_token_id?: number | null;
}

/** Reads `<folder>/config.json`; invalid JSON throws naming the file and the fix. */
export function readModelConfig(folder: string): ModelConfig {
  const file = path.join(folder, 'config.json');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}): the model folder is damaged; delete ${folder} and download the model again`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(
      `${file} is not a JSON object: the model folder is damaged; delete ${folder} and download the model again`,
    );
  return value as ModelConfig;
}

/**
 * The most tokens (special tokens included) a model accepts: `max_position_embeddings`,
 * less the padding offset for RoBERTa-style models (their positions start at pad_token_id + 1,
 * so 514 position embeddings hold 512 tokens). Undefined when config.json does not say.
 */
export function modelTokenLimit(config: ModelConfig): number | undefined {
  const positions = config.max_position_embeddings;
  if (typeof positions !== 'number' || !Number.isInteger(positions) || positions < 1) return undefined;
  const offsetModels = ['roberta', 'xlm-roberta', 'camembert', 'longformer', 'bart', 'mbart'];
  return config.model_type && offsetModels.includes(config.model_type)
    ? positions - ((config.pad_token_id ?? 1) + 1)
    : positions;
}

function checkModelLimit(model: string, maxLength: number, config: ModelConfig, source: string): void {
  const limit = modelTokenLimit(config);
  if (limit !== undefined && maxLength > limit) {
    throw new Error(
      `maxLength ${maxLength} is longer than model "${model}" supports: its limit is ${limit} tokens (max_position_embeddings in ${source}); use maxLength ${limit} or less`,
    );
  }
}

// Minimal shapes of the transformers.js objects used here (its types pull in DOM typings).
interface TransformersTensor {
  data: ArrayLike<number | bigint>;
  dims: number[];
}
interface TransformersTokenizer {
  /** With `return_tensor: false` and one text: plain arrays of ids per input name. */
  (text: string, options: { return_tensor: false; add_special_tokens?: boolean }): Record<string, number[]>;
  pad_token_id: number | null;
}
interface TransformersModel {
  (inputs: Record<string, unknown>): Promise<Record<string, TransformersTensor>>;
  dispose(): Promise<unknown>;
}
type TensorConstructor = new (type: string, data: BigInt64Array, dims: number[]) => TransformersTensor;

/**
 * A BERT-style encoder run by transformers.js (`@huggingface/transformers`, ONNX Runtime
 * for Node on the CPU, fp32 weights). It runs in the same process as tfjs-node. Texts are
 * tokenised without special tokens, cut to `maxLength - specials` tokens and wrapped in the
 * model's special tokens, as the Python tokenizers do with `truncation=True` (transformers.js
 * itself would cut off the final [SEP]).
 */
export class TransformersEncoder implements Encoder {
  readonly id: string;
  private disposed = false;

  private constructor(
    private readonly tokenizer: TransformersTokenizer,
    private readonly model: TransformersModel,
    private readonly Tensor: TensorConstructor,
    private readonly template: { leading: number[]; trailing: number[]; tokenTypes: boolean },
    readonly dimension: number,
    readonly options: Required<Omit<TransformersEncoderOptions, 'modelsDirectory'>> & { location: string },
  ) {
    this.id = `transformers:${options.model}:${options.pooling}:${options.maxLength}`;
  }

  /** Loads tokenizer and ONNX model; throws naming the folder when the files are missing. */
  static async load(options: TransformersEncoderOptions): Promise<TransformersEncoder> {
    if (options.pooling !== 'cls' && options.pooling !== 'mean')
      throw new Error(`pooling must be 'cls' or 'mean', got ${JSON.stringify(options.pooling)}`);
    if (!Number.isInteger(options.maxLength) || options.maxLength < 3)
      throw new Error(`maxLength must be an integer of at least 3, got ${options.maxLength}`);
    const batchSize = options.batchSize ?? 16;
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
    const location = resolveModelLocation(options);
    const isFolder = path.isAbsolute(location) && existsSync(location);
    if (isFolder)
      checkModelLimit(options.model, options.maxLength, readModelConfig(location), path.join(location, 'config.json'));
    const transformers = await import('@huggingface/transformers');
    const { env } = transformers;
    env.allowLocalModels = true;
    env.allowRemoteModels = options.allowRemote === true;
    env.localModelPath = options.modelsDirectory ?? defaultModelsDirectory();
    if (options.allowRemote) env.cacheDir = options.modelsDirectory ?? defaultModelsDirectory();
    const loadOptions = { local_files_only: options.allowRemote !== true };
    const damaged = (file: string, error: unknown) =>
      new Error(
        `transformers model "${options.model}": ${isFolder ? path.join(location, file) : file} could not be loaded (${(error as Error).message}); ` +
          `the file is corrupt or incomplete: ${isFolder ? `delete ${location} and download the model again` : 'delete its cached copy and download it again'}`,
      );
    let tokenizer: TransformersTokenizer;
    try {
      tokenizer = (await transformers.AutoTokenizer.from_pretrained(
        location,
        loadOptions,
      )) as unknown as TransformersTokenizer;
    } catch (error) {
      throw damaged('tokenizer.json', error);
    }
    let model: TransformersModel;
    try {
      model = (await transformers.AutoModel.from_pretrained(location, {
        ...loadOptions,
        dtype: 'fp32',
        device: 'cpu',
      })) as unknown as TransformersModel;
    } catch (error) {
      throw damaged(path.join('onnx', 'model.onnx'), error);
    }
    const config = (model as unknown as { config?: ModelConfig }).config;
    if (!isFolder && config)
      checkModelLimit(options.model, options.maxLength, config, `${options.model}'s config.json`);
    const dimension = config?.hidden_size;
    if (!Number.isInteger(dimension))
      throw new Error(`model ${options.model} (${location}) has no integer hidden_size in its config.json`);
    // Find the special tokens around one plain word, e.g. [CLS] x [SEP].
    const withSpecials = tokenizer('a', { return_tensor: false });
    const plain = tokenizer('a', { return_tensor: false, add_special_tokens: false }).input_ids;
    const full = withSpecials.input_ids;
    const leadingCount = full.findIndex((_, index) => plain.every((id, offset) => full[index + offset] === id));
    if (leadingCount < 0) throw new Error(`cannot find the special tokens of ${options.model}'s tokenizer`);
    const template = {
      leading: full.slice(0, leadingCount),
      trailing: full.slice(leadingCount + plain.length),
      tokenTypes: 'token_type_ids' in withSpecials,
    };
    if (template.leading.length + template.trailing.length >= options.maxLength) {
      throw new Error(
        `maxLength ${options.maxLength} leaves no room for text next to ${options.model}'s special tokens`,
      );
    }
    const Tensor = transformers.Tensor as unknown as TensorConstructor;
    return new TransformersEncoder(tokenizer, model, Tensor, template, dimension as number, {
      model: options.model,
      pooling: options.pooling,
      maxLength: options.maxLength,
      batchSize,
      allowRemote: options.allowRemote === true,
      location,
    });
  }

  /** The token ids the model sees for each text (special tokens included, cut to maxLength). */
  tokenize(texts: string[]): number[][] {
    const room = this.options.maxLength - this.template.leading.length - this.template.trailing.length;
    return texts.map((text, index) => {
      if (typeof text !== 'string') throw new Error(`text ${index} is not a string (${typeof text})`);
      const ids = this.tokenizer(text, { return_tensor: false, add_special_tokens: false }).input_ids;
      return [...this.template.leading, ...ids.slice(0, room), ...this.template.trailing];
    });
  }

  async encode(texts: string[]): Promise<Float32Array> {
    if (this.disposed) throw new Error('this TransformersEncoder was disposed');
    const output = new Float32Array(texts.length * this.dimension);
    for (let begin = 0; begin < texts.length; begin += this.options.batchSize) {
      const rows = this.tokenize(texts.slice(begin, begin + this.options.batchSize));
      output.set(await this.runModel(rows), begin * this.dimension);
    }
    return output;
  }

  private async runModel(rows: number[][]): Promise<Float32Array> {
    const length = Math.max(...rows.map((ids) => ids.length));
    const padId = BigInt(this.tokenizer.pad_token_id ?? 0);
    const inputIds = new BigInt64Array(rows.length * length).fill(padId);
    const attentionMask = new BigInt64Array(rows.length * length);
    rows.forEach((ids, row) => {
      ids.forEach((id, column) => {
        inputIds[row * length + column] = BigInt(id);
        attentionMask[row * length + column] = 1n;
      });
    });
    const dims = [rows.length, length];
    const inputs: Record<string, TransformersTensor> = {
      input_ids: new this.Tensor('int64', inputIds, dims),
      attention_mask: new this.Tensor('int64', attentionMask, dims),
    };
    if (this.template.tokenTypes)
      inputs.token_type_ids = new this.Tensor('int64', new BigInt64Array(rows.length * length), dims);
    const outputs = await this.model(inputs);
    const hidden = outputs.last_hidden_state;
    if (
      hidden?.dims.length !== 3 ||
      hidden.dims[0] !== rows.length ||
      hidden.dims[1] !== length ||
      hidden.dims[2] !== this.dimension
    ) {
      throw new Error(
        `model ${this.options.model} returned last_hidden_state of shape [${hidden?.dims}], expected [${rows.length}, ${length}, ${this.dimension}]`,
      );
    }
    return poolHiddenStates(
      hidden.data as Float32Array,
      rows.map((ids) => ids.length),
      length,
      this.dimension,
      this.options.pooling,
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose().catch(() => undefined);
  }
}

/**
 * Pools `[rows, length, dimension]` hidden states to `[rows, dimension]`: `cls` takes token 0;
 * `mean` averages the first `tokenCounts[row]` tokens (the unpadded ones), i.e.
 * sum_t mask_t h_t / sum_t mask_t as in sentence-transformers' mean pooling.
 */
export function poolHiddenStates(
  hidden: Float32Array,
  tokenCounts: number[],
  length: number,
  dimension: number,
  pooling: TransformersPooling,
): Float32Array {
  const pooled = new Float32Array(tokenCounts.length * dimension);
  tokenCounts.forEach((count, row) => {
    const target = pooled.subarray(row * dimension, (row + 1) * dimension);
    const used = pooling === 'cls' ? 1 : count;
    for (let token = 0; token < used; token++) {
      const offset = (row * length + token) * dimension;
      for (let index = 0; index < dimension; index++) target[index] += hidden[offset + index];
    }
    if (used > 1) for (let index = 0; index < dimension; index++) target[index] /= used;
  });
  return pooled;
}
