import { LocalOrgError } from '../errors/local-org-error.js';

/** The error codes the local org's SOQL engine answers with, as Salesforce names them. */
export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_TYPE_FOR_OPERATION'
  | 'INVALID_QUERY_FILTER_OPERATOR'
  | 'NUMBER_OUTSIDE_VALID_RANGE';

/**
 * A query Salesforce would refuse. The HTTP layer answers it as 400 `[{message, errorCode}]`,
 * so `message` is worded like Salesforce's own.
 */
export class SoqlError extends LocalOrgError {
  readonly errorCode: SoqlErrorCode;

  constructor(errorCode: SoqlErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.errorCode = errorCode;
  }
}

/** Type guard by name, so it also works across module copies. */
export function isSoqlError(error: unknown): error is SoqlError {
  return error instanceof Error && error.name === 'SoqlError';
}
