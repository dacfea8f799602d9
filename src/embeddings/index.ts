/**
 * Text embeddings: encoders (Universal Sentence Encoder lite offline by default, BERT-style
 * models through transformers.js, a hashing baseline) and a resumable, checksummed cache.
 */
import type { Encoder } from './encoder';
import { HashingEncoder } from './hashingEncoder';
import { TransformersEncoder, type TransformersPooling } from './transformersEncoder';
import { UniversalSentenceEncoder } from './universalSentenceEncoder';

export { checkMatrix, cosineSimilarity, matrixRow, toTensor2d, type EmbeddingMatrix, type Encoder } from './encoder';
export {
  UniversalSentenceEncoder,
  useMaxTokens,
  defaultUseMaxCharacters,
  defaultUseModelDirectory,
  truncateForEncoder,
  type UniversalSentenceEncoderOptions,
} from './universalSentenceEncoder';
export { UseTokenizer, type UseVocabulary } from './useTokenizer';
export { fileSystemGraphModelHandler, loadGraphModelFromFiles } from './localGraphModel';
export {
  TransformersEncoder,
  defaultModelsDirectory,
  poolHiddenStates,
  requiredModelFiles,
  resolveModelLocation,
  type TransformersEncoderOptions,
  type TransformersPooling,
} from './transformersEncoder';
export { HashingEncoder } from './hashingEncoder';
export {
  embedTexts,
  defaultEmbeddingCacheDirectory,
  textsFingerprint,
  cacheFileStem,
  type EmbedTextsOptions,
  type EmbeddedTexts,
  type EmbeddingCacheKey,
  type EmbeddingManifest,
} from './embeddingCache';

/** What {@link createEncoder} builds. */
export type EncoderSpec =
  | { kind: 'use-lite'; maxWindows?: number; maxCharacters?: number; batchSize?: number }
  | {
      kind: 'transformers';
      model: string;
      pooling: TransformersPooling;
      maxLength: number;
      allowRemote?: boolean;
      batchSize?: number;
      modelsDirectory?: string;
    }
  | { kind: 'hashing'; dimension?: number };

/**
 * Builds an encoder from a plain spec (as stored in experiment configs):
 * `use-lite` loads the Universal Sentence Encoder lite shipped in node_modules,
 * `transformers` a BERT-style model from a local folder or (with `allowRemote`) the hub,
 * `hashing` the feature-hashing bag-of-words baseline.
 */
export async function createEncoder(spec: EncoderSpec): Promise<Encoder> {
  switch (spec.kind) {
    case 'use-lite':
      return UniversalSentenceEncoder.load({
        maxWindows: spec.maxWindows,
        maxCharacters: spec.maxCharacters,
        batchSize: spec.batchSize,
      });
    case 'transformers':
      return TransformersEncoder.load(spec);
    case 'hashing':
      return new HashingEncoder(spec.dimension);
    default:
      throw new Error(
        `unknown encoder kind ${JSON.stringify((spec as { kind?: unknown }).kind)}; expected use-lite, transformers or hashing`,
      );
  }
}
