import type * as tf from '@tensorflow/tfjs';
import { buildStudent, studentHiddenUnitsFor } from '../models/student';
import { buildTeacher, teacherHiddenUnitsFor } from '../models/teacher';
import type { ProgressListener } from '../util/progress';
import type { EarlyStoppingOptions } from './earlyStopping';
import { columnCount } from '../tensors/matrix';
import {
  type HeadWidths,
  type MemberSpec,
  prepareData,
  prepareMembers,
  type PreparedMember,
  type TrainingData,
} from './prepare';
import type { EpochRecord, TrainResult } from './records';
import { StackedDenseGroup, type StackedMember } from './stackedDenseGroup';
import { checkLoopNumbers, runGroupTraining } from './trainLoop';

/** Students: a dense ReLU body and the `prediction` head (+ the `distillation` head when a member's method has it). */
export interface StudentArchitecture {
  kind?: 'student';
  inputDimension: number;
  /** Default studentHiddenUnitsFor(inputDimension). */
  hiddenUnits?: number[];
  /** Default 0.2 (as buildStudent). */
  dropoutRate?: number;
  fineClassCount: number;
  /** Needed when a member's method has the distillation head. */
  coarseClassCount?: number;
}

/** Teachers (methods `teacher-coarse` / `teacher-fine`): a dense ReLU body and one `prediction` head of `classCount` logits. */
export interface TeacherArchitecture {
  kind: 'teacher';
  inputDimension: number;
  /** Default teacherHiddenUnitsFor(inputDimension). */
  hiddenUnits?: number[];
  dropoutRate?: number;
  classCount: number;
}

/** Options of {@link trainGroup}. */
export interface TrainGroupOptions {
  /** The models: method (registry name or teacher-coarse / teacher-fine), settings, seed (weights, dropout, batch order), teacher logits. */
  members: MemberSpec[];
  architecture: StudentArchitecture | TeacherArchitecture;
  data: TrainingData;
  /** Maximum epochs (default 100). */
  epochs?: number;
  batchSize?: number;
  /** Adam's learning rate (default 1e-3). */
  learningRate?: number;
  /** Per member (default off: every member runs every epoch). */
  earlyStopping?: EarlyStoppingOptions | false;
  /** After every epoch, for each member that trained in it (awaited, in member order). */
  onEpoch?: (memberIndex: number, record: EpochRecord) => void | Promise<void>;
  progress?: ProgressListener;
  /** Task name in progress lines (default `train group of K`). */
  task?: string;
}

/** One trained member: as if trained alone by trainModel, and its model (the caller disposes it). */
export interface GroupMemberResult {
  result: TrainResult;
  model: tf.LayersModel;
}

/** Head widths and per-member builders for an architecture. */
function membersFor(architecture: StudentArchitecture | TeacherArchitecture, members: PreparedMember[]) {
  if (architecture.kind === 'teacher') {
    const hiddenUnits = architecture.hiddenUnits ?? teacherHiddenUnitsFor(architecture.inputDimension);
    const dropoutRate = architecture.dropoutRate ?? 0.2;
    const heads: HeadWidths = { prediction: architecture.classCount };
    const build = (seed: number) => () =>
      buildTeacher({
        inputDimension: architecture.inputDimension,
        classCount: architecture.classCount,
        hiddenUnits,
        dropoutRate,
        seed,
      });
    return {
      hiddenUnits,
      dropoutRate,
      heads,
      builders: members.map((member) => ({ build: build(member.batchSeed), ownsLastHead: true })),
    };
  }
  const hiddenUnits = architecture.hiddenUnits ?? studentHiddenUnitsFor(architecture.inputDimension);
  const dropoutRate = architecture.dropoutRate ?? 0.2;
  const stackHasDistillation =
    architecture.coarseClassCount !== undefined && members.some((member) => member.definition.distillationHead);
  const heads: HeadWidths = {
    prediction: architecture.fineClassCount,
    distillation: stackHasDistillation ? architecture.coarseClassCount : undefined,
  };
  const build = (seed: number, distillation: boolean) =>
    buildStudent({
      inputDimension: architecture.inputDimension,
      hiddenUnits,
      dropoutRate,
      fineClassCount: architecture.fineClassCount,
      coarseClassCount: distillation ? architecture.coarseClassCount : undefined,
      seed,
    });
  return {
    hiddenUnits,
    dropoutRate,
    heads,
    builders: members.map((member) => ({
      // The distillation head's initialiser draws its seed after every other layer's, so a
      // one-head member built with the extra head starts from exactly its own weights.
      build: (withStackHeads?: boolean) =>
        build(member.batchSeed, withStackHeads ? stackHasDistillation : member.definition.distillationHead),
      ownsLastHead: member.definition.distillationHead,
    })),
  };
}

