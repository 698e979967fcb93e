/**
 * One ingest row written as the REST API writes a record: the same access checks
 * (refuseByAccess) and the same store save path, so a row fails with the error codes a REST write
 * answers. Values arrive as CSV text: an empty value is left out (Bulk ignores it), `#N/A` is null.
 */
import { refuseByAccess, type UserView } from '../access/index.js';
import type { SObjectDef, FieldDef } from '../model.js';
import { saveError, saveFailure } from '../store/save-errors.js';
import type { RecordStore, SaveResult } from '../store/types.js';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete';

/** Bulk API's null marker in job data. */
export const CSV_NULL = '#N/A';

/** Everything a row's write needs. */
export interface RowWriter {
  store: RecordStore;
  view: UserView;
  userId: string;
  object: SObjectDef;
  operation: IngestOperation;
  externalIdField?: FieldDef;
}

function fail(statusCode: string, message: string, id: string | null = null): SaveResult {
  return saveFailure(id, [saveError(statusCode, message)]);
}

/** Takes the column named `name` (any letter case) out of `fields`. */
function take(fields: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(fields).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) return undefined;
  const value = fields[key];
  delete fields[key];
  return value;
}

/** A row's columns as a REST body: empty values left out, `#N/A` as null. */
export function rowFields(header: readonly string[], values: readonly string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const value = values[i] ?? '';
    if (value === '') return;
    fields[name] = value === CSV_NULL ? null : value;
  });
  return fields;
}

/** Writes one row; the result says whether it succeeded and, for upserts, whether it created. */
export function writeRow(writer: RowWriter, fields: Record<string, unknown>): SaveResult {
  const { store, view, userId, object } = writer;
  switch (writer.operation) {
    case 'insert': {
      if (take(fields, 'Id') !== undefined) return fail('INVALID_FIELD', 'cannot specify Id in an insert call');
      return { ...(refuseByAccess(view, object, fields) ?? store.create(object.name, fields, userId)), created: true };
    }
    case 'update': {
      const id = take(fields, 'Id');
      if (typeof id !== 'string') return fail('MISSING_ARGUMENT', 'Id not specified in an update call');
      const existing = store.retrieve(object.name, id);
      return (existing && refuseByAccess(view, object, fields, existing)) || store.update(object.name, id, fields, userId);
    }
    case 'upsert': {
      const extField = writer.externalIdField!;
      const value = take(fields, extField.name);
      if (typeof value !== 'string') return fail('MISSING_ARGUMENT', `${extField.name} not specified`);
      const [existing] = extField.type === 'id' ? [store.retrieve(object.name, value)].filter((r) => r !== undefined) : store.findByExternalId(object.name, extField.name, value);
      return refuseByAccess(view, object, fields, existing) || store.upsert(object.name, extField.name, value, fields, userId);
    }
    case 'delete': {
      const id = take(fields, 'Id');
      if (typeof id !== 'string') return fail('MISSING_ARGUMENT', 'Id not specified in a delete call');
      const existing = store.retrieve(object.name, id);
      // The store deletes any record by id: a row of this job may only name the job's object.
      if (!existing && !id.startsWith(object.keyPrefix)) return fail('MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${id}`);
      if (existing && !view.edits(existing)) return fail('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', existing.Id);
      return store.delete(id, userId);
    }
  }
}
