import { bestEpoch, epochsToReach } from './learningCurves';
import { mean, standardDeviation } from './statistics';

/** One run's per-epoch test curve, as the relative-target analysis reads it. */
export interface CurveRecord {
  method: string;
  seed: number;
  /** Test accuracy (or macro-F1) after each epoch, epoch 1 first. */
  values: number[];
}

/** Options of {@link relativeTargetEpochs}. */
export interface RelativeTargetOptions {
  /** The method whose plateau sets the target (default 'plain', the plain student C). */
  referenceMethod?: string;
  /** Target = share x the reference run's best value on the same seed (default 0.95). */
  share?: number;
}

/** Epochs to a relative target, for one method over the seeds. */
export interface RelativeTargetRow {
  method: string;
  /** Seeds the method and the reference both ran, ascending. */
  seeds: number[];
  /** Per seed: share x the reference's best value on that seed. */
  targets: number[];
  /** Per seed: first epoch reaching that target (undefined = never). */
  epochs: Array<number | undefined>;
  /** Per seed: first epoch reaching share x the run's OWN best (its own plateau). */
  ownPlateauEpochs: number[];
  /** Seeds whose run reached the reference target. */
  reached: number;
  /** Mean and std of `epochs` over the seeds that reached it (NaN when none). */
  meanEpochs: number;
  stdEpochs: number;
  meanOwnPlateauEpochs: number;
}

/**
 * "Epochs needed to reach a target" with the target set relative to each run's plateau
 * instead of one fixed accuracy (which some methods never reach, or all reach in one
 * epoch): for each seed, target = share x the best test value of the reference method's
 * run on that seed (default 95 % of the plain student's best), and each method's epochs
 * to reach it on the same seed; also epochs to share x the run's own best. Fixed-length
 * curves (early stopping off) make the epochs comparable. Runs without a finite value
 * are left out; NaN epochs count as 0.
 */
export function relativeTargetEpochs(records: CurveRecord[], options: RelativeTargetOptions = {}): RelativeTargetRow[] {
  const referenceMethod = options.referenceMethod ?? 'plain';
  const share = options.share ?? 0.95;
  if (!(share > 0 && share <= 1)) throw new Error(`relativeTargetEpochs: share must be in (0, 1], got ${share}`);
  const clean = (values: number[]) => values.map((value) => (Number.isFinite(value) ? value : 0));
  // Runs that logged no value of this figure take no part.
  records = records.filter((record) => record.values.some(Number.isFinite));
  const references = new Map<number, number>();
  for (const record of records) {
    if (record.method !== referenceMethod) continue;
    const best = bestEpoch(clean(record.values));
    if (best) references.set(record.seed, best.value);
  }
  const methods = [...new Set(records.map((record) => record.method))];
  return methods.map((method) => {
    const runs = records
      .filter((record) => record.method === method && references.has(record.seed))
      .sort((a, b) => a.seed - b.seed);
    const targets = runs.map((run) => share * references.get(run.seed)!);
    const epochs = runs.map((run, index) => epochsToReach(clean(run.values), targets[index]));
    const ownPlateauEpochs = runs.map(
      (run) => epochsToReach(clean(run.values), share * (bestEpoch(clean(run.values))?.value ?? 0)) ?? 1,
    );
    const reachedEpochs = epochs.filter((epoch): epoch is number => epoch !== undefined);
    return {
      method,
      seeds: runs.map((run) => run.seed),
      targets,
      epochs,
      ownPlateauEpochs,
      reached: reachedEpochs.length,
      meanEpochs: reachedEpochs.length > 0 ? mean(reachedEpochs) : Number.NaN,
      stdEpochs: reachedEpochs.length > 1 ? standardDeviation(reachedEpochs) : Number.NaN,
      meanOwnPlateauEpochs: ownPlateauEpochs.length > 0 ? mean(ownPlateauEpochs) : Number.NaN,
    };
  });
}

/** Mean and a ± std band of per-epoch curves over seeds (runs that stopped earlier drop out of later epochs). */
export function curveBand(curves: number[][]): { mean: number[]; low: number[]; high: number[] } {
  const length = Math.max(0, ...curves.map((curve) => curve.length));
  const result = { mean: [] as number[], low: [] as number[], high: [] as number[] };
  for (let epoch = 0; epoch < length; epoch++) {
    const values = curves.map((curve) => curve[epoch]).filter((value) => value !== undefined && Number.isFinite(value));
    const center = values.length > 0 ? mean(values) : Number.NaN;
    const spread = values.length > 1 ? standardDeviation(values) : 0;
    result.mean.push(center);
    result.low.push(center - spread);
    result.high.push(center + spread);
  }
  return result;
}
