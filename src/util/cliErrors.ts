/**
 * How the command-line tools (pipeline, report, study) end on an error: one clean line
 * for an error about the user's input or files, and the stack trace when asked for with
 * `--debug` or `HKD_DEBUG=1` (or, for a programming error such as a TypeError, a hint to
 * ask for it).
 */

/** An error whose message says everything a user needs (bad option, bad file): never a stack trace unless debugging. */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/**
 * Names of the error classes that describe the user's input, files or actions (not a bug):
 * config problems, unwritable folders, corrupt downloads, malformed run records, a diverged
 * training, an interruption, a scheduler that cannot be reached or options it refuses.
 */
const userFacingNames = new Set([
  'UserFacingError',
  'ConfigError',
  'DirectoryNotWritableError',
  'ChecksumMismatchError',
  'MalformedRunError',
  'TrainingDivergedError',
  'InterruptedError',
  'SlurmCommandError',
  'SlurmOptionError',
]);

/** True for an error of one of the user-facing classes. */
export function isUserFacing(error: unknown): boolean {
  return error instanceof Error && userFacingNames.has(error.name);
}

/** `--debug` on the command line or HKD_DEBUG=1 (or true) in the environment. */
export function debugRequested(
  argv: readonly string[] = process.argv,
  environment: NodeJS.ProcessEnv = process.env,
): boolean {
  return argv.includes('--debug') || ['1', 'true'].includes((environment.HKD_DEBUG ?? '').toLowerCase());
}

/** Runs a parsing step; whatever it throws is about the command line, hence user-facing. */
export function asUserFacing<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof Error) || isUserFacing(error)) throw error;
    const wrapped = new UserFacingError(error.message);
    wrapped.stack = error.stack;
    throw wrapped;
  }
}

/**
 * A programming error (TypeError, RangeError, ...), as opposed to a plain Error (most of the
 * library's messages about data, files and settings) or a user-facing class.
 */
function isProgrammingError(error: unknown): boolean {
  return !(error instanceof Error) || (error.constructor !== Error && !isUserFacing(error));
}

/**
 * What a CLI prints when it fails: `<command> failed: <message>`; with `debug`, the stack
 * trace too; without it, a programming error adds how to get the trace.
 */
export function formatCliFailure(command: string, error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`${command} failed: ${message}`];
  if (debug && error instanceof Error && error.stack) lines.push(error.stack);
  else if (!debug && isProgrammingError(error))
    lines.push(`(unexpected error: run again with --debug or HKD_DEBUG=1 for its stack trace)`);
  return lines.join('\n');
}

/** Prints {@link formatCliFailure} to stderr and exits with status 1. */
export function exitWithFailure(command: string, error: unknown): never {
  console.error(formatCliFailure(command, error, debugRequested()));
  process.exit(1);
}
