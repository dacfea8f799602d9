import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

/**
 * src/scripts/notebooks/check-layout.mjs run for real on small synthetic notebooks: the limits
 * are 100 characters per code line and 15 stream-output lines per cell, with no stderr.
 */
const checker = path.resolve(__dirname, '..', '..', '..', 'src', 'scripts', 'notebooks', 'check-layout.mjs');

let scratch: string;

before(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-layout-'));
});
after(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

type Output = { output_type: string; name?: string; text?: string[]; data?: object };

function codeCell(id: string, source: string[], outputs: Output[] = []) {
  return { cell_type: 'code', id, metadata: {}, execution_count: null, source, outputs };
}

/** Writes a notebook with the given cells (a markdown cell first) and returns its path. */
async function writeNotebook(name: string, cells: object[]): Promise<string> {
  const markdown = { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['x'.repeat(300)] };
  const notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [markdown, ...cells] };
  const file = path.join(scratch, name);
  await fs.writeFile(file, JSON.stringify(notebook));
  return file;
}

function runChecker(...args: string[]) {
  const result = spawnSync(process.execPath, [checker, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `count` log lines split over two stdout chunks, the second starting mid-way. */
function logLines(count: number): Output[] {
  const lines = Array.from({ length: count }, (_, index) => `[${index + 1}/${count}] step\n`);
  const half = Math.floor(count / 2);
  return [
    { output_type: 'stream', name: 'stdout', text: lines.slice(0, half) },
    { output_type: 'display_data', data: { 'text/plain': ['a chart\n', 'of many\n', 'lines\n'] } },
    { output_type: 'stream', name: 'stdout', text: lines.slice(half) },
  ];
}

describe('check-layout: code line length', () => {
  it('passes a 100-character line (markdown cells are not counted)', async () => {
    const file = await writeNotebook('01-ok.ipynb', [codeCell('a', ['const x = 1;\n', `${'y'.repeat(100)}\n`])]);
    const result = runChecker(file);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /1 notebook\(s\) pass \(code line lengths\)/);
  });

  it('fails on a 101-character line, naming notebook, cell index and id, line and length', async () => {
    const long = `// ${'z'.repeat(98)}`;
    const file = await writeNotebook('02-long.ipynb', [
      codeCell('first', ['let a = 1;\n']),
      codeCell('second', ['let b = 2;\n', `${long}\n`, 'let c = 3;']),
    ]);
    const result = runChecker(file);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /02-long\.ipynb: cell 2 \(id second\), line 2: 101 characters \(at most 100\)/);
    assert.match(result.stderr, /1 violation\(s\)/);
  });

  it('counts characters, not UTF-16 units or bytes', async () => {
    const file = await writeNotebook('03-unicode.ipynb', [codeCell('u', [`// ${'≤'.repeat(97)}`])]);
    assert.equal(runChecker(file).status, 0);
  });
});

describe('check-layout: cell logs (--outputs)', () => {
  it('passes 15 log lines in one cell (display outputs are not counted)', async () => {
    const file = await writeNotebook('10-quiet.ipynb', [codeCell('q', ['run();'], logLines(15))]);
    const result = runChecker('--outputs', file);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /pass \(cell logs\)/);
  });

  it('fails on 16 log lines, naming the cell, the count and the first lines', async () => {
    const file = await writeNotebook('11-noisy.ipynb', [
      codeCell('quiet', ['ok();'], logLines(3)),
      codeCell('noisy', ['run();'], logLines(16)),
    ]);
    const result = runChecker('--outputs', file);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /11-noisy\.ipynb: cell 2 \(id noisy\): 16 log lines \(at most 15\)/);
    assert.match(result.stderr, /\| \[1\/16\] step/);
    assert.doesNotMatch(result.stderr, /id quiet/);
  });

  it('fails on any stderr, even one line', async () => {
    const warning: Output = { output_type: 'stream', name: 'stderr', text: ['Warning: slow backend\n'] };
    const file = await writeNotebook('12-stderr.ipynb', [codeCell('w', ['go();'], [warning])]);
    const result = runChecker('--outputs', file);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cell 1 \(id w\): 1 line\(s\) on stderr \(none allowed\)/);
    assert.match(result.stderr, /\| Warning: slow backend/);
  });

  it('reports an unreadable notebook by name', async () => {
    const file = path.join(scratch, '14-broken.ipynb');
    await fs.writeFile(file, '{ not json');
    const result = runChecker('--outputs', file);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /14-broken\.ipynb: cannot read the notebook/);
  });
});

/**
 * run-notebooks.sh run for real in a scratch copy of the project, with a fake Python whose
 * "execution" copies a prepared executed notebook: the run must fail when a cell's logs break
 * the limit, so that `npm run test:notebooks` (CI) fails.
 */
describe('run-notebooks.sh checks the logs of the notebooks it ran', () => {
  const scriptsDirectory = path.dirname(checker);
  let project: string;

  before(async () => {
    project = path.join(scratch, 'project');
    const scripts = path.join(project, 'src', 'scripts', 'notebooks');
    await fs.mkdir(scripts, { recursive: true });
    for (const script of ['run-notebooks.sh', 'common.sh', 'check-layout.mjs'])
      await fs.copyFile(path.join(scriptsDirectory, script), path.join(scripts, script));
    const tslab = path.join(project, 'node_modules', '.bin', 'tslab');
    await fs.mkdir(path.dirname(tslab), { recursive: true });
    await fs.writeFile(tslab, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const kernel = path.join(project, '.cache', 'jupyter', 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json');
    await fs.mkdir(path.dirname(kernel), { recursive: true });
    await fs.writeFile(kernel, JSON.stringify({ argv: [tslab, 'kernel'] }));
    await fs.mkdir(path.join(project, 'dist', 'plots'), { recursive: true });
    await fs.writeFile(path.join(project, 'dist', 'plots', 'index.js'), '');
    await fs.mkdir(path.join(project, 'notebooks'));
    await fs.writeFile(path.join(project, 'notebooks', '01-example.ipynb'), '{}');
    // The fake Python: imports succeed; "executing" SOURCE TARGET copies $FAKE_EXECUTED to TARGET.
    await fs.writeFile(
      path.join(project, 'fake-python'),
      '#!/usr/bin/env bash\n[ "$1" = "-c" ] && exit 0\ncp "$FAKE_EXECUTED" "$3"\n',
      { mode: 0o755 },
    );
  });

  function runNotebooks(logLineCount: number) {
    const executed = path.join(scratch, `executed-${logLineCount}.ipynb`);
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [codeCell('train', ['train();'], logLines(logLineCount))],
    };
    return fs.writeFile(executed, JSON.stringify(notebook)).then(() =>
      spawnSync('bash', [path.join(project, 'src', 'scripts', 'notebooks', 'run-notebooks.sh')], {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          HOME: project,
          HKD_PYTHON: path.join(project, 'fake-python'),
          HKD_PYTHON_CANDIDATES: '',
          FAKE_EXECUTED: executed,
        },
      }),
    );
  }

  it('passes a notebook whose cells print at most 15 lines', async () => {
    const result = await runNotebooks(15);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /1 notebook\(s\) pass \(cell logs\)/);
    assert.match(result.stdout, /1 passed, 0 failed/);
  });

  it('fails, naming the cell, when a cell prints 16 lines', async () => {
    const result = await runNotebooks(16);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /01-example\.ipynb: cell 0 \(id train\): 16 log lines \(at most 15\)/);
    assert.match(result.stderr, /the notebooks ran, but their cell logs break the layout rules/);
  });
});
