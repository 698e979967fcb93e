import { DealriskError } from './dealrisk-error.js';

/** Login to Salesforce failed; `errorCode` is Salesforce's OAuth error (e.g. invalid_grant). */
export class SalesforceAuthError extends DealriskError {
  readonly errorCode: string;

  constructor(message: string, errorCode: string, options?: ErrorOptions) {
    super(message, options);
    this.errorCode = errorCode;
  }
}
