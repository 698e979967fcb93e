/**
 * The rows of the who-relation views (TaskWhoRelation, EventWhoRelation): the contact and lead
 * rows of TaskRelation and EventRelation (an EventRelation counts when it is a parent relation,
 * IsParent), each with the person's Type. Built on read from the stored relations, so the views
 * can never disagree with them.
 */
import { KEY_PREFIX } from '../ids.js';
import type { SRecord } from '../model.js';
import { WHO_RELATION_VIEWS, isWhoRelationView } from '../schema/shared-activities.js';
import type { RecordTables } from './record-tables.js';

/** Whether a stored TaskRelation/EventRelation row relates a contact or lead (and, for an event, as a parent). */
export function isWhoRelation(row: SRecord): boolean {
  if (row.IsWhat === true) return false;
  return !('IsParent' in row) || row.IsParent === true;
}

/** The person type of a who relation's RelationId. */
export function personType(id: unknown): 'Contact' | 'Lead' | null {
  if (typeof id !== 'string') return null;
  if (id.startsWith(KEY_PREFIX.Contact)) return 'Contact';
  return id.startsWith(KEY_PREFIX.Lead) ? 'Lead' : null;
}

function viewRow(row: SRecord, activityField: string): SRecord {
  return {
    Id: row.Id,
    [activityField]: row[activityField],
    RelationId: row.RelationId,
    Type: personType(row.RelationId),
    AccountId: row.AccountId ?? null,
    IsDeleted: row.IsDeleted,
    CreatedDate: row.CreatedDate,
    CreatedById: row.CreatedById,
    LastModifiedDate: row.LastModifiedDate,
    LastModifiedById: row.LastModifiedById,
    SystemModstamp: row.SystemModstamp,
  };
}

function whoRows(rows: Iterable<SRecord>, activityField: string): SRecord[] {
  const out: SRecord[] = [];
  for (const row of rows) if (isWhoRelation(row) && personType(row.RelationId) !== null) out.push(viewRow(row, activityField));
  return out;
}

/** Every row of a who-relation view (deleted ones included, flagged), or undefined for any other object. */
export function whoRelationViewRows(tables: RecordTables, objectName: string): SRecord[] | undefined {
  const name = tables.table(objectName)?.name;
  if (name === undefined || !isWhoRelationView(name)) return undefined;
  const view = WHO_RELATION_VIEWS[name];
  return whoRows(tables.table(view.base)!.rows, view.activityField);
}

/** A view's rows under one activity (`field` must be the view's TaskId/EventId), or undefined for any other object. */
export function whoRelationViewChildren(tables: RecordTables, objectName: string, field: string, parentId18: string): SRecord[] | undefined {
  const name = tables.table(objectName)?.name;
  if (name === undefined || !isWhoRelationView(name)) return undefined;
  const view = WHO_RELATION_VIEWS[name];
  if (field.toLowerCase() !== view.activityField.toLowerCase()) return [];
  const base = tables.table(view.base)!;
  return whoRows(tables.children(base, view.activityField, parentId18), view.activityField);
}
