import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

/**
 * `npm run lab` (src/scripts/notebooks/lab.sh) run for real in a scratch copy of the project
 * (the two scripts, a fake tslab, a registered kernel spec, a built dist/ marker), with fake
 * Pythons that record how they were called instead of starting JupyterLab or pip.
 */
const scriptsDirectory = path.resolve(__dirname, '..', '..', '..', 'src', 'scripts', 'notebooks');

/** A fake Python: `-c CHECK` succeeds (or fails when IMPORTS_FAIL is set), `-m jupyter ...` and `-m pip ...` record argv and pip's env. */
const fakePython = (record: string, importsFail: boolean) => `#!/usr/bin/env bash
if [ "$1" = "-c" ]; then
  ${importsFail ? 'exit 1' : 'case "$2" in *print*) echo 4.0.test;; esac; exit 0'}
fi
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin" && cp "$FAKE_VENV_PYTHON" "$3/bin/python" && exit 0
fi
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then
  { echo "pip-argv"; printf '%s\\n' "$@"; echo "PIP_RETRIES=\${PIP_RETRIES-unset}"; echo "PIP_TIMEOUT=\${PIP_TIMEOUT-unset}"; } > "${record}.pip"
  echo "pip console output that must stay out of the terminal"
  while [ $# -gt 0 ]; do [ "$1" = "--log" ] && log="$2"; shift; done
  echo 'Looking in indexes: https://unreachable.example/simple, https://second.example/simple' >> "$log"
  echo '2026-01-01T10:00:00,001 Could not fetch URL https://unreachable.example/simple/jupyterlab/: connection error: Max retries exceeded - skipping' >> "$log"
  echo '2026-01-01T10:00:00,002 Fetched page https://second.example/simple/jupyterlab/ as application/vnd.pypi.simple.v1+json' >> "$log"
  echo '2026-01-01T10:00:00,003 Fetched page https://second.example/simple/ipykernel/ as application/vnd.pypi.simple.v1+json' >> "$log"
  echo '2026-01-01T10:00:00,004 Fetched page file:///opt/wheels/simple/nbclient/index.html as text/html' >> "$log"
  [ -n "\${FAKE_PIP_FAILS:-}" ] && { echo "ERROR: No matching distribution found for jupyterlab" >> "$log"; exit 1; }
  exit 0
fi
printf '%s\\n' "$@" > "${record}"
`;

let project: string;
let fakeBin: string;

async function writeExecutable(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text, { mode: 0o755 });
}

