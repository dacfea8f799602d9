import * as tf from '@tensorflow/tfjs';
import { SeededDropout } from '../models/seededDropout';
import type { GroupAdam } from './adam';
import type { GroupOutputs, ModelGroup } from './modelGroup';
import { type DenseShapes, packMembers, type StackLayout, stackLayout, unpackMembers } from './stackLayout';

/** One member of a {@link StackedDenseGroup}. */
export interface StackedMember {
  id: number;
  /** Model seed (initial weights, dropout masks) and batch-order seed. */
  seed: number;
  /**
   * Builds the member as an ordinary model with the given heads: `withStackHeads` true for
   * the stack's heads (initial weights), false for its own (export). Same layer names and
   * seeds as buildStudent / buildTeacher.
   */
  build(withStackHeads: boolean): tf.LayersModel;
  /** Whether the exported model keeps the distillation head (the stack's last head). */
  ownsLastHead: boolean;
}

/**
 * K dense ReLU models of one architecture (hidden layers + one or two logit heads) as ONE
 * stacked model: weights with a leading model axis and batched matMuls, so one step of K
 * models costs about as many tensor operations as one step of one. Each member starts
 * from the weights buildStudent / buildTeacher give its seed and draws the dropout masks
 * its SeededDropout layers would (seed + call count, tf.dropout's arithmetic on its own
 * [B, h] slice), so the stack trains each member as it would train alone.
 */
export class StackedDenseGroup implements ModelGroup {
  private layout: StackLayout;
  private weights: tf.Variable[];
  private readonly seeds = new Map<number, number>();
  private readonly dropoutSeeds = new Map<number, number[]>();
  private readonly members = new Map<number, StackedMember>();
  private callCount = 0;
  readonly widestLayer: number;

  constructor(
    readonly shapes: DenseShapes,
    readonly dropoutRate: number,
    members: StackedMember[],
  ) {
    if (members.length === 0) throw new Error('StackedDenseGroup: no members');
    if (shapes.hiddenUnits.length === 0) throw new Error('StackedDenseGroup: needs at least one hidden layer');
    this.widestLayer = Math.max(
      ...shapes.hiddenUnits,
      shapes.headUnits.reduce((sum, units) => sum + units, 0),
    );
    const initial = new Map<number, tf.Tensor[]>();
    const models: tf.LayersModel[] = [];
    try {
      for (const member of members) {
        if (this.members.has(member.id)) throw new Error(`StackedDenseGroup: member id ${member.id} given twice`);
        this.members.set(member.id, member);
        this.seeds.set(member.id, member.seed);
        const model = member.build(true);
        models.push(model);
        const weights = model.getWeights();
        this.checkShapes(member.id, weights);
        initial.set(member.id, weights);
        this.dropoutSeeds.set(
          member.id,
          model.layers
            .filter((layer): layer is SeededDropout => layer instanceof SeededDropout)
            .map((layer) => layer.seed),
        );
      }
      this.layout = stackLayout(members.map(({ id, seed }) => ({ id, seed })));
      this.weights = packMembers(this.layout, shapes, (id) => initial.get(id)!).map((tensor) => {
        const variable = tf.variable(tensor, true);
        tensor.dispose();
        return variable;
      });
    } finally {
      models.forEach((model) => model.dispose());
    }
  }

