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
  /**
   * True when the task may end before `total` (training with early stopping): the
   * ETA is then an upper bound and is printed as `ETA ≤ 3m05s`.
   */
  etaIsUpperBound?: boolean;
}

export type ProgressListener = (update: ProgressUpdate) => void;

/** Formats seconds as `1h02m`, `3m05s` or `12.3s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 59.95) return `${seconds.toFixed(1)}s`;
  // Round once, then split: 719.6 s is 12m00s, never 11m60s.
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * One line such as `embed 1200/18000 (6.7%) 85.1/s ETA 3m17s`; with an upper-bound
 * ETA (early stopping may end sooner) `train plain 3/100 (3.0%) 1.2/s ETA ≤ 1m21s`.
 */
export function formatProgress(update: ProgressUpdate, unit = ''): string {
  const percent = update.total > 0 ? ((100 * update.done) / update.total).toFixed(1) : '0.0';
  const bound = update.etaIsUpperBound && update.done < update.total ? '≤ ' : '';
  const eta = update.etaSeconds === undefined ? '?' : bound + formatDuration(update.etaSeconds);
  const rate = `${update.rate.toFixed(1)}${unit}/s`;
  const detail = update.detail ? ` ${update.detail}` : '';
  return `${update.task} ${update.done}/${update.total} (${percent}%) ${rate} ETA ${eta}${detail}`;
}

/** Options of {@link ProgressTracker} beyond its listener. */
export interface ProgressTrackerOptions {
  /**
   * The task may stop before `total` items (early stopping): the ETA (time for the
   * remaining items at the current rate) is reported as an upper bound.
   */
  mayEndEarly?: boolean;
}

/**
 * Tracks a long task (documents embedded, epochs trained) and tells a listener the
 * rate and ETA. The default listener ({@link consoleProgress}) prints one line to
 * stderr, or updates one line in place inside a Jupyter (tslab) notebook, at most
 * every `minimumIntervalSeconds`, and always the last one.
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
    private readonly options: ProgressTrackerOptions = {},
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
    const update: ProgressUpdate = {
      task: this.task,
      done: this.done,
      total: this.total,
      rate,
      etaSeconds,
      elapsedSeconds,
      detail,
    };
    if (this.options.mayEndEarly) update.etaIsUpperBound = true;
    return update;
  }

  /**
   * Reports the final state of a task that ended before `total` (early stopping), so
   * that the last line shown is not a stale ETA; does nothing when already reported.
   */
  finish(detail?: string): void {
    if (this.done >= this.total && this.lastReport > 0) return;
    this.lastReport = Date.now();
    this.listener({ ...this.snapshot(detail), etaSeconds: 0, etaIsUpperBound: false });
  }
}

/**
 * The default listener: inside a Jupyter notebook on the tslab kernel, one line per
 * task that updates in place ({@link notebookProgress}; stderr would show as red error
 * blocks); elsewhere (the CLI, scripts) one line per report on stderr, or on `write`
 * when given.
 */
export function consoleProgress(unit = '', write?: (line: string) => void): ProgressListener {
  if (!write) {
    const display = notebookDisplayFactory();
    if (display) return notebookProgress(unit, display);
  }
  const writer = write ?? ((line: string) => process.stderr.write(`${line}\n`));
  return (update) => writer(formatProgress(update, unit));
}

/** One display output that can be overwritten: tslab's `newDisplay()`. */
export interface UpdatableDisplay {
  html(html: string): void;
}

/**
 * tslab's `newDisplay` when this process is a tslab kernel that is executing a cell,
 * otherwise undefined (plain Node, tests). Loaded lazily; never throws.
 */
export function notebookDisplayFactory(): (() => UpdatableDisplay) | undefined {
  try {
    const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: unknown };
    if (jupyter.lastWriteDisplayData == null) return undefined;
    const tslab = require('tslab') as { newDisplay(): UpdatableDisplay };
    return () => tslab.newDisplay();
  } catch {
    return undefined;
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The HTML of one progress line: a bar and the {@link formatProgress} text. */
export function progressHtml(update: ProgressUpdate, unit = ''): string {
  const share = update.total > 0 ? Math.min(1, update.done / update.total) : 0;
  return (
    `<div style="font-family:monospace;font-size:12px;display:flex;align-items:center;gap:8px">` +
    `<progress value="${share.toFixed(4)}" max="1" style="width:160px"></progress>` +
    `<span>${escapeHtml(formatProgress(update, unit))}</span></div>`
  );
}

/**
 * A listener for notebooks: each task (by name) gets one display output that every
 * update overwrites (`update_display_data`), so a training shows as one moving bar
 * and line on stdout-like output instead of a growing red stderr block.
 */
export function notebookProgress(
  unit = '',
  newDisplay: () => UpdatableDisplay = notebookDisplayFactory() ?? (() => ({ html: () => undefined })),
): ProgressListener {
  const displays = new Map<string, UpdatableDisplay>();
  return (update) => {
    let display = displays.get(update.task);
    if (!display) {
      display = newDisplay();
      displays.set(update.task, display);
    }
    display.html(progressHtml(update, unit));
  };
}

/** A listener that drops every update (for tests). */
export const silentProgress: ProgressListener = () => undefined;
