/**
 * Salesforce's REST error shape: an HTTP status and a JSON array of `{message, errorCode, fields?}`.
 * Route handlers throw {@link ApiError}; the app's error handler writes it as Salesforce does.
 */

/** One element of a REST error body. */
export interface ApiErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** An error the REST API answers with `status` and a Salesforce error array. */
export class ApiError extends Error {
  readonly status: number;
  readonly items: ApiErrorItem[];

  constructor(status: number, items: ApiErrorItem[]) {
    super(items.map((item) => `${item.errorCode}: ${item.message}`).join('; '));
    this.name = 'ApiError';
    this.status = status;
    this.items = items;
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

export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError';
}
