import { UnrecoverableError } from 'bullmq';
import { isConfigError } from '../src/errors/config-error.js';
import { isMappingMismatchError } from '../src/errors/mapping-mismatch-error.js';
import { SalesforceAuthError } from '../src/errors/salesforce-auth-error.js';
import { isLoginRefused } from '../src/salesforce/connect.js';

/** A bad playbook, a mapping that does not fit or a login the org refuses fails the same way on every retry. */
function failsEveryTime(error: unknown): error is Error {
  return isConfigError(error) || isMappingMismatchError(error) || (error instanceof SalesforceAuthError && isLoginRefused(error));
}

/** Runs a job body; what would fail on every retry fails the job at once, anything else is retried per the job's backoff. */
export async function failingFast<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (failsEveryTime(error)) throw new UnrecoverableError(error.message);
    throw error;
  }
}
