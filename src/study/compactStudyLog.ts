/**
 * Quiet logging of a study for notebooks: instead of every stage's lines (parts, plans,
 * groups, collapse notes) and one progress bar per training, one line per finished part
 * ("part grid: 1.0s") and one progress line that every training overwrites in place.
 */
import { notebookDisplayFactory, progressHtml, type ProgressListener, type UpdatableDisplay } from '../util/progress';

/** What {@link compactStudyLog} gives `runStudy`: its `log` and `progress` options. */
export interface CompactStudyLog {
  log: (line: string) => void;
  progress: ProgressListener;
}

/** The line a study logs when a part finishes: `study part <name>: <duration>`. */
const partFinished = /^study part (\S+): (.+)$/;

/**
 * A `log` that writes one line per finished part (`part <name>: <duration>`) and drops the
 * rest, and a `progress` that shows every training on ONE display line (overwritten by
 * each update; nothing outside a notebook kernel unless `newDisplay` is given).
 * @param write where the part lines go (default console.log)
 * @param newDisplay the display factory (default tslab's, when running in a kernel)
 */
export function compactStudyLog(
  write: (line: string) => void = (line) => console.log(line),
  newDisplay: (() => UpdatableDisplay) | undefined = notebookDisplayFactory(),
): CompactStudyLog {
  let display: UpdatableDisplay | undefined;
  return {
    log: (line) => {
      const finished = partFinished.exec(line.trim());
      if (finished) write(`part ${finished[1]}: ${finished[2]}`);
    },
    progress: (update) => {
      if (!newDisplay) return;
      display ??= newDisplay();
      display.html(progressHtml(update));
    },
  };
}
