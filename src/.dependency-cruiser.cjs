/**
 * Layering rules of src/, checked by dependency-cruiser: `npm run check:layers`
 * (CI runs it before the tests). Type-only imports count too.
 *
 * 1. No circular dependencies anywhere in src/.
 * 2. A module never imports a module of a HIGHER layer. The layers, lowest first (folders of
 *    one layer may import each other, as long as no cycle forms):
 *
 *    0  util, tensors         helpers with no project imports (paths, hashing, atomic files,
 *                             progress; the FloatMatrix type and its checks)
 *    1  backend, losses,      the TensorFlow backend choice, loss functions, metrics and
 *       metrics, data         statistics, data set loaders and splits
 *    2  hierarchy, models,    label hierarchies (built-in and discovered from the data),
 *       embeddings            network builders, sentence encoders and their cache
 *    3  methods               the student methods' registry and objectives
 *    4  training              the training loop, stacked groups, evaluation, prediction
 *    5  runs, features        run records (claims, writers, loaders); text features
 *                             (TF-IDF; its measurement script trains a classifier)
 *    6  professor             the professor network that refines a teacher's targets
 *    7  results, papers,      run records read back (the summary.json type, RunResult), grouped,
 *       plots                 shaped into tables and claims by one formatter; papers' numbers
 *                             and claims; figures. Below the pipeline, so that the pipeline's
 *                             CLI prints the same tables the report writes.
 *    8  config                experiment configs: types, schema, built-ins, layering, sweeps
 *    9  cli                   command-line argument helpers shared by the three CLIs
 *   10  pipeline, cluster     config -> prepared data -> planned runs -> executed runs;
 *                             workers over one runs folder (local processes, a Slurm job array)
 *   11  report, study         the report and the study (each with its CLI)
 *   12  bench, index.ts       benchmarks and probes; the package's entry point
 *
 * 3. Inside src/pipeline/, by what the code does, lowest first:
 *      prepare/   config -> prepared data (data set, features, hierarchy)
 *      targets/   derived training targets (teacher logits, professor logits): one provider
 *                 per kind computes, keys and caches them
 *      plan/      pure: config + prepared data -> planned runs (run configs and ids)
 *      execute/   claims, stacked groups, training, run records
 *      the rest   comparisons, sweeps, sweep summaries, the CLI and its runner
 *    A lower part never imports a higher one. The record every run writes (summary.json) is
 *    typed in src/results/runSummary.ts, below the pipeline.
 *
 * The layer rules apply to the library's modules; tests (`*.test.ts`) may exercise a module
 * together with higher layers, but take part in the no-cycles rule.
 */

/** The layers of src/, lowest first: folder names (or top-level files) of each. */
const layers = [
  ['util', 'tensors'],
  ['backend', 'losses', 'metrics', 'data'],
  ['hierarchy', 'models', 'embeddings'],
  ['methods'],
  ['training'],
  ['runs', 'features'],
  ['professor'],
  ['results', 'papers', 'plots'],
  ['config'],
  ['cli'],
  ['pipeline', 'cluster'],
  ['report', 'study'],
  ['bench', 'index.ts'],
];

/**
 * Tests may exercise a module together with higher layers (a pipeline test that writes the
 * report, a model test that trains): the layer rules apply to the library's own modules.
 * Tests still may not form cycles.
 */
const testFiles = '\\.test\\.ts$';

/** `^src/(a|b)(/|$)`: the modules of some folders (or top-level files). */
function modulesOf(names) {
  return `^src/(${names.map((name) => name.replace(/\./g, '\\.')).join('|')})(/|$)`;
}

const layerRules = layers.slice(0, -1).map((names, index) => ({
  name: `layer-${names.join('-')}`,
  comment: `${names.join(', ')} (layer ${index}) must not import a higher layer: ${layers
    .slice(index + 1)
    .map((higher) => higher.join('/'))
    .join(' > ')}`,
  severity: 'error',
  from: { path: modulesOf(names), pathNot: testFiles },
  to: { path: modulesOf(layers.slice(index + 1).flat()) },
}));

/** The parts of src/pipeline/, lowest first, and what each may import from the pipeline. */
const pipelineParts = [
  { part: 'prepare', mayImport: ['prepare'] },
  { part: 'targets', mayImport: ['prepare', 'targets'] },
  { part: 'plan', mayImport: ['prepare', 'targets', 'plan'] },
  { part: 'execute', mayImport: ['prepare', 'targets', 'plan', 'execute'] },
];

const pipelineRules = pipelineParts.map(({ part, mayImport }) => ({
  name: `pipeline-${part}`,
  comment: `src/pipeline/${part}/ may import only ${mayImport.map((name) => `src/pipeline/${name}`).join(', ')} from the pipeline`,
  severity: 'error',
  from: { path: `^src/pipeline/${part}/`, pathNot: testFiles },
  to: {
    path: '^src/pipeline/',
    pathNot: `^src/pipeline/(${mayImport.map((name) => name.replace(/\./g, '\\.')).join('|')})(/|$)`,
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere in src/ (type-only imports included).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    ...pipelineRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Generated reference values (large literal tables) import nothing.
    exclude: { path: '(^|/)fixtures/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
