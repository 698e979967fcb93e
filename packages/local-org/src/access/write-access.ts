/**
 * What the API refuses before a write reaches the record store, for the writing user: a field
 * field-level security hides (INVALID_FIELD, as for a field that does not exist), a read-only one
 * (INVALID_FIELD_FOR_INSERT_UPDATE), and a record sharing does not let them edit
 * (INSUFFICIENT_ACCESS_OR_READONLY).
 */
import type { SObjectDef, SRecord } from '../model.js';
import { saveError, saveFailure } from '../store/save-errors.js';
import type { SaveResult } from '../store/types.js';
import type { UserView } from './user-view.js';

/** A failed SaveResult when `view`'s user may not write `fields` (to `existing`, for updates); else undefined. */
export function refuseByAccess(view: UserView, def: SObjectDef, fields: Record<string, unknown>, existing?: SRecord): SaveResult | undefined {
  const id = existing?.Id ?? null;
  if (existing && !view.edits(existing)) {
    return saveFailure(id, [saveError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id')]);
  }
  const readOnly: string[] = [];
  for (const name of Object.keys(fields)) {
    const field = def.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field) continue; // the store answers unknown fields itself
    const access = view.fieldAccess(def.name, field);
    if (access === 'none') return saveFailure(id, [saveError('INVALID_FIELD', `No such column '${name}' on sobject of type ${def.name}`)]);
    if (access === 'read') readOnly.push(field.name);
  }
  if (readOnly.length === 0) return undefined;
  return saveFailure(id, [
    saveError(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      readOnly,
    ),
  ]);
}
