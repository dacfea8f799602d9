import { fashionMnistLabelNames } from '../data/fashionMnist';
import {
  builtInHierarchyAliases,
  builtInHierarchyNames,
  hierarchyByName,
  loadHierarchyFileSync,
  newsgroupLabelNames,
} from '../hierarchy';
import { checkDiscoverySpec, isDiscoveredHierarchySpec } from '../hierarchy/discoverySpec';
import { registeredMethods, type MethodDefinition } from '../methods/registry';
import { defaultProfessorSettings } from '../professor/professorSettings';
import { didYouMean } from './didYouMean';
import { maximumSeed } from './seeds';
import type { ArraySchema, NumberSchema, ObjectSchema, PropertySchema, Schema } from './schemaTypes';

/** Fine label names of each data set kind (for checking hierarchies without loading data). */
export const datasetLabelNames: Record<string, readonly string[]> = {
  newsgroups: newsgroupLabelNames,
  'fashion-mnist': fashionMnistLabelNames,
};

/** Data set kinds whose examples are images (conv models and pixel features need one). */
export const imageDatasetKinds: readonly string[] = ['fashion-mnist'];

/** Data set kinds whose examples are texts (encoder features need one). */
export const textDatasetKinds: readonly string[] = ['newsgroups'];

const required = (schema: Schema, description?: string): PropertySchema => ({ schema, description });
const optional = (schema: Schema, description?: string): PropertySchema => ({ schema, optional: true, description });
const integer = (minimum?: number, extra: Partial<NumberSchema> = {}): NumberSchema => ({
  type: 'number',
  integer: true,
  minimum,
  ...extra,
});
const positiveIntegers = (minItems?: number): ArraySchema => ({ type: 'array', items: integer(1), minItems });
const fraction: NumberSchema = { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 };

const datasetSchema: Schema = {
  type: 'tagged',
  variants: {
    newsgroups: {
      type: 'object',
      properties: {
        remove: required({
          type: 'array',
          items: { type: 'string', enum: ['headers', 'footers', 'quotes'] },
          unique: true,
        }),
        deduplicate: required({ type: 'string', enum: ['across', 'within', 'none'] }),
        validationFraction: required(fraction),
        splitSeed: required(integer()),
        limitPerClass: optional(integer(1)),
      },
    },
    'fashion-mnist': {
      type: 'object',
      properties: {
        validationFraction: required(fraction),
        splitSeed: required(integer()),
        limitPerClass: optional(integer(1)),
      },
    },
  },
};

const encoderSchema: Schema = {
  type: 'tagged',
  variants: {
    'use-lite': {
      type: 'object',
      properties: {
        maxWindows: optional(integer(1)),
        maxCharacters: optional(integer(1)),
        batchSize: optional(integer(1)),
      },
    },
    transformers: {
      type: 'object',
      properties: {
        model: required({ type: 'string', nonEmpty: true }),
        pooling: required({ type: 'string', enum: ['cls', 'mean'] }),
        maxLength: required(integer(1)),
        allowRemote: optional({ type: 'boolean' }),
        batchSize: optional(integer(1)),
        modelsDirectory: optional({ type: 'string', nonEmpty: true }),
      },
    },
    hashing: { type: 'object', properties: { dimension: optional(integer(1)) } },
  },
};

/** TF-IDF features (src/features: TfidfSpec): size, reduction and the TfidfOptions. */
const tfidfFeaturesSchema: ObjectSchema = {
  type: 'object',
  properties: {
    dimension: required(integer(1), 'columns after the reduction (e.g. 5000)'),
    reduction: optional(
      { type: 'string', enum: ['chi2', 'hashing'] },
      'chi2 (default): top terms by chi-squared against the fine training labels; hashing: signed feature hashing',
    ),
    minDocumentFrequency: optional(integer(1)),
    maxDocumentFrequency: optional({ type: 'number', exclusiveMinimum: 0, maximum: 1 }),
    maxVocabulary: optional(integer(0)),
    sublinearTf: optional({ type: 'boolean' }),
    smoothIdf: optional({ type: 'boolean' }),
    l2Normalize: optional({ type: 'boolean' }),
    minTokenLength: optional(integer(1)),
    normalizeAfterReduction: optional({ type: 'boolean' }),
  },
};

