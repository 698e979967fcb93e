/**
 * What the Bulk API 2.0 side of the Salesforce port (`BulkDealReader` in ports.ts) reads: the rows
 * a deal read needs, one object at a time (Bulk 2.0 has no child subqueries).
 */

/** The objects one deal read spans; each is one Bulk query job. */
export const BULK_OBJECTS = ['Opportunity', 'OpportunityContactRole', 'OpportunityHistory', 'OpportunityFieldHistory', 'Task', 'Event', 'TaskRelation', 'EventRelation'] as const;
export type BulkObject = (typeof BULK_OBJECTS)[number];

/** One row of a Bulk read: its object, its own id, the deal it belongs to and its fields (opaque to the use cases). */
export interface BulkRow {
  object: BulkObject;
  id: string;
  dealId: string;
  record: Record<string, unknown>;
}

/** Which deals a Bulk read covers, as a filter the adapter turns into SOQL. */
export type BulkDealScope = { kind: 'full'; filterableRiskFields: readonly string[] } | { kind: 'all' };
