import { DealriskError } from './dealrisk-error.js';

/** The mapping does not fit the org (a field missing, a permission not granted): no retry fixes it. */
export class MappingMismatchError extends DealriskError {}

export function isMappingMismatchError(error: unknown): error is MappingMismatchError {
  return error instanceof Error && error.name === 'MappingMismatchError';
}