const featuresVariants: Record<string, ObjectSchema> = {
  encoder: { type: 'object', properties: { encoder: required(encoderSchema) } },
  tfidf: tfidfFeaturesSchema,
  pixels: { type: 'object', properties: {} },
};
const featuresSchema: Schema = { type: 'tagged', variants: featuresVariants };
/** Row-wise concatenation of text feature sets (recursive: parts are features). */
featuresVariants.concat = {
  type: 'object',
  properties: {
    parts: required(
      { type: 'array', items: featuresSchema, minItems: 2 },
      'two or more feature sets of the same documents',
    ),
    scales: optional({ type: 'array', items: { type: 'number' } }, 'one factor per part (default 1 each)'),
  },
  check: (value) => {
    const parts = value.parts;
    const scales = value.scales;
    if (Array.isArray(parts) && Array.isArray(scales) && scales.length !== parts.length)
      return [['scales', scales, `${parts.length} numbers, one per part`]];
    return [];
  },
};

/** Feature kinds that read texts (need a text data set). */
export const textFeatureKinds: readonly string[] = ['encoder', 'tfidf', 'concat'];

const modelSchema: Schema = {
  type: 'tagged',
  variants: {
    dense: { type: 'object', properties: { hiddenUnits: optional(positiveIntegers(1)) } },
    conv: {
      type: 'object',
      properties: {
        filters: required(positiveIntegers(1)),
        kernelSize: required(integer(1)),
        denseUnits: required(positiveIntegers()),
      },
    },
  },
};

const roleProperties = (role: 'teacher' | 'student'): ObjectSchema['properties'] =>
  role === 'teacher'
    ? {
        features: optional(
          featuresSchema,
          "the teachers' own features of the same documents (default: the experiment's features)",
        ),
      }
    : {
        labelledFraction: optional(
          { type: 'number', exclusiveMinimum: 0, maximum: 1 },
          'share of the training split whose fine label the student sees (default 1; stratified, seeded by dataset.splitSeed)',
        ),
        unlabelledInputs: optional(
          { type: 'string', enum: ['drop', 'distill'] },
          "with labelledFraction < 1: 'drop' (default) trains on the labelled rows only; 'distill' runs the distillation term on every row",
        ),
        labelledSubset: optional(
          { type: 'string', enum: ['per-seed', 'shared'] },
          "with labelledFraction < 1: 'per-seed' (default) draws the labelled rows per run seed; 'shared' uses one subset (dataset.splitSeed) for every seed",
        ),
        fineTeacherRows: optional(
          { type: 'string', enum: ['labelled', 'all'] },
          "with labelledFraction < 1: the fine teacher trains on the labelled rows ('labelled', default) or on every row ('all')",
        ),
        coarseTeacherRows: optional(
          { type: 'string', enum: ['all', 'labelled'] },
          "with labelledFraction < 1: the coarse teacher trains on every row ('all', default) or on the labelled rows ('labelled')",
        ),
        validationRows: optional(
          { type: 'string', enum: ['scaled', 'all'] },
          "with labelledFraction < 1: early stopping reads a stratified share f of the validation split ('scaled', default) or all of it ('all')",
        ),
      };

const roleSchema = (role: 'teacher' | 'student'): ObjectSchema => ({
  type: 'object',
  properties: {
    ...roleProperties(role),
    model: required(modelSchema),
    dropoutRate: required({ type: 'number', minimum: 0, exclusiveMaximum: 1 }),
    learningRate: required({ type: 'number', exclusiveMinimum: 0 }),
    batchSize: required(integer(1)),
    epochs: required(integer(1)),
    earlyStopping: required({
      type: 'anyOf',
      options: [
        { type: 'literal', value: false },
        {
          type: 'object',
          properties: {
            monitor: required({ type: 'string', enum: ['validationLoss', 'validationAccuracy'] }),
            patience: required(integer(1)),
            minDelta: required({ type: 'number', minimum: 0, default: 0 }),
            minEpochs: optional(
              integer(1),
              'no stop and no best-epoch choice before this epoch (default 1: from the first epoch)',
            ),
          },
        },
      ],
    }),
  },
});

const professorDefaults = defaultProfessorSettings;
const weight = (defaultValue: number): NumberSchema => ({ type: 'number', minimum: 0, default: defaultValue });

