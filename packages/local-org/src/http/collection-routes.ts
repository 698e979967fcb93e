import { saveError, saveFailure } from '../store/save-errors.js';
import type { SaveResult } from '../store/types.js';
import type { OrgContext } from './context.js';
import { apiError } from './errors.js';
import { ok, type OpInput, type Operation } from './operations.js';
import { fieldList, wireRecord } from './records.js';
import { refuseByAccess } from '../access/index.js';
import { externalIdField, objectOf, visibleObjectOf } from './sobject-routes.js';

/** sObject Collections take at most 200 records (or ids) per call. */
export const MAX_COLLECTION_RECORDS = 200;
/** Retrieve by ids takes up to 2,000 ids. */
const MAX_RETRIEVE_IDS = 2000;

const ROLLED_BACK = saveError(
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'Record rolled back because not all records were valid and the request was using AllOrNone header',
);

function tooMany(): Error {
  return apiError(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
}

function fail(statusCode: string, message: string, id: string | null = null): SaveResult {
  return saveFailure(id, [saveError(statusCode, message)]);
}

interface CollectionBody {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

function collectionBody(body: unknown): CollectionBody {
  const value = body as { allOrNone?: unknown; records?: unknown } | undefined;
  if (!value || typeof value !== 'object' || !Array.isArray(value.records)) {
    throw apiError(400, 'JSON_PARSER_ERROR', 'The request body must be {"allOrNone": boolean, "records": [...]}');
  }
  if (value.records.length > MAX_COLLECTION_RECORDS) throw tooMany();
  const records = value.records.map((record: unknown) =>
    record && typeof record === 'object' && !Array.isArray(record) ? (record as Record<string, unknown>) : {},
  );
  return { allOrNone: value.allOrNone === true || value.allOrNone === 'true', records };
}

/** A record's `attributes.type` and its fields without `attributes`. */
function split(record: Record<string, unknown>): { type?: string; fields: Record<string, unknown> } {
  const { attributes, ...fields } = record;
  const type = attributes && typeof attributes === 'object' ? (attributes as { type?: unknown }).type : undefined;
  return { type: typeof type === 'string' ? type : undefined, fields };
}

/** Takes the field named `name` (any letter case; jsforce sends lowercase `id`) out of `fields`. */
function takeField(fields: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(fields).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) return undefined;
  const value = fields[key];
  delete fields[key];
  return value;
}

/**
 * Runs one write per item, all in one store transaction. With allOrNone, any failure rolls every
 * write back: failed items keep their own errors, the others report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
function runAll<T>(org: OrgContext, items: readonly T[], allOrNone: boolean, write: (item: T) => SaveResult): SaveResult[] {
  return org.store.transaction((rollback) => {
    const results = items.map(write);
    if (allOrNone && results.some((result) => !result.success)) {
      rollback();
      return results.map((result) => (result.success ? { id: null, success: false, errors: [ROLLED_BACK] } : result));
    }
    return results;
  });
}

/**
 * The wire shape of a result (SaveResult; UpsertResult for upserts). A failed or rolled-back
 * record has no `id`: nothing was saved under it, and results come in request order, so clients
 * match them by position (jsforce types a failure's id as undefined). An upsert's result always
 * carries `created`, false when nothing was created.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
 */
function wire(result: SaveResult, upsert: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = result.success ? { id: result.id, success: true, errors: [] } : { success: false, errors: result.errors };
  if (upsert) out.created = result.success && result.created === true;
  return out;
}

/**
 * sObject Collections: create (POST), update (PATCH), upsert (PATCH …/{T}/{extIdField}), delete
 * (DELETE ?ids=) and retrieve (GET …/{T}?ids=&fields=). One call counts as one API request.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
 */
export function collectionOperations(org: OrgContext): Operation[] {
  const create = (input: OpInput) => {
    const { allOrNone, records } = collectionBody(input.body);
    const results = runAll(org, records, allOrNone, (record) => {
      const { type, fields } = split(record);
      if (!type) return fail('INVALID_TYPE', 'Must send a concrete entity type.');
      if (takeField(fields, 'Id') !== undefined) return fail('INVALID_FIELD', 'cannot specify Id in an insert call');
      const def = org.schema.object(type);
      return (def && refuseByAccess(org.viewFor(input.userId, input.apiVersion), def, fields)) || org.store.create(type, fields, input.userId);
    });
    return ok(results.map((result) => wire(result, false)));
  };

  const update = (input: OpInput) => {
    const { allOrNone, records } = collectionBody(input.body);
    const results = runAll(org, records, allOrNone, (record) => {
      const { type, fields } = split(record);
      const id = takeField(fields, 'Id');
      if (typeof id !== 'string' || id === '') return fail('MISSING_ARGUMENT', 'Id not specified in an update call');
      if (!type) return fail('INVALID_TYPE', 'Must send a concrete entity type.', id);
      const def = org.schema.object(type);
      const existing = def && org.store.retrieve(def.name, id);
      return (def && existing && refuseByAccess(org.viewFor(input.userId, input.apiVersion), def, fields, existing)) || org.store.update(type, id, fields, input.userId);
    });
    return ok(results.map((result) => wire(result, false)));
  };

  const upsert = (input: OpInput) => {
    const def = objectOf(org, input.params.type ?? '');
    const extField = externalIdField(org, def, input.params.field ?? '');
    const { allOrNone, records } = collectionBody(input.body);
    const results = runAll(org, records, allOrNone, (record) => {
      const { type, fields } = split(record);
      if (type && type.toLowerCase() !== def.name.toLowerCase()) return fail('INVALID_TYPE', `Record type ${type} does not match ${def.name}`);
      const value = takeField(fields, extField.name);
      if ((typeof value !== 'string' && typeof value !== 'number') || value === '') return fail('MISSING_ARGUMENT', `${extField.name} not specified`);
      const [existing] = org.store.findByExternalId(def.name, extField.name, String(value));
      return refuseByAccess(org.viewFor(input.userId, input.apiVersion), def, fields, existing) || org.store.upsert(def.name, extField.name, String(value), fields, input.userId);
    });
    return ok(results.map((result) => wire(result, true)));
  };

  const destroy = (input: OpInput) => {
    const ids = (input.query.ids ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
    if (ids.length === 0) throw apiError(400, 'MISSING_ARGUMENT', 'ids is required');
    if (ids.length > MAX_COLLECTION_RECORDS) throw tooMany();
    const results = runAll(org, ids, input.query.allOrNone === 'true', (id) => org.store.delete(id, input.userId));
    return ok(results.map((result) => wire(result, false)));
  };

  const retrieve = (fromBody: boolean) => (input: OpInput) => {
    const def = visibleObjectOf(org, input.params.type ?? '', input.userId, input.apiVersion);
    const view = org.viewFor(input.userId, input.apiVersion);
    const source = (fromBody ? input.body : input.query) as { ids?: unknown; fields?: unknown } | undefined;
    const ids = Array.isArray(source?.ids) ? source.ids.map(String) : typeof source?.ids === 'string' ? source.ids.split(',') : [];
    const fieldsRaw = Array.isArray(source?.fields) ? source.fields.map(String).join(',') : typeof source?.fields === 'string' ? source.fields : '';
    if (ids.length > MAX_RETRIEVE_IDS) throw apiError(400, 'EXCEEDED_ID_LIMIT', `cannot retrieve more than ${MAX_RETRIEVE_IDS} records in one call`);
    const fields = fieldList(def, fieldsRaw);
    if (!fields) throw apiError(400, 'MISSING_ARGUMENT', 'fields is required');
    return ok(
      ids.map((raw) => {
        const record = org.store.retrieve(def.name, raw.trim());
        return record && view.sees(record) ? wireRecord(def, record, input.apiVersion, fields) : null;
      }),
    );
  };

  return [
    { method: 'POST', path: '/composite/sobjects', run: create },
    { method: 'PATCH', path: '/composite/sobjects', run: update },
    { method: 'PATCH', path: '/composite/sobjects/:type/:field', run: upsert },
    { method: 'DELETE', path: '/composite/sobjects', run: destroy },
    { method: 'GET', path: '/composite/sobjects/:type', run: retrieve(false) },
    { method: 'POST', path: '/composite/sobjects/:type', run: retrieve(true) },
  ];
}
