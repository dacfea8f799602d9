// Checks the layout rules every notebook keeps, so that a page stays readable in Lab and in
// the exported HTML (where long lines are cut off and long logs push the lesson off screen):
//
//   node src/scripts/notebooks/check-layout.mjs [notebooks/NN-name.ipynb ...]
//     the committed notebooks (default: notebooks/[0-9]*.ipynb): no code line longer than
//     100 characters (every line of every code cell's source, counted in characters).
//   node src/scripts/notebooks/check-layout.mjs --outputs [notebooks/executed/NAME.ipynb ...]
//     executed copies (default: notebooks/executed/*.ipynb, written by run-notebooks.sh): per
//     code cell, the stream outputs (stdout and stderr text together) have at most 15 lines,
//     and no cell writes to stderr at all. Displays (charts, tables, markdown) do not count.
//
// Exits 1 listing every violation (notebook, cell index and id, line, length or line count, and
// the first lines of an offending output); exits 0 with a one-line summary otherwise.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Longest allowed code line, in characters. */
export const maximumCodeLineLength = 100;
/** Most stream-output lines (stdout and stderr together) one code cell may print. */
export const maximumLogLines = 15;
/** How many lines of an offending output a violation shows. */
const shownLines = 5;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A cell's source or an output's text as one string (nbformat stores either form). */
function joined(text) {
  return Array.isArray(text) ? text.join('') : (text ?? '');
}

/** The lines of a text, without the empty line after a final newline. */
function linesOf(text) {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** "cell 3 (id abc)": how a violation names a cell. */
function cellName(cell, index) {
  return cell.id ? `cell ${index} (id ${cell.id})` : `cell ${index}`;
}

/** Every code line over the limit: [{ cell, line, length }] in reading order. */
export function longCodeLines(notebook, limit = maximumCodeLineLength) {
  const found = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    linesOf(joined(cell.source)).forEach((line, lineIndex) => {
      const length = Array.from(line).length;
      if (length > limit) found.push({ cell: cellName(cell, index), line: lineIndex + 1, length });
    });
  });
  return found;
}

/** Every code cell whose logs break the rules: [{ cell, lines, stderrLines, firstLines }]. */
export function noisyOutputs(notebook, limit = maximumLogLines) {
  const found = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    const streams = (cell.outputs ?? []).filter((output) => output.output_type === 'stream');
    const textOf = (name) =>
      streams
        .filter((output) => output.name === name)
        .map((output) => joined(output.text))
        .join('');
    const stdout = linesOf(textOf('stdout'));
    const stderr = linesOf(textOf('stderr'));
    const lines = stdout.length + stderr.length;
    if (lines > limit || stderr.length > 0) {
      const firstLines = (stderr.length > 0 ? stderr : stdout).slice(0, shownLines);
      found.push({ cell: cellName(cell, index), lines, stderrLines: stderr.length, firstLines });
    }
  });
  return found;
}

/** Violation messages for one notebook file, in the chosen mode. */
function checkFile(file, outputs) {
  const relative = path.relative(root, file) || file;
  let notebook;
  try {
    notebook = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return [`${relative}: cannot read the notebook: ${error.message}`];
  }
  if (!Array.isArray(notebook.cells)) return [`${relative}: no cells array (not an nbformat 4 notebook)`];
  if (!outputs) {
    return longCodeLines(notebook).map(
      ({ cell, line, length }) =>
        `${relative}: ${cell}, line ${line}: ${length} characters (at most ${maximumCodeLineLength})`,
    );
  }
  return noisyOutputs(notebook).map(({ cell, lines, stderrLines, firstLines }) => {
    const problem =
      stderrLines > 0
        ? `${stderrLines} line(s) on stderr (none allowed)`
        : `${lines} log lines (at most ${maximumLogLines})`;
    const shown = firstLines.map((line) => `    | ${line}`).join('\n');
    return `${relative}: ${cell}: ${problem}; it begins:\n${shown}`;
  });
}

/** The notebooks to check when none are named. */
function defaultFiles(outputs) {
  const directory = path.join(root, 'notebooks', outputs ? 'executed' : '');
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.ipynb') && (outputs || /^\d/.test(name)))
    .sort()
    .map((name) => path.join(directory, name));
}

function main() {
  const outputs = process.argv.includes('--outputs');
  const named = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
  const files = named.length > 0 ? named.map((file) => path.resolve(file)) : defaultFiles(outputs);
  const what = outputs ? 'cell logs' : 'code line lengths';
  if (files.length === 0) {
    console.error(`check-layout: no notebooks to check (${what})`);
    process.exit(2);
  }
  const violations = files.flatMap((file) => checkFile(file, outputs));
  if (violations.length > 0) {
    for (const violation of violations) console.error(violation);
    const rule = outputs
      ? `at most ${maximumLogLines} log lines per cell and no stderr`
      : `no code line over ${maximumCodeLineLength} characters`;
    console.error(`check-layout: ${violations.length} violation(s) of "${rule}" in ${files.length} notebook(s)`);
    process.exit(1);
  }
  console.log(`check-layout: ${files.length} notebook(s) pass (${what})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
