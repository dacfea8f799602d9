import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../util/random';
import type { GroupAdam } from './adam';
import type { ModelGroup } from './modelGroup';
import type { PreparedData, PreparedMember } from './prepare';

/** Each batch-order seed's shuffling stream and current order (members sharing a seed share both). */
export class BatchOrders {
  private readonly streams = new Map<number, { random: SeededRandom; order: number[] }>();

  constructor(seeds: Iterable<number>, rows: number) {
    for (const seed of seeds) {
      if (!this.streams.has(seed))
        this.streams.set(seed, {
          random: new SeededRandom(seed),
          order: Array.from({ length: rows }, (_, index) => index),
        });
    }
  }

  /** Reshuffles the order of every seed in `seeds` (once per epoch, as trainModel always did). */
  shuffle(seeds: Iterable<number>): void {
    for (const seed of new Set(seeds)) {
      const stream = this.streams.get(seed)!;
      stream.random.shuffle(stream.order);
    }
  }

  order(seed: number): number[] {
    return this.streams.get(seed)!.order;
  }
}

/** Members of one method in the current stack: their stack positions and settings as [K_m] tensors. */
interface MethodSubset {
  members: PreparedMember[];
  /**
   * One-hot rows picking the subset's stack positions, [K_m, K]; undefined when the subset is
   * the whole stack in order. Picking by matMul (not gather) keeps the gradient to ops every
   * backend has: gather's gradient needs UnsortedSegmentSum, which the wasm backend lacks.
   */
  selection?: tf.Tensor2D;
  settings: Record<string, tf.Tensor1D>;
}

function methodSubsets(group: ModelGroup, membersById: Map<number, PreparedMember>): MethodSubset[] {
  const byMethod = new Map<string, { members: PreparedMember[]; positions: number[] }>();
  group.memberIds.forEach((id, position) => {
    const member = membersById.get(id)!;
    const name = member.definition.name;
    if (!byMethod.has(name)) byMethod.set(name, { members: [], positions: [] });
    byMethod.get(name)!.members.push(member);
    byMethod.get(name)!.positions.push(position);
  });
  return [...byMethod.values()].map(({ members, positions }) => {
    const whole = positions.length === group.memberIds.length;
    const settingNames = Object.keys(members[0].definition.settings);
    return {
      members,
      selection: whole
        ? undefined
        : tf.tidy(() => tf.oneHot(tf.tensor1d(positions, 'int32'), group.memberIds.length).toFloat() as tf.Tensor2D),
      settings: Object.fromEntries(
        settingNames.map((name) => [
          name,
          tf.tensor1d(
            members.map((member) => member.settings[name]),
            'float32',
          ),
        ]),
      ),
    };
  });
}

/** The objective's per-model loss terms of one epoch: example-weighted means over the training batches (dropout on). */
export type EpochLosses = Map<number, Record<string, number>>;

/**
 * One epoch of every member still in the group: each batch-order seed's rows are
 * reshuffled, then for each batch of `batchSize` rows the group runs forward on every
 * member's own batch, each method's objective builds its members' loss terms, and
 * GroupAdam steps on the gradient of their sum (member k's weights only get member k's
 * gradient). Returns each member's mean loss terms (`total` and the method's terms).
 */
