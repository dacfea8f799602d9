export * from './experimentConfig';
export * from './prepareData';
export * from './runSummary';
export * from './trainRole';
export * from './comparison';
export * from './tables';
export { applyOverrides } from './cli';
