// Runs every compiled test (dist/**/*.test.js) with Node's test runner.
// Points the loaders at the offline mirror ../shared/data when HKD_DATA_MIRROR is unset
// and that folder exists; tests that need data and find neither mirror nor cache fail
// with a message saying so.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const distDirectory = path.join(root, 'dist');
if (!existsSync(distDirectory)) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

function findTests(directory) {
  const found = [];
  for (const entry of readdirSync(directory)) {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (entry.endsWith('.test.js')) found.push(full);
  }
  return found;
}

const filter = process.argv.slice(2);
let tests = findTests(distDirectory).sort();
if (filter.length > 0) tests = tests.filter((file) => filter.some((part) => file.includes(part)));
if (tests.length === 0) {
  console.error('no test files matched');
  process.exit(2);
}

const environment = { ...process.env };
const defaultMirror = path.resolve(root, '..', 'shared', 'data');
if (!environment.HKD_DATA_MIRROR && existsSync(defaultMirror)) environment.HKD_DATA_MIRROR = defaultMirror;
if (!environment.HKD_DATA_DIR) environment.HKD_DATA_DIR = path.join(root, 'data');
console.log(`test data mirror: ${environment.HKD_DATA_MIRROR ?? '(none)'}; cache: ${environment.HKD_DATA_DIR}`);

const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...tests], {
  stdio: 'inherit',
  env: environment,
  cwd: root,
});
process.exit(result.status ?? 1);
