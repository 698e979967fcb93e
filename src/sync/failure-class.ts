/**
 * What to do about a failed Salesforce call or record:
 * - `retry`: transient (the server, a row lock, the network); try again with backoff, boundedly.
 * - `reauthenticate`: the session is gone; log in again, then retry.
 * - `rate-limited-daily`: the org's rolling 24-hour API allowance is spent; stop calling for now.
 * - `rate-limited-concurrent`: too many long-running requests at once; slow down and retry soon.
 * - `permanent`: the same call fails again; keep the failure and move on.
 */
export type FailureClass = 'retry' | 'reauthenticate' | 'rate-limited-daily' | 'rate-limited-concurrent' | 'permanent';

/** The facts a classification needs: a SalesforceApiError, or one record's SaveResult error. */
export interface FailureFacts {
  errorCode: string;
  status?: number | undefined;
  message?: string | undefined;
}

/**
 * The two REQUEST_LIMIT_EXCEEDED messages: "TotalRequests Limit exceeded." for the daily
 * allowance, "ConcurrentRequests (Concurrent API Requests) Limit exceeded" for the cap of 25
 * requests running 20 s or longer (Salesforce Help 000389067, "API Request Limits and
 * Allocations"). A message that names neither is read as the daily allowance: the stricter
 * reading, which stops calling instead of trying again soon.
 */
const CONCURRENT_LIMIT = /ConcurrentRequests|Concurrent API Requests/i;

/** The class of each errorCode; a function where the message tells two cases apart. */
const BY_ERROR_CODE: Record<string, FailureClass | ((message: string) => FailureClass)> = {
  // Another transaction holds the record; Salesforce says to retry (SOAP API Developer Guide, StatusCode).
  UNABLE_TO_LOCK_ROW: 'retry',
  SERVER_UNAVAILABLE: 'retry',
  INVALID_SESSION_ID: 'reauthenticate',
  REQUEST_LIMIT_EXCEEDED: (message) => (CONCURRENT_LIMIT.test(message) ? 'rate-limited-concurrent' : 'rate-limited-daily'),
  // A Bulk API 2.0 job that ended Failed (src/salesforce/bulk-query-job.ts): a new job may succeed.
  BULK_JOB_FAILED: 'retry',
  // The network, as node-fetch reports it (its FetchError carries the socket's code).
  ECONNRESET: 'retry',
  ECONNREFUSED: 'retry',
  ETIMEDOUT: 'retry',
  EPIPE: 'retry',
  EAI_AGAIN: 'retry',
  ENOTFOUND: 'retry',
  ENETUNREACH: 'retry',
  EHOSTUNREACH: 'retry',
  FetchError: 'retry',
  AbortError: 'retry',
};

/** Statuses that are transient whatever the body says (gateway and maintenance answers). */
const BY_STATUS: Record<number, FailureClass> = {
  502: 'retry',
  503: 'retry',
  504: 'retry',
};

/** Pure: the errorCode decides, then the HTTP status; anything else is permanent. */
export function classifyFailure(failure: FailureFacts): FailureClass {
  // Own keys only: an errorCode such as "constructor" must not find Object's prototype.
  const byCode = Object.hasOwn(BY_ERROR_CODE, failure.errorCode) ? BY_ERROR_CODE[failure.errorCode] : undefined;
  if (typeof byCode === 'function') return byCode(failure.message ?? '');
  const byStatus = failure.status !== undefined && Object.hasOwn(BY_STATUS, failure.status) ? BY_STATUS[failure.status] : undefined;
  return byCode ?? byStatus ?? 'permanent';
}
