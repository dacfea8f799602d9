import * as tf from '@tensorflow/tfjs';
import { distillationLayerName } from '../models/student';
import type { GroupAdam } from './adam';
import { type ConvChainStep, convChainForwardTraining, convTrainingChain } from './convChain';
import { predictionOutputIndex } from './predict';

/** Outputs of K models on their batches: logits with a leading model axis. */
export interface GroupOutputs {
  /** [K, B, F] logits of the `prediction` head. */
  prediction: tf.Tensor3D;
  /** [K, B, C] logits of the `distillation` head, when the models have it. */
  distillation?: tf.Tensor3D;
}

/**
 * K models of one architecture trained together (K = 1: one ordinary model). Members
 * are identified by their index in the trainGroup member list; `memberIds` lists the
 * ones still in the group, in stack order (row k of every output is memberIds[k]).
 */
export interface ModelGroup {
  readonly memberIds: readonly number[];
  /** The trainable variables (gradients are taken with respect to these). */
  variables(): tf.Variable[];
  /**
   * Training-mode forward pass (dropout on, each member's own masks) on rows of the
   * training features `x`: `rowsBySeed` maps a batch-order seed to its batch's row indices
   * (all of one length B); members sharing a seed share rows.
   */
  forwardTraining(x: tf.Tensor2D, rowsBySeed: ReadonlyMap<number, Int32Array>): GroupOutputs;
  /** Inference forward pass (dropout off) of every member on the same rows x [n, d]. */
  forwardInference(x: tf.Tensor2D): GroupOutputs;
  /** Largest layer width (for sizing evaluation chunks). */
  readonly widestLayer: number;
  /** Copies of these members' weights, each in `tf.LayersModel.getWeights()` order (caller disposes). */
  snapshotMembers(memberIds: number[]): Map<number, tf.Tensor[]>;
  /** The member as an ordinary tf.LayersModel holding `weights` (a snapshot); the caller owns the model. */
  exportMember(memberId: number, weights: tf.Tensor[]): tf.LayersModel;
  /** Drops finished members so they cost nothing more (their Adam moments too). */
  removeMembers(memberIds: number[], optimizer: GroupAdam): void;
  dispose(): void;
}

/**
 * A group of one: an ordinary tf.LayersModel (any architecture, e.g. the teaching path
 * or a model that cannot be stacked). Dropout comes from the model's own layers. A chain
 * of layers with ReLU convolutions (the conv teacher) trains on the native backend through
 * convChainForwardTraining: the same outputs and gradients with fewer kernels.
 */
export class LayersModelGroup implements ModelGroup {
  memberIds: number[];
  readonly widestLayer: number;
  private readonly predictionIndex: number;
  private readonly distillationIndex: number;
  private readonly convChain: ConvChainStep[] | undefined;

  constructor(
    readonly model: tf.LayersModel,
    /** Batch-order seed of the one member (key into forwardTraining's map). */
    private readonly batchSeed: number,
    memberId = 0,
  ) {
    this.memberIds = [memberId];
    this.predictionIndex = predictionOutputIndex(model);
    this.distillationIndex = model.outputNames.indexOf(distillationLayerName);
    this.convChain = convTrainingChain(model);
    this.widestLayer = Math.max(
      ...model.layers.map((layer) => {
        const shape = layer.outputShape as number[];
        return typeof shape?.at?.(-1) === 'number' ? (shape.at(-1) as number) : 1;
      }),
    );
  }

  variables(): tf.Variable[] {
    return this.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  }

  private run(x: tf.Tensor2D, training: boolean): GroupOutputs {
    const outputs = this.model.apply(x, { training }) as tf.Tensor | tf.Tensor[];
    const list = Array.isArray(outputs) ? outputs : [outputs];
    return {
      prediction: tf.expandDims(list[this.predictionIndex], 0) as tf.Tensor3D,
      distillation:
        this.distillationIndex >= 0 ? (tf.expandDims(list[this.distillationIndex], 0) as tf.Tensor3D) : undefined,
    };
  }

  forwardTraining(x: tf.Tensor2D, rowsBySeed: ReadonlyMap<number, Int32Array>): GroupOutputs {
    const rows = rowsBySeed.get(this.batchSeed);
    if (!rows) throw new Error(`LayersModelGroup: no batch for seed ${this.batchSeed}`);
    const batch = tf.gather(x, tf.tensor1d(rows, 'int32'));
    if (this.convChain)
      return { prediction: tf.expandDims(convChainForwardTraining(this.convChain, batch), 0) as tf.Tensor3D };
    return this.run(batch, true);
  }

  forwardInference(x: tf.Tensor2D): GroupOutputs {
    return this.run(x, false);
  }

  snapshotMembers(memberIds: number[]): Map<number, tf.Tensor[]> {
    return new Map(memberIds.map((id) => [id, tf.tidy(() => this.model.getWeights().map((weight) => weight.clone()))]));
  }

  exportMember(_memberId: number, weights: tf.Tensor[]): tf.LayersModel {
    this.model.setWeights(weights);
    return this.model;
  }

  removeMembers(memberIds: number[]): void {
    this.memberIds = this.memberIds.filter((id) => !memberIds.includes(id));
  }

  /** The model belongs to the caller: nothing to free. */
  dispose(): void {}
}
