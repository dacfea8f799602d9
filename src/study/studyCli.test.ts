import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { withoutClusterFlags } from '../cluster/clusterArguments';
import { parseStudyArguments } from './cli';
import { countStudyRuns } from './studyCost';
import { buildStudyParts, fashionStudySettings } from './studyParts';

describe('study command line', () => {
  it('takes the experiment, --set and a subset of seeds, validated before anything loads', () => {
    const parsed = parseStudyArguments([
      '--experiment',
      'fashion-mnist',
      '--seeds',
      '1,2,3',
      '--set',
      'student.epochs=30',
      '--parts',
      'regimes, grid',
    ]);
    assert.equal(parsed.base.name, 'fashion-mnist');
    assert.deepEqual(parsed.base.seeds, [1, 2, 3]);
    assert.equal(parsed.base.student.epochs, 30);
    assert.deepEqual(parsed.parts, ['regimes', 'grid']);
    assert.equal(parsed.outputDirectory, 'reports/local');
    assert.deepEqual(parseStudyArguments([]).base.seeds, [1, 2, 3, 4, 5], "default: the experiment's own seeds");
    assert.throws(() => parseStudyArguments(['--seeds', '1,1']), /--seeds: got "1,1".*seed 1 is repeated/);
    assert.throws(() => parseStudyArguments(['--set', 'student.epochs=-2']), /student\.epochs/);
    assert.throws(
      () => parseStudyArguments(['--group-size', '0']),
      /--group-size: expected a positive integer, got "0"/,
    );
    assert.equal(parseStudyArguments(['--rescore']).rescore, true);
    assert.deepEqual(parseStudyArguments(['--fractions', '0.1, 1']).fractions, [0.1, 1]);
    assert.throws(
      () => parseStudyArguments(['--fractions', '0,1']),
      /--fractions: expected labelled fractions in \(0, 1\]/,
    );
    assert.throws(
      () => parseStudyArguments(['--rescore', '--workers', '2']),
      /--rescore cannot be combined with workers/,
    );
  });

  it('--fractions goes with every way to run workers: each worker runs the same arguments, --fractions included', () => {
    const regimes = ['--smoke', '--parts', 'regimes', '--fractions', '0.25,1'];
    for (const [flags, kind] of [
      [['--workers', '2'], 'local'],
      [['--workers', '2', '--dynamic'], 'local'],
      [['--shard', '0/2'], 'worker'],
      [['--dynamic'], 'worker'],
      [['--executor', 'slurm', '--tasks', '2'], 'slurm'],
    ] as const) {
      const argv = [...regimes, ...flags];
      const parsed = parseStudyArguments(argv);
      assert.equal(parsed.cluster.kind, kind, flags.join(' '));
      assert.deepEqual(parsed.fractions, [0.25, 1], flags.join(' '));
      assert.deepEqual(withoutClusterFlags(argv), regimes, `${flags.join(' ')}: the workers' arguments`);
    }
  });

  it('a seed subset plans a subset of the same runs: a later full run reuses them', () => {
    const full = parseStudyArguments(['--experiment', 'fashion-mnist']).base;
    const subset = parseStudyArguments(['--experiment', 'fashion-mnist', '--seeds', '1,2,3']).base;
    const grid = (config: typeof full) =>
      buildStudyParts(config, fashionStudySettings).filter((part) => part.name === 'grid');
    const fullCounts = countStudyRuns(grid(full));
    const subsetCounts = countStudyRuns(grid(subset));
    // 6 x 5 points of A and B, plus C, D, E once: per seed 6 * 5 * 2 + 3 = 63 students and 2 teachers.
    assert.equal(fullCounts.students, 5 * 63);
    assert.equal(subsetCounts.students, 3 * 63);
    assert.equal(subsetCounts.teachers, 3 * 2);
    // Planned together, the subset adds no run of its own: its run ids are the full study's.
    const together = countStudyRuns([...grid(full), ...grid(subset)]);
    assert.equal(together.students, fullCounts.students);
    assert.equal(together.teachers, fullCounts.teachers);
  });

  it('--plan prints the cost model of the parts asked for and stops: nothing trained, no folder made', () => {
    assert.equal(parseStudyArguments(['--plan']).plan, true);
    assert.equal(parseStudyArguments([]).plan, false);
    const folder = mkdtempSync(path.join(tmpdir(), 'hkd-plan-'));
    try {
      const runs = path.join(folder, 'runs');
      const out = path.join(folder, 'out');
      const result = spawnSync(
        process.execPath,
        [path.join(__dirname, 'cli.js'), '--smoke', '--parts', 'regimes', '--plan', '--runs-dir', runs, '--out', out],
        { encoding: 'utf8' },
      );
      assert.equal(result.status, 0, result.stderr);
      // The smoke regimes part: 72 runs (as the cost model counts them), none finished yet.
      assert.match(result.stdout, /cost model: 72 runs in \d+\+\d+ groups; no finished runs in /);
      assert.match(result.stdout, /left: 72 of 72 runs/);
      assert.doesNotMatch(result.stdout, /study part:/, 'no part starts');
      assert.equal(existsSync(runs), false, 'no runs folder is made');
      assert.equal(existsSync(out), false, 'no report folder is made');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('--baseline-fractions keeps the baselines part to its own fractions while the regimes take --fractions', () => {
    assert.deepEqual(parseStudyArguments(['--fractions', '0.1,1', '--baseline-fractions', '1']).baselineFractions, [1]);
    assert.throws(
      () => parseStudyArguments(['--baseline-fractions', '2']),
      /--baseline-fractions: expected labelled fractions in \(0, 1\] separated by commas, got "2"/,
    );
    const planned = (...flags: string[]) => {
      const result = spawnSync(
        process.execPath,
        [path.join(__dirname, 'cli.js'), '--smoke', ...flags, '--plan', '--runs-dir', path.join(tmpdir(), 'hkd-none')],
        { encoding: 'utf8' },
      );
      assert.equal(result.status, 0, result.stderr);
      return Number(/cost model: (\d+) runs/.exec(result.stdout)?.[1]);
    };
    const allLabels = planned('--parts', 'baselines');
    const fewLabels = planned('--parts', 'baselines', '--fractions', '0.5,1');
    assert.ok(fewLabels > allLabels, `${fewLabels} > ${allLabels}: the baselines also run at 0.5`);
    assert.equal(planned('--parts', 'baselines', '--fractions', '0.5,1', '--baseline-fractions', '1'), allLabels);
    // The regimes still take 0.5 and 1: together more than the regimes part alone.
    const regimes = planned('--parts', 'regimes', '--fractions', '0.5,1');
    assert.ok(planned('--parts', 'regimes,baselines', '--fractions', '0.5,1', '--baseline-fractions', '1') > regimes);
  });
});
