import { UnrecoverableError, Worker } from 'bullmq';
import { isConfigError } from '../src/errors/config-error.js';
import { isMappingMismatchError } from '../src/errors/mapping-mismatch-error.js';
import { SalesforceAuthError } from '../src/errors/salesforce-auth-error.js';
import { isLoginRefused } from '../src/salesforce/connect.js';
import { toSalesforceApiError } from '../src/salesforce/salesforce-api-error.js';
import { classifyFailure } from '../src/sync/failure-class.js';

/** How long a queue pauses when Salesforce says too many long requests run at once. */
export const CONCURRENT_LIMIT_PAUSE_MS = 30_000;

/** Pauses a queue's worker (BullMQ's `worker.rateLimit`), for the concurrent-request cap. */
export type RateLimit = (ms: number) => Promise<void>;

/** A bad playbook, a mapping that does not fit or a login the org refuses fails the same way on every retry. */
function failsEveryTime(error: unknown): error is Error {
  return isConfigError(error) || isMappingMismatchError(error) || (error instanceof SalesforceAuthError && isLoginRefused(error));
}

/** An error Salesforce or the network raised (jsforce keeps an errorCode, node-fetch a socket code). */
function fromSalesforce(error: unknown): boolean {
  return error instanceof Error && (typeof (error as { errorCode?: unknown }).errorCode === 'string' || error.name === 'FetchError' || error.name === 'AbortError');
}

/**
 * Runs a job body and maps a failure to what BullMQ should do, by the one classifier's answer:
 * retry and re-authenticate rethrow (the job's backoff retries, boundedly; jsforce renews the
 * session itself), the concurrent-request cap pauses the queue and retries without spending an
 * attempt, the daily allowance and permanent failures fail the job at once (or, given
 * `whenAllowanceSpent`, the job ends with what it answers: a plan or a batch is paused, not failed). Errors
 * of dealrisk's own code or Redis are rethrown: the job's attempts bound them.
 */
export async function mapFailure<T>(body: () => Promise<T>, rateLimit: RateLimit, whenAllowanceSpent?: (failure: Error) => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (failsEveryTime(error)) throw new UnrecoverableError(error.message);
    if (!fromSalesforce(error)) throw error;
    const failure = toSalesforceApiError(error);
    switch (classifyFailure(failure)) {
      case 'retry':
      case 'reauthenticate':
        throw failure;
      case 'rate-limited-concurrent':
        await rateLimit(CONCURRENT_LIMIT_PAUSE_MS);
        throw Worker.RateLimitError();
      case 'rate-limited-daily':
        if (whenAllowanceSpent) return await whenAllowanceSpent(failure);
        throw new UnrecoverableError(failure.message);
      case 'permanent':
        throw new UnrecoverableError(failure.message);
    }
  }
}
