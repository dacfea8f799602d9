import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactStudyLog } from './compactStudyLog';

describe('compact study log: one line per part, one progress line in all', () => {
  it('keeps only the part-finished lines and draws every training on one display', () => {
    const written: string[] = [];
    const displays: string[][] = [];
    const logging = compactStudyLog(
      (line) => written.push(line),
      () => {
        const shown: string[] = [];
        displays.push(shown);
        return { html: (html) => shown.push(html) };
      },
    );
    // The lines runStudy logs for one part, in its order.
    [
      'study demo-study: grid 4 point(s); 6 teacher and 20 student runs in all',
      '\n== study part: Temperature x student-loss weight (4 point(s)) ==',
      'plan: 20 student runs in 4 groups',
      'collapsed: seed 2 heterogeneous (predicts one class)',
      'study part grid: 1.0s',
      '\nstudy demo-study: 2.0s; report /tmp/demo-study.md',
    ].forEach(logging.log);
    assert.deepEqual(written, ['part grid: 1.0s']);
    const update = { done: 1, total: 4, rate: 1, etaSeconds: 3, elapsedSeconds: 1 };
    logging.progress({ ...update, task: 'group 1' });
    logging.progress({ ...update, task: 'group 2', done: 2 });
    assert.equal(displays.length, 1, 'one display for every task');
    assert.equal(displays[0].length, 2);
    assert.match(displays[0][1], /group 2/);
  });

  it('outside a kernel (no display factory) progress draws nothing', () => {
    const logging = compactStudyLog(() => undefined, undefined);
    assert.doesNotThrow(() =>
      logging.progress({ task: 't', done: 1, total: 2, rate: 1, etaSeconds: 1, elapsedSeconds: 1 }),
    );
  });
});
