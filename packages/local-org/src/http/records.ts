import type { SObjectDef, SRecord } from '../model.js';
import { readField } from '../schema/compound.js';
import { recordUrl } from '../soql/index.js';
import type { SaveError, SaveResult } from '../store/types.js';
import { ApiError, type ApiErrorItem } from './errors.js';

/** A record as the REST API returns it: `attributes {type, url}` first, then its fields. */
export function wireRecord(def: SObjectDef, record: SRecord, apiVersion: number, fields?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: def.name, url: recordUrl(apiVersion, def.name, record.Id) },
  };
  const names = fields ?? def.fields.map((field) => field.name);
  for (const name of names) {
    const field = def.fields.find((f) => f.name === name);
    out[name] = field ? readField(field, record) : (record[name] ?? null);
  }
  return out;
}

/** Canonical field names for a `fields=` list; unknown names answer INVALID_FIELD like Salesforce. */
export function fieldList(def: SObjectDef, raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((name) => {
    const field = def.fields.find((f) => f.name.toLowerCase() === name.trim().toLowerCase());
    if (!field) {
      throw new ApiError(400, [{ errorCode: 'INVALID_FIELD', message: `No such column '${name.trim()}' on sobject of type ${def.name}` }]);
    }
    return field.name;
  });
}

/** SaveErrors as a REST error array (`statusCode` becomes `errorCode`). */
export function errorItems(errors: readonly SaveError[]): ApiErrorItem[] {
  return errors.map((error) => ({ message: error.message, errorCode: error.statusCode, fields: error.fields }));
}

/** The status Salesforce answers a failed single-record save with. */
export function failedSaveStatus(result: SaveResult): number {
  const code = result.errors[0]?.statusCode;
  if (code === 'ENTITY_IS_DELETED' || code === 'NOT_FOUND') return 404;
  return 400;
}

/** Request-body fields without `attributes` (jsforce sends them; they are not fields). */
export function bodyFields(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'The request body must be a JSON object' }]);
  }
  const { attributes: _attributes, ...fields } = body as Record<string, unknown>;
  return fields;
}
