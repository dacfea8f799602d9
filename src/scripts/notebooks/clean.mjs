// Checks (default) or strips (--fix) the committed notebooks: no outputs, no execution
// counts, the tslab kernelspec, no leftover widget/execution metadata. Notebooks are
// committed clean; executed copies live in notebooks/executed/ (gitignored).
//
//   node src/scripts/notebooks/clean.mjs            # check, exit 1 listing what is dirty
//   node src/scripts/notebooks/clean.mjs --fix      # strip in place
import { readFileSync, readdirSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const notebookDirectory = path.join(root, 'notebooks');
const fix = process.argv.includes('--fix');
const named = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const files =
  named.length > 0
    ? named.map((file) => path.resolve(file))
    : readdirSync(notebookDirectory)
        .filter((name) => name.endsWith('.ipynb'))
        .sort()
        .map((name) => path.join(notebookDirectory, name));

const kernelspec = { display_name: 'TypeScript', language: 'typescript', name: 'tslab' };
const languageInfo = { file_extension: '.ts', mimetype: 'text/typescript', name: 'typescript' };

/** Returns [cleaned notebook, list of problems found]. */
function clean(notebook, file) {
  const problems = [];
  if (notebook.nbformat !== 4) throw new Error(`${file}: nbformat ${notebook.nbformat}, expected 4`);
  const metadata = notebook.metadata ?? {};
  if (metadata.kernelspec?.name !== 'tslab')
    problems.push(`kernelspec is ${metadata.kernelspec?.name ?? 'missing'}, expected tslab`);
  const cleanMetadata = { kernelspec, language_info: languageInfo };
  if (JSON.stringify(metadata) !== JSON.stringify(cleanMetadata))
    problems.push('notebook metadata differs from the clean one');
  const cells = notebook.cells.map((cell, index) => {
    const copy = { ...cell };
    if (cell.cell_type === 'code') {
      if (cell.outputs?.length) problems.push(`cell ${index} has ${cell.outputs.length} output(s)`);
      if (cell.execution_count != null) problems.push(`cell ${index} has execution_count ${cell.execution_count}`);
      copy.outputs = [];
      copy.execution_count = null;
    }
    if (cell.metadata && Object.keys(cell.metadata).length > 0) {
      problems.push(`cell ${index} has metadata ${Object.keys(cell.metadata).join(', ')}`);
    }
    copy.metadata = {};
    if (typeof copy.source === 'string') copy.source = copy.source.split(/(?<=\n)/);
    return copy;
  });
  return [{ ...notebook, metadata: cleanMetadata, cells }, problems];
}

let dirty = 0;
for (const file of files) {
  const original = readFileSync(file, 'utf8');
  let notebook;
  try {
    notebook = JSON.parse(original);
  } catch (error) {
    console.error(`${path.relative(root, file)}: not valid JSON: ${error.message}`);
    dirty += 1;
    continue;
  }
  const [cleaned, problems] = clean(notebook, file);
  const text = `${JSON.stringify(cleaned, null, 1)}\n`;
  if (problems.length === 0 && text !== original) problems.push('formatting differs (run with --fix)');
  if (problems.length === 0) continue;
  if (fix) {
    const temporary = `${file}.tmp-${process.pid}`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
    console.log(`cleaned ${path.relative(root, file)}: ${problems.join('; ')}`);
  } else {
    dirty += 1;
    console.error(`${path.relative(root, file)}: ${problems.join('; ')}`);
  }
}
if (dirty > 0) {
  console.error(`${dirty} notebook(s) not clean: run 'node src/scripts/notebooks/clean.mjs --fix'`);
  process.exit(1);
}
console.log(`${files.length} notebook(s) clean`);