  private checkShapes(id: number, weights: tf.Tensor[]): void {
    const expected: number[][] = [];
    let previous = this.shapes.inputDimension;
    for (const units of this.shapes.hiddenUnits) {
      expected.push([previous, units], [units]);
      previous = units;
    }
    for (const units of this.shapes.headUnits) expected.push([previous, units], [units]);
    const actual = weights.map((weight) => weight.shape);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new Error(
        `StackedDenseGroup: member ${id} has weight shapes ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)} (a dense stack with these widths)`,
      );
    }
  }

  get memberIds(): readonly number[] {
    return this.layout.order;
  }

  variables(): tf.Variable[] {
    return this.weights;
  }

  /** Dropout multipliers [K, B, h] for hidden layer `layer` at this call (one mask per distinct model seed). */
  private dropoutMultiplier(layer: number, rows: number, units: number): tf.Tensor3D {
    const keep = 1 - this.dropoutRate;
    const bySeed = new Map<number, tf.Tensor>();
    const masks = this.layout.order.map((id) => {
      const seed = this.dropoutSeeds.get(id)![layer] + this.callCount;
      if (!bySeed.has(seed))
        bySeed.set(seed, tf.div(tf.floor(tf.add(tf.randomUniform([rows, units], 0, 1, 'float32', seed), keep)), keep));
      return bySeed.get(seed)!;
    });
    return tf.stack(masks) as tf.Tensor3D;
  }

  private layersAfterFirst(first: tf.Tensor3D, training: boolean): GroupOutputs {
    const { hiddenUnits, headUnits } = this.shapes;
    const rows = first.shape[1];
    const dropout = training && this.dropoutRate > 0;
    const blocks = this.layout.blocks.length;
    let current = tf.relu(tf.add(first, this.weights[blocks])) as tf.Tensor3D;
    if (dropout) current = tf.mul(current, this.dropoutMultiplier(0, rows, hiddenUnits[0]));
    let index = blocks + 1;
    for (let layer = 1; layer < hiddenUnits.length; layer++) {
      current = tf.relu(
        tf.add(tf.matMul(current, this.weights[index] as tf.Tensor3D), this.weights[index + 1]),
      ) as tf.Tensor3D;
      index += 2;
      if (dropout) current = tf.mul(current, this.dropoutMultiplier(layer, rows, hiddenUnits[layer]));
    }
    const logits = tf.add(
      tf.matMul(current, this.weights[index] as tf.Tensor3D),
      this.weights[index + 1],
    ) as tf.Tensor3D;
    if (training) this.callCount += 1;
    if (headUnits.length === 1) return { prediction: logits };
    const members = logits.shape[0];
    return {
      prediction: logits.slice([0, 0, 0], [members, rows, headUnits[0]]),
      distillation: logits.slice([0, 0, headUnits[0]], [members, rows, headUnits[1]]),
    };
  }

  forwardTraining(x: tf.Tensor2D, rowsBySeed: ReadonlyMap<number, Int32Array>): GroupOutputs {
    const width = this.shapes.hiddenUnits[0];
    const parts = this.layout.blocks.map((block, blockIndex) => {
      const rowLists = block.seedGroups.map((group) => {
        const rows = rowsBySeed.get(group.seed);
        if (!rows) throw new Error(`StackedDenseGroup: no batch for seed ${group.seed}`);
        return rows;
      });
      const rows = rowLists[0].length;
      const indices = new Int32Array(rowLists.length * rows);
      rowLists.forEach((list, index) => indices.set(list, index * rows));
      // One gather for the block: [S·B, d] -> [S, B, d], then [S, B, d] @ [S, d, m·h].
      const gathered = tf.gather(x, tf.tensor1d(indices, 'int32'));
      const kernel = this.weights[blockIndex];
      // One seed group: a plain 2-D matMul (faster than a batch-of-one BatchMatMul on tfjs-node).
      const wide =
        rowLists.length === 1
          ? tf.reshape(tf.matMul(gathered, tf.reshape(kernel, [this.shapes.inputDimension, -1]) as tf.Tensor2D), [
              1,
              rows,
              -1,
            ])
          : tf.matMul(
              tf.reshape(gathered, [rowLists.length, rows, this.shapes.inputDimension]) as tf.Tensor3D,
              kernel as tf.Tensor3D,
            );
      if (block.groupSize === 1) return wide;
      const groups = block.seedGroups.length;
      return tf.reshape(tf.transpose(tf.reshape(wide, [groups, rows, block.groupSize, width]), [0, 2, 1, 3]), [
        groups * block.groupSize,
        rows,
        width,
      ]);
    });
    const first = (parts.length === 1 ? parts[0] : tf.concat(parts, 0)) as tf.Tensor3D;
    return this.layersAfterFirst(first, true);
  }

  forwardInference(x: tf.Tensor2D): GroupOutputs {
    const width = this.shapes.hiddenUnits[0];
    const members = this.layout.order.length;
    const dimension = this.shapes.inputDimension;
    // Every member sees the same rows: the whole first layer is one wide matMul x [n, d] @ [d, K·h].
    const kernels = this.layout.blocks.map((block, blockIndex) => {
      const kernel = this.weights[blockIndex];
      return block.seedGroups.length === 1
        ? tf.reshape(kernel, [dimension, -1])
        : tf.reshape(tf.transpose(kernel, [1, 0, 2]), [dimension, -1]);
    });
    const wideKernel = (kernels.length === 1 ? kernels[0] : tf.concat(kernels, 1)) as tf.Tensor2D;
    const rows = x.shape[0];
    const first = tf.transpose(tf.reshape(tf.matMul(x, wideKernel), [rows, members, width]), [1, 0, 2]) as tf.Tensor3D;
    return this.layersAfterFirst(first, false);
  }

  snapshotMembers(memberIds: number[]): Map<number, tf.Tensor[]> {
    if (memberIds.length === 0) return new Map();
    for (const id of memberIds)
      if (!this.layout.order.includes(id)) throw new Error(`StackedDenseGroup: member ${id} is not in the group`);
    const all = unpackMembers(this.layout, this.shapes, this.weights);
    for (const [id, tensors] of all) {
      if (!memberIds.includes(id)) {
        tf.dispose(tensors);
        all.delete(id);
      }
    }
    return all;
  }

  exportMember(memberId: number, weights: tf.Tensor[]): tf.LayersModel {
    const member = this.members.get(memberId);
    if (!member) throw new Error(`StackedDenseGroup: unknown member ${memberId}`);
    const model = member.build(false);
    const own = this.shapes.headUnits.length === 2 && !member.ownsLastHead ? weights.slice(0, -2) : weights;
    // Fresh copies: a variable takes over the data of the tensor it is given, and on the wasm
    // backend a slice of the stack keeps the stack's shape with its data (a later fused matMul
    // then sees a rank-3 bias). Copying through JavaScript gives each weight its own shape.
    const copies = own.map((tensor) => tf.tensor(tensor.dataSync(), tensor.shape, tensor.dtype));
    model.setWeights(copies);
    tf.dispose(copies);
    return model;
  }

  removeMembers(memberIds: number[], optimizer: GroupAdam): void {
    const keep = this.layout.order.filter((id) => !memberIds.includes(id));
    if (keep.length === this.layout.order.length) return;
    const newLayout = stackLayout(keep.map((id) => ({ id, seed: this.seeds.get(id)! })));
    const repack = (tensors: tf.Tensor[]) => {
      const perMember = unpackMembers(this.layout, this.shapes, tensors);
      const packed = keep.length === 0 ? [] : packMembers(newLayout, this.shapes, (id) => perMember.get(id)!);
      for (const list of perMember.values()) tf.dispose(list);
      return packed;
    };
    const moments = optimizer.moments();
    const weights = repack(this.weights);
    if (moments) optimizer.replaceMoments(repack(moments.first), repack(moments.second));
    tf.dispose(this.weights);
    this.weights = weights.map((tensor) => {
      const variable = tf.variable(tensor, true);
      tensor.dispose();
      return variable;
    });
    this.layout = newLayout;
  }

  dispose(): void {
    tf.dispose(this.weights);
    this.weights = [];
  }
}
