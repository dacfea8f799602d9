/** Plotly figure builders and notebook display helpers (tslab). */
export { type PlotlyFigure, type PlotlyTrace, type FigureOptions, baseLayout } from './figure';
export { type CurveSeries, type CurveOptions, epochCurvesFigure } from './curves';
export {
  type MeanStdBar,
  type BarOptions,
  type ClassBalanceOptions,
  meanStdBarChart,
  classBalanceChart,
  zoomedRange,
} from './bars';
export { type ConfusionOptions, type GroupBlocks, confusionMatrixHeatmap, groupBlocks, normalizeRows } from './heatmap';
export { type OutlinedConfusionOptions, outlinedConfusionFigure } from './outlinedConfusion';
export { type ReferenceLine, withReferenceLines } from './referenceLine';
export {
  type TrainValidationRun,
  type TrainValidationOptions,
  groupColours,
  trainValidationCurvesFigure,
} from './trainValidationCurves';
export {
  type RunScore,
  type GroupShare,
  type RecordedHierarchy,
  differencesToBaseline,
  differencesToBaselineFigure,
  meanAccuracySentence,
  recordedHierarchyOf,
  intervalDirectionSentence,
  withinGroupShares,
  withinGroupShareFigure,
  withinGroupShareSentence,
} from './seedComparisons';
export { professorFamilies, professorDifferences, professorTargetSentences } from './professorFindings';
export { type HierarchyGroups, type HierarchyChartOptions, hierarchyGroups, hierarchyFigure } from './hierarchyChart';
export { type ScatterOptions, projectionScatter } from './scatter';
export { type SoftenedDistribution, softenedDistributionChart } from './softened';
export { type ImageGridOptions, imageGridFigure } from './images';
export { type Projection2d, type ProjectionOptions, fitProjection2d, projectRows, matrixRows } from './projection';
export { figureHtml, plotlyLibraryHtml, plotlyVersion, scriptSafeJson, escapeHtml } from './html';
export { type TableSource, type TableOptions, tableHtml, tableRows } from './table';
export { type HtmlSink, showFigure, showTable, loadPlotly, notebookDisplay, resetPlotlyLoaded } from './show';
export {
  type PairedComparison,
  type DifferenceInterval,
  type PairedDifferencesOptions,
  studentTQuantile,
  differenceInterval,
  pairedDifferencesChart,
} from './pairedDifferences';
export {
  type MarkdownCell,
  type MarkdownTableOptions,
  type MarkdownSink,
  markdownTable,
  formatMarkdownCell,
  showMarkdown,
} from './markdown';
export {
  type MathJaxBundle,
  hasMath,
  inlineMath,
  loadMathJaxBundle,
  inlinedMathMarker,
  mathJaxConfiguration,
} from './offlineMath';
export { type TargetPair, targetComparisonFigure, correlationMatricesFigure } from './professorTargets';
export {
  type DendrogramMerge,
  type DendrogramLink,
  type DendrogramLayout,
  type DendrogramOptions,
  dendrogramLayout,
  dendrogramFigure,
} from './dendrogram';
export { type NetworkDiagramOptions, networkDiagram } from './networkDiagram';
export {
  type SeverityCalibrationSeries,
  meanInterval,
  severityCalibrationFigure,
} from './severityCalibration';
