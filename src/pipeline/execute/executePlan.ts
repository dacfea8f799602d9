import * as tf from '@tensorflow/tfjs';
import { activeBackend } from '../../backend/backend';
import { beginRun, describeReusedRuns, type RunClaim, type RunRecord } from '../../runs';
import { formatDuration, type ProgressListener } from '../../util/progress';
import type { PlannedRun, TrainingPlan } from '../plan/planRuns';
import type { PreparedExperimentData } from '../prepare/prepareData';
import type { PipelineRunSummary } from '../../results/runSummary';
import type { ComputedTarget, TargetContext } from '../targets/provider';
import { targetProviders } from '../targets/providers';
import { targetNeedsOf, type TargetKind } from '../targets/targetNeeds';
import { groupRuns } from './groupRuns';
import { rescoreRun } from './rescore';
import { plainTwinOf } from './selfTeacher';
import { estimateRunBytes, trainPlannedGroup, trainPlannedRun, withTarget } from './trainRole';
import { runDynamicWorker, runShardWorker, type ExecutionSteps } from './workerFlows';
import type { WorkerOptions } from './workerSelection';

/** Options of {@link executePlan}. */
export interface ExecutePlanOptions {
  experimentDirectory: string;
  /** Retrain even when identical finished runs exist. */
  fresh?: boolean;
  /** Most runs trained at once as one stacked model; 1 trains one model at a time. */
  groupSize: number;
  /** Memory budget of one stacked group in MiB (engine.maxGroupMegabytes). */
  maxGroupMegabytes?: number;
  /** The "epochs to reach" target (an analysis setting: finished runs are rescored). */
  targetAccuracy: number;
  log: (line: string) => void;
  progress?: ProgressListener;
  /**
   * This process is one of several workers over one runs folder: it trains only the runs its
   * selection gives it (see WorkerOptions); default: every run of the plan.
   */
  worker?: WorkerOptions;
  /** Rescore every reused run from its saved model with this code's metrics (see rescore.ts). */
  rescore?: boolean;
}

/** Every run of a plan, finished: summaries and folders by run id. */
export interface ExecutedPlan {
  summaries: Map<string, PipelineRunSummary>;
  directories: Map<string, string>;
  trained: number;
  reused: number;
  seconds: number;
  /** False for a static-shard worker: only its own runs (and the teachers they need) are in the maps. */
  complete: boolean;
}

/**
 * Runs a plan: reuses every finished identical run (same resolved config), trains the
 * missing teachers, computes the derived targets the missing students train on (see
 * src/pipeline/targets: each needed teacher's logits on the training split once, and
 * what builds on them), then trains the missing students, in stacked groups of up to `groupSize` runs of one architecture
 * (teachers too). One line per finished run, with elapsed time and ETA.
 * With `worker`, this process is one of several over one runs folder and trains only its
 * selection, whole groups at a time (see workerFlows.ts); a static shard's result holds only its
 * own runs and the teachers they needed (`complete` false).
 */
