import { DealriskError } from '../errors/dealrisk-error.js';

/** What Salesforce (or the network) said about a failed call. */
export interface SalesforceApiErrorDetails {
  /** Salesforce's `errorCode` (e.g. `UNABLE_TO_LOCK_ROW`), `ERROR_HTTP_<status>` for a body without one, or the Node network code (`ECONNRESET`). */
  errorCode: string;
  /** The HTTP status, when known: jsforce keeps it only in `ERROR_HTTP_<status>` codes. */
  status?: number | undefined;
  /** The fields Salesforce named (validation rules, read-only fields). */
  fields?: readonly string[] | undefined;
}

/**
 * A Salesforce API call that failed, with Salesforce's `errorCode`, the HTTP status and the fields
 * as own properties (so pino's `{ err }` logs them) and the jsforce error as `cause`.
 * `classifyFailure` (src/sync/failure-class.ts) says what to do about it.
 */
export class SalesforceApiError extends DealriskError {
  readonly errorCode: string;
  readonly status: number | undefined;
  readonly fields: readonly string[];

  constructor(message: string, details: SalesforceApiErrorDetails, options?: ErrorOptions) {
    super(message, options);
    this.errorCode = details.errorCode;
    this.status = details.status;
    this.fields = details.fields ?? [];
  }
}

/** By name, so it holds across module copies (as the other guards in src/errors do). */
export function isSalesforceApiError(error: unknown): error is SalesforceApiError {
  return error instanceof Error && error.name === 'SalesforceApiError';
}

/** jsforce's code for an error response without a Salesforce error body. */
const HTTP_STATUS_CODE = /^ERROR_HTTP_(\d{3})$/;

/** One entry of Salesforce's error body: `[{ message, errorCode, fields }]`. */
interface ErrorBody {
  errorCode?: unknown;
  message?: unknown;
  fields?: unknown;
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const asFields = (value: unknown): string[] => (Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : []);

/**
 * The code a jsforce error is known by. jsforce's HttpApiError carries `errorCode`; when several
 * errors came back (`MULTIPLE_API_ERRORS`) the first one's code decides, since Salesforce sends
 * one failure per response in practice. node-fetch's FetchError carries the socket's code
 * (`ECONNRESET`); an aborted request is an `AbortError`.
 */
function codeOf(error: Error, body: ErrorBody | undefined): string {
  const fromBody = asString(body?.errorCode);
  const own = asString((error as { errorCode?: unknown }).errorCode);
  const node = asString((error as NodeJS.ErrnoException).code);
  if (own === 'MULTIPLE_API_ERRORS' && fromBody) return fromBody;
  return own ?? node ?? (error.name !== 'Error' ? error.name : 'UNKNOWN_ERROR');
}

/** The error body jsforce kept as `data`: one object, or an array for MULTIPLE_API_ERRORS. */
function bodiesOf(error: Error): ErrorBody[] {
  const data = (error as { data?: unknown }).data;
  const list = Array.isArray(data) ? data : [data];
  return list.filter((entry): entry is ErrorBody => typeof entry === 'object' && entry !== null);
}

/**
 * Turns whatever a jsforce call threw into a {@link SalesforceApiError} (returned as is if it
 * already is one). `status` is the HTTP status when the caller knows it; otherwise it is read from
 * jsforce's `ERROR_HTTP_<status>` code, else left undefined.
 */
export function toSalesforceApiError(error: unknown, status?: number): SalesforceApiError {
  if (isSalesforceApiError(error)) return error;
  const failure = error instanceof Error ? error : new Error(String(error));
  const bodies = bodiesOf(failure);
  const errorCode = codeOf(failure, bodies[0]);
  const messages = bodies.map((body) => asString(body.message)).filter((m): m is string => m !== undefined);
  const detail = messages.length > 0 ? messages.join('; ') : failure.message;
  const message = detail === '' ? errorCode : detail.startsWith(errorCode) ? detail : `${errorCode}: ${detail}`;
  const fields = bodies.flatMap((body) => asFields(body.fields));
  const fromCode = HTTP_STATUS_CODE.exec(errorCode)?.[1];
  return new SalesforceApiError(
    message,
    { errorCode, status: status ?? (fromCode === undefined ? undefined : Number(fromCode)), fields },
    { cause: error },
  );
}
