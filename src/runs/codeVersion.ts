import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../util/paths';

/**
 * Version of the training semantics. Bump it whenever a change makes a fresh run give
 * different numbers for the same config (a loss, the batch order, initialisation,
 * evaluation, early stopping, feature extraction...). Every run records it; a finished run
 * made under another value is still reused, but flagged (see findReusableRun).
 *
 * History: 1 — first recorded version (runs without it are reported as "unrecorded").
 */
export const trainingCodeVersion = 1;

let cachedPackageVersion: string | undefined;

/** This project's package.json version ('?' when unreadable). */
export function packageVersion(): string {
  if (cachedPackageVersion === undefined) {
    try {
      cachedPackageVersion = String(JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version);
    } catch {
      cachedPackageVersion = '?';
    }
  }
  return cachedPackageVersion;
}

/** What made a run: the training code version and the package version. */
export interface CodeVersion {
  /** {@link trainingCodeVersion} of the code that trained the run. */
  training: number;
  /** package.json version. */
  package: string;
}

/** The code version of this process. */
export function currentCodeVersion(): CodeVersion {
  return { training: trainingCodeVersion, package: packageVersion() };
}

/** Text such as `training code 1, package 0.1.0` (or `unrecorded` for old runs). */
export function describeCodeVersion(version: Partial<CodeVersion> | undefined): string {
  if (!version || version.training === undefined)
    return `unrecorded training code version, package ${version?.package ?? '?'}`;
  return `training code ${version.training}, package ${version.package ?? '?'}`;
}