export async function executePlan(
  plan: TrainingPlan,
  data: PreparedExperimentData,
  options: ExecutePlanOptions,
): Promise<ExecutedPlan> {
  const started = Date.now();
  const summaries = new Map<string, PipelineRunSummary>();
  const directories = new Map<string, string>();
  const total = plan.teachers.length + plan.students.length;
  let done = 0;
  let trained = 0;
  let reused = 0;
  const reusedBackends: string[] = [];
  let trainedSeconds = 0;
  const report = (run: PlannedRun, summary: PipelineRunSummary, note: string) => {
    done++;
    const perRun = trained > 0 ? trainedSeconds / trained : 0;
    const remaining = total - done;
    const test = summary.test;
    options.log(
      `[${done}/${total}] seed ${run.seed} ${run.runConfig.method}${run.points.length === 1 && run.points[0] ? ` (${run.points[0]})` : ''}: ` +
        `test accuracy ${test.accuracy.toFixed(4)}, macro-F1 ${test.macroF1.toFixed(4)}, best epoch ${summary.bestEpoch}/${summary.epochsRun} ${note}` +
        ` | elapsed ${formatDuration((Date.now() - started) / 1000)}${remaining > 0 && trained > 0 ? `, ETA ≤ ${formatDuration(perRun * remaining)}` : ''}, tensors ${tf.memory().numTensors}`,
    );
  };

  // Claim runs: reuse a finished identical record, or hold the claim while training it.
  const claims = new Map<string, RunClaim>();
  const worker = options.worker;
  const claimOptions = { log: options.log, heartbeatMs: worker?.heartbeatMs, staleHeartbeats: worker?.staleHeartbeats };
  const reuseRecord = async (run: PlannedRun, record: RunRecord, warning?: string) => {
    if (warning) options.log(warning);
    let recorded = record.summary as PipelineRunSummary;
    if (options.rescore) {
      const outcome = await rescoreRun(run, record, data);
      if (outcome.action === 'rescored') recorded = outcome.summary;
      else options.log(`not rescored: ${outcome.reason}`);
    }
    const summary = withTarget(recorded, record.epochs, options.targetAccuracy);
    summaries.set(run.runId, summary);
    directories.set(run.runId, record.directory);
    reused++;
    reusedBackends.push(record.backend?.name ?? 'an unrecorded backend');
    report(run, summary, '(reused finished run)');
  };
  /** The runs to train of `runs` (claimed); with `wait` false, runs another process holds go to `skipped`. */
  const toTrain = async (runs: PlannedRun[], wait = true, skipped: PlannedRun[] = []): Promise<PlannedRun[]> => {
    const missing: PlannedRun[] = [];
    for (const run of runs) {
      // Only a teacher's model is loaded later (its logits); a student's summary holds its scores.
      const decision = await beginRun({
        experimentDirectory: options.experimentDirectory,
        runId: run.runId,
        runConfig: run.runConfig,
        seed: run.seed,
        fresh: options.fresh,
        requireModel: run.role.kind === 'teacher',
        claim: { ...claimOptions, wait },
      });
      if (decision.action === 'skipped') {
        if (wait) throw new Error(decision.message);
        skipped.push(run);
        continue;
      }
      if (decision.action === 'train') {
        claims.set(run.runId, decision.claim);
        missing.push(run);
        continue;
      }
      try {
        await reuseRecord(run, decision.record, decision.warning);
      } finally {
        await decision.claim.release();
      }
    }
    return missing;
  };

  const trainAll = async (runs: PlannedRun[], targets: Map<string, Map<TargetKind, ComputedTarget>>): Promise<void> => {
    const context = {
      data,
      experimentDirectory: options.experimentDirectory,
      targets,
      claims,
      targetAccuracy: options.targetAccuracy,
      progress: options.progress,
    };
    for (const group of groupRuns(runs, limits)) {
      const groupStart = Date.now();
      const results =
        group.length === 1 ? [await trainPlannedRun(group[0], context)] : await trainPlannedGroup(group, context);
      const seconds = (Date.now() - groupStart) / 1000;
      trainedSeconds += seconds;
      trained += group.length;
      group.forEach((run, index) => {
        const result = results[index];
        summaries.set(run.runId, result.summary);
        directories.set(run.runId, result.directory);
        result.model.dispose();
        claims.get(run.runId)?.release();
        claims.delete(run.runId);
        report(
          run,
          result.summary,
          group.length === 1
            ? `(${formatDuration(seconds)})`
            : `(group of ${group.length}, ${formatDuration(seconds)})`,
        );
      });
    }
  };

  const limits = {
    groupSize: options.groupSize,
    memoryBytes: options.maxGroupMegabytes !== undefined ? options.maxGroupMegabytes * 2 ** 20 : undefined,
    bytesPerRun: (run: PlannedRun) => estimateRunBytes(run, data),
  };
  // Shared targets (a teacher's logits, a professor) are computed once per plan, whichever call needs them first.
  const computed: TargetContext['computed'] = new Map();

  const steps: ExecutionSteps = {
    experimentDirectory: options.experimentDirectory,
    log: options.log,
    finished: summaries,
    groups: (runs) => groupRuns(runs, limits),
    claim: (runs, wait, skipped) => toTrain(runs, wait, skipped),
    // Workers never rescore (the command line refuses it), so this reuse completes at once.
    reuse: (run, record) => {
      void reuseRecord(run, record);
    },
    train: trainAll,
    targets: (students) => computeTargets(students, data, directories, options.log, computed),
  };
  try {
    if (!worker) {
      await trainAll(await toTrain(plan.teachers), new Map());
      const missingStudents = await toTrain(plan.students);
      await trainAll(missingStudents, await steps.targets(missingStudents));
    } else if (worker.mode.kind === 'shard') {
      await runShardWorker(plan, steps, { ...worker, mode: worker.mode });
    } else {
      await runDynamicWorker(plan, steps, worker);
    }
  } finally {
    for (const claim of claims.values()) await claim.release();
  }
  const reuseLine = describeReusedRuns(reusedBackends, trained, activeBackend()?.name ?? 'unknown');
  if (reuseLine) options.log(reuseLine);
  const complete =
    plan.teachers.every((run) => summaries.has(run.runId)) && plan.students.every((run) => summaries.has(run.runId));
  return { summaries, directories, trained, reused, seconds: (Date.now() - started) / 1000, complete };
}

/**
 * The derived targets (training split only) of the students to train, by run id and kind:
 * kind by kind in the providers' order (a kind may build on one computed before it), each
 * run's needs in turn; each provider computes a shared target once (its own cache key).
 */
async function computeTargets(
  students: PlannedRun[],
  data: PreparedExperimentData,
  runDirectories: ReadonlyMap<string, string>,
  log: (line: string) => void,
  computed: TargetContext['computed'],
): Promise<Map<string, Map<TargetKind, ComputedTarget>>> {
  const targets = new Map<string, Map<TargetKind, ComputedTarget>>();
  const context: TargetContext = {
    data,
    runDirectories,
    computed,
    log,
    plainTwin: plainTwinOf(data, runDirectories, log),
    targetOf: (kind, run) => {
      const target = targets.get(run.runId)?.get(kind);
      if (!target) throw new Error(`run ${run.runId}: its ${kind} target is needed first, and was not computed`);
      return target;
    },
  };
  for (const provider of targetProviders) {
    for (const run of students) {
      for (const need of targetNeedsOf(run.method).filter((candidate) => candidate.kind === provider.kind)) {
        const runTargets = targets.get(run.runId) ?? new Map<TargetKind, ComputedTarget>();
        runTargets.set(need.kind, await provider.compute(run, need, context));
        targets.set(run.runId, runTargets);
      }
    }
  }
  return targets;
}
