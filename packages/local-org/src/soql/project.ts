/**
 * Shapes rows as Salesforce's REST API returns them: `attributes {type, url}` first, then the
 * selected fields in the order selected with their canonical names, parent paths as nested
 * records (null when the lookup is empty) and child subqueries as `{totalSize, done, records}`
 * (null when there are no rows).
 */
import type { SRecord } from '../model.js';
import { readField } from '../schema/compound.js';
import { type ExecContext, aggregateValue, queryRows, valueAt } from './evaluate.js';
import { childRows } from './activity-views.js';
import type { ChildPlan, FieldRef, QueryPlan } from './plan.js';
import { type TypeofItem, nameValue } from './polymorphic.js';

/** A record on the wire. */
export interface WireRecord {
  attributes: { type: string; url?: string };
  [field: string]: unknown;
}

/** A child relationship's nested result. */
export interface ChildResult {
  totalSize: number;
  done: true;
  records: WireRecord[];
}

/** Formats an API version as in URLs: 62 → '62.0'. */
export function formatApiVersion(version: number | string): string {
  return typeof version === 'number' ? version.toFixed(1) : version;
}

/** A record's REST URL, as `attributes.url` and a create's Location header carry it. */
export function recordUrl(apiVersion: number | string, type: string, id: string): string {
  return `/services/data/v${formatApiVersion(apiVersion)}/sobjects/${type}/${id}`;
}

function attributes(type: string, id: string, apiVersion: string): WireRecord['attributes'] {
  return { type, url: recordUrl(apiVersion, type, id) };
}

/** Writes a parent path into `record`, creating (or reusing) the nested parent records on the way. */
function putPath(record: WireRecord, row: SRecord, ref: FieldRef, ctx: ExecContext, apiVersion: string): void {
  let container: Record<string, unknown> = record;
  let current: SRecord = row;
  for (const hop of ref.hops) {
    const existing = container[hop.relationshipName];
    if (existing === null) return;
    const id = current[hop.referenceField];
    const parent = typeof id === 'string' ? ctx.data.byId(id) : undefined;
    if (!parent || (parent.IsDeleted && !ctx.includeDeleted)) {
      container[hop.relationshipName] = null;
      return;
    }
    if (existing === undefined) {
      const type = ctx.data.schema.objectForId(parent.Id)?.name ?? 'Name';
      // Through a polymorphic relationship the nested record is a Name, at its real object's URL.
      container[hop.relationshipName] = { attributes: hop.polymorphic ? { type: 'Name', url: recordUrl(apiVersion, type, parent.Id) } : attributes(type, parent.Id, apiVersion) };
    }
    container = container[hop.relationshipName] as Record<string, unknown>;
    current = parent;
  }
  container[ref.field.name] = ref.hops.at(-1)?.polymorphic ? nameValue(current, ref.field.name, ctx.data.schema) : readField(ref.field, current);
}

/** A TYPEOF's nested record: the fields of the branch for the record's object (ELSE's otherwise), or null. */
function typeofRecord(item: TypeofItem, row: SRecord, ctx: ExecContext, apiVersion: string): WireRecord | null {
  const id = row[item.referenceField];
  const target = typeof id === 'string' ? ctx.data.byId(id) : undefined;
  if (!target || (target.IsDeleted && !ctx.includeDeleted)) return null;
  const type = ctx.data.schema.objectForId(target.Id)?.name ?? 'Name';
  const branch = item.branches.find((b) => b.object.name === type);
  const fields = branch?.fields ?? item.otherwise;
  if (!fields) return null;
  const record: WireRecord = { attributes: attributes(type, target.Id, apiVersion) };
  for (const f of fields) record[f.name] = branch ? readField(f, target) : nameValue(target, f.name, ctx.data.schema);
  return record;
}

function childResult(plan: ChildPlan, parent: SRecord, ctx: ExecContext, apiVersion: string): ChildResult | null {
  const rows = queryRows(plan, ctx, childRows(plan.object, plan.parentField, parent.Id, ctx));
  if (rows.length === 0) return null;
  return { totalSize: rows.length, done: true, records: rows.map((row) => projectRecord(plan, row, ctx, apiVersion)) };
}

/** One row as a wire record. */
export function projectRecord(plan: QueryPlan, row: SRecord, ctx: ExecContext, apiVersion: string): WireRecord {
  const record: WireRecord = { attributes: attributes(plan.object.name, row.Id, apiVersion) };
  for (const item of plan.select) {
    if (item.kind === 'field') {
      if (item.ref.hops.length === 0) record[item.ref.field.name] = readField(item.ref.field, row);
      else putPath(record, row, item.ref, ctx, apiVersion);
    } else if (item.kind === 'child') {
      record[item.plan.relationshipName] = childResult(item.plan, row, ctx, apiVersion);
    } else if (item.kind === 'typeof') {
      record[item.relationshipName] = typeofRecord(item, row, ctx, apiVersion);
    }
  }
  return record;
}

/** One group as an AggregateResult: grouped fields under their own name, aggregates as alias or exprN. */
export function projectGroup(plan: QueryPlan, rows: readonly SRecord[], ctx: ExecContext): WireRecord {
  const record: WireRecord = { attributes: { type: 'AggregateResult' } };
  for (const item of plan.select) {
    if (item.kind === 'field') record[item.alias ?? item.ref.field.name] = rows[0] ? valueAt(rows[0], item.ref, ctx) : null;
    else if (item.kind === 'aggregate') record[item.name] = aggregateValue(item.fn, item.ref, rows, ctx);
  }
  return record;
}
