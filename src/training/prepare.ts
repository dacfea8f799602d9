import * as tf from '@tensorflow/tfjs';
import { checkFineToCoarse } from '../losses/hierarchy';
import { type MethodDefinition, objectiveByName, resolveMethodSettings } from '../methods/registry';
import {
  type Features,
  featuresTensor,
  type FloatMatrix,
  rowCount,
  validateLabels,
  validateMatrix,
} from '../tensors/matrix';

/** One split: features and integer labels (coarse labels where the objective or evaluation needs them). */
export interface DataSplit {
  x: Features;
  fineLabels: ArrayLike<number>;
  coarseLabels?: ArrayLike<number>;
}

/** The three splits of a training run (test optional). */
export interface TrainingData {
  train: DataSplit;
  validation: DataSplit;
  test?: DataSplit;
  /** The label hierarchy (index = fine class, value = its coarse class), for methods that declare `needsHierarchy`. */
  fineToCoarse?: ArrayLike<number>;
}

/** A model to train: its method (a registered student method or `teacher-coarse` / `teacher-fine`), settings and seed. */
export interface MemberSpec {
  method: string;
  /** Method settings; missing ones take the registry defaults. */
  settings?: Record<string, number>;
  /** Seed of the batch order (and, in trainGroup, of the initial weights and dropout masks). */
  seed: number;
  /** The teacher's logits on the TRAINING split (one row per training example, same order), for methods that need a teacher. */
  teacherLogits?: FloatMatrix;
  /**
   * The derived targets the method declares (`derivedTargets`), by kind: rows of the training
   * split in the teacher's label space (same shape as teacherLogits), e.g. `'professor-logits'`.
   */
  targets?: Readonly<Record<string, FloatMatrix>>;
  /** 1 = the member may use this training row's labels, 0 = it may not (one per training row); absent = all labelled. See StackedObjectiveInputs.labelledMask. */
  labelledMask?: ArrayLike<number>;
  /**
   * With a labelledMask: true when the member may use EVERY row's coarse label (its coarse
   * label terms then run over all rows, its fine ones stay masked). See
   * StackedObjectiveInputs.coarseLabelledMask.
   */
  coarseLabelsEverywhere?: boolean;
}

/** A member after checks: its registry entry and resolved settings. */
export interface PreparedMember {
  id: number;
  definition: MethodDefinition;
  settings: Record<string, number>;
  batchSeed: number;
  teacherLogits?: FloatMatrix;
  /** Its derived targets by kind (only those its method declares). */
  targets: Readonly<Record<string, FloatMatrix>>;
  labelledMask?: ArrayLike<number>;
  coarseLabelsEverywhere?: boolean;
  /** Which labels score its prediction head. */
  target: 'fine' | 'coarse';
}

/** Widths of the models' heads. */
export interface HeadWidths {
  prediction: number;
  /** Undefined when the models have no distillation head. */
  distillation?: number;
}

/** The training split on the device, teacher logits tables, and evaluation labels per member. */
export interface PreparedData {
  trainRows: number;
  x: tf.Tensor2D;
  fineLabels: tf.Tensor1D;
  coarseLabels?: tf.Tensor1D;
  /** Teacher logits per column count: one table [slots·N, T]; a member reads rows slot·N + i. */
  teacherTables: Map<number, tf.Tensor2D>;
  teacherSlot: Map<number, { columns: number; slot: number }>;
  /** Where each member's derived targets sit in the same tables, by target kind. */
  targetSlots: Map<string, Map<number, { columns: number; slot: number }>>;
  validation: { x: tf.Tensor2D; labels: Map<number, ArrayLike<number>> };
  test?: { x: tf.Tensor2D; labels: Map<number, ArrayLike<number>> };
  dispose(): void;
  /** `TrainingData.fineToCoarse` on the device, int32 [F] (methods that need it declare `needsHierarchy`). */
  fineToCoarse?: tf.Tensor1D;
}

