import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  consoleProgress,
  formatDuration,
  formatProgress,
  notebookDisplayFactory,
  notebookProgress,
  ProgressTracker,
  progressHtml,
  type ProgressUpdate,
} from './progress';

const update = (extra: Partial<ProgressUpdate> = {}): ProgressUpdate => ({
  task: 'train plain',
  done: 3,
  total: 100,
  rate: 1.5,
  etaSeconds: 97 / 1.5,
  elapsedSeconds: 2,
  ...extra,
});

test('formatDuration rounds once, so minutes never show 60 seconds', () => {
  assert.equal(formatDuration(12.34), '12.3s');
  assert.equal(formatDuration(59.97), '1m00s');
  assert.equal(formatDuration(719.6), '12m00s');
  assert.equal(formatDuration(719.4), '11m59s');
  assert.equal(formatDuration(3599.7), '1h00m');
  assert.equal(formatDuration(7325), '2h02m');
  assert.equal(formatDuration(Number.NaN), '?');
});

test('formatProgress: a plain ETA, and "≤" when early stopping may end the task sooner', () => {
  // 97 epochs left at 1.5/s = 64.67 s -> 1m05s.
  assert.equal(formatProgress(update()), 'train plain 3/100 (3.0%) 1.5/s ETA 1m05s');
  assert.equal(formatProgress(update({ etaIsUpperBound: true })), 'train plain 3/100 (3.0%) 1.5/s ETA ≤ 1m05s');
  // Once everything is done there is nothing left to bound.
  assert.equal(
    formatProgress(update({ done: 100, etaSeconds: 0, etaIsUpperBound: true })),
    'train plain 100/100 (100.0%) 1.5/s ETA 0.0s',
  );
});

test('ProgressTracker: mayEndEarly marks every update as an upper bound; finish reports the early end', () => {
  const seen: ProgressUpdate[] = [];
  const tracker = new ProgressTracker('train heterogeneous', 40, (value) => seen.push(value), 0, { mayEndEarly: true });
  tracker.advance(1);
  tracker.advance(1);
  assert.equal(seen.length, 2);
  assert.ok(seen.every((value) => value.etaIsUpperBound === true));
  tracker.finish('stopped early');
  assert.equal(seen.length, 3);
  assert.equal(seen[2].done, 2);
  assert.equal(seen[2].etaSeconds, 0);
  assert.equal(seen[2].etaIsUpperBound, false);
  assert.match(formatProgress(seen[2]), /^train heterogeneous 2\/40 \(5\.0%\) .* ETA 0\.0s stopped early$/);
});

test('ProgressTracker without mayEndEarly keeps the plain ETA (CLI lines unchanged)', () => {
  const lines: string[] = [];
  const tracker = new ProgressTracker(
    'embed',
    4,
    consoleProgress(' docs', (line) => lines.push(line)),
    0,
  );
  tracker.advance(2);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^embed 2\/4 \(50\.0%\) [0-9.]+ docs\/s ETA (\?|[0-9.]+s)$/);
});

test('outside a tslab kernel there is no notebook display; the default listener writes lines', () => {
  assert.equal(notebookDisplayFactory(), undefined);
  const originalWrite = process.stderr.write.bind(process.stderr);
  const written: string[] = [];
  process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    consoleProgress()(update());
  } finally {
    process.stderr.write = originalWrite;
  }
  assert.deepEqual(written, ['train plain 3/100 (3.0%) 1.5/s ETA 1m05s\n']);
});

test('notebookProgress: one display per task, overwritten by each update', () => {
  const displays: string[][] = [];
  const listener = notebookProgress('', () => {
    const shown: string[] = [];
    displays.push(shown);
    return { html: (html) => shown.push(html) };
  });
  listener(update({ done: 1 }));
  listener(update({ done: 2 }));
  listener(update({ task: 'train traditional', done: 1 }));
  assert.equal(displays.length, 2);
  assert.equal(displays[0].length, 2);
  assert.match(displays[0][1], /<progress value="0\.0200" max="1"/);
  assert.match(displays[0][1], /train plain 2\/100 \(2\.0%\)/);
  assert.match(displays[1][0], /train traditional 1\/100/);
});

test('progressHtml escapes the task name', () => {
  assert.match(progressHtml(update({ task: 'train <b>' })), /train &lt;b&gt; 3\/100/);
});
