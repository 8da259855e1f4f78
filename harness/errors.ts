// The errors a user can cause, typed so that the CLI maps them to exit code 2 with their
// message; anything else reaching the top is a harness bug (exit 1).

/** Bad command-line usage: a missing folder, an unknown backend, conflicting options. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A rubric that cannot be used; the message names the file, the place in it and the fix. */
export class RubricError extends Error {
  override name = 'RubricError';
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${file}${where ? ` (${where})` : ''}: ${problem}`);
  }
}

/** A TA overrides file that cannot be used: the message names the file, the place in it and the fix. */
export class OverridesError extends Error {
  override name = 'OverridesError';
  constructor(file: string, where: string, problem: string) {
    super(`${file}${where ? ` (${where})` : ''}: ${problem}`);
  }
}

/** A data file a rubric names that cannot be used: the message names the file and what is wrong. */
export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export function isUserError(error: unknown): error is UsageError | RubricError | OverridesError | DataFileError {
  return error instanceof UsageError || error instanceof RubricError || error instanceof OverridesError || error instanceof DataFileError;
}
