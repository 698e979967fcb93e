/** Builders for the SaveErrors and failed SaveResults the store and the collection routes answer. */
import type { SaveError, SaveResult } from './types.js';

/** One SaveError; `fields` holds canonical field names (may be empty). */
export function saveError(statusCode: string, message: string, fields: string[] = []): SaveError {
  return { statusCode, message, fields };
}

/** REQUIRED_FIELD_MISSING, worded as Salesforce words it. */
export function requiredFieldsMissing(fields: string[]): SaveError {
  return saveError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, fields);
}

/** A failed save of the record `id` (null when it has none yet). */
export function saveFailure(id: string | null, errors: SaveError[]): SaveResult {
  return { id, success: false, errors };
}
