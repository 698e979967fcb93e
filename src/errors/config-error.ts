import { DealriskError } from './dealrisk-error.js';

export interface ConfigProblem {
  /** The setting's name, e.g. `SF_AUTH_FLOW`. */
  key: string;
  /** What the setting expects, in words. */
  problem: string;
}

/** Bad configuration found at start-up; the CLI prints it and exits with code 2. */
export class ConfigError extends DealriskError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.key}: ${p.problem}`).join('\n')}`);
    this.problems = problems;
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof Error && error.name === 'ConfigError';
}