export function runEpoch(context: {
  group: ModelGroup;
  optimizer: GroupAdam;
  data: PreparedData;
  membersById: Map<number, PreparedMember>;
  orders: BatchOrders;
  batchSize: number;
}): EpochLosses {
  const { group, optimizer, data, membersById, orders, batchSize } = context;
  const rows = data.trainRows;
  const stackSeeds = group.memberIds.map((id) => membersById.get(id)!.batchSeed);
  orders.shuffle(stackSeeds);
  const subsets = methodSubsets(group, membersById);
  let sums: tf.Tensor2D[] = [];
  try {
    for (let start = 0; start < rows; start += batchSize) {
      const size = Math.min(batchSize, rows - start);
      const indicesBySeed = new Map<number, Int32Array>();
      for (const seed of stackSeeds)
        if (!indicesBySeed.has(seed))
          indicesBySeed.set(seed, Int32Array.from(orders.order(seed).slice(start, start + size)));
      const previous = sums;
      sums = tf.tidy(() => {
        const targets = subsets.map((subset) => {
          const count = subset.members.length;
          const rowIndices = new Int32Array(count * size);
          subset.members.forEach((member, position) =>
            rowIndices.set(indicesBySeed.get(member.batchSeed)!, position * size),
          );
          const rowTensor = tf.tensor1d(rowIndices, 'int32');
          // Each member's teacher (or derived target) rows: table row slot·N + its own batch row.
          const gatherLogits = (
            slots: Map<number, { columns: number; slot: number }>,
            what: string,
          ): tf.Tensor3D | undefined => {
            const first = slots.get(subset.members[0].id);
            if (!first) return undefined;
            const tableIndices = new Int32Array(count * size);
            subset.members.forEach((member, position) => {
              const slot = slots.get(member.id)!;
              if (slot.columns !== first.columns)
                throw new Error(
                  `method ${member.definition.name}: members' ${what} have ${first.columns} and ${slot.columns} logits`,
                );
              const base = slot.slot * rows;
              const own = indicesBySeed.get(member.batchSeed)!;
              for (let row = 0; row < size; row++) tableIndices[position * size + row] = base + own[row];
            });
            return tf.reshape(tf.gather(data.teacherTables.get(first.columns)!, tf.tensor1d(tableIndices, 'int32')), [
              count,
              size,
              first.columns,
            ]);
          };
          const teacherLogits = gatherLogits(data.teacherSlot, 'teachers');
          const derivedTargets: Record<string, tf.Tensor3D> = {};
          for (const [kind, slots] of data.targetSlots) {
            const gathered = gatherLogits(slots, `${kind} targets`);
            if (gathered) derivedTargets[kind] = gathered;
          }
          // Labelled rows of members that see only some labels (1 for members without a mask).
          let labelledMask: tf.Tensor2D | undefined;
          if (subset.members.some((member) => member.labelledMask)) {
            const values = new Float32Array(count * size).fill(1);
            subset.members.forEach((member, position) => {
              const own = indicesBySeed.get(member.batchSeed)!;
              if (member.labelledMask)
                for (let row = 0; row < size; row++) values[position * size + row] = member.labelledMask[own[row]];
            });
            labelledMask = tf.tensor2d(values, [count, size], 'float32');
          }
          // Members that may use every row's coarse label: 1 there, their fine mask elsewhere.
          let coarseLabelledMask: tf.Tensor2D | undefined;
          if (labelledMask && subset.members.some((member) => member.coarseLabelsEverywhere)) {
            const values = new Float32Array(count * size).fill(1);
            subset.members.forEach((member, position) => {
              const own = indicesBySeed.get(member.batchSeed)!;
              if (member.labelledMask && !member.coarseLabelsEverywhere)
                for (let row = 0; row < size; row++) values[position * size + row] = member.labelledMask[own[row]];
            });
            coarseLabelledMask = tf.tensor2d(values, [count, size], 'float32');
          }
          return {
            ...(labelledMask ? { labelledMask } : {}),
            ...(coarseLabelledMask ? { coarseLabelledMask } : {}),
            fineLabels: tf.reshape(tf.gather(data.fineLabels, rowTensor), [count, size]) as tf.Tensor2D,
            coarseLabels: data.coarseLabels
              ? (tf.reshape(tf.gather(data.coarseLabels, rowTensor), [count, size]) as tf.Tensor2D)
              : undefined,
            teacherLogits,
            targets: derivedTargets,
            ...(data.fineToCoarse ? { fineToCoarse: data.fineToCoarse } : {}),
          };
        });
        const terms: tf.Tensor2D[] = [];
        const variables = group.variables();
        const { grads } = tf.variableGrads(() => {
          const outputs = group.forwardTraining(data.x, indicesBySeed);
          let total: tf.Scalar | undefined;
          subsets.forEach((subset, index) => {
            // [K, B, C] -> [K_m, B, C]: exact (one-hot rows add zeros), and differentiable on every backend.
            const pick = (tensor: tf.Tensor3D | undefined) => {
              if (!tensor || !subset.selection) return tensor;
              const [models, rows, columns] = tensor.shape;
              return tf.reshape(tf.matMul(subset.selection, tf.reshape(tensor, [models, rows * columns])), [
                subset.members.length,
                rows,
                columns,
              ]) as tf.Tensor3D;
            };
            const definition = subset.members[0].definition;
            const loss = definition.objective({
              prediction: pick(outputs.prediction)!,
              distillation: pick(outputs.distillation),
              ...targets[index],
              settings: subset.settings,
              ...(data.fineToCoarse ? { fineToCoarse: data.fineToCoarse } : {}),
            });
            const names = ['total', ...definition.lossTerms];
            for (const name of names) {
              const term = loss[name];
              if (term?.rank !== 1 || term.shape[0] !== subset.members.length) {
                throw new Error(
                  `method ${definition.name}: its objective must return "${name}" of shape [${subset.members.length}] (one per model), got ${term ? `[${term.shape.join(', ')}]` : 'nothing'}`,
                );
              }
            }
            terms.push(tf.keep(tf.stack(names.map((name) => loss[name])) as tf.Tensor2D));
            const sum = tf.sum(loss.total) as tf.Scalar;
            total = total ? (tf.add(total, sum) as tf.Scalar) : sum;
          });
          return total!;
        }, variables);
        optimizer.apply(
          variables,
          variables.map((variable) => grads[variable.name] ?? tf.zerosLike(variable)),
        );
        const updated = terms.map((term, index) => {
          const weighted = tf.mul(term, size) as tf.Tensor2D;
          return previous.length ? (tf.add(previous[index], weighted) as tf.Tensor2D) : weighted;
        });
        tf.dispose(terms); // kept out of the gradient scope, so not freed by this tidy
        return updated;
      });
      tf.dispose(previous);
    }
    const result: EpochLosses = new Map();
    subsets.forEach((subset, index) => {
      const names = ['total', ...subset.members[0].definition.lossTerms];
      const values = sums[index].arraySync();
      subset.members.forEach((member, position) => {
        result.set(member.id, Object.fromEntries(names.map((name, term) => [name, values[term][position] / rows])));
      });
    });
    return result;
  } finally {
    tf.dispose(sums);
    for (const subset of subsets) tf.dispose([subset.selection ?? [], ...Object.values(subset.settings)]);
  }
}