/** The `professor` block (src/professor/professorSettings.ts): every field optional, defaults filled in when the block is given. */
const professorSchema: ObjectSchema = {
  type: 'object',
  properties: {
    weights: {
      schema: {
        type: 'object',
        properties: {
          reconstruction: required(
            weight(professorDefaults.weights.reconstruction),
            'T²·KL(teacher target ‖ refined target)',
          ),
          classification: required(
            weight(professorDefaults.weights.classification),
            'CE of the refined logits on the true labels',
          ),
          adversarial: required(
            weight(professorDefaults.weights.adversarial),
            'non-saturating generator loss against the discriminator',
          ),
        },
        check: (weights) => {
          const values = ['reconstruction', 'classification', 'adversarial'].map((key) => weights[key]);
          return values.every((value) => typeof value === 'number') && values.every((value) => value === 0)
            ? [['', weights, 'at least one weight > 0']]
            : [];
        },
      },
      optional: true,
      fillDefaults: true,
    },
    epochs: required(integer(1, { default: professorDefaults.epochs })),
    latentUnits: required(integer(1, { default: professorDefaults.latentUnits })),
    hiddenUnits: optional(positiveIntegers(1), `default [${professorDefaults.hiddenUnits.join(', ')}]`),
    learningRate: required({ type: 'number', exclusiveMinimum: 0, default: professorDefaults.learningRate }),
    batchSize: required(integer(1, { default: professorDefaults.batchSize })),
  },
};

/** The schema of `methods`, read from the method registry: one optional key per method, its settings with their ranges and defaults. */
export function methodsSchema(methods: readonly MethodDefinition[] = registeredMethods()): ObjectSchema {
  const properties: ObjectSchema['properties'] = {};
  for (const method of methods) {
    const settings: ObjectSchema['properties'] = {};
    for (const [name, setting] of Object.entries(method.settings)) {
      const { description, ...bounds } = setting;
      settings[name] = { schema: { type: 'number', ...bounds }, description };
    }
    properties[method.configKey] = optional(
      { type: 'object', properties: settings },
      `(${method.letter}) ${method.label}`,
    );
  }
  return { type: 'object', properties, minProperties: 1 };
}

