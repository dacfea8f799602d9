import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initializeBackend } from '../backend/backend';
import { newsgroupsPaperHierarchy } from '../hierarchy/builtInHierarchies';
import { parseDiscoveredHierarchyText } from '../hierarchy/discover';
import { adjustedRandIndex } from '../metrics/clusterAgreement';
import { writeReport } from '../report/writeReport';
import { loadRuns } from '../runs';
import { silentProgress } from '../util/progress';
import { parseCommandLine } from './cli';
import { runSweep } from './sweep';

describe('hand-made vs discovered hierarchies on a real 20 Newsgroups slice', () => {
  before(async () => {
    await initializeBackend();
  });

  it('--sweep hierarchy=newsgroups-paper,discovered:class-means:6,discovered:confusion:6: every method runs on each, run records name the hierarchy, the summary and the report give the ARI', async () => {
    const commandLine = parseCommandLine([
      '--set',
      'name=discovered-sweep-test',
      '--set',
      'dataset.limitPerClass=8',
      '--set',
      'features.encoder={"kind":"hashing","dimension":128}',
      '--set',
      'teacher.model.hiddenUnits=[32]',
      '--set',
      'student.model.hiddenUnits=[8]',
      '--set',
      'teacher.epochs=1',
      '--set',
      'student.epochs=1',
      '--set',
      'teacher.earlyStopping=false',
      '--set',
      'student.earlyStopping=false',
      '--seeds',
      '1',
      '--methods',
      'heterogeneous,plain,coarseAuxiliary',
      '--sweep',
      'hierarchy=newsgroups-paper,discovered:class-means:6,discovered:confusion:6',
    ]);
    const points = commandLine.points!;
    assert.deepEqual(
      points.map((point) => point.label),
      ['hierarchy="newsgroups-paper"', 'hierarchy="discovered:class-means:6"', 'hierarchy="discovered:confusion:6"'],
    );
    const experimentDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-discovered-sweep-'));
    const lines: string[] = [];
    const result = await runSweep(points, {
      experimentDirectory,
      log: (line) => lines.push(line),
      progress: silentProgress,
    });

    // Each hierarchy: two teachers and three students (the hierarchy is part of every run id).
    const records = await loadRuns(experimentDirectory);
    assert.equal(records.length, 15);
    const hierarchyNames = (method: string) =>
      records
        .filter((record) => (record.config as { method: string }).method === method)
        .map((record) => (record.config as { hierarchy: { name: string } }).hierarchy.name)
        .sort();
    for (const method of ['teacher-coarse', 'heterogeneous', 'coarse-auxiliary', 'plain']) {
      assert.deepEqual(
        hierarchyNames(method),
        ['discovered-class-means-6-average', 'discovered-confusion-6-average', 'newsgroups-paper'],
        method,
      );
    }
    const coarseTeacher = records.find(
      (record) =>
        (record.config as { method: string; hierarchy: { name: string } }).method === 'teacher-coarse' &&
        (record.config as { hierarchy: { name: string } }).hierarchy.name === 'discovered-confusion-6-average',
    )!;
    assert.equal(
      (coarseTeacher.config as { hierarchy: { coarseLabelNames: string[] } }).hierarchy.coarseLabelNames.length,
      6,
      'the coarse teacher of a discovered hierarchy has k = 6 outputs',
    );
    // Fine-label runs of a discovered hierarchy also score their mistakes on its full merge tree (heights 1..19).
    for (const record of records.filter((item) => (item.config as { method: string }).method === 'plain')) {
      const discovered = (record.config as { hierarchy: { name: string } }).hierarchy.name !== 'newsgroups-paper';
      const severity = (record.summary as { test: { treeMistakeSeverity?: number } }).test.treeMistakeSeverity;
      assert.ok(discovered ? severity! >= 1 && severity! <= 19 : severity === undefined, `tree severity ${severity}`);
    }

    // The summary lists each point's hierarchy with its ARI against the paper's grouping.
    const rows = result.summary.hierarchies!;
    assert.deepEqual(
      rows.map((row) => row.name),
      ['newsgroups-paper', 'discovered-class-means-6-average', 'discovered-confusion-6-average'],
    );
    assert.equal(rows[0].reference!.adjustedRandIndex, 1);
    for (const row of rows.slice(1)) {
      assert.equal(row.groups.length, 6);
      assert.equal(row.reference!.name, 'newsgroups-paper');
      // The ARI reported is the one of the saved file's grouping.
      const file = parseDiscoveredHierarchyText(
        await fs.readFile(row.file!, 'utf8'),
        newsgroupsPaperHierarchy.fineLabelNames,
        row.file!,
      );
      assert.equal(path.dirname(row.file!), experimentDirectory);
      assert.equal(
        row.reference!.adjustedRandIndex,
        adjustedRandIndex(file.fineToCoarse, newsgroupsPaperHierarchy.fineToCoarse),
      );
      assert.ok(
        row.reference!.adjustedRandIndex < 1,
        `${row.name} should not be the paper's grouping on a slice of 8 documents per class`,
      );
    }
    const text = lines.join('\n');
    assert.match(
      text,
      /hierarchy="discovered:confusion:6": discovered-confusion-6-average, 6 groups, adjusted Rand index vs newsgroups-paper -?\d\.\d{3}/,
    );
    const written = JSON.parse(await fs.readFile(path.join(experimentDirectory, 'sweep.json'), 'utf8')) as {
      summary: { hierarchies: unknown[] };
    };
    assert.equal(written.summary.hierarchies.length, 3);

    // The report (from run records alone) gets a 'Discovered hierarchies' section.
    const report = await writeReport({
      experimentDirectory,
      outputDirectory: path.join(experimentDirectory, 'reports'),
    });
    assert.match(report.markdown, /## Discovered hierarchies/);
    const section = report.markdown.slice(report.markdown.indexOf('## Discovered hierarchies'));
    const tableRow = (name: string) => section.split('\n').find((line) => line.startsWith(`| ${name} |`))!;
    assert.match(
      tableRow('newsgroups-paper'),
      /^\| newsgroups-paper \| 6 \| 1\.000 \| 0\.\d{4} \(n = 1\) \| 0\.\d{4} \(n = 1\) \| 0\.\d{4} \(n = 1\) \| [+-]\d\.\d{4} \(n 1\) \| [+-]\d\.\d{4} \(n 1\) \| {2}\|$/,
    );
    const confusionAri = rows[2].reference!.adjustedRandIndex.toFixed(3);
    assert.ok(
      tableRow('discovered-confusion-6-average').startsWith(`| discovered-confusion-6-average | 6 | ${confusionAri} |`),
    );
    assert.match(
      section,
      /\| discovered-class-means-6-average \| [^|]+\+[^|]+ \| [a-z]/,
      'the group listing names the members',
    );
  });
});
