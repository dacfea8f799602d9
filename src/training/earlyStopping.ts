/** Early stopping: watch a validation figure; stop after `patience` epochs without improvement. */
export interface EarlyStoppingOptions {
  monitor: 'validationLoss' | 'validationAccuracy';
  patience: number;
  /** Put back the weights of the best epoch at the end (default true). */
  restoreBestWeights?: boolean;
  /** Smallest change that counts as an improvement (default 0: any strict improvement). */
  minDelta?: number;
  /**
   * No stop and no best-epoch choice before this epoch (default 1): a run whose first epoch
   * looks best (a prediction head whose validation loss rises while the distillation term
   * dominates) still trains on and keeps an epoch >= minEpochs (its last, when it runs fewer).
   */
  minEpochs?: number;
}

/** What {@link EarlyStoppingTracker.observe} says about an epoch. */
export interface EarlyStoppingVerdict {
  /** The epoch is the new best (snapshot its weights when restoring). */
  improved: boolean;
  /** Patience ran out: stop training this model. */
  stop: boolean;
}

/**
 * Tracks one model's monitored figure epoch by epoch. Without early stopping (`false`)
 * it still tracks the best epoch by validation loss but never stops. The first epoch is
 * always the best so far; later ones must beat the best by more than `minDelta`
 * (lower loss, higher accuracy). With `minEpochs` m, every epoch up to m is taken as the
 * best in turn (no choice, no stop), then later ones must beat epoch m's value; patience counts from m.
 */
export class EarlyStoppingTracker {
  readonly monitor: EarlyStoppingOptions['monitor'];
  readonly restoresBestWeights: boolean;
  private readonly minDelta: number;
  private readonly patience: number;
  private readonly minEpochs: number;
  private bestValue: number;
  private epochsWithoutImprovement = 0;
  bestEpoch = 0;

  constructor(options: EarlyStoppingOptions | false) {
    if (options && !(Number.isInteger(options.patience) && options.patience >= 1)) {
      throw new Error(`earlyStopping.patience must be a positive integer, got ${options.patience}`);
    }
    if (options && options.minDelta !== undefined && !(options.minDelta >= 0))
      throw new Error(`earlyStopping.minDelta must be >= 0, got ${options.minDelta}`);
    this.monitor = options ? options.monitor : 'validationLoss';
    if (this.monitor !== 'validationLoss' && this.monitor !== 'validationAccuracy')
      throw new Error(
        `earlyStopping.monitor must be validationLoss or validationAccuracy, got ${String(this.monitor)}`,
      );
    this.restoresBestWeights = options ? options.restoreBestWeights !== false : false;
    this.minDelta = options ? (options.minDelta ?? 0) : 0;
    this.patience = options ? options.patience : Infinity;
    if (options && options.minEpochs !== undefined && !(Number.isInteger(options.minEpochs) && options.minEpochs >= 1))
      throw new Error(`earlyStopping.minEpochs must be a positive integer, got ${options.minEpochs}`);
    this.minEpochs = options ? (options.minEpochs ?? 1) : 1;
    this.bestValue = this.monitor === 'validationLoss' ? Infinity : -Infinity;
  }

  /** Records epoch `epoch`'s figures (in order, from 1). */
  observe(epoch: number, record: Record<EarlyStoppingOptions['monitor'], number>): EarlyStoppingVerdict {
    const value = record[this.monitor];
    const better =
      this.monitor === 'validationLoss'
        ? value < this.bestValue - this.minDelta
        : value > this.bestValue + this.minDelta;
    // Up to minEpochs each epoch replaces the last (no choice yet; a run shorter than minEpochs keeps its last).
    if (this.bestEpoch === 0 || epoch <= this.minEpochs || better) {
      this.bestValue = value;
      this.bestEpoch = epoch;
      this.epochsWithoutImprovement = 0;
      return { improved: true, stop: false };
    }
    this.epochsWithoutImprovement += 1;
    return { improved: false, stop: this.epochsWithoutImprovement >= this.patience };
  }
}
