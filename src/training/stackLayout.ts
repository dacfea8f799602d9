import * as tf from '@tensorflow/tfjs';

/**
 * How K same-architecture dense models are laid out as stacked weights.
 *
 * Members that share a seed see the same batches, so their first layer runs as ONE wide
 * matMul: x [B, d] @ [d, m·h] for a seed group of m members. Seed groups of equal size m
 * form a block whose first-layer kernel is one tensor [S, d, m·h] (S seed groups), run as
 * a batched matMul [S, B, d] @ [S, d, m·h]. Stack order = block by block, seed group by
 * seed group, member by member; every later weight is [K, in, out] (or [K, 1, out] for
 * biases) in that order.
 */
export interface StackLayout {
  /** Member ids in stack order. */
  order: number[];
  blocks: Array<{ groupSize: number; seedGroups: Array<{ seed: number; members: number[] }> }>;
}

/** Lays members (id, seed) out: seed groups in first-appearance order, blocks by group size (largest first). */
export function stackLayout(members: Array<{ id: number; seed: number }>): StackLayout {
  const groups = new Map<number, number[]>();
  for (const { id, seed } of members) {
    if (!groups.has(seed)) groups.set(seed, []);
    groups.get(seed)!.push(id);
  }
  const bySize = new Map<number, Array<{ seed: number; members: number[] }>>();
  for (const [seed, ids] of groups) {
    if (!bySize.has(ids.length)) bySize.set(ids.length, []);
    bySize.get(ids.length)!.push({ seed, members: ids });
  }
  const blocks = [...bySize.entries()]
    .sort(([first], [second]) => second - first)
    .map(([groupSize, seedGroups]) => ({ groupSize, seedGroups }));
  return { order: blocks.flatMap((block) => block.seedGroups.flatMap((group) => group.members)), blocks };
}

/** Shapes of one dense model's weights in getWeights() order. */
export interface DenseShapes {
  inputDimension: number;
  hiddenUnits: number[];
  /** Head widths concatenated in the stack: [prediction] or [prediction, distillation]. */
  headUnits: number[];
}

/**
 * Packs per-member weights (getWeights() order: hidden kernels and biases, then each
 * head's kernel and bias) into stacked tensors:
 * `[first-layer kernel per block..., bias1 [K,1,h1], (kernel [K,h,h'], bias [K,1,h'])..., head kernel [K,h,ΣF], head bias [K,1,ΣF]]`.
 */
export function packMembers(
  layout: StackLayout,
  shapes: DenseShapes,
  weightsOf: (memberId: number) => tf.Tensor[],
): tf.Tensor[] {
  return tf.tidy(() => {
    const hidden = shapes.hiddenUnits.length;
    const packed: tf.Tensor[] = [];
    for (const block of layout.blocks) {
      packed.push(
        tf.stack(
          block.seedGroups.map((group) =>
            group.members.length === 1
              ? weightsOf(group.members[0])[0]
              : tf.concat(
                  group.members.map((id) => weightsOf(id)[0]),
                  1,
                ),
          ),
        ),
      );
    }
    const stackOf = (index: number, asBias: boolean) =>
      tf.stack(layout.order.map((id) => (asBias ? weightsOf(id)[index].reshape([1, -1]) : weightsOf(id)[index])));
    packed.push(stackOf(1, true));
    for (let layer = 1; layer < hidden; layer++) {
      packed.push(stackOf(2 * layer, false), stackOf(2 * layer + 1, true));
    }
    const heads = shapes.headUnits.length;
    const headPart = (id: number, offset: number) => {
      const weights = weightsOf(id);
      const parts = Array.from({ length: heads }, (_, head) => weights[2 * hidden + 2 * head + offset]);
      return parts.length === 1 ? parts[0] : tf.concat(parts, offset === 0 ? 1 : 0);
    };
    packed.push(tf.stack(layout.order.map((id) => headPart(id, 0))));
    packed.push(tf.stack(layout.order.map((id) => headPart(id, 1).reshape([1, -1]))));
    return packed;
  });
}

/** Inverse of {@link packMembers}: each member's weights in getWeights() order (new tensors; caller disposes). */
export function unpackMembers(layout: StackLayout, shapes: DenseShapes, packed: tf.Tensor[]): Map<number, tf.Tensor[]> {
  const lists = tf.tidy(() => {
    const hidden = shapes.hiddenUnits.length;
    const result = new Map<number, tf.Tensor[]>(layout.order.map((id) => [id, []]));
    const firstWidth = shapes.hiddenUnits[0];
    layout.blocks.forEach((block, blockIndex) => {
      const kernel = packed[blockIndex];
      block.seedGroups.forEach((group, groupIndex) => {
        group.members.forEach((id, position) => {
          result
            .get(id)!
            .push(
              kernel
                .slice([groupIndex, 0, position * firstWidth], [1, shapes.inputDimension, firstWidth])
                .reshape([shapes.inputDimension, firstWidth]),
            );
        });
      });
    });
    let index = layout.blocks.length;
    const unstack = (tensor: tf.Tensor, asBias: boolean) =>
      tf.unstack(tensor).map((slice) => (asBias ? slice.reshape([-1]) : slice));
    const pushAll = (slices: tf.Tensor[]) =>
      layout.order.forEach((id, position) => result.get(id)!.push(slices[position]));
    pushAll(unstack(packed[index++], true));
    for (let layer = 1; layer < hidden; layer++) {
      pushAll(unstack(packed[index++], false));
      pushAll(unstack(packed[index++], true));
    }
    const headKernels = unstack(packed[index++], false);
    const headBiases = unstack(packed[index++], true);
    layout.order.forEach((id, position) => {
      let offset = 0;
      for (const units of shapes.headUnits) {
        const kernel = headKernels[position];
        result
          .get(id)!
          .push(shapes.headUnits.length === 1 ? kernel : kernel.slice([0, offset], [kernel.shape[0], units]));
        const bias = headBiases[position];
        result.get(id)!.push(shapes.headUnits.length === 1 ? bias : bias.slice([offset], [units]));
        offset += units;
      }
    });
    return layout.order.map((id) => result.get(id)!);
  });
  return new Map(layout.order.map((id, position) => [id, lists[position]]));
}
