/**
 * hkd: heterogeneous knowledge distillation on TensorFlow.js.
 * Notebooks import this compiled entry point (`import * as hkd from '../dist'`).
 */
export * from './backend/backend';
export * from './data';
export * from './embeddings';
export * from './hierarchy';
export * from './losses';
export * from './metrics';
export * from './models';
export * from './training';
export * from './methods';
export * from './runs';
export * from './pipeline';
export * from './util/progress';
export * from './util/random';
export * from './util/paths';
export * from './util/atomicFile';
export * from './util/canonicalHash';
export * from './plots';
export * from './professor';
export * from './study';
// Results: run records loaded as RunResults, grouped by method and seed, tables from named
// column specs rendered by one formatter (text, Markdown, HTML), and the paper-claims engine.
export * from './results';
// The papers: reported numbers, chosen settings and claims (paper1Claims, paper2Claims, paperClaimsFor).
// A paper's claim (PaperClaim, PaperClaimResult) is not a run claim: the lock a process takes
// on a run folder is RunClaim / claimRun (with its ClaimResult and ClaimOptions) from ./runs.
export * from './papers';
export { learningSpeedTable, methodCurveBands, type MethodCurveBand } from './report';
export { mistakesAndCalibrationTable, pooledReliability, type PooledReliabilityBin } from './report';
export { reliabilityDiagramFigure } from './report';
export { referenceResultsMarkdown, bottomLineSentences } from './report';
export {
  studentDifferences,
  studentDifferencesFigure,
  studentDifferencesCaption,
  claimVerdictRows,
  tourAnswerSentence,
} from './report';