/** Resolves and checks the members against the heads and the training split (no tensors made). */
export function prepareMembers(
  specs: MemberSpec[],
  heads: HeadWidths,
  data: TrainingData,
  where: string,
): PreparedMember[] {
  if (specs.length === 0) throw new Error(`${where}: no members to train`);
  const trainRows = rowCount(data.train.x);
  if (trainRows === 0) throw new Error(`${where}: the training split is empty`);
  return specs.map((spec, id) => {
    const definition = objectiveByName(spec.method);
    const name = `${where} member ${id} (${definition.name}, seed ${spec.seed})`;
    if (!Number.isInteger(spec.seed)) throw new Error(`${name}: seed must be an integer`);
    const settings = resolveMethodSettings(definition, spec.settings);
    const target = definition.predictionTarget ?? 'fine';
    if (definition.distillationHead && heads.distillation === undefined) {
      throw new Error(
        `${name}: the method needs the "distillation" head; the models have none (build the student with coarseClassCount)`,
      );
    }
    if ((definition.needsCoarseLabels || target === 'coarse') && !data.train.coarseLabels)
      throw new Error(`${name}: the training split has no coarseLabels`);
    if (definition.needsHierarchy) {
      if (!data.fineToCoarse)
        throw new Error(
          `${name}: the method reads the label hierarchy; give data.fineToCoarse (each fine class's coarse class)`,
        );
      checkFineToCoarse(data.fineToCoarse, heads.prediction, `${name}: data`, heads.distillation);
    }
    if (definition.teacher !== 'none') {
      if (!spec.teacherLogits)
        throw new Error(
          `${name}: the method needs the ${definition.teacher} teacher's logits on the training split (teacherLogits)`,
        );
      validateMatrix(spec.teacherLogits, `${name}: teacherLogits`);
      if (spec.teacherLogits.rows !== trainRows)
        throw new Error(`${name}: teacherLogits has ${spec.teacherLogits.rows} rows, the training split ${trainRows}`);
      const headName = definition.teacher === 'coarse' ? 'distillation' : 'prediction';
      // A coarse teacher distils into the distillation head, or (one-head methods) through the hierarchy's groups.
      if (definition.teacher === 'coarse' && !definition.distillationHead && !data.fineToCoarse)
        throw new Error(
          `${name}: a one-head method with a coarse teacher needs the hierarchy's fineToCoarse (the group of each fine class) in the training data`,
        );
      const groups =
        data.fineToCoarse && !definition.distillationHead ? groupCount(Array.from(data.fineToCoarse)) : undefined;
      const width = definition.teacher === 'coarse' ? (groups ?? heads.distillation) : heads.prediction;
      if (spec.teacherLogits.columns !== width) {
        throw new Error(
          `${name}: teacherLogits has ${spec.teacherLogits.columns} columns but the student's "${headName}" head has ${width} logits (use a ${definition.teacher.toUpperCase()} teacher)`,
        );
      }
    }
    const targets: Record<string, FloatMatrix> = {};
    for (const kind of definition.derivedTargets ?? []) {
      const matrix = spec.targets?.[kind];
      if (!matrix)
        throw new Error(`${name}: the method needs its ${kind} target on the training split (targets['${kind}'])`);
      validateMatrix(matrix, `${name}: targets['${kind}']`);
      // On a teacher: the teacher's label space; teacher-free kinds: the prediction head's.
      const onTeacher = definition.teacher !== 'none';
      const columns = onTeacher ? spec.teacherLogits!.columns : heads.prediction;
      if (matrix.rows !== trainRows || matrix.columns !== columns) {
        throw new Error(
          `${name}: targets['${kind}'] is ${matrix.rows}x${matrix.columns}, expected ${onTeacher ? "the teacherLogits'" : "the training rows x the prediction head's"} ${trainRows}x${columns}`,
        );
      }
      targets[kind] = matrix;
    }
    if (spec.labelledMask !== undefined) {
      if (spec.labelledMask.length !== trainRows)
        throw new Error(
          `${name}: labelledMask has ${spec.labelledMask.length} entries, the training split ${trainRows} rows`,
        );
      for (let row = 0; row < trainRows; row++) {
        if (spec.labelledMask[row] !== 0 && spec.labelledMask[row] !== 1)
          throw new Error(`${name}: labelledMask[${row}] is ${spec.labelledMask[row]}, expected 0 or 1`);
      }
    }
    return {
      id,
      definition,
      settings,
      batchSeed: spec.seed,
      teacherLogits: definition.teacher !== 'none' ? spec.teacherLogits : undefined,
      targets,
      ...(spec.labelledMask ? { labelledMask: spec.labelledMask } : {}),
      ...(spec.labelledMask && spec.coarseLabelsEverywhere ? { coarseLabelsEverywhere: true } : {}),
      target,
    };
  });
}

