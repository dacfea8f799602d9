/** The PCA projection moved to src/metrics/pca.ts; re-exported here so existing imports keep working. */
export { type Projection2d, type ProjectionOptions, fitProjection2d, projectRows, matrixRows } from '../metrics/pca';
