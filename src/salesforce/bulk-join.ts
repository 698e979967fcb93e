import type { BulkObject, BulkRow } from '../sync/bulk-read-port.js';
import type { WireRecord } from './map-records.js';

/**
 * Joins the rows of a Bulk read by deal into Opportunity records shaped as the REST query with
 * child subqueries returns them (soql.ts `opportunitiesQuery`), so both read paths map through the
 * same code and scoring gets the same input. Bulk results come in no particular order (a Bulk
 * query has no ORDER BY, see bulk-soql.ts): each child set is sorted as the REST query orders it,
 * by CreatedDate then Id for the histories, by Id for the rest.
 */

/** The REST child relationship each joined object fills on the Opportunity. */
const CHILD_SETS: Partial<Record<BulkObject, string>> = {
  OpportunityContactRole: 'OpportunityContactRoles',
  OpportunityHistory: 'OpportunityHistories',
  OpportunityFieldHistory: 'Histories',
  Task: 'Tasks',
  Event: 'Events',
};

/** Who-relation rows: the activity they belong to and the REST relationship they fill on it. */
const WHO_SETS = {
  TaskRelation: { activityField: 'TaskId', relationship: 'TaskWhoRelations' },
  EventRelation: { activityField: 'EventId', relationship: 'EventWhoRelations' },
} as const;

const HISTORIES: ReadonlySet<BulkObject> = new Set(['OpportunityHistory', 'OpportunityFieldHistory']);

function byId(a: BulkRow, b: BulkRow): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function byCreatedThenId(a: BulkRow, b: BulkRow): number {
  const ac = typeof a.record.CreatedDate === 'string' ? a.record.CreatedDate : '';
  const bc = typeof b.record.CreatedDate === 'string' ? b.record.CreatedDate : '';
  return ac < bc ? -1 : ac > bc ? 1 : byId(a, b);
}

/** A child set as REST returns one read to its end. */
const childSet = (records: WireRecord[]) => ({ done: true, records });

/** The Opportunity records of the deals among `rows`, each with its child sets, in Id order. */
export function joinDealRows(rows: readonly BulkRow[]): WireRecord[] {
  const byObject = new Map<BulkObject, BulkRow[]>();
  for (const row of rows) {
    const list = byObject.get(row.object);
    if (list) list.push(row);
    else byObject.set(row.object, [row]);
  }
  const sorted = (object: BulkObject) => (byObject.get(object) ?? []).sort(HISTORIES.has(object) ? byCreatedThenId : byId);

  // Who-relations by activity id: RelationId only, as the REST subquery selects.
  const who = new Map<string, WireRecord[]>();
  for (const [object, { activityField }] of Object.entries(WHO_SETS) as [keyof typeof WHO_SETS, (typeof WHO_SETS)[keyof typeof WHO_SETS]][]) {
    for (const row of sorted(object)) {
      const activityId = String(row.record[activityField]);
      const relations = who.get(activityId);
      if (relations) relations.push({ RelationId: row.record.RelationId });
      else who.set(activityId, [{ RelationId: row.record.RelationId }]);
    }
  }

  const deals = new Map<string, WireRecord>();
  for (const row of sorted('Opportunity')) {
    const deal: WireRecord = { ...row.record };
    for (const relationship of Object.values(CHILD_SETS)) deal[relationship] = childSet([]);
    deals.set(row.dealId, deal);
  }
  for (const [object, relationship] of Object.entries(CHILD_SETS) as [BulkObject, string][]) {
    for (const row of sorted(object)) {
      const deal = deals.get(row.dealId);
      if (!deal) continue;
      // The join columns (OpportunityId, WhatId) stay: the mapping reads by name and ignores them.
      const record = { ...row.record };
      if (object === 'Task') record.TaskWhoRelations = childSet(who.get(row.id) ?? []);
      if (object === 'Event') record.EventWhoRelations = childSet(who.get(row.id) ?? []);
      (deal[relationship] as { records: WireRecord[] }).records.push(record);
    }
  }
  return [...deals.values()];
}
