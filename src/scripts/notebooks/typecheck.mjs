// Type-checks the code cells of every notebook without running them, with tslab's
// own TypeScript (5.0.4, so the notebooks stay compatible with the kernel) against the
// compiled library's declarations (dist/**/*.d.ts; run `npm run build` first).
// Each notebook's code cells are joined, in order, into one module
// .cache/notebook-typecheck/NAME.ts (imports of '../dist' rewritten to reach dist/),
// compiled as ES modules (top-level await allowed, as in tslab) with strict checks.
// It also flags what compiles but fails in tslab 1.0.22: a shorthand property
// (`{ limit }`) naming a top-level variable of an EARLIER cell is not rewritten by
// tslab and throws "ReferenceError: limit is not defined" at run time; write `{ limit: limit }`.
//
//   node src/scripts/notebooks/typecheck.mjs [notebooks/NN-name.ipynb ...]
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const ts = require('@tslab/typescript-for-tslab');
const notebookDirectory = path.join(root, 'notebooks');
const outputDirectory = path.join(root, '.cache', 'notebook-typecheck');

if (!existsSync(path.join(root, 'dist'))) {
  console.error('typecheck: dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const named = process.argv.slice(2);
const notebooks =
  named.length > 0
    ? named.map((file) => path.resolve(file))
    : readdirSync(notebookDirectory)
        .filter((name) => /^\d.*\.ipynb$/.test(name))
        .sort()
        .map((name) => path.join(notebookDirectory, name));

rmSync(outputDirectory, { recursive: true, force: true });
mkdirSync(outputDirectory, { recursive: true });
const sources = [];
const lineMaps = new Map();
for (const notebookPath of notebooks) {
  const notebook = JSON.parse(readFileSync(notebookPath, 'utf8'));
  const lines = [];
  const origins = [];
  const cellOfLine = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    const cellLines = source.replace(/(['"])\.\.\/dist/g, '$1../../dist').split('\n');
    cellLines.forEach((line, lineIndex) => {
      lines.push(line);
      origins.push(`cell ${index}, line ${lineIndex + 1}`);
      cellOfLine.push(index);
    });
    lines.push('');
    origins.push(`after cell ${index}`);
    cellOfLine.push(index);
  });
  lines.push('export {};');
  const target = path.join(outputDirectory, `${path.basename(notebookPath, '.ipynb')}.ts`);
  writeFileSync(target, lines.join('\n'));
  sources.push(target);
  lineMaps.set(path.resolve(target), { notebook: path.relative(root, notebookPath), origins, cellOfLine });
}

const program = ts.createProgram(sources, {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  resolveJsonModule: true,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [path.join(root, 'node_modules', '@types')],
});
const diagnostics = [...ts.getPreEmitDiagnostics(program)];
const checker = program.getTypeChecker();
for (const source of sources) {
  const sourceFile = program.getSourceFile(source);
  const map = lineMaps.get(path.resolve(source));
  const cellAt = (node) => map.cellOfLine[sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line];
  const visit = (node) => {
    if (ts.isShorthandPropertyAssignment(node)) {
      const symbol = checker.getShorthandAssignmentValueSymbol(node);
      const declaration = symbol?.valueDeclaration;
      const statement = declaration && ts.findAncestor(declaration, (ancestor) => ancestor.parent === sourceFile);
      if (statement && cellAt(statement) !== cellAt(node)) {
        diagnostics.push({
          file: sourceFile,
          start: node.getStart(sourceFile),
          code: 'tslab',
          messageText: `shorthand property '${node.name.text}' names a variable of cell ${cellAt(statement)}: tslab does not rewrite it (ReferenceError at run time); write '${node.name.text}: ${node.name.text}'`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
}
for (const diagnostic of diagnostics) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file) {
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const map = lineMaps.get(path.resolve(diagnostic.file.fileName));
    const where = map ? `${map.notebook} ${map.origins[line] ?? `line ${line + 1}`}` : diagnostic.file.fileName;
    console.error(
      `${where}: ${typeof diagnostic.code === 'number' ? `TS${diagnostic.code}` : diagnostic.code}: ${message}`,
    );
  } else {
    console.error(`TS${diagnostic.code}: ${message}`);
  }
}
console.log(`typecheck (TypeScript ${ts.version}): ${notebooks.length} notebook(s), ${diagnostics.length} error(s)`);
process.exit(diagnostics.length > 0 ? 1 : 0);
