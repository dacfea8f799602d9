/**
 * How many epochs a planned run is expected to train, from finished runs: fixed-length runs
 * their epochs; early-stopped runs their method's typical epochs, which few labels change
 * (on 20 Newsgroups a student at 5 % of the labels that distils the unlabelled rows stops
 * after about 18 epochs, one that drops them after about 70, against 40 to 60 on all labels).
 */
import type { RoleConfig } from '../config/types';
import { roleName } from '../pipeline/plan/role';
import type { PlannedRun } from '../pipeline/plan/planRuns';
import { fewLabelProtocolOf } from '../pipeline/prepare/fewLabelProtocol';

/** A few-label regime: its labelled fraction, and 'drop' or 'distill' for the unlabelled inputs. */
export interface FewLabelRegime {
  labelledFraction: number;
  unlabelledInputs: string;
}

/** Mean epochs of a method's finished early-stopped runs in one few-label regime. */
export interface RegimeEpochs extends FewLabelRegime {
  epochs: number;
}

/** What the epochs read of a finished run (a MeasuredRun). */
export interface EpochSample {
  role: 'teacher' | 'student';
  method: string;
  epochsRun: number;
  /** False for a fixed-length run: its epochs say nothing about a typical stop. */
  earlyStopped: boolean;
  fewLabel?: FewLabelRegime;
}

/** Mean epochs of finished early-stopped runs: per method (all labels), per role, per method and few-label regime. */
export interface MeasuredEpochs {
  /** Per method, its all-label runs' mean; a method only ever run on few labels, those runs' mean. */
  typicalEpochs: Map<string, number>;
  /** Per role, every run's mean: the epochs of a method no run measures. */
  roleEpochs: Partial<Record<'teacher' | 'student', number>>;
  /** Per method, its few-label runs' mean per regime. */
  regimeEpochs: Map<string, RegimeEpochs[]>;
}

/** {@link MeasuredEpochs} of some finished runs. */
export function measuredEpochs(runs: EpochSample[]): MeasuredEpochs {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const typicalEpochs = new Map<string, number>();
  const byMethod = new Map<string, number[]>();
  // All-label runs give a method's typical epochs; a method only ever run on few labels, those.
  const allLabels = new Set(runs.filter((run) => run.earlyStopped && !run.fewLabel).map((run) => run.method));
  for (const run of runs)
    if (run.earlyStopped && (!run.fewLabel || !allLabels.has(run.method)))
      byMethod.set(run.method, [...(byMethod.get(run.method) ?? []), run.epochsRun]);
  for (const [method, epochs] of byMethod) typicalEpochs.set(method, mean(epochs));
  const byRegime = new Map<string, { method: string; regime: FewLabelRegime; epochs: number[] }>();
  for (const run of runs) {
    if (!run.earlyStopped || !run.fewLabel) continue;
    const key = JSON.stringify([run.method, run.fewLabel.labelledFraction, run.fewLabel.unlabelledInputs]);
    const entry = byRegime.get(key) ?? { method: run.method, regime: run.fewLabel, epochs: [] };
    entry.epochs.push(run.epochsRun);
    byRegime.set(key, entry);
  }
  const regimeEpochs = new Map<string, RegimeEpochs[]>();
  for (const { method, regime, epochs } of byRegime.values())
    regimeEpochs.set(method, [
      ...(regimeEpochs.get(method) ?? []),
      { labelledFraction: regime.labelledFraction, unlabelledInputs: regime.unlabelledInputs, epochs: mean(epochs) },
    ]);
  const roleEpochs: MeasuredEpochs['roleEpochs'] = {};
  for (const role of ['teacher', 'student'] as const) {
    const epochs = runs.filter((run) => run.role === role && run.earlyStopped).map((run) => run.epochsRun);
    if (epochs.length > 0) roleEpochs[role] = mean(epochs);
  }
  return { typicalEpochs, roleEpochs, regimeEpochs };
}

/**
 * Epochs assumed for an early-stopped run of a method no finished run measures: 15 (the
 * figure the study's estimate has always assumed), at most the run's maximum epochs.
 */
export const defaultEarlyStoppedEpochs = 15;

/**
 * A few-label run's typical epochs: its method's runs in the same regime, else in the same
 * unlabelled-input mode at the nearest labelled fraction (by ratio), else undefined.
 */
export function regimeTypicalEpochs(
  method: string,
  regime: FewLabelRegime,
  regimeEpochs: Map<string, RegimeEpochs[]> | undefined,
): number | undefined {
  const distance = (entry: RegimeEpochs) => Math.abs(Math.log(entry.labelledFraction / regime.labelledFraction));
  const candidates = (regimeEpochs?.get(method) ?? [])
    .filter((entry) => entry.unlabelledInputs === regime.unlabelledInputs)
    .sort((a, b) => distance(a) - distance(b) || a.labelledFraction - b.labelledFraction);
  return candidates[0]?.epochs;
}

/** A planned student's few-label regime (undefined on all labels, and for teachers). */
export function fewLabelRegimeOf(training: RoleConfig): FewLabelRegime | undefined {
  const protocol = fewLabelProtocolOf(training);
  return protocol
    ? { labelledFraction: protocol.labelledFraction, unlabelledInputs: protocol.unlabelledInputs }
    : undefined;
}

/**
 * A run's expected epochs: its fixed epochs with early stopping off; else, on few labels, its
 * method's typical epochs in that regime (regimeTypicalEpochs); else its method's typical
 * epochs (else its role's, else the default); at most its maximum.
 */
export function expectedEpochs(
  run: PlannedRun,
  typicalEpochs: Map<string, number>,
  roleEpochs: MeasuredEpochs['roleEpochs'] = {},
  regimeEpochs?: Map<string, RegimeEpochs[]> | undefined,
): number {
  const training = run.runConfig.training;
  if (training.earlyStopping === false) return training.epochs;
  const method = roleName(run.role);
  const regime = run.role.kind === 'student' ? fewLabelRegimeOf(training) : undefined;
  const typical =
    (regime ? regimeTypicalEpochs(method, regime, regimeEpochs) : undefined) ??
    typicalEpochs.get(method) ??
    roleEpochs[run.role.kind] ??
    defaultEarlyStoppedEpochs;
  return Math.min(training.epochs, typical);
}
