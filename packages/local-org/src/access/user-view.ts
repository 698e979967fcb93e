/**
 * The org as one user sees it, as Salesforce enforces it on the API:
 * - field-level security: a field the user cannot read is absent from describe and from SOQL
 *   (INVALID_FIELD, "No such column"), a read-only one describes as neither createable nor
 *   updateable;
 * - record visibility: without View All Data (or View All on Opportunity) and under a Private
 *   org-wide default (Organization.DefaultOpportunityAccess = None), a user sees only the
 *   opportunities they own, and only those opportunities' contact roles, history and activities.
 * https://help.salesforce.com/s/articleView?id=sf.admin_fls.htm
 */
import type { FieldDef, OrgData, OrgSchema, SRecord } from '../model.js';
import { fieldView } from '../schema/field-view.js';
import type { FieldAccess, UserAccess } from './user-access.js';
import { userAccess } from './user-access.js';

/** Objects whose rows are visible exactly when their opportunity is ("controlled by parent"). */
const CONTROLLED_BY_OPPORTUNITY: Readonly<Record<string, string>> = {
  opportunitycontactrole: 'OpportunityId',
  opportunityhistory: 'OpportunityId',
  opportunityfieldhistory: 'OpportunityId',
};

export interface UserView {
  access: UserAccess;
  /** The schema with hidden fields removed and read-only ones marked so. */
  schema: OrgSchema;
  /** What SOQL reads: the rows the user may see, described by {@link schema}. */
  data: OrgData;
  /** Field-level security of a field, by the full schema's definition. */
  fieldAccess(objectName: string, field: FieldDef): FieldAccess;
  /** Whether the user may see this record. */
  sees(record: SRecord): boolean;
  /** Whether sharing lets the user edit this record (Modify All, a Public Read/Write default, or ownership). */
  edits(record: SRecord): boolean;
}

/** Hidden fields removed, read-only ones marked neither createable nor updateable. */
function schemaView(schema: OrgSchema, access: UserAccess): OrgSchema {
  return fieldView(schema, (def, f) => {
    const level = access.field(def.name, f);
    if (level === 'none') return undefined;
    return level === 'read' && (f.createable || f.updateable) ? { ...f, createable: false, updateable: false } : f;
  });
}

/** The view of `userId` over `data` (the full org). Computed once; the access rows are read-only. */
export function userView(data: OrgData, userId: string): UserView {
  const access = userAccess(data, userId);
  const organization = [...data.rows('Organization')][0];
  const sharing = (organization?.DefaultOpportunityAccess as string | null | undefined) ?? 'None';
  const seesAllOpportunities = access.seesAll('Opportunity') || sharing === 'Read' || sharing === 'Edit';
  const opportunityVisible = (id: unknown): boolean => {
    if (seesAllOpportunities || typeof id !== 'string') return true;
    const opportunity = data.byId(id);
    return opportunity === undefined || opportunity.OwnerId === userId;
  };
  const sees = (record: SRecord): boolean => {
    if (seesAllOpportunities) return true;
    const object = data.schema.objectForId(record.Id)?.name.toLowerCase();
    if (object === 'opportunity') return record.OwnerId === userId;
    const parentField = object ? CONTROLLED_BY_OPPORTUNITY[object] : undefined;
    if (parentField) return opportunityVisible(record[parentField]);
    if (object === 'task' || object === 'event') {
      const what = record.WhatId;
      return record.OwnerId === userId || typeof what !== 'string' || !what.startsWith('006') || opportunityVisible(what);
    }
    return true;
  };
  const filtered = (rows: Iterable<SRecord>): Iterable<SRecord> => (seesAllOpportunities ? rows : [...rows].filter(sees));
  const view: OrgData = {
    schema: schemaView(data.schema, access),
    clock: data.clock,
    rows: (objectName) => filtered(data.rows(objectName)),
    byId: (id) => {
      const record = data.byId(id);
      return record && sees(record) ? record : undefined;
    },
    children: (childObject, field, parentId) => {
      const rows = data.children(childObject, field, parentId);
      return seesAllOpportunities ? rows : rows.filter(sees);
    },
  };
  return {
    access,
    schema: view.schema,
    data: view,
    fieldAccess: (objectName, field) => access.field(objectName, field),
    sees,
    edits: (record) => {
      const object = data.schema.objectForId(record.Id)?.name;
      if (object !== 'Opportunity') return sees(record);
      return access.editsAll('Opportunity') || sharing === 'Edit' || record.OwnerId === userId;
    },
  };
}
