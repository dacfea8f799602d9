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
