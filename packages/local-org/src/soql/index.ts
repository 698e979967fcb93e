/**
 * The local org's SOQL engine: parses and validates a statement against the org's schema, then
 * runs it over the org's rows as Salesforce would, refusing what Salesforce refuses with its
 * error codes (SoqlError). Paging of the top level (batchSize, nextRecordsUrl) is the HTTP
 * layer's job: {@link executeQuery} returns every matching row, {@link executePageableQuery} finds
 * them and projects each when its page is read.
 */
import type { OrgData, OrgSchema } from '../model.js';
import { type QueryColumns, queryColumns } from './columns.js';
import { newContext, queryGroups, queryRows } from './evaluate.js';
import { type QueryPlan, planQuery } from './plan.js';
import { childRelationshipNames, longTextAreaCount } from './page-shape.js';
import { type WireRecord, formatApiVersion, projectGroup, projectRecord } from './project.js';

export type { ColumnMetadata, QueryColumns } from './columns.js';
export type { ChildResult, WireRecord } from './project.js';
export { recordUrl } from './project.js';
export { SoqlError, isSoqlError, type SoqlErrorCode } from './soql-error.js';
export { MAX_OFFSET, MAX_SOQL_LENGTH } from './plan.js';

export interface QueryOptions {
  /** queryAll: deleted rows are visible, with IsDeleted = true. */
  includeDeleted: boolean;
  /** For the records' `attributes.url`: 62 or '62.0'. Defaults to 62.0. */
  apiVersion?: number | string;
}

export interface QueryResult {
  /** Rows matched (for SELECT COUNT(): the count, with no records). */
  totalSize: number;
  records: WireRecord[];
}

/**
 * A result whose rows are found (filtered, ordered, windowed) when the query runs, and whose wire
 * records (fields, parent paths, child subqueries) are built only when read: a page of 2,000 rows
 * costs its own records, not the whole result's. Salesforce's cursor works so too: "querying a
 * standard or custom object gathers all the IDs and creates a server-side cursor to page through"
 * (SOAP API Developer Guide, queryMore()), so a later page shows its records as they are then.
 */
export interface PageableResult {
  /** Rows matched (for SELECT COUNT(): the count, with no records). */
  totalSize: number;
  /** Records the result holds (0 for COUNT()). */
  length: number;
  /** The record at `index` (0 ≤ index < length), projected now. */
  record(index: number): WireRecord;
  /** The child relationships every record carries (each `null` or a {@link ChildResult}). */
  childRelationships: string[];
  /** Long text area fields selected, subqueries included: two or more cap a page at 200 rows. */
  longTextAreas: number;
  /** GROUP BY: the result must fit one page (aggregate queries have no query locator). */
  grouped: boolean;
}

const DEFAULT_API_VERSION = '62.0';

/** Runs a SOQL statement against the org's data. Throws SoqlError for what Salesforce refuses. */
export function executeQuery(soql: string, data: OrgData, options: QueryOptions): QueryResult {
  return run(planFor(soql, data, options), data, options);
}

/** {@link executeQuery}, with what the HTTP layer needs to cut the result into pages. */
export function executePageableQuery(soql: string, data: OrgData, options: QueryOptions): PageableResult {
  const plan = planFor(soql, data, options);
  const shape = { childRelationships: childRelationshipNames(plan), longTextAreas: longTextAreaCount(plan), grouped: plan.groupBy.length > 0 };
  if (plan.countOnly || plan.aggregate) {
    const { totalSize, records } = run(plan, data, options);
    return { totalSize, length: records.length, record: (index) => records[index]!, ...shape };
  }
  const ctx = newContext(data, options.includeDeleted);
  const apiVersion = formatApiVersion(options.apiVersion ?? DEFAULT_API_VERSION);
  const rows = queryRows(plan, ctx);
  return { totalSize: rows.length, length: rows.length, record: (index) => projectRecord(plan, rows[index]!, ctx, apiVersion), ...shape };
}

/** The plan at the request's API version (it decides how deep child subqueries may nest). */
function planFor(soql: string, data: OrgData, options: QueryOptions): QueryPlan {
  return planQuery(soql, data.schema, data.clock.now(), Number.parseFloat(formatApiVersion(options.apiVersion ?? DEFAULT_API_VERSION)));
}

function run(plan: QueryPlan, data: OrgData, options: QueryOptions): QueryResult {
  const ctx = newContext(data, options.includeDeleted);
  const apiVersion = formatApiVersion(options.apiVersion ?? DEFAULT_API_VERSION);
  if (plan.countOnly) return { totalSize: queryRows(plan, ctx).length, records: [] };
  if (plan.aggregate) {
    const records = queryGroups(plan, ctx).map((group) => projectGroup(plan, group, ctx));
    return { totalSize: records.length, records };
  }
  const records = queryRows(plan, ctx).map((row) => projectRecord(plan, row, ctx, apiVersion));
  return { totalSize: records.length, records };
}

/** Column metadata for `?columns=true` (validated like the query: same SoqlErrors). */
export function describeQueryColumns(soql: string, schema: OrgSchema): QueryColumns {
  return queryColumns(soql, schema);
}