/** Checks the labels and puts the training split, teacher logits and evaluation inputs on the device. */
export function prepareData(
  members: PreparedMember[],
  heads: HeadWidths,
  data: TrainingData,
  where: string,
): PreparedData {
  const trainRows = rowCount(data.train.x);
  const usesCoarse = members.some((member) => member.definition.needsCoarseLabels || member.target === 'coarse');
  const anyFine = members.some((member) => member.target === 'fine');
  if (anyFine) validateLabels(data.train.fineLabels, trainRows, heads.prediction, `${where} train fine labels`);
  else validateLabels(data.train.fineLabels, trainRows, Number.MAX_SAFE_INTEGER, `${where} train fine labels`);
  if (data.train.coarseLabels && usesCoarse) {
    const coarseWidth = members.some((member) => member.target === 'coarse')
      ? heads.prediction
      : (heads.distillation ?? Number.MAX_SAFE_INTEGER);
    validateLabels(data.train.coarseLabels, trainRows, coarseWidth, `${where} train coarse labels`);
  }
  const evaluationLabels = (split: DataSplit, name: string) => {
    const byTarget = new Map<string, ArrayLike<number>>();
    const labels = new Map<number, ArrayLike<number>>();
    for (const member of members) {
      if (!byTarget.has(member.target)) {
        const chosen = member.target === 'coarse' ? split.coarseLabels : split.fineLabels;
        if (!chosen) throw new Error(`${where}: the ${name} split has no coarseLabels (needed by a coarse teacher)`);
        validateLabels(chosen, rowCount(split.x), heads.prediction, `${where} ${name} ${member.target} labels`);
        byTarget.set(member.target, chosen);
      }
      labels.set(member.id, byTarget.get(member.target)!);
    }
    return labels;
  };
  const validationLabels = evaluationLabels(data.validation, 'validation');
  const testLabels = data.test ? evaluationLabels(data.test, 'test') : undefined;

  const owned: tf.Tensor[] = [];
  const upload = (features: Features, what: string) => {
    const { tensor, owned: mine } = featuresTensor(features, what);
    if (mine) owned.push(tensor);
    return tensor;
  };
  try {
    const x = upload(data.train.x, `${where} train features`);
    const fineLabels = tf.tensor1d(Int32Array.from(data.train.fineLabels), 'int32');
    owned.push(fineLabels);
    const coarseLabels = data.train.coarseLabels
      ? tf.tensor1d(Int32Array.from(data.train.coarseLabels), 'int32')
      : undefined;
    if (coarseLabels) owned.push(coarseLabels);
    const fineToCoarse =
      data.fineToCoarse && anyFine
        ? fineToCoarseTensor(Array.from(data.fineToCoarse), heads.prediction, where)
        : undefined;
    if (fineToCoarse) owned.push(fineToCoarse);
    // One table per teacher width; members sharing a logits matrix share its rows.
    const matrices = new Map<number, FloatMatrix[]>();
    const teacherSlot = new Map<number, { columns: number; slot: number }>();
    const targetSlots = new Map<string, Map<number, { columns: number; slot: number }>>();
    const place = (matrix: FloatMatrix) => {
      const columns = matrix.columns;
      if (!matrices.has(columns)) matrices.set(columns, []);
      const list = matrices.get(columns)!;
      let slot = list.indexOf(matrix);
      if (slot < 0) slot = list.push(matrix) - 1;
      return { columns, slot };
    };
    for (const member of members) {
      if (member.teacherLogits) teacherSlot.set(member.id, place(member.teacherLogits));
      for (const [kind, matrix] of Object.entries(member.targets)) {
        if (!targetSlots.has(kind)) targetSlots.set(kind, new Map());
        targetSlots.get(kind)!.set(member.id, place(matrix));
      }
    }
    const teacherTables = new Map<number, tf.Tensor2D>();
    for (const [columns, list] of matrices) {
      const values = new Float32Array(list.length * trainRows * columns);
      list.forEach((matrix, slot) => values.set(matrix.data, slot * trainRows * columns));
      const table = tf.tensor2d(values, [list.length * trainRows, columns], 'float32');
      owned.push(table);
      teacherTables.set(columns, table);
    }
    const validation = { x: upload(data.validation.x, `${where} validation features`), labels: validationLabels };
    const test =
      data.test && testLabels ? { x: upload(data.test.x, `${where} test features`), labels: testLabels } : undefined;
    for (const [name, split] of [
      ['validation', validation],
      ['test', test],
    ] as const) {
      if (split && split.x.shape[1] !== x.shape[1])
        throw new Error(
          `${where}: the ${name} features have ${split.x.shape[1]} columns, the training features ${x.shape[1]}`,
        );
    }
    return {
      trainRows,
      x,
      fineLabels,
      coarseLabels,
      teacherTables,
      teacherSlot,
      targetSlots,
      validation,
      test,
      dispose: () => tf.dispose(owned),
      ...(fineToCoarse ? { fineToCoarse } : {}),
    };
  } catch (error) {
    tf.dispose(owned);
    throw error;
  }
}

/** Groups of a fine-to-coarse map: its largest group id + 1. */
function groupCount(fineToCoarse: readonly number[]): number {
  return fineToCoarse.reduce((largest, group) => Math.max(largest, group), -1) + 1;
}

/** Checks a fine-to-coarse map (one non-negative integer group per fine class) and uploads it as int32 [F]. */
function fineToCoarseTensor(fineToCoarse: readonly number[], fineClasses: number, where: string): tf.Tensor1D {
  if (fineToCoarse.length !== fineClasses)
    throw new Error(`${where}: fineToCoarse has ${fineToCoarse.length} entries for ${fineClasses} fine classes`);
  fineToCoarse.forEach((group, fine) => {
    if (!Number.isInteger(group) || group < 0)
      throw new Error(`${where}: fineToCoarse[${fine}] is ${group}, expected a group id (an integer >= 0)`);
  });
  return tf.tensor1d(Int32Array.from(fineToCoarse), 'int32');
}
