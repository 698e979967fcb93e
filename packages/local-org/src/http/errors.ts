/**
 * Salesforce's REST error shape: an HTTP status and a JSON array of `{message, errorCode, fields?}`.
 * Route handlers throw {@link ApiError} (or the SOQL engine's SoqlError); {@link errorResponse}
 * turns either into the status and array, for the app's error handler and for /composite.
 */
import { LocalOrgError } from '../errors/local-org-error.js';
import { isSoqlError } from '../soql/soql-error.js';

/** One element of a REST error body. */
export interface ApiErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** An error the REST API answers with `status` and a Salesforce error array; `errorCode` is the first item's. */
export class ApiError extends LocalOrgError {
  readonly status: number;
  readonly items: ApiErrorItem[];
  readonly errorCode: string;

  constructor(status: number, items: ApiErrorItem[]) {
    super(items.map((item) => `${item.errorCode}: ${item.message}`).join('; '));
    this.status = status;
    this.items = items;
    this.errorCode = items[0]?.errorCode ?? 'UNKNOWN_EXCEPTION';
  }
}

/** A single-error {@link ApiError}. */
export function apiError(status: number, errorCode: string, message: string, fields?: string[]): ApiError {
  return new ApiError(status, [fields ? { message, errorCode, fields } : { message, errorCode }]);
}

/** 404 for an unknown path, object type or record, in Salesforce's words. */
export function notFound(message = 'The requested resource does not exist'): ApiError {
  return apiError(404, 'NOT_FOUND', message);
}

/** 401 for a missing, unknown or expired access token; jsforce refreshes the session on it. */
export function invalidSession(): ApiError {
  return apiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
}

/** Type guard by name, so it also works across module copies. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError';
}

/** How Salesforce answers an ApiError or a SoqlError (400); undefined for any other (unexpected) error. */
export function errorResponse(error: unknown): { status: number; items: ApiErrorItem[] } | undefined {
  if (isApiError(error)) return { status: error.status, items: error.items };
  if (isSoqlError(error)) return { status: 400, items: [{ message: error.message, errorCode: error.errorCode }] };
  return undefined;
}
