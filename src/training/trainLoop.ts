import * as tf from '@tensorflow/tfjs';
import { consoleProgress, type ProgressListener, ProgressTracker } from '../util/progress';
import { GroupAdam } from './adam';
import { type EarlyStoppingOptions, EarlyStoppingTracker } from './earlyStopping';
import { checkFiniteFigures, checkFiniteWeights } from './divergence';
import { BatchOrders, runEpoch } from './epoch';
import { evaluateGroup } from './groupEvaluation';
import type { ModelGroup } from './modelGroup';
import type { PreparedData, PreparedMember } from './prepare';
import { type EpochRecord, lossFields, type TrainResult } from './records';

/** Everything the loop needs, already checked and on the device. */
export interface LoopOptions {
  group: ModelGroup;
  members: PreparedMember[];
  data: PreparedData;
  /** Logits of the prediction head (the evaluation labels' class count). */
  classCount: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  earlyStopping: EarlyStoppingOptions | false;
  onEpoch?: (memberId: number, record: EpochRecord) => void | Promise<void>;
  progress?: ProgressListener;
  task: string;
}

/** A finished member: its history and its model (holding the best weights when early stopping restores them). */
export interface MemberOutcome {
  result: TrainResult;
  model: tf.LayersModel;
}

/** Checks the loop's numeric options (shared by trainModel and trainGroup). */
export function checkLoopNumbers(where: string, epochs: number, batchSize: number, learningRate: number): void {
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new Error(`${where}: epochs must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`${where}: batchSize must be a positive integer, got ${batchSize}`);
  if (!(learningRate > 0)) throw new Error(`${where}: learningRate must be > 0, got ${learningRate}`);
}

/**
 * The one training loop (trainModel is a group of one). Per epoch: {@link runEpoch} for
 * every member still training, {@link evaluateGroup} on validation (and test), then per
 * member an {@link EarlyStoppingTracker} verdict: the best epoch's weights are
 * snapshotted; a member whose patience ran out (or that reached `epochs`) is finished —
 * exported as a tf.LayersModel with its best (or last) weights — and removed from the
 * group, so it no longer changes or costs compute. Ends when every member has finished.
 */
export async function runGroupTraining(options: LoopOptions): Promise<Map<number, MemberOutcome>> {
  const { group, members, data, classCount, epochs, batchSize } = options;
  const membersById = new Map(members.map((member) => [member.id, member]));
  const optimizer = new GroupAdam(options.learningRate);
  const orders = new BatchOrders(
    members.map((member) => member.batchSeed),
    data.trainRows,
  );
  const trackers = new Map(members.map((member) => [member.id, new EarlyStoppingTracker(options.earlyStopping)]));
  const histories = new Map<number, EpochRecord[]>(members.map((member) => [member.id, []]));
  const best = new Map<number, tf.Tensor[]>();
  const finished = new Map<number, MemberOutcome>();
  const stoppedEarly = new Set<number>();
  // With early stopping the run may end sooner: the ETA is then an upper bound ("ETA ≤").
  const tracker = new ProgressTracker(options.task, epochs, options.progress ?? consoleProgress(), 2, {
    mayEndEarly: Boolean(options.earlyStopping),
  });
  try {
    for (let epoch = 1; epoch <= epochs && group.memberIds.length > 0; epoch++) {
      const epochStart = Date.now();
      const active = [...group.memberIds].sort((first, second) => first - second);
      const losses = runEpoch({ group, optimizer, data, membersById, orders, batchSize });
      checkFiniteFigures(losses, membersById, epoch, options.learningRate, options.task);
      let validation: ReturnType<typeof evaluateGroup>;
      let test: ReturnType<typeof evaluateGroup> | undefined;
      try {
        validation = evaluateGroup(group, data.validation.x, data.validation.labels, classCount);
        test = data.test ? evaluateGroup(group, data.test.x, data.test.labels, classCount) : undefined;
      } catch (error) {
        checkFiniteWeights(group, active, membersById, epoch, options.learningRate, options.task);
        throw error;
      }
      const seconds = (Date.now() - epochStart) / 1000 / active.length;
      const records = new Map<number, EpochRecord>();
      const improved: number[] = [];
      const stopping: number[] = [];
      for (const id of active) {
        const scores = validation.get(id)!;
        const record: EpochRecord = {
          epoch,
          ...lossFields(losses.get(id)!),
          validationLoss: scores.crossEntropy,
          validationAccuracy: scores.accuracy,
          validationMacroF1: scores.macroF1,
          seconds,
        };
        const testScores = test?.get(id);
        if (testScores)
          Object.assign(record, {
            testLoss: testScores.crossEntropy,
            testAccuracy: testScores.accuracy,
            testMacroF1: testScores.macroF1,
          });
        histories.get(id)!.push(record);
        records.set(id, record);
        const memberTracker = trackers.get(id)!;
        const verdict = memberTracker.observe(epoch, record);
        if (verdict.improved && memberTracker.restoresBestWeights) improved.push(id);
        if (verdict.stop || epoch === epochs) stopping.push(id);
        if (verdict.stop && epoch < epochs) stoppedEarly.add(id);
      }
      for (const [id, weights] of group.snapshotMembers(improved)) {
        tf.dispose(best.get(id));
        best.set(id, weights);
      }
      tracker.advance(1, progressDetail(records, group.memberIds.length - stopping.length));
      if (options.onEpoch) for (const id of active) await options.onEpoch(id, records.get(id)!);
      const current = group.snapshotMembers(stopping.filter((id) => !best.has(id)));
      for (const id of stopping) {
        const weights = best.get(id) ?? current.get(id)!;
        const model = group.exportMember(id, weights);
        tf.dispose(weights);
        best.delete(id);
        const history = histories.get(id)!;
        const bestEpoch = trackers.get(id)!.bestEpoch;
        finished.set(id, {
          model,
          result: {
            history,
            bestEpoch,
            bestRecord: history[bestEpoch - 1],
            stoppedEpoch: history.length,
            stoppedEarly: stoppedEarly.has(id),
            restoredBestWeights: trackers.get(id)!.restoresBestWeights,
            seconds: history.reduce((sum, record) => sum + record.seconds, 0),
          },
        });
      }
      group.removeMembers(stopping, optimizer);
      if (group.memberIds.length === 0 && epoch < epochs) tracker.finish(`stopped early at epoch ${epoch}`);
    }
    return finished;
  } catch (error) {
    for (const outcome of finished.values())
      if (!(group as { model?: tf.LayersModel }).model || (group as { model?: tf.LayersModel }).model !== outcome.model)
        outcome.model.dispose();
    throw error;
  } finally {
    for (const weights of best.values()) tf.dispose(weights);
    optimizer.dispose();
  }
}

function progressDetail(records: Map<number, EpochRecord>, stillTraining: number): string {
  const list = [...records.values()];
  if (list.length === 1) {
    const [record] = list;
    return `loss ${record.totalLoss.toFixed(4)} val loss ${record.validationLoss.toFixed(4)} val acc ${record.validationAccuracy.toFixed(4)}`;
  }
  const bestAccuracy = Math.max(...list.map((record) => record.validationAccuracy));
  return `${list.length} models, ${stillTraining} continue; best val acc ${bestAccuracy.toFixed(4)}`;
}
