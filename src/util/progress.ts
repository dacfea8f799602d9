/** What a long task reports after each step. */
export interface ProgressUpdate {
  task: string;
  done: number;
  total: number;
  /** Items per second since the start. */
  rate: number;
  /** Estimated seconds left, or undefined before the first item. */
  etaSeconds: number | undefined;
  elapsedSeconds: number;
  /** Extra fields, e.g. the loss of the last epoch. */
  detail?: string;
}

export type ProgressListener = (update: ProgressUpdate) => void;

/** Formats seconds as `1h02m`, `3m05s` or `12.3s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** One line such as `embed 1200/18000 (6.7%) 85.1/s ETA 3m17s`. */
export function formatProgress(update: ProgressUpdate, unit = ''): string {
  const percent = update.total > 0 ? ((100 * update.done) / update.total).toFixed(1) : '0.0';
  const eta = update.etaSeconds === undefined ? '?' : formatDuration(update.etaSeconds);
  const rate = `${update.rate.toFixed(1)}${unit}/s`;
  const detail = update.detail ? ` ${update.detail}` : '';
  return `${update.task} ${update.done}/${update.total} (${percent}%) ${rate} ETA ${eta}${detail}`;
}

/**
 * Tracks a long task (documents embedded, epochs trained) and tells a listener the
 * rate and ETA. The default listener prints one line to stderr at most every
 * `minimumIntervalSeconds`, and always the last one.
 */
export class ProgressTracker {
  private readonly startTime = Date.now();
  private lastReport = 0;
  done = 0;

  constructor(
    readonly task: string,
    readonly total: number,
    private readonly listener: ProgressListener = consoleProgress(),
    private readonly minimumIntervalSeconds = 2,
  ) {}

  /** Adds `count` finished items and reports when due. */
  advance(count = 1, detail?: string): void {
    this.done += count;
    const now = Date.now();
    const finished = this.done >= this.total;
    if (!finished && (now - this.lastReport) / 1000 < this.minimumIntervalSeconds) return;
    this.lastReport = now;
    this.listener(this.snapshot(detail));
  }

  snapshot(detail?: string): ProgressUpdate {
    const elapsedSeconds = (Date.now() - this.startTime) / 1000;
    const rate = elapsedSeconds > 0 ? this.done / elapsedSeconds : 0;
    const etaSeconds = this.done > 0 && rate > 0 ? (this.total - this.done) / rate : undefined;
    return { task: this.task, done: this.done, total: this.total, rate, etaSeconds, elapsedSeconds, detail };
  }
}

/** A listener that prints progress lines to stderr (or a given writer). */
export function consoleProgress(unit = '', write: (line: string) => void = (line) => process.stderr.write(line + '\n')): ProgressListener {
  return (update) => write(formatProgress(update, unit));
}

/** A listener that drops every update (for tests). */
export const silentProgress: ProgressListener = () => undefined;
