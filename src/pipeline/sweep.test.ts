import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { resolveExperimentConfig } from '../config/layering';
import { expandSweep } from '../config/sweep';
import { loadRuns } from '../runs';
import { silentProgress } from '../util/progress';
import { runSweep } from './sweep';

describe('runSweep on a real 20 Newsgroups slice', () => {
  before(async () => {
    await initializeBackend();
  });

  it('runs every point for every seed, shares teachers across points, and reuses finished points', async () => {
    const config = resolveExperimentConfig({
      base: 'paper1-newsgroups',
      set: [
        'name=sweep-test',
        'dataset.limitPerClass=8',
        'features.encoder={"kind":"hashing","dimension":128}',
        'teacher.model.hiddenUnits=[32]',
        'student.model.hiddenUnits=[8]',
        'teacher.epochs=1',
        'student.epochs=1',
        'teacher.earlyStopping=false',
        'student.earlyStopping=false',
        'seeds=[1]',
        'methods={"heterogeneous":{},"plain":{}}',
      ],
    });
    const points = expandSweep(config, ['methods.heterogeneous.temperature=2,8']);
    const experimentDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-sweep-'));
    const lines: string[] = [];
    const quiet = { log: (line: string) => lines.push(line), progress: silentProgress };
    const first = await runSweep(points, { experimentDirectory, ...quiet });
    // Two teachers and the plain student are the same at both points: 2 + 1 + 2 heterogeneous runs.
    assert.equal((await loadRuns(experimentDirectory)).length, 5);
    // The shared runs appear once in the summary, with no best point of their own.
    assert.deepEqual(
      first.summary.rows.map((row) => `${row.point}/${row.method}`),
      [
        '(every point)/teacher-coarse',
        '(every point)/teacher-fine',
        'temperature=2/heterogeneous',
        '(every point)/plain',
        'temperature=8/heterogeneous',
      ],
    );
    assert.deepEqual(first.summary.shared, ['teacher-coarse', 'teacher-fine', 'plain']);
    assert.deepEqual(
      first.summary.best.map((row) => row.method),
      ['heterogeneous'],
    );
    assert.ok(lines.some((line) => line.includes('heterogeneous: best point')));
    const written = JSON.parse(await fs.readFile(path.join(experimentDirectory, 'sweep.json'), 'utf8')) as {
      points: unknown[];
    };
    assert.equal(written.points.length, 2);

    lines.length = 0;
    const again = await runSweep(points, { experimentDirectory, ...quiet });
    assert.equal(
      lines.filter((line) => line.includes('(reused finished run)')).length,
      5,
      'an interrupted or repeated sweep retrains nothing (each distinct run is reused once)',
    );
    assert.deepEqual(
      again.summary.rows.map((row) => row.testAccuracy.mean),
      first.summary.rows.map((row) => row.testAccuracy.mean),
    );
  });
});
