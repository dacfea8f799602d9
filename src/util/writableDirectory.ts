import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { dataDirectory, runsDirectory } from './paths';

/** A folder the user named (`--runs-dir`, `--out`, the data folder) that cannot be created or written. */
export class DirectoryNotWritableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryNotWritableError';
  }
}

/** The error's code and text without Node's "CODE: " prefix, e.g. "EACCES (permission denied, mkdir '/x')". */
function reasonOf(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ? `${code}: ${message.replace(`${code}: `, '')}` : String(message ?? error);
}

/**
 * Makes sure `directory` exists and can be written, before any slow work (data loading,
 * embedding) whose results would go there. Creates missing folders one level at a time
 * (Node's recursive mkdir never returns for some paths, e.g. under /proc), then writes
 * and removes a probe file. Throws a {@link DirectoryNotWritableError} naming `what`
 * (e.g. "--runs-dir"), the path and the reason. Returns the absolute path.
 */
export async function ensureWritableDirectory(directory: string, what: string): Promise<string> {
  const target = path.resolve(directory);
  const fail = (reason: string): never => {
    throw new DirectoryNotWritableError(`${what} ${target}: ${reason}`);
  };
  // The nearest existing ancestor (or the folder itself), and the levels to create below it.
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    try {
      const stats = await fs.stat(existing);
      if (!stats.isDirectory()) fail(`${existing} exists and is not a folder`);
      break;
    } catch (error) {
      if (error instanceof DirectoryNotWritableError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') fail(`cannot look at ${existing} (${reasonOf(error)})`);
      const parent = path.dirname(existing);
      if (parent === existing) fail(`no part of the path exists`);
      missing.unshift(existing);
      existing = parent;
    }
  }
  for (const level of missing) {
    try {
      await fs.mkdir(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') fail(`cannot create ${level} (${reasonOf(error)})`);
    }
  }
  const probe = path.join(target, `.write-check-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await fs.writeFile(probe, '');
  } catch (error) {
    fail(`cannot write in it (${reasonOf(error)})`);
  }
  await fs.rm(probe, { force: true });
  return target;
}

/** Which output folders a command writes (see {@link checkOutputFolders}). */
export interface OutputFolders {
  /** Check the runs folder: `runsDirectory` (the `--runs-dir` value) or the default (HKD_RUNS_DIR, runs/). */
  runs?: boolean;
  runsDirectory?: string;
  /** The `--out` folder, checked when given. */
  outputDirectory?: string;
  /** Check the data and cache folder (HKD_DATA_DIR, data/). */
  data?: boolean;
}

/**
 * The CLIs' first step after parsing: every folder they will write must be creatable and
 * writable before minutes of data loading. Throws one {@link DirectoryNotWritableError}
 * listing every folder that is not.
 */
export async function checkOutputFolders(folders: OutputFolders): Promise<void> {
  const checks: Array<[string, string]> = [];
  if (folders.runs)
    checks.push([
      folders.runsDirectory ?? runsDirectory(),
      folders.runsDirectory ? '--runs-dir' : 'the runs folder (HKD_RUNS_DIR, default runs/)',
    ]);
  if (folders.outputDirectory !== undefined) checks.push([folders.outputDirectory, '--out']);
  if (folders.data) checks.push([dataDirectory(), 'the data folder (HKD_DATA_DIR, default data/)']);
  const problems: string[] = [];
  for (const [directory, what] of checks) {
    try {
      await ensureWritableDirectory(directory, what);
    } catch (error) {
      if (!(error instanceof DirectoryNotWritableError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new DirectoryNotWritableError(problems.join('\n'));
}
