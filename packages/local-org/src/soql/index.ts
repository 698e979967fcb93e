/**
 * The local org's SOQL engine: parses and validates a statement against the org's schema, then
 * runs it over the org's rows as Salesforce would, refusing what Salesforce refuses with its
 * error codes (SoqlError). Paging of the top level (batchSize, nextRecordsUrl) is the HTTP
 * layer's job: every matching row is returned.
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

/** A result with what decides how it pages (see the HTTP layer's query-pages.ts). */
export interface PageableResult extends QueryResult {
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
  return { ...run(plan, data, options), childRelationships: childRelationshipNames(plan), longTextAreas: longTextAreaCount(plan), grouped: plan.groupBy.length > 0 };
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