before(async () => {
  project = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-lab-'));
  fakeBin = path.join(project, 'fake-bin');
  const notebooks = path.join(project, 'src', 'scripts', 'notebooks');
  await fs.mkdir(notebooks, { recursive: true });
  for (const script of ['lab.sh', 'common.sh'])
    await fs.copyFile(path.join(scriptsDirectory, script), path.join(notebooks, script));
  const tslab = path.join(project, 'node_modules', '.bin', 'tslab');
  await writeExecutable(tslab, '#!/bin/sh\nexit 0\n');
  const kernel = path.join(project, '.cache', 'jupyter', 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json');
  await fs.mkdir(path.dirname(kernel), { recursive: true });
  await fs.writeFile(kernel, JSON.stringify({ argv: [tslab, 'kernel'] }));
  await fs.mkdir(path.join(project, 'dist', 'plots'), { recursive: true });
  await fs.writeFile(path.join(project, 'dist', 'plots', 'index.js'), '');
  await fs.mkdir(path.join(project, 'notebooks'));
  await writeExecutable(path.join(fakeBin, 'jupyter-python'), fakePython(path.join(project, 'jupyter-argv'), false));
  await writeExecutable(path.join(fakeBin, 'venv-python'), fakePython(path.join(project, 'venv-record'), false));
  await writeExecutable(path.join(fakeBin, 'python3'), fakePython(path.join(project, 'base-record'), true));
});

after(async () => {
  await fs.rm(project, { recursive: true, force: true });
});

/** Runs the copied lab.sh with ARGS; returns its exit status, stderr and the argv the fake Jupyter got. */
function runLab(args: string[], environment: Record<string, string> = {}, jupyterRecord = 'jupyter-argv') {
  const result = spawnSync('bash', [path.join(project, 'src', 'scripts', 'notebooks', 'lab.sh'), ...args], {
    encoding: 'utf8',
    env: { PATH: `${fakeBin}:${process.env.PATH}`, HOME: project, ...environment },
  });
  let jupyterArguments: string[] = [];
  const recordFile = path.join(project, jupyterRecord);
  try {
    jupyterArguments = readFileSync(recordFile, 'utf8').trim().split('\n');
    rmSync(recordFile);
  } catch {
    // No record: Jupyter was not started.
  }
  return { status: result.status, stderr: result.stderr, stdout: result.stdout, jupyterArguments };
}

describe('npm run lab (lab.sh) arguments', () => {
  const existing = () => ({ HKD_PYTHON: path.join(fakeBin, 'jupyter-python') });

  it('passes `--port 8890` through as an option and its value (not a second --port)', () => {
    const { status, stderr, jupyterArguments } = runLab(['--no-browser', '--port', '8890'], existing());
    assert.equal(status, 0, stderr);
    assert.deepEqual(jupyterArguments.slice(0, 2), ['-m', 'jupyter']);
    const passed = jupyterArguments
      .slice(jupyterArguments.indexOf('lab') + 1)
      .filter((argument) => !argument.startsWith('--notebook-dir=') && argument !== '--allow-root');
    assert.deepEqual(passed, ['--no-browser', '--port', '8890']);
  });

  it('turns a bare number after a flag into --port=N, and leaves --port=N alone', () => {
    const shortcut = runLab(['--no-browser', '8890'], existing());
    assert.equal(shortcut.status, 0, shortcut.stderr);
    assert.ok(shortcut.jupyterArguments.includes('--port=8890'), shortcut.jupyterArguments.join(' '));
    assert.ok(!shortcut.jupyterArguments.includes('8890'));
    const explicit = runLab(['--port=8890', '--ServerApp.port_retries', '0'], existing());
    assert.equal(explicit.status, 0, explicit.stderr);
    const after = explicit.jupyterArguments
      .slice(explicit.jupyterArguments.indexOf('lab') + 1)
      .filter((argument) => !argument.startsWith('--notebook-dir=') && argument !== '--allow-root');
    assert.deepEqual(after, ['--port=8890', '--ServerApp.port_retries', '0']);
  });
});

describe('npm run lab (lab.sh) creating .venv-lab', () => {
  const creating = (extra: Record<string, string> = {}) => ({
    HKD_PYTHON_CANDIDATES: `${path.join(project, '.venv-lab', 'bin', 'python')} python3`,
    FAKE_VENV_PYTHON: path.join(fakeBin, 'venv-python'),
    ...extra,
  });
  const pipRecord = () => readFileSync(path.join(project, 'venv-record.pip'), 'utf8').trim().split('\n');

  it('gives pip one retry and a 10 s timeout, keeps its output in a log and says which index answered', async () => {
    await fs.rm(path.join(project, '.venv-lab'), { recursive: true, force: true });
    const { status, stderr, stdout } = runLab(['--no-browser'], creating(), 'venv-record');
    assert.equal(status, 0, stderr);
    const record = pipRecord();
    assert.ok(record.includes('PIP_RETRIES=1') && record.includes('PIP_TIMEOUT=10'), record.join(' '));
    assert.ok(record.includes('--log') && record.includes('jupyterlab'), record.join(' '));
    assert.ok(!`${stdout}${stderr}`.includes('pip console output'), 'pip output reached the terminal');
    assert.ok(
      stderr.includes(
        "pip's packages came from file:///opt/wheels/simple https://second.example/simple (unreachable, skipped: https://unreachable.example/simple)",
      ),
      stderr,
    );
    assert.equal(stderr.match(/came from/g)?.length, 1);
    assert.match(stderr, /JupyterLab 4\.0\.test installed/);
  });

  it("lets the user's PIP_RETRIES / PIP_TIMEOUT win", async () => {
    await fs.rm(path.join(project, '.venv-lab'), { recursive: true, force: true });
    const { status, stderr } = runLab(
      ['--no-browser'],
      creating({ PIP_RETRIES: '7', PIP_TIMEOUT: '60' }),
      'venv-record',
    );
    assert.equal(status, 0, stderr);
    const record = pipRecord();
    assert.ok(record.includes('PIP_RETRIES=7') && record.includes('PIP_TIMEOUT=60'), record.join(' '));
  });

  it("prints the log's tail and path when pip fails, and removes the half-made .venv-lab", async () => {
    await fs.rm(path.join(project, '.venv-lab'), { recursive: true, force: true });
    const { status, stderr, jupyterArguments } = runLab(
      ['--no-browser'],
      creating({ FAKE_PIP_FAILS: '1' }),
      'venv-record',
    );
    assert.equal(status, 1);
    assert.deepEqual(jupyterArguments, []);
    assert.match(
      stderr,
      /pip could not install jupyterlab ipykernel nbclient nbconvert; the end of its log \(.*lab-pip\.log\)/,
    );
    assert.match(stderr, /\| ERROR: No matching distribution found for jupyterlab/);
    await assert.rejects(fs.access(path.join(project, '.venv-lab')));
  });
});
