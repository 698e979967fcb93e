import { LocalOrgError } from './local-org-error.js';

/** One thing wrong with how the org was asked to start. */
export interface SetupProblem {
  /** The option or file at fault, e.g. `--jwt-cert` or a source metadata file. */
  key: string;
  /** What it expects, in words. */
  problem: string;
}

/**
 * The org cannot start with the options it was given (a bad source metadata file, a JWT certificate
 * that is not one). `dealrisk org start` prints it and exits with code 2, as for bad configuration.
 */
export class SetupError extends LocalOrgError {
  readonly problems: readonly SetupProblem[];

  constructor(problems: readonly SetupProblem[], options?: ErrorOptions) {
    super(`The local org cannot start:\n${problems.map((p) => `  ${p.key}: ${p.problem}`).join('\n')}`, options);
    this.problems = problems;
  }
}

/** Type guard by name, so it also works across module copies. */
export function isSetupError(error: unknown): error is SetupError {
  return error instanceof Error && error.name === 'SetupError';
}