/**
 * Trains K same-architecture dense models (different seeds, methods, settings, teachers,
 * over the same inputs) as ONE stacked model (see StackedDenseGroup): each member gets
 * the initial weights, batch order (SeededRandom(seed), reshuffled every epoch), dropout
 * masks and Adam updates it would get from trainModel alone, its own early stopping (best
 * epoch, restored best weights), and is exported as an ordinary tf.LayersModel with the
 * layer names of buildStudent / buildTeacher. Members that share a seed share batches and
 * run their first layer as one wide matMul. Returns one result per member, in order.
 * A group of one is today's trainModel run (up to float rounding).
 */
export async function trainGroup(options: TrainGroupOptions): Promise<GroupMemberResult[]> {
  const epochs = options.epochs ?? 100;
  const batchSize = options.batchSize ?? 128;
  const learningRate = options.learningRate ?? 1e-3;
  checkLoopNumbers('trainGroup', epochs, batchSize, learningRate);
  const { architecture } = options;
  if (columnCount(options.data.train.x) !== architecture.inputDimension) {
    throw new Error(
      `trainGroup: architecture.inputDimension is ${architecture.inputDimension} but the training features have ${columnCount(options.data.train.x)} columns`,
    );
  }
  const headsGuess: HeadWidths =
    architecture.kind === 'teacher'
      ? { prediction: architecture.classCount }
      : { prediction: architecture.fineClassCount, distillation: architecture.coarseClassCount };
  const members = prepareMembers(options.members, headsGuess, options.data, 'trainGroup');
  const { hiddenUnits, dropoutRate, heads, builders } = membersFor(architecture, members);
  const prepared = prepareData(members, heads, options.data, 'trainGroup');
  let group: StackedDenseGroup | undefined;
  try {
    const stackMembers: StackedMember[] = members.map((member, index) => ({
      id: member.id,
      seed: member.batchSeed,
      ...builders[index],
    }));
    const headUnits = heads.distillation === undefined ? [heads.prediction] : [heads.prediction, heads.distillation];
    group = new StackedDenseGroup(
      { inputDimension: architecture.inputDimension, hiddenUnits, headUnits },
      dropoutRate,
      stackMembers,
    );
    const outcomes = await runGroupTraining({
      group,
      members,
      data: prepared,
      classCount: heads.prediction,
      epochs,
      batchSize,
      learningRate,
      earlyStopping: options.earlyStopping ?? false,
      onEpoch: options.onEpoch,
      progress: options.progress,
      task: options.task ?? `train group of ${members.length}`,
    });
    return members.map((member) => outcomes.get(member.id)!);
  } finally {
    group?.dispose();
    prepared.dispose();
  }
}

/**
 * Rough device bytes one member adds to a stacked group (to bound group size): weights,
 * Adam's two moments, a best-epoch snapshot and the gradients (5 copies of the
 * parameters, plus 3 during a compaction), the training activations of one batch
 * (forward, dropout multipliers and their gradients, about 6 floats per hidden or logit
 * unit per row), and its teacher-logits table. Evaluation chunks are bounded separately
 * (about 32 MB for the whole group).
 */
export function estimateMemberBytes(options: {
  inputDimension: number;
  hiddenUnits: number[];
  headUnits: number[];
  batchSize: number;
  trainRows: number;
  /** Columns of the member's teacher logits (0 without a teacher). */
  teacherColumns?: number;
}): number {
  let parameters = 0;
  let previous = options.inputDimension;
  for (const units of options.hiddenUnits) {
    parameters += (previous + 1) * units;
    previous = units;
  }
  for (const units of options.headUnits) parameters += (previous + 1) * units;
  const units =
    options.hiddenUnits.reduce((sum, width) => sum + width, 0) +
    options.headUnits.reduce((sum, width) => sum + width, 0);
  const floats =
    8 * parameters +
    6 * options.batchSize * units +
    options.batchSize * options.inputDimension +
    options.trainRows * (options.teacherColumns ?? 0);
  return floats * 4;
}
