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
export { learningSpeedTable, methodCurveBands, type MethodCurveBand, type ReportRun, type ReportTable } from './report';
// The report's run loader, tables and claims, for notebooks that read finished runs (markdownTable
// is the plots' one; the report's, which takes a ReportTable, is reportMarkdownTable).
export { loadExperimentRuns, studentsTable, teachersTable, pairwiseTable, evaluateClaims, claimsFor, fashionClaims, paperClaims, markdownTable as reportMarkdownTable, type ExperimentRuns, type ClaimResult } from './report';
