/** Bag-of-words features: TF-IDF fitted on the training split, reduced to a dense size. */
export { tokenize, termCounts } from './tokenizer';
export { chiSquaredScores, selectTopK } from './chiSquared';
export {
  fitTfidf,
  transformTfidf,
  resolveTfidfOptions,
  tfidfFeaturesId,
  tfidfModelHash,
  tfidfColumnNames,
  type TfidfModel,
  type TfidfOptions,
  type TfidfReduction,
  type ResolvedTfidfOptions,
  type FloatMatrix,
} from './tfidf';
export { saveTfidfModel, loadTfidfModel, checkTfidfModel } from './tfidfModelFile';
export { concatFeatures, type ConcatOptions } from './concat';
export {
  buildTextFeatures,
  validateTextFeaturesSpec,
  tfidfOptionsOf,
  type TextFeaturesSpec,
  type TfidfSpec,
  type SplitTexts,
  type SplitName,
  type BuildTextFeaturesOptions,
  type BuiltTextFeatures,
} from './textFeatures';