/** Checks that need several fields: features and models fit the data set; the hierarchy maps every fine label once. */
function crossFieldProblems(config: Record<string, unknown>): Array<[string, unknown, string]> {
  const problems: Array<[string, unknown, string]> = [];
  const kindOf = (value: unknown): string | undefined =>
    value !== null && typeof value === 'object' ? ((value as { kind?: unknown }).kind as string) : undefined;
  const dataset = { kind: kindOf(config.dataset) ?? '' };
  const features = { kind: kindOf(config.features) ?? '' };
  if (datasetLabelNames[dataset.kind] === undefined) return problems;
  const teacherFeatures = (config.teacher as { features?: unknown } | undefined)?.features;
  const featureSets: Array<[string, unknown]> = [
    ['features', config.features],
    ...(teacherFeatures !== undefined ? [['teacher.features', teacherFeatures] as [string, unknown]] : []),
  ];
  for (const [where, value] of featureSets) {
    const kind = kindOf(value) ?? '';
    const partKinds =
      kind === 'concat' && Array.isArray((value as { parts?: unknown }).parts)
        ? ((value as { parts: unknown[] }).parts.map(kindOf) as string[])
        : [];
    if (textFeatureKinds.includes(kind) && !textDatasetKinds.includes(dataset.kind)) {
      problems.push([
        `${where}.kind`,
        kind,
        `"pixels" for the image data set ${dataset.kind} (${kind} features need a text data set: ${textDatasetKinds.join(', ')})`,
      ]);
    }
    if (kind === 'pixels' && !imageDatasetKinds.includes(dataset.kind)) {
      problems.push([
        `${where}.kind`,
        kind,
        `"encoder", "tfidf" or "concat" for the text data set ${dataset.kind} (pixels need ${imageDatasetKinds.join(', ')})`,
      ]);
    }
    partKinds.forEach((partKind, index) => {
      if (partKind === 'pixels')
        problems.push([
          `${where}.parts[${index}].kind`,
          partKind,
          '"encoder", "tfidf" or "concat" (only text features concatenate)',
        ]);
    });
  }
  for (const role of ['teacher', 'student']) {
    const model = { kind: kindOf((config[role] as { model?: unknown } | undefined)?.model) };
    if (model.kind === 'conv' && !(imageDatasetKinds.includes(dataset.kind) && features.kind === 'pixels')) {
      problems.push([
        `${role}.model.kind`,
        model.kind,
        `"dense" (conv models need image data with pixel features: ${imageDatasetKinds.join(', ')})`,
      ]);
    }
  }
  const labelNames = datasetLabelNames[dataset.kind];
  const hierarchy = config.hierarchy;
  if (typeof hierarchy !== 'string' || hierarchy === '') return problems;
  if (labelNames && isDiscoveredHierarchySpec(hierarchy)) {
    const checked = checkDiscoverySpec(hierarchy, labelNames.length);
    if ('problem' in checked) problems.push(['hierarchy', hierarchy, `${checked.expected} (${checked.problem})`]);
  } else if (labelNames && hierarchy.endsWith('.json')) {
    try {
      loadHierarchyFileSync(hierarchy, [...labelNames]);
    } catch (error) {
      problems.push([
        'hierarchy',
        hierarchy,
        `a hierarchy file mapping every ${dataset.kind} label exactly once (${(error as Error).message})`,
      ]);
    }
  } else if (labelNames) {
    if (!builtInHierarchyNames.includes(hierarchy) && !(hierarchy in builtInHierarchyAliases)) {
      problems.push([
        'hierarchy',
        hierarchy,
        `one of ${builtInHierarchyNames.map((name) => JSON.stringify(name)).join(', ')}, a .json hierarchy file or discovered:<way>:<k> (e.g. discovered:class-means:6)${didYouMean(hierarchy, builtInHierarchyNames)}`,
      ]);
    } else {
      const fine = hierarchyByName(hierarchy).fineLabelNames;
      if (fine.length !== labelNames.length || fine.some((name, index) => name !== labelNames[index])) {
        const fitting = builtInHierarchyNames.filter(
          (name) => JSON.stringify(hierarchyByName(name).fineLabelNames) === JSON.stringify(labelNames),
        );
        problems.push([
          'hierarchy',
          hierarchy,
          `a hierarchy of the ${dataset.kind} labels: ${fitting.map((name) => JSON.stringify(name)).join(', ') || 'a .json hierarchy file'}`,
        ]);
      }
    }
  }
  return problems;
}

/** The schema of a whole experiment config (methods from the registry). */
export function experimentSchema(methods: readonly MethodDefinition[] = registeredMethods()): ObjectSchema {
  return {
    type: 'object',
    properties: {
      name: required({
        type: 'string',
        nonEmpty: true,
        pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
        patternDescription: 'a name usable as a folder name (letters, digits, ".", "_", "-")',
      }),
      description: required({ type: 'string', default: '' }),
      dataset: required(datasetSchema),
      features: required(featuresSchema),
      hierarchy: required(
        { type: 'string', nonEmpty: true },
        'a built-in hierarchy name, a .json hierarchy file, or discovered:<way>:<k>[:<linkage>] (way class-means or confusion; derived from the training / validation split when the data are prepared)',
      ),
      teacher: required(roleSchema('teacher')),
      student: required(roleSchema('student')),
      methods: required(methodsSchema(methods)),
      seeds: required({ type: 'array', items: integer(0, { maximum: maximumSeed }), minItems: 1, unique: true }),
      targetAccuracy: required({ type: 'number', minimum: 0, maximum: 1 }),
      engine: {
        schema: {
          type: 'object',
          properties: {
            groupSize: required(integer(1, { default: 36 })),
            maxGroupMegabytes: required({ type: 'number', exclusiveMinimum: 0, default: 2048 }),
            claimHeartbeatSeconds: optional(
              { type: 'number', exclusiveMinimum: 0 },
              'workers over one runs folder: how often a worker refreshes its run claims (default 30)',
            ),
            staleHeartbeats: optional(
              integer(2),
              "workers: another worker's claim is stale after this many missed heartbeats (default 10)",
            ),
            workerWaitSeconds: optional(
              { type: 'number', exclusiveMinimum: 0 },
              'workers: how long a worker waits for a run of another that nobody has claimed (default 1800)',
            ),
          },
        },
        optional: true,
        fillDefaults: true,
      },
      professor: optional(professorSchema, 'how the professor of the professor-* methods is trained'),
    },
    check: crossFieldProblems,
  };
}
